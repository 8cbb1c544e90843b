"""A child process for the fault tests: answers questions in a loop and acknowledges each
write on stdout only after the service call has returned (the write is then committed)."""

from __future__ import annotations

import sys

from aeo_assess.questionnaires.registry import find
from aeo_assess.services import assessments
from aeo_assess.services.context import open_context


def main() -> None:
    url, assessment_id, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = open_context(url)
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    questions = [q.id for q in questionnaire.questions() if q.type.value == "maturity"]
    print("ready", flush=True)
    for i in range(count):
        question = questions[i % len(questions)]
        assessments.set_comment(ctx, assessment_id, question, f"{tag}-{i}")
        print(f"ok {i} {question}", flush=True)


if __name__ == "__main__":
    main()
