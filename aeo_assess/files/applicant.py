"""The applicant file ``.aeoa``: an assessment, the questionnaire it was answered on, its evidence.

Specified in ``docs/file-formats.md`` so that other programs can write one. The reader accepts a
file only when every field is valid against the questionnaire inside it; the writer runs the
same checks on what it is about to write, so it never produces a file the reader refuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from aeo_assess.domain import fields as rules
from aeo_assess.domain.answer_values import na_problem, number_range, value_to_json
from aeo_assess.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    Evidence,
    PlanEntry,
    Status,
)
from aeo_assess.domain.fields import first_repeat
from aeo_assess.domain.questionnaire import (
    AEO_TYPES,
    MATURITY_LEVELS,
    ROLES,
    Question,
    Questionnaire,
    QuestionType,
)
from aeo_assess.files.container import MAX_MEMBERS, Member, read_contents, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.fields import FieldError, Fields, join
from aeo_assess.files.jsonio import dump_json, format_utc, load_json
from aeo_assess.files.signing import Signer, SignerInfo
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import differs_from_shipped, parse_known

FORMAT = "aeo-assess.applicant"
FORMAT_VERSION = "1.2"
"""1.1 added the optional profile keys of ``_OPTIONAL_PROFILE``; 1.2 the optional signature
(issue 16). Files of 1.0 and 1.1 read unchanged, as unsigned."""
ASSESSMENT = "assessment.json"
QUESTIONNAIRE = "questionnaire.yaml"
EVIDENCE_PREFIX = "evidence/"
MAX_EVIDENCE = MAX_MEMBERS - 3
"""Each evidence item is a member of its own, beside the manifest, assessment and questionnaire."""

SHOWN_PROBLEMS = 3

_ROOT_KEYS = frozenset({"profile", "questionnaire", "answers", "plan", "evidence"})
_PROFILE_KEYS = frozenset(
    {
        "id",
        "company",
        "tax_id",
        "country",
        "roles",
        "aeo_types",
        "status",
        "demo",
        "created_at",
        "updated_at",
        "previous_submission",
    }
)
_OPTIONAL_PROFILE: dict[str, str | bool] = {"unit": "", "contact": "", "consent": False}
"""Profile keys a file may leave out, with the value meant then. They are written only when
they differ from it, so that a company's file stays byte for byte what 1.0 wrote (its
submission hash unchanged) and files from before 1.1 import as they are."""
_QUESTIONNAIRE_KEYS = frozenset({"id", "version", "sha256"})
_ANSWER_KEYS = frozenset({"value", "na_reason", "comment", "flagged"})
_PLAN_KEYS = frozenset({"owner", "due"})
_EVIDENCE_KEYS = frozenset({"sha256", "name", "media_type", "size", "questions"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_COUNTRY = re.compile(r"[A-Z]{2}", re.ASCII)
_MEDIA_TYPE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}", re.ASCII
)
"""RFC 6838 type/subtype names: at most 127 characters each."""
_NO_ANSWER = Answer()
_NO_PLAN = PlanEntry()
"""An entry equal to these carries nothing and is left out (built once, not per entry)."""



@dataclass(frozen=True)
class ApplicantFile:
    """What an applicant file holds, every part verified."""

    assessment: Assessment
    """Its ``submission_sha256`` is set; ``previous_submission_id`` is a local link, so None."""
    questionnaire_raw: bytes
    """The exact questionnaire file the answers were given on."""
    questionnaire: Questionnaire
    evidence_data: dict[str, bytes]
    """Evidence bytes by SHA-256; empty when read without ``keep_evidence``."""
    submission_sha256: str
    """SHA-256 of the ``assessment.json`` bytes: identifies this submission."""
    previous_submission: str | None
    """The ``submission_sha256`` of the submission this one follows, if any."""
    questionnaire_sha256: str = ""
    """SHA-256 of ``questionnaire_raw``, verified while reading (so not computed again)."""
    signer: SignerInfo | None = None
    """Who signed the file (signature verified); None when it is unsigned."""


_FIELDS = Fields(ASSESSMENT)
_Invalid = FieldError
_fail, _join = _FIELDS.fail, join
_object, _list, _text, _pattern = _FIELDS.object, _FIELDS.list, _FIELDS.text, _FIELDS.pattern
_boolean, _moment, _date = _FIELDS.boolean, _FIELDS.moment, _FIELDS.date


def write_applicant_file(
    assessment: Assessment,
    questionnaire_raw: bytes,
    evidence_data: Mapping[str, bytes],
    *,
    previous_submission: str | None = None,
    created_at: dt.datetime | None = None,
    signer: Signer | None = None,
) -> bytes:
    """The ``.aeoa`` bytes, deterministic: the same arguments give the same bytes.

    ``created_at`` (for the manifest) defaults to the assessment's last update, else its
    creation, so exporting an unchanged assessment twice gives the same file; only an
    assessment with neither gets the current time. Raises FileFormatError, naming the field,
    when the content cannot be written as a valid file.
    """
    questionnaire = _questionnaire(
        questionnaire_raw,
        Message("applicant.cannot_write", "cannot write the applicant file:"),
    )
    if (questionnaire.id, questionnaire.version) != (
        assessment.questionnaire_id,
        assessment.questionnaire_version,
    ):
        raise FileFormatError(
            Message(
                "applicant.cannot_write_applicant_file_assessment",
                "cannot write the applicant file: the assessment was answered on questionnaire "
                "{assessment_questionnaire_id} {assessment_questionnaire_version}, not on "
                "{questionnaire_id} {questionnaire_version}",
                assessment_questionnaire_id=assessment.questionnaire_id,
                assessment_questionnaire_version=assessment.questionnaire_version,
                questionnaire_id=questionnaire.id, questionnaire_version=questionnaire.version,
            )
        )
    questionnaire_sha = hashlib.sha256(questionnaire_raw).hexdigest()
    document = _assessment_json(assessment, questionnaire_sha, previous_submission)
    members = {ASSESSMENT: b"", QUESTIONNAIRE: questionnaire_raw}
    members |= {EVIDENCE_PREFIX + sha: content for sha, content in evidence_data.items()}
    try:
        checked, _ = _parse_assessment(document, questionnaire, questionnaire_sha)
        _check_evidence(
            checked.evidence,
            {name: Member(hashlib.sha256(b).hexdigest(), len(b)) for name, b in members.items()},
        )
    except _Invalid as error:
        raise FileFormatError(Message(
            "applicant.cannot_write_applicant_file",
            "cannot write the applicant file: {error}",
            error=error,
        )) from None
    members[ASSESSMENT] = dump_json(document)
    moment = created_at or assessment.updated_at or assessment.created_at or dt.datetime.now(dt.UTC)
    return write_container(FORMAT, FORMAT_VERSION, members, moment, signer)


def read_applicant_file(
    source: bytes | BinaryIO, file_name: str, *, keep_evidence: bool = True
) -> ApplicantFile:
    """Read and verify an ``.aeoa``; raises FileFormatError naming the file and the problem.

    Without ``keep_evidence`` every evidence file is verified all the same, as it streams past,
    but its bytes are not held (a report needs only the evidence list).
    """
    contents = read_contents(
        io.BytesIO(source) if isinstance(source, bytes) else source,
        file_name,
        FORMAT,
        keep=lambda name: keep_evidence or name in (ASSESSMENT, QUESTIONNAIRE),
        shared=lambda name: name == QUESTIONNAIRE,
    )
    members = contents.data
    for name in (ASSESSMENT, QUESTIONNAIRE):
        if name not in members:
            raise FileFormatError(Message(
                "applicant.missing",
                "{file_name}: missing {name}",
                file_name=file_name, name=name,
            ))
    questionnaire_raw = members[QUESTIONNAIRE]
    questionnaire_sha256 = contents.members[QUESTIONNAIRE].sha256  # verified as it streamed
    questionnaire = _questionnaire(
        questionnaire_raw,
        Message("file.name", "{file_name}:", file_name=file_name),
        questionnaire_sha256,
    )
    raw = members[ASSESSMENT]
    document = load_json(raw, f"{file_name}: {ASSESSMENT}", _max_objects(questionnaire))
    try:
        assessment, previous = _parse_assessment(document, questionnaire, questionnaire_sha256)
        _check_evidence(assessment.evidence, contents.members)
    except _Invalid as error:
        raise FileFormatError(Message(
            "applicant.in_place",
            "{file_name}: {error}",
            file_name=file_name, error=error,
        )) from None
    evidence_data = (
        {item.sha256: members[EVIDENCE_PREFIX + item.sha256] for item in assessment.evidence}
        if keep_evidence
        else {}
    )
    submission = contents.members[ASSESSMENT].sha256
    return ApplicantFile(
        assessment=replace(assessment, submission_sha256=submission),
        questionnaire_raw=questionnaire_raw,
        questionnaire=questionnaire,
        evidence_data=evidence_data,
        submission_sha256=submission,
        previous_submission=previous,
        questionnaire_sha256=questionnaire_sha256,
        signer=contents.signer,
    )


def _max_objects(questionnaire: Questionnaire) -> int:
    """The JSON objects a valid ``assessment.json`` can hold: the root, profile, questionnaire
    reference, answers and plan objects, one answer and one plan entry per question, and the
    evidence items."""
    return 5 + 2 * len(questionnaire.questions()) + MAX_EVIDENCE


_PARSED: dict[str, Questionnaire | Message] = {}
"""Questionnaires (or why they cannot be used) by the SHA-256 of their file, the last few."""
_PARSED_KEPT = 4
_PARSED_LOCK = threading.Lock()
"""The GUI reads files on background threads."""


def _parsed(raw: bytes, sha256: str) -> Questionnaire | Message:
    """The questionnaire, or why it cannot be used.

    Cached by the file's SHA-256, which the reader has already computed while verifying it:
    a workshop imports hundreds of files answered on one questionnaire version, and parsing
    it (or hashing its quarter of a megabyte again) dominated the cost of reading a file.
    """
    known = _PARSED.get(sha256)
    if known is not None:
        return known
    questionnaire, problems = parse_known(raw, QUESTIONNAIRE)
    parsed: Questionnaire | Message
    if questionnaire is None:
        shown = [p.as_message() for p in problems[:SHOWN_PROBLEMS]]
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            parsed = Message(
                "applicant.questionnaire_invalid_more",
                "the questionnaire does not validate: {problems} (and {more} more)",
                problems=shown,
                more=more,
            )
        else:
            parsed = Message(
                "applicant.questionnaire_invalid",
                "the questionnaire does not validate: {problems}",
                problems=shown,
            )
    elif differs_from_shipped(questionnaire.id, questionnaire.version, sha256):
        parsed = Message(
            "applicant.questionnaire_changed",
            "{member} claims to be the shipped questionnaire {id} {version} but differs from "
            "it; a changed questionnaire cannot use that id and version",
            member=QUESTIONNAIRE,
            id=questionnaire.id,
            version=questionnaire.version,
        )
    else:
        parsed = questionnaire
    with _PARSED_LOCK:
        while len(_PARSED) >= _PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[sha256] = parsed
    return parsed


def _questionnaire(raw: bytes, lead: Message, sha256: str | None = None) -> Questionnaire:
    """``sha256``: of ``raw``, when the caller has verified it (else computed here)."""
    parsed = _parsed(raw, sha256 or hashlib.sha256(raw).hexdigest())
    if isinstance(parsed, Message):
        raise FileFormatError(Message("applicant.questionnaire", "{lead} {problem}", lead=lead,
                                      problem=parsed))
    return parsed


def _check_evidence(evidence: tuple[Evidence, ...], members: Mapping[str, Member]) -> None:
    """Every listed item has its member, with that SHA-256 and size, and every member a listing."""
    listed = {item.sha256 for item in evidence}
    for name in members:
        if name in (ASSESSMENT, QUESTIONNAIRE):
            continue
        digest = name.removeprefix(EVIDENCE_PREFIX)
        if name == digest or not _SHA256.fullmatch(digest):
            raise _Invalid(Message(
                "applicant.unexpected_member",
                "unexpected member '{name}'",
                name=name,
            ))
        if digest not in listed:
            raise _Invalid(Message(
                "applicant.member_not_listed_in",
                "member '{name}' is not listed in {assessment} evidence",
                name=name, assessment=ASSESSMENT,
            ))
    for index, item in enumerate(evidence):
        path = _join("evidence", index)
        member = members.get(EVIDENCE_PREFIX + item.sha256)
        if member is None:
            raise _fail(path, Message(
                "applicant.no_member_holds_this",
                "no member '{evidence_prefix}{item_sha256}' holds this evidence",
                evidence_prefix=EVIDENCE_PREFIX, item_sha256=item.sha256,
            ))
        if member.sha256 != item.sha256:
            raise _fail(path, Message(
                "applicant.evidence_bytes_do_not",
                "the evidence bytes do not have this SHA-256",
            ))
        if member.size != item.size:
            raise _fail(
                _join(path, "size"),
                Message(
                    "applicant.says_bytes_but_evidence",
                    "says {item_size} byte but the evidence has {member_size}",
                    plural="says {item_size} bytes but the evidence has {member_size}",
                    count=item.size, item_size=item.size, member_size=member.size,
                ),
            )


# --- writing -------------------------------------------------------------------------------------


def _utc_or_none(moment: dt.datetime | None) -> str | None:
    return None if moment is None else format_utc(moment)


def _encode(value: AnswerValue | None) -> Any:
    return None if value is None else value_to_json(value)


def _assessment_json(
    assessment: Assessment, questionnaire_sha: str, previous_submission: str | None
) -> dict[str, Any]:
    return {
        "profile": {
            "id": assessment.id,
            "company": assessment.company,
            "tax_id": assessment.tax_id,
            "country": assessment.country,
            "roles": sorted(assessment.roles),
            "aeo_types": sorted(assessment.aeo_types),
            "status": str(assessment.status),
            "demo": assessment.demo,
            "created_at": _utc_or_none(assessment.created_at),
            "updated_at": _utc_or_none(assessment.updated_at),
            "previous_submission": previous_submission,
            **{
                key: value
                for key, value in (
                    ("unit", assessment.unit),
                    ("contact", assessment.contact),
                    ("consent", assessment.consent),
                )
                if value != _OPTIONAL_PROFILE[key]
            },
        },
        "questionnaire": {
            "id": assessment.questionnaire_id,
            "version": assessment.questionnaire_version,
            "sha256": questionnaire_sha,
        },
        "answers": {
            question_id: {
                "value": _encode(answer.value),
                "na_reason": answer.na_reason,
                "comment": answer.comment,
                "flagged": answer.flagged,
            }
            for question_id, answer in assessment.answers.items()
        },
        "plan": {
            question_id: {
                "owner": entry.owner,
                "due": None if entry.due is None else entry.due.isoformat(),
            }
            for question_id, entry in assessment.plan.items()
        },
        "evidence": [
            {
                "sha256": item.sha256,
                "name": item.name,
                "media_type": item.media_type,
                "size": item.size,
                "questions": sorted(item.questions),
            }
            for item in assessment.evidence
        ],
    }


# --- reading -------------------------------------------------------------------------------------







def _nullable[T](value: Any, parse: Callable[[Any], T]) -> T | None:
    return None if value is None else parse(value)




def _names(value: Any, path: str, allowed: tuple[str, ...]) -> frozenset[str]:
    items = _list(value, path, len(allowed))
    for index, item in enumerate(items):
        if item not in allowed:
            raise _fail(_join(path, index), Message(
                "applicant.must_be_one_of",
                "must be one of {allowed}",
                allowed=', '.join(allowed),
            ))
    repeat = first_repeat(items)
    if repeat is not None:
        raise _fail(_join(path, repeat), Message(
            "applicant.item_listed_twice",
            "'{item}' is listed twice",
            item=items[repeat],
        ))
    return frozenset(items)


def _question(question_id: Any, path: str, questionnaire: Questionnaire) -> Question:
    if not isinstance(question_id, str):
        raise _fail(path, Message(
            "applicant.must_be_question_id",
            "must be a question id (a string)",
        ))
    if not questionnaire.has_question(question_id):
        raise _fail(
            path,
            Message(
                "applicant.there_no_question_in",
                "there is no question '{question_id}' in questionnaire {questionnaire_id} "
                "{questionnaire_version}",
                question_id=question_id, questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
            ),
        )
    return questionnaire.question(question_id)


def _value(raw: Any, question: Question, path: str) -> AnswerValue:
    """An answer value of the type its question asks for (JSON ``true`` is no maturity level)."""
    kind = question.type
    if kind is QuestionType.MATURITY:
        if type(raw) is not int or not 0 <= raw < MATURITY_LEVELS:
            raise _fail(path, Message(
                "applicant.must_be_whole_number_from",
                "must be a whole number from 0 to {maturity_levels} (maturity)",
                maturity_levels=MATURITY_LEVELS - 1,
            ))
        return raw
    if kind is QuestionType.YES_NO:
        if not isinstance(raw, bool):
            raise _fail(path, Message(
                "applicant.must_be_true_or",
                "must be true or false (yes/no question)",
            ))
        return raw
    if kind is QuestionType.CHOICE:
        if not isinstance(raw, str) or question.option(raw) is None:
            options = ", ".join(f"'{o.value}'" for o in question.options)
            raise _fail(path, Message(
                "applicant.must_be_one_options",
                "must be one of the options {options}",
                options=options,
            ))
        return raw
    if kind is QuestionType.NUMBER:
        if type(raw) not in (int, float) or not math.isfinite(raw):
            raise _fail(path, Message(
                "applicant.must_be_finite_number",
                "must be a finite number",
            ))
        low, high = number_range(question)
        if not low <= raw <= high:
            raise _fail(path, Message(
                "applicant.must_be_number_from",
                "must be a number from {low:g} to {high:g}",
                low=low, high=high,
            ))
        return raw  # type: ignore[no-any-return]
    if kind is QuestionType.TEXT:
        return _text(raw, path, rules.TEXT_ANSWER)
    return _date(raw, path)


def _plain_answer(raw: Any, question: Question) -> Answer | None:
    """The answer an ordinary entry holds (a maturity level, yes or no, or no value; no
    not-applicable reason; a comment the rule accepts), found without building the field
    paths only a refusal needs; None for any other entry, which ``_answer`` checks in full.
    A workshop imports hundreds of files of about a hundred entries each (issue 19)."""
    if type(raw) is not dict or raw.keys() != _ANSWER_KEYS or raw["na_reason"] is not None:
        return None
    value, comment, flagged = raw["value"], raw["comment"], raw["flagged"]
    if value is not None and not (
        (question.type is QuestionType.MATURITY and type(value) is int
         and 0 <= value < MATURITY_LEVELS)
        or (question.type is QuestionType.YES_NO and type(value) is bool)
    ):
        return None
    if type(flagged) is not bool or type(comment) is not str:
        return None
    if rules.COMMENT.problem(comment) is not None:
        return None
    return Answer(value=value, comment=comment, flagged=flagged)


def _answer(raw: Any, question: Question, path: str) -> Answer:
    fields = _object(raw, path, _ANSWER_KEYS)
    value, na_reason = fields["value"], fields["na_reason"]
    if value is not None:
        value = _value(value, question, _join(path, "value"))
    if na_reason is not None:
        na_reason = _text(na_reason, _join(path, "na_reason"), rules.NA_REASON)
    if value is not None and na_reason is not None:
        raise _fail(path, Message(
            "applicant.has_both_value_and",
            "has both a value and a not-applicable reason; give one or the other",
        ))
    if na_reason is not None and (problem := na_problem(question, na_reason)):
        raise _fail(path, problem)
    return Answer(
        value=value,
        na_reason=na_reason,
        comment=_text(fields["comment"], _join(path, "comment"), rules.COMMENT),
        flagged=_boolean(fields["flagged"], _join(path, "flagged")),
    )


def _plan_entry(raw: Any, path: str) -> PlanEntry:
    fields = _object(raw, path, _PLAN_KEYS)
    due_path = _join(path, "due")
    return PlanEntry(
        owner=_text(fields["owner"], _join(path, "owner"), rules.OWNER),
        due=_nullable(fields["due"], lambda v: _date(v, due_path)),
    )


def _evidence_item(raw: Any, path: str, questionnaire: Questionnaire) -> Evidence:
    fields = _object(raw, path, _EVIDENCE_KEYS)
    name_path = _join(path, "name")
    name = _text(fields["name"], name_path, rules.EVIDENCE_NAME)
    if "/" in name or "\\" in name:
        raise _fail(name_path, Message(
            "applicant.must_be_file_name",
            "must be a file name, not a path",
        ))
    size = fields["size"]
    if type(size) is not int or size < 0:
        raise _fail(_join(path, "size"), Message(
            "applicant.must_be_whole_number_bytes",
            "must be a whole number of bytes, 0 or more",
        ))
    questions_path = _join(path, "questions")
    questions = _list(fields["questions"], questions_path, len(questionnaire.questions()))
    for index, question_id in enumerate(questions):
        _question(question_id, _join(questions_path, index), questionnaire)
    repeat = first_repeat(questions)
    if repeat is not None:
        raise _fail(_join(questions_path, repeat), Message(
            "applicant.item_listed_twice",
            "'{item}' is listed twice",
            item=questions[repeat],
        ))
    return Evidence(
        sha256=_pattern(
            fields["sha256"], _join(path, "sha256"), _SHA256, "64 lowercase hex digits"
        ),
        name=name,
        media_type=_pattern(
            fields["media_type"],
            _join(path, "media_type"),
            _MEDIA_TYPE,
            "a media type without parameters, like application/pdf",
        ),
        size=size,
        questions=frozenset(questions),
    )


def _parse_assessment(
    document: Any, questionnaire: Questionnaire, questionnaire_sha: str
) -> tuple[Assessment, str | None]:
    """The assessment and its ``previous_submission``; raises _Invalid naming the field."""
    root = _object(document, "", _ROOT_KEYS)
    given = _object(root["profile"], "profile")
    optional = {key: given[key] for key in _OPTIONAL_PROFILE if key in given}
    profile = _object(
        {k: v for k, v in given.items() if k not in optional}, "profile", _PROFILE_KEYS
    )
    status = profile["status"]
    if status not in tuple(Status):
        raise _fail("profile.status", Message(
            "applicant.must_be_one_of",
            "must be one of {allowed}",
            allowed=', '.join(Status),
        ))
    assessment = Assessment(
        id=_pattern(profile["id"], "profile.id", _UUID, "a lowercase UUID"),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=_text(profile["company"], "profile.company", rules.COMPANY),
        tax_id=_text(profile["tax_id"], "profile.tax_id", rules.TAX_ID),
        country=_pattern(
            profile["country"], "profile.country", _COUNTRY, "an ISO 3166 code of two capitals"
        ),
        roles=_names(profile["roles"], "profile.roles", ROLES),
        aeo_types=_names(profile["aeo_types"], "profile.aeo_types", AEO_TYPES),
        status=Status(status),
        demo=_boolean(profile["demo"], "profile.demo"),
        created_at=_nullable(profile["created_at"], lambda v: _moment(v, "profile.created_at")),
        updated_at=_nullable(profile["updated_at"], lambda v: _moment(v, "profile.updated_at")),
        unit=_text(optional.get("unit", ""), "profile.unit", rules.UNIT),
        contact=_text(optional.get("contact", ""), "profile.contact", rules.CONTACT),
        consent=_boolean(optional.get("consent", False), "profile.consent"),
    )
    previous = _nullable(
        profile["previous_submission"],
        lambda v: _pattern(v, "profile.previous_submission", _SHA256, "64 lowercase hex digits"),
    )
    reference = _object(root["questionnaire"], "questionnaire", _QUESTIONNAIRE_KEYS)
    for key, expected in (("id", questionnaire.id), ("version", questionnaire.version)):
        if reference[key] != expected:
            raise _fail(
                _join("questionnaire", key), Message(
                    "applicant.does_not_match",
                    "does not match {questionnaire} ('{expected}')",
                    questionnaire=QUESTIONNAIRE, expected=expected,
                )
            )
    if reference["sha256"] != questionnaire_sha:
        raise _fail("questionnaire.sha256", Message(
            "applicant.does_not_match_sha",
            "does not match the SHA-256 of {questionnaire}",
            questionnaire=QUESTIONNAIRE,
        ))
    answers: dict[str, Answer] = {}
    for question_id, raw in _object(root["answers"], "answers").items():
        answer = (
            _plain_answer(raw, questionnaire.question(question_id))
            if questionnaire.has_question(question_id)
            else None
        )
        if answer is None:
            path = _join("answers", question_id)
            answer = _answer(raw, _question(question_id, path, questionnaire), path)
        if answer != _NO_ANSWER:  # an empty entry carries nothing; storage keeps none either
            answers[question_id] = answer
    plan: dict[str, PlanEntry] = {}
    for question_id, raw in _object(root["plan"], "plan").items():
        path = _join("plan", question_id)
        _question(question_id, path, questionnaire)
        entry = _plan_entry(raw, path)
        if entry != _NO_PLAN:
            plan[question_id] = entry
    evidence = tuple(
        _evidence_item(raw, _join("evidence", index), questionnaire)
        for index, raw in enumerate(_list(root["evidence"], "evidence", MAX_EVIDENCE))
    )
    repeat = first_repeat([item.sha256 for item in evidence])
    if repeat is not None:
        raise _fail(_join(_join("evidence", repeat), "sha256"), Message(
            "applicant.listed_twice",
            "is listed twice",
        ))
    return replace(assessment, answers=answers, plan=plan, evidence=evidence), previous
