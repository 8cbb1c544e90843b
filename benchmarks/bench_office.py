"""Issue 18: the office formats for the full safe-aeo questionnaire, in process, each beside a
baseline measured in the same run.

1. The blank questionnaire (every role, both AEO types) against the readiness report PDF of a
   fully answered assessment: both lay out every question.
2. The readiness report as DOCX against the same report as PDF (one story, two writers).
3. The XLSX workbook (answers, gaps, plan) against the answers alone written as CSV, and
   reading the answers back from each.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from aeo_assess.domain.vocabulary import AEO_TYPES, ROLES
from aeo_assess.reporting import render_readiness_report
from aeo_assess.reporting.questionnaire_form import render_questionnaire_form
from aeo_assess.reporting.word import render_readiness_docx
from aeo_assess.scoring import score
from aeo_assess.services import csv_answers, spreadsheets
from benchmarks.timing import median_seconds, report
from tests.reporting.samples import full_assessment, safe_aeo

REPEAT = 5


def main() -> None:
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, evidence=20)
    card = score(questionnaire, assessment)
    now = dt.datetime.now(dt.UTC)
    common = {"language": "es", "page_size": "A4", "generated_at": now}

    pdf = median_seconds(lambda: render_readiness_report(
        questionnaire, assessment, card, **common), REPEAT)
    blank = median_seconds(lambda: render_questionnaire_form(
        questionnaire, roles=frozenset(ROLES), aeo_types=frozenset(AEO_TYPES),
        **common), REPEAT)
    report(f"blank questionnaire PDF ({len(questionnaire.questions())} questions) vs report PDF",
           blank, pdf)
    word = median_seconds(lambda: render_readiness_docx(
        questionnaire, assessment, card, **common), REPEAT)
    report("readiness report DOCX vs the same report PDF", word, pdf)

    book = spreadsheets.workbook_bytes(questionnaire, assessment, card, "es")
    rows = [(q.id, spreadsheets.answer_key(q, assessment.answer(q.id)),
             assessment.answers[q.id].comment, "") for q in questionnaire.questions()]

    def write_csv() -> bytes:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(csv_answers.COLUMNS)
        writer.writerows(rows)
        return text.getvalue().encode()

    sheet = write_csv()
    written = median_seconds(lambda: spreadsheets.workbook_bytes(
        questionnaire, assessment, card, "es"), REPEAT)
    report("XLSX workbook (3 sheets) vs answers as CSV", written,
           median_seconds(write_csv, REPEAT))
    read = median_seconds(lambda: spreadsheets.parse_answers_xlsx(book, "x.xlsx", questionnaire),
                          REPEAT)
    report("read answers back: XLSX vs CSV", read, median_seconds(
        lambda: csv_answers.parse_answers_csv(sheet, "x.csv", questionnaire), REPEAT))
    print(f"  sizes: workbook {len(book) / 1024:.0f} KiB, CSV {len(sheet) / 1024:.0f} KiB",
          flush=True)


if __name__ == "__main__":
    main()
