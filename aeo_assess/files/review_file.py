"""The review file ``.aeor``: a customs officer's review, bound to the submission it judges.

The binding is the SHA-256 of the applicant file's ``assessment.json``: the trader's
installation attaches a review only to a submission it exported with exactly that hash, so a
review can never land on answers it was not written about. Specified in
``docs/file-formats.md`` §4. As with the applicant file, the writer runs the reader's checks
on what it writes, so it never produces a file the reader refuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aeo_assess.domain import fields as rules
from aeo_assess.domain.fields import MAX_FINDINGS, FieldRule, first_repeat
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    Severity,
    Verdict,
)
from aeo_assess.files.container import read_signed_container, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.fields import FieldError, Fields, join
from aeo_assess.files.jsonio import dump_json, format_utc, load_json, parse_date
from aeo_assess.files.signing import Signer, SignerInfo
from aeo_assess.messages import Message

FORMAT = "aeo-assess.review"
FORMAT_VERSION = "1.1"
"""1.1 added the optional signature (issue 16); 1.0 files read unchanged, as unsigned."""
REVIEW = "review.json"

_IDENTIFIER = FieldRule(Message("field.identifier", "identifier"), 300)
"""A questionnaire id, version or criterion id as the review file names it."""

_ROOT_KEYS = frozenset(
    {
        "submission",
        "reviewer",
        "started_at",
        "updated_at",
        "progress",
        "questions",
        "findings",
        "outcome",
        "outcome_note",
    }
)
_SUBMISSION_KEYS = frozenset({"sha256", "questionnaire"})
_QUESTIONNAIRE_KEYS = frozenset({"id", "version"})
_PROGRESS_KEYS = frozenset({"reviewed", "total"})
_QUESTION_KEYS = frozenset({"verdict", "remark", "remark_status", "who", "at"})
_FINDING_KEYS = frozenset(
    {"id", "severity", "criterion", "text", "required_action", "due", "who", "at"}
)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_FINDING_ID = re.compile(r"[A-Za-z0-9._-]{1,64}", re.ASCII)


@dataclass(frozen=True)
class Binding:
    """Which submission a review judges: what the receiving side looks up before reading on."""

    submission_sha256: str
    questionnaire_id: str
    questionnaire_version: str


@dataclass(frozen=True)
class ReviewFile:
    binding: Binding
    review: Review
    """``assessment_id`` is empty: the receiving side decides where the review belongs."""
    sha256: str
    """SHA-256 of ``review.json``: the same review file is imported once."""
    signer: SignerInfo | None = None
    """Who signed the file (signature verified); None when it is unsigned."""


QuestionnaireFor = Callable[[Binding], Questionnaire]
"""Given the binding, the questionnaire of that submission here; raises to refuse the file."""


_FIELDS = Fields(REVIEW)
_Invalid = FieldError
_fail, _join = _FIELDS.fail, join
_object, _text, _pattern, _moment = _FIELDS.object, _FIELDS.text, _FIELDS.pattern, _FIELDS.moment


# --- writing ---------------------------------------------------------------------------------


def write_review_file(
    review: Review,
    binding: Binding,
    questionnaire: Questionnaire,
    *,
    created_at: dt.datetime | None = None,
    signer: Signer | None = None,
) -> bytes:
    """The ``.aeor`` bytes, signed by ``signer`` if given; deterministic for the same review (``created_at`` defaults to the
    review's last change). Raises FileFormatError naming the field when it cannot be written."""
    document = _review_json(review, binding)
    try:
        _parse(document, questionnaire)
    except _Invalid as error:
        raise FileFormatError(Message(
            "review_file.cannot_write_review_file",
            "cannot write the review file: {error}",
            error=error,
        )) from None
    moment = created_at or review.updated_at or review.started_at or dt.datetime.now(dt.UTC)
    return write_container(FORMAT, FORMAT_VERSION, {REVIEW: dump_json(document)}, moment, signer)


def _utc(moment: dt.datetime | None) -> str | None:
    return None if moment is None else format_utc(moment)


def _review_json(review: Review, binding: Binding) -> dict[str, Any]:
    return {
        "submission": {
            "sha256": binding.submission_sha256,
            "questionnaire": {
                "id": binding.questionnaire_id,
                "version": binding.questionnaire_version,
            },
        },
        "reviewer": review.reviewer,
        "started_at": _utc(review.started_at),
        "updated_at": _utc(review.updated_at),
        "progress": {"reviewed": review.reviewed, "total": review.total},
        "questions": {
            question_id: {
                "verdict": q.verdict,
                "remark": q.remark,
                "remark_status": q.remark_status,
                "who": q.who,
                "at": format_utc(q.at),
            }
            for question_id, q in sorted(review.questions.items())
        },
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "criterion": f.criterion_id,
                "text": f.text,
                "required_action": f.required_action,
                "due": None if f.due is None else f.due.isoformat(),
                "who": f.who,
                "at": format_utc(f.at),
            }
            for f in review.findings
        ],
        "outcome": review.outcome,
        "outcome_note": review.outcome_note,
    }


# --- reading ---------------------------------------------------------------------------------


def read_review_file(data: bytes, file_name: str, questionnaire_for: QuestionnaireFor) -> ReviewFile:
    """Read and verify an ``.aeor``; raises FileFormatError naming the file and the problem.

    The container and its hashes are verified first, then the binding; ``questionnaire_for``
    finds the bound submission here (and refuses, by raising, when there is none), and every
    question and criterion id is checked against that submission's questionnaire.
    """
    contents = read_signed_container(data, file_name, FORMAT)
    members = contents.data
    extra = sorted(set(members) - {REVIEW})
    if extra:
        raise FileFormatError(Message(
            "review_file.unexpected_member",
            "{file_name}: unexpected member '{extra}'",
            file_name=file_name, extra=extra[0],
        ))
    if REVIEW not in members:
        raise FileFormatError(Message(
            "review_file.missing",
            "{file_name}: missing {review}",
            file_name=file_name, review=REVIEW,
        ))
    raw = members[REVIEW]
    document = load_json(raw, f"{file_name}: {REVIEW}")
    try:
        binding = _binding(document)
    except _Invalid as error:
        raise FileFormatError(Message(
            "review_file.in_place",
            "{file_name}: {error}",
            file_name=file_name, error=error,
        )) from None
    questionnaire = questionnaire_for(binding)
    try:
        review = _parse(document, questionnaire)
    except _Invalid as error:
        raise FileFormatError(Message(
            "review_file.in_place",
            "{file_name}: {error}",
            file_name=file_name, error=error,
        )) from None
    return ReviewFile(binding, review, hashlib.sha256(raw).hexdigest(), contents.signer)





def _enum[E: (Verdict, RemarkStatus, Severity, Outcome)](
    value: Any, path: str, kind: type[E]
) -> E:
    if not isinstance(value, str) or value not in {member.value for member in kind}:
        raise _fail(path, Message(
            "review_file.must_be_one",
            "must be one of {members}",
            members=', '.join(member.value for member in kind),
        ))
    return kind(value)



def _count(value: Any, path: str) -> int:
    if type(value) is not int or value < 0:
        raise _fail(path, Message(
            "review_file.must_be_whole_number",
            "must be a whole number, 0 or more",
        ))
    return value


def _binding(document: Any) -> Binding:
    root = _object(document, "", _ROOT_KEYS)
    submission = _object(root["submission"], "submission", _SUBMISSION_KEYS)
    reference = _object(
        submission["questionnaire"], "submission.questionnaire", _QUESTIONNAIRE_KEYS
    )
    return Binding(
        submission_sha256=_pattern(
            submission["sha256"], "submission.sha256", _SHA256, "64 lowercase hex digits"
        ),
        questionnaire_id=_text(reference["id"], "submission.questionnaire.id", _IDENTIFIER),
        questionnaire_version=_text(
            reference["version"], "submission.questionnaire.version", _IDENTIFIER
        ),
    )


def _question(raw: Any, question_id: str, path: str) -> QuestionReview:
    fields = _object(raw, path, _QUESTION_KEYS)
    verdict = None if fields["verdict"] is None else _enum(
        fields["verdict"], _join(path, "verdict"), Verdict
    )
    remark = _text(fields["remark"], _join(path, "remark"), rules.REMARK)
    status_path = _join(path, "remark_status")
    status = None if fields["remark_status"] is None else _enum(
        fields["remark_status"], status_path, RemarkStatus
    )
    if remark and status is None:
        raise _fail(status_path, Message(
            "review_file.must_be_open_or",
            "must be open or resolved: the question has a remark",
        ))
    if not remark and status is not None:
        raise _fail(status_path, Message(
            "review_file.must_be_null_question",
            "must be null: the question has no remark",
        ))
    if verdict is None and not remark:
        raise _fail(path, Message(
            "review_file.has_neither_verdict_nor",
            "has neither a verdict nor a remark; leave the question out instead",
        ))
    return QuestionReview(
        question_id=question_id,
        verdict=verdict,
        remark=remark,
        remark_status=status,
        who=_text(fields["who"], _join(path, "who"), rules.PERSON),
        at=_moment(fields["at"], _join(path, "at")),
    )


def _finding(raw: Any, path: str, questionnaire: Questionnaire) -> Finding:
    fields = _object(raw, path, _FINDING_KEYS)
    criterion_path = _join(path, "criterion")
    criterion = _text(fields["criterion"], criterion_path, _IDENTIFIER)
    if criterion not in {c.id for c in questionnaire.criteria}:
        raise _fail(
            criterion_path,
            Message(
                "review_file.there_no_criterion_in",
                "there is no criterion '{criterion}' in questionnaire {questionnaire_id} "
                "{questionnaire_version}",
                criterion=criterion, questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
            ),
        )
    text_path = _join(path, "text")
    text = _text(fields["text"], text_path, rules.FINDING_TEXT)
    if not text.strip():
        raise _fail(text_path, Message("review_file.must_not_be_empty", "must not be empty"))
    due_path = _join(path, "due")
    due: dt.date | None = None
    if fields["due"] is not None:
        due = parse_date(fields["due"]) if isinstance(fields["due"], str) else None
        if due is None:
            raise _fail(due_path, Message(
                "review_file.must_be_calendar_date",
                "must be a calendar date written YYYY-MM-DD, or null",
            ))
    return Finding(
        id=_pattern(
            fields["id"], _join(path, "id"), _FINDING_ID,
            "1 to 64 ASCII letters, digits, '.', '_' or '-'",
        ),
        severity=_enum(fields["severity"], _join(path, "severity"), Severity),
        criterion_id=criterion,
        text=text,
        required_action=_text(
            fields["required_action"], _join(path, "required_action"), rules.REQUIRED_ACTION
        ),
        due=due,
        who=_text(fields["who"], _join(path, "who"), rules.PERSON),
        at=_moment(fields["at"], _join(path, "at")),
    )


def _parse(document: Any, questionnaire: Questionnaire) -> Review:
    """The review; raises _Invalid naming the first field that is wrong."""
    binding = _binding(document)
    root = document
    for key, expected in (
        ("id", questionnaire.id),
        ("version", questionnaire.version),
    ):
        found = getattr(binding, f"questionnaire_{key}")
        if found != expected:
            raise _fail(
                _join("submission.questionnaire", key),
                Message(
                    "review_file.but_submission_was_answered",
                    "is '{found}' but the submission was answered on '{expected}'",
                    found=found, expected=expected,
                ),
            )
    questions: dict[str, QuestionReview] = {}
    for question_id, raw in _object(root["questions"], "questions").items():
        path = _join("questions", question_id)
        if not questionnaire.has_question(question_id):
            raise _fail(
                path,
                Message(
                    "review_file.there_no_question_in",
                    "there is no question '{question_id}' in questionnaire {questionnaire_id} "
                    "{questionnaire_version}",
                    question_id=question_id, questionnaire_id=questionnaire.id,
                    questionnaire_version=questionnaire.version,
                ),
            )
        questions[question_id] = _question(raw, question_id, path)
    findings = tuple(
        _finding(raw, _join("findings", index), questionnaire)
        for index, raw in enumerate(_FIELDS.list(root["findings"], "findings", MAX_FINDINGS))
    )
    repeat = first_repeat([f.id for f in findings])
    if repeat is not None:
        raise _fail(
            _join(_join("findings", repeat), "id"), Message(
                "review_file.used_twice",
                "'{id}' is used twice",
                id=findings[repeat].id,
            )
        )
    progress = _object(root["progress"], "progress", _PROGRESS_KEYS)
    reviewed = _count(progress["reviewed"], "progress.reviewed")
    total = _count(progress["total"], "progress.total")
    verdicts = sum(1 for q in questions.values() if q.verdict is not None)
    if reviewed != verdicts:
        raise _fail("progress.reviewed", Message(
            "review_file.but_questions_have_verdict",
            "is {reviewed} but {verdicts} question has a verdict",
            plural="is {reviewed} but {verdicts} questions have a verdict", count=verdicts,
            reviewed=reviewed, verdicts=verdicts,
        ))
    if not reviewed <= total <= len(questionnaire.questions()):
        raise _fail(
            "progress.total",
            Message(
                "review_file.must_be_between_verdicts",
                "must be between {reviewed} (the verdicts given) and "
                "{questions_questionnaire_count} (the questionnaire's questions)",
                reviewed=reviewed, questions_questionnaire_count=len(questionnaire.questions()),
            ),
        )
    outcome = None if root["outcome"] is None else _enum(root["outcome"], "outcome", Outcome)
    return Review(
        assessment_id="",
        submission_sha256=binding.submission_sha256,
        questions=questions,
        findings=findings,
        outcome=outcome,
        outcome_note=_text(root["outcome_note"], "outcome_note", rules.OUTCOME_NOTE),
        reviewed=reviewed,
        total=total,
        reviewer=_text(root["reviewer"], "reviewer", rules.PERSON),
        started_at=None if root["started_at"] is None else _moment(root["started_at"], "started_at"),
        updated_at=None if root["updated_at"] is None else _moment(root["updated_at"], "updated_at"),
    )
