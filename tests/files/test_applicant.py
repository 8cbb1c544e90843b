"""The applicant file: exact round trips, deterministic bytes, and a named refusal for each fault."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment, Evidence, PlanEntry, Status
from aeo_assess.domain.questionnaire import AEO_TYPES, ROLES
from aeo_assess.files import (
    FileFormatError,
    read_applicant_file,
    write_applicant_file,
    write_container,
)
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.questionnaires.registry import find, shipped_files

from .applicant_helpers import (
    WHEN,
    assert_sound,
    document,
    repack,
    unpack,
    valid_file,
    with_document,
)
from .samples import EVIDENCE_DATA, POLICY, QUESTIONNAIRE_RAW, QUESTIONNAIRE_YAML, sample_assessment

UTC = dt.UTC
POLICY_SHA = hashlib.sha256(POLICY).hexdigest()


def refused(data: bytes, *fragments: str) -> str:
    """Refused with a message naming the file and every fragment, the same whether the evidence
    is kept or only verified as it streams past."""
    with pytest.raises(FileFormatError) as caught:
        read_applicant_file(data, "acme.aeoa")
    message = str(caught.value)
    with pytest.raises(FileFormatError) as streamed:
        read_applicant_file(io.BytesIO(data), "acme.aeoa", keep_evidence=False)
    assert str(streamed.value) == message
    assert message.startswith("acme.aeoa: "), message
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- round trips --------------------------------------------------------------------------------


def test_round_trip_of_every_answer_type_plan_and_evidence() -> None:
    assessment = sample_assessment()
    previous = "ab" * 32
    data = write_applicant_file(
        assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA, previous_submission=previous
    )
    applicant = read_applicant_file(data, "acme.aeoa")
    assert applicant.assessment == dataclasses.replace(
        assessment, submission_sha256=applicant.submission_sha256
    )
    assert (
        applicant.submission_sha256 == hashlib.sha256(unpack(data)["assessment.json"]).hexdigest()
    )
    assert applicant.previous_submission == previous
    assert applicant.questionnaire_raw == QUESTIONNAIRE_RAW
    assert applicant.questionnaire.key == "every-type@2026.1"
    assert applicant.evidence_data == EVIDENCE_DATA
    assert_sound(applicant)


def test_read_without_keeping_the_evidence_differs_only_in_holding_none() -> None:
    data = valid_file()
    streamed = read_applicant_file(io.BytesIO(data), "acme.aeoa", keep_evidence=False)
    assert streamed.evidence_data == {}
    assert dataclasses.replace(streamed, evidence_data=EVIDENCE_DATA) == read_applicant_file(
        data, "acme.aeoa"
    )


def test_values_keep_their_python_types() -> None:
    answers = read_applicant_file(valid_file(), "a").assessment.answers
    assert type(answers["SAFE-A.01"].value) is int
    assert answers["SAFE-A.02"].value is False
    assert type(answers["SAFE-B.01"].value) is float
    assert answers["SAFE-B.03"].value == dt.date(2025, 12, 31)
    assert answers["SAFE-A.03"].not_applicable


def test_local_link_to_an_earlier_assessment_does_not_travel() -> None:
    assessment = dataclasses.replace(sample_assessment(), previous_submission_id="local-7")
    data = write_applicant_file(assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA)
    assert read_applicant_file(data, "a").assessment.previous_submission_id is None


def test_naive_timestamps_are_taken_as_utc() -> None:
    naive = dt.datetime(2026, 1, 2, 3, 4, 5)
    assessment = dataclasses.replace(sample_assessment(), created_at=naive, updated_at=None)
    read = read_applicant_file(
        write_applicant_file(assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA), "a"
    )
    assert read.assessment.created_at == naive.replace(tzinfo=UTC)
    assert read.assessment.updated_at is None


def test_empty_assessment_round_trips() -> None:
    assessment = Assessment(
        "every-type",
        "2026.1",
        "X",
        "PA",
        frozenset(),
        frozenset(),
        id="0" * 8 + "-0000-0000-0000-" + "0" * 12,
    )
    read = read_applicant_file(write_applicant_file(assessment, QUESTIONNAIRE_RAW, {}), "a")
    assert read.assessment == dataclasses.replace(
        assessment, submission_sha256=read.submission_sha256
    )


def test_same_content_gives_same_bytes() -> None:
    assert valid_file() == valid_file()


def test_manifest_time_defaults_to_the_last_update_and_does_not_change_the_submission() -> None:
    assessment = sample_assessment()
    later = write_applicant_file(
        assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA, created_at=WHEN + dt.timedelta(days=1)
    )
    assert later != valid_file()
    assert json.loads(_manifest(valid_file()))["created_at"] == "2026-02-01T17:30:15.250000Z"
    assert (
        read_applicant_file(later, "a").submission_sha256
        == read_applicant_file(valid_file(), "b").submission_sha256
    )


def _manifest(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("manifest.json")


# --- hypothesis round trip -------------------------------------------------------------------

TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r"), max_size=40
)
LINE = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
MOMENTS = st.datetimes(
    dt.datetime(2000, 1, 1),
    dt.datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [UTC, dt.timezone(dt.timedelta(hours=-6)), dt.timezone(dt.timedelta(hours=5, minutes=30))]
    ),
)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "SAFE-A.01": st.integers(0, 4),
    "SAFE-A.02": st.booleans(),
    "SAFE-A.03": st.sampled_from(["none", "partial", "full"]),
    "SAFE-B.01": st.integers(-(10**12), 10**12) | st.floats(-1e12, 1e12),
    "SAFE-B.02": TEXT,
    "SAFE-B.03": st.dates(),
}


MUSTS = {"SAFE-A.01"}
"""The sample's must questions: marked not applicable only with a reason (DESIGN §4)."""
REASON = TEXT.filter(lambda s: bool(s.strip()))


@st.composite
def answers(draw: st.DrawFn, question_id: str) -> Answer:
    kind = draw(st.sampled_from(["value", "na", "blank"]))
    return Answer(
        value=draw(VALUES[question_id]) if kind == "value" else None,
        na_reason=draw(REASON if question_id in MUSTS else TEXT) if kind == "na" else None,
        comment=draw(TEXT),
        flagged=draw(st.booleans()),
    )


@st.composite
def assessments(draw: st.DrawFn) -> tuple[Assessment, dict[str, bytes]]:
    ids = st.sampled_from(sorted(VALUES))
    blobs = draw(st.lists(st.binary(max_size=300), max_size=3, unique=True))
    evidence = tuple(
        Evidence(
            hashlib.sha256(blob).hexdigest(),
            draw(LINE.filter(lambda s: bool(s.strip()) and "/" not in s and "\\" not in s)),
            draw(st.sampled_from(["application/pdf", "image/png", "text/plain"])),
            len(blob),
            draw(st.frozensets(ids)),
        )
        for blob in blobs
    )
    assessment = Assessment(
        id=str(draw(st.uuids())),
        questionnaire_id="every-type",
        questionnaire_version="2026.1",
        company=draw(LINE.filter(lambda s: bool(s.strip()))),
        tax_id=draw(LINE),
        country=draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)),
        roles=draw(st.frozensets(st.sampled_from(ROLES))),
        aeo_types=draw(st.frozensets(st.sampled_from(AEO_TYPES))),
        status=draw(st.sampled_from(Status)),
        demo=draw(st.booleans()),
        created_at=draw(st.none() | MOMENTS),
        updated_at=draw(st.none() | MOMENTS),
        answers={
            q: answer
            for q in draw(st.lists(ids, unique=True))
            if (answer := draw(answers(q))) != Answer()  # an empty answer is no answer
        },
        plan={
            q: entry
            for q in draw(st.lists(ids, unique=True))
            if (entry := PlanEntry(draw(LINE), draw(st.none() | st.dates()))) != PlanEntry()
        },
        evidence=evidence,
    )
    return assessment, {hashlib.sha256(b).hexdigest(): b for b in blobs}


@settings(max_examples=150, deadline=None)
@given(assessments(), st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
def test_any_assessment_round_trips(
    case: tuple[Assessment, dict[str, bytes]], previous: str | None
) -> None:
    assessment, evidence_data = case
    data = write_applicant_file(
        assessment, QUESTIONNAIRE_RAW, evidence_data, previous_submission=previous, created_at=WHEN
    )
    applicant = read_applicant_file(data, "a.aeoa")
    assert applicant.assessment == dataclasses.replace(
        assessment, submission_sha256=applicant.submission_sha256
    )
    assert applicant.evidence_data == evidence_data
    assert applicant.previous_submission == previous
    assert (
        write_applicant_file(
            assessment,
            QUESTIONNAIRE_RAW,
            evidence_data,
            previous_submission=previous,
            created_at=WHEN,
        )
        == data
    )


# --- refusals in assessment.json ------------------------------------------------------------

Edit = Callable[[dict[str, Any]], object]


def setter(path: str, value: Any) -> Edit:
    """Set the value at ``path``, keys separated by "/" (question ids contain dots)."""
    *parents, last = path.split("/")

    def edit(doc: dict[str, Any]) -> None:
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value

    return edit


def deleter(section: str, key: str) -> Edit:
    return lambda doc: doc[section].pop(key)


CASES: list[tuple[str, Edit, tuple[str, ...]]] = [
    ("root without its fields", lambda d: d.clear(), ("answers: is missing",)),
    ("profile not an object", setter("profile", "ACME"), ("profile: must be a JSON object",)),
    ("answers not an object", setter("answers", []), ("answers: must be a JSON object",)),
    (
        "answer not an object",
        setter("answers/SAFE-A.01", 3),
        ("answers.SAFE-A.01: must be a JSON object",),
    ),
    (
        "plan entry not an object",
        setter("plan/SAFE-A.01", []),
        ("plan.SAFE-A.01: must be a JSON object",),
    ),
    ("evidence not a list", setter("evidence", {}), ("evidence: must be a JSON array",)),
    (
        "evidence item not an object",
        setter("evidence", ["x"]),
        ("evidence[0]: must be a JSON object",),
    ),
    ("missing field", deleter("profile", "tax_id"), ("profile.tax_id: is missing",)),
    ("unknown field", setter("profile/nickname", "A"), ("profile.nickname: is not a known field",)),
    ("bad uuid", setter("profile/id", "ACME-1"), ("profile.id", "UUID")),
    ("empty company", setter("profile/company", "  "), ("profile.company", "must not be empty")),
    (
        "company too long",
        setter("profile/company", "x" * 301),
        ("profile.company", "longer than 300"),
    ),
    ("company control char", setter("profile/company", "A\x00B"), ("profile.company", "U+0000")),
    ("company line break", setter("profile/company", "A\nB"), ("profile.company", "U+000A")),
    ("surrogate", setter("profile/tax_id", "\ud800"), ("profile.tax_id", "surrogate")),
    ("tax id not text", setter("profile/tax_id", 12), ("profile.tax_id: must be a string",)),
    ("country lowercase", setter("profile/country", "cr"), ("profile.country", "two capitals")),
    ("country three letters", setter("profile/country", "CRI"), ("profile.country",)),
    ("country digits", setter("profile/country", "C1"), ("profile.country",)),
    (
        "unknown role",
        setter("profile/roles", ["importer", "pirate"]),
        ("profile.roles[1]", "must be one of"),
    ),
    (
        "role twice",
        setter("profile/roles", ["importer", "importer"]),
        ("profile.roles[1]", "twice"),
    ),
    (
        "roles not a list",
        setter("profile/roles", "importer"),
        ("profile.roles: must be a JSON array",),
    ),
    ("unknown aeo type", setter("profile/aeo_types", ["safety"]), ("profile.aeo_types[0]",)),
    ("unknown status", setter("profile/status", "approved"), ("profile.status", "draft")),
    ("demo not bool", setter("profile/demo", "no"), ("profile.demo", "true or false")),
    (
        "naive timestamp",
        setter("profile/created_at", "2026-01-01T10:00:00"),
        ("profile.created_at",),
    ),
    ("bad timestamp", setter("profile/updated_at", "yesterday"), ("profile.updated_at",)),
    (
        "bad previous",
        setter("profile/previous_submission", "abc"),
        ("profile.previous_submission",),
    ),
    (
        "questionnaire sha",
        setter("questionnaire/sha256", "0" * 64),
        ("questionnaire.sha256", "questionnaire.yaml"),
    ),
    (
        "questionnaire id",
        setter("questionnaire/id", "safe-aeo"),
        ("questionnaire.id", "every-type"),
    ),
    (
        "questionnaire version",
        setter("questionnaire/version", "2025.1"),
        ("questionnaire.version",),
    ),
    (
        "unknown question",
        setter(
            "answers/SAFE-Z.99", {"value": 1, "na_reason": None, "comment": "", "flagged": False}
        ),
        ("answers.SAFE-Z.99", "no question 'SAFE-Z.99'"),
    ),
    (
        "bool for maturity",
        setter("answers/SAFE-A.01/value", True),
        ("answers.SAFE-A.01.value", "0 to 4"),
    ),
    (
        "maturity too high",
        setter("answers/SAFE-A.01/value", 5),
        ("answers.SAFE-A.01.value", "0 to 4"),
    ),
    ("maturity negative", setter("answers/SAFE-A.01/value", -1), ("answers.SAFE-A.01.value",)),
    ("maturity float", setter("answers/SAFE-A.01/value", 2.0), ("answers.SAFE-A.01.value",)),
    ("maturity text", setter("answers/SAFE-A.01/value", "3"), ("answers.SAFE-A.01.value",)),
    (
        "yes/no as number",
        setter("answers/SAFE-A.02/value", 1),
        ("answers.SAFE-A.02.value", "true or false"),
    ),
    ("yes/no as text", setter("answers/SAFE-A.02/value", "yes"), ("answers.SAFE-A.02.value",)),
    (
        "unknown option",
        setter(
            "answers/SAFE-A.03",
            {"value": "most", "na_reason": None, "comment": "", "flagged": False},
        ),
        ("answers.SAFE-A.03.value", "'none', 'partial', 'full'"),
    ),
    (
        "number as text",
        setter("answers/SAFE-B.01/value", "12"),
        ("answers.SAFE-B.01.value", "finite number"),
    ),
    ("number as bool", setter("answers/SAFE-B.01/value", False), ("answers.SAFE-B.01.value",)),
    (
        "number too big",
        setter("answers/SAFE-B.01/value", 2**60),
        ("answers.SAFE-B.01.value", "from -1e+12 to 1e+12"),
    ),
    (
        "number near the largest double",
        setter("answers/SAFE-B.01/value", 1.7e308),
        ("answers.SAFE-B.01.value", "from -1e+12 to 1e+12"),
    ),
    ("text as number", setter("answers/SAFE-B.02/value", 7), ("answers.SAFE-B.02.value", "string")),
    (
        "text too long",
        setter("answers/SAFE-B.02/value", "x" * 20_001),
        ("answers.SAFE-B.02.value", "20,000"),
    ),
    (
        "impossible date",
        setter("answers/SAFE-B.03/value", "2025-02-30"),
        ("answers.SAFE-B.03.value", "YYYY-MM-DD"),
    ),
    (
        "date other format",
        setter("answers/SAFE-B.03/value", "31/12/2025"),
        ("answers.SAFE-B.03.value",),
    ),
    (
        "date with time",
        setter("answers/SAFE-B.03/value", "2025-12-31T00:00:00Z"),
        ("answers.SAFE-B.03.value",),
    ),
    ("date as number", setter("answers/SAFE-B.03/value", 20251231), ("answers.SAFE-B.03.value",)),
    (
        "value and reason",
        setter("answers/SAFE-A.01/na_reason", "n/a"),
        ("answers.SAFE-A.01", "both a value and"),
    ),
    ("reason not text", setter("answers/SAFE-A.03/na_reason", 0), ("answers.SAFE-A.03.na_reason",)),
    (
        "comment too long",
        setter("answers/SAFE-A.01/comment", "x" * 20_001),
        ("answers.SAFE-A.01.comment", "20,000"),
    ),
    ("comment null", setter("answers/SAFE-A.01/comment", None), ("answers.SAFE-A.01.comment",)),
    ("flag not bool", setter("answers/SAFE-A.01/flagged", 1), ("answers.SAFE-A.01.flagged",)),
    (
        "answer field missing",
        lambda d: d["answers"]["SAFE-A.01"].pop("flagged"),
        ("answers.SAFE-A.01.flagged: is missing",),
    ),
    (
        "plan for unknown question",
        setter("plan/NOPE", {"owner": "", "due": None}),
        ("plan.NOPE", "no question 'NOPE'"),
    ),
    ("plan bad due", setter("plan/SAFE-A.01/due", "June"), ("plan.SAFE-A.01.due",)),
    ("plan owner too long", setter("plan/SAFE-A.01/owner", "x" * 301), ("plan.SAFE-A.01.owner",)),
    (
        "evidence unknown question",
        lambda d: d["evidence"][0].update(questions=["SAFE-Q.1"]),
        ("evidence[0].questions[0]", "no question 'SAFE-Q.1'"),
    ),
    (
        "evidence question twice",
        lambda d: d["evidence"][0].update(questions=["SAFE-A.01", "SAFE-A.01"]),
        ("evidence[0].questions[1]", "twice"),
    ),
    (
        "evidence question not text",
        lambda d: d["evidence"][0].update(questions=[1]),
        ("evidence[0].questions[0]",),
    ),
    (
        "evidence size mismatch",
        lambda d: d["evidence"][0].update(size=26),
        ("evidence[0].size", "says 26 bytes", "has 25"),
    ),
    ("evidence size negative", lambda d: d["evidence"][0].update(size=-1), ("evidence[0].size",)),
    (
        "evidence name a path",
        lambda d: d["evidence"][0].update(name="../x.pdf"),
        ("evidence[0].name", "not a path"),
    ),
    (
        "evidence name empty",
        lambda d: d["evidence"][0].update(name=""),
        ("evidence[0].name", "empty"),
    ),
    (
        "evidence media type",
        lambda d: d["evidence"][0].update(media_type="pdf"),
        ("evidence[0].media_type",),
    ),
    ("evidence sha", lambda d: d["evidence"][0].update(sha256="XYZ"), ("evidence[0].sha256",)),
    (
        "evidence twice",
        lambda d: d["evidence"].append(dict(d["evidence"][0])),
        ("evidence[2].sha256", "twice"),
    ),
    (
        "evidence unlisted",
        lambda d: d["evidence"].pop(0),
        (f"member 'evidence/{POLICY_SHA}' is not listed",),
    ),
    (
        "evidence without member",
        lambda d: d["evidence"].append({**d["evidence"][0], "sha256": "f" * 64}),
        ("evidence[2]", f"no member 'evidence/{'f' * 64}'"),
    ),
]


@pytest.mark.parametrize(("edit", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_refuses_bad_assessment_json(edit: Edit, fragments: tuple[str, ...]) -> None:
    doc = document(valid_file())
    edit(doc)
    refused(with_document(doc), "assessment.json", *fragments)


def test_root_that_is_not_an_object() -> None:
    refused(with_document([1, 2]), "assessment.json: must be a JSON object")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b'{"profile": {}, "profile": {}}', "duplicate key 'profile'"),
        (b'{"answers": {"SAFE-B.01": {"value": NaN}}}', "'NaN' is not a JSON number"),
        (b'{"answers": {"SAFE-B.01": {"value": Infinity}}}', "'Infinity' is not a JSON number"),
        (b"{", "not valid JSON"),
        (b'{"a": 1' + b"0" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_refuses_malformed_assessment_json(raw: bytes, fragment: str) -> None:
    members = unpack(valid_file())
    members["assessment.json"] = raw
    refused(repack(members), "assessment.json", fragment)


def test_number_that_overflows_to_infinity() -> None:
    members = unpack(valid_file())
    text = members["assessment.json"].decode().replace('"value": 12.5', '"value": 1e999')
    members["assessment.json"] = text.encode()
    refused(repack(members), "answers.SAFE-B.01.value", "finite number")


# --- refusals in the other members -----------------------------------------------------------


def with_questionnaire(raw: bytes) -> bytes:
    """The valid file carrying ``raw`` as its questionnaire, hashes updated to match."""
    members = unpack(valid_file())
    doc = json.loads(members["assessment.json"])
    doc["questionnaire"]["sha256"] = hashlib.sha256(raw).hexdigest()
    members["assessment.json"] = json.dumps(doc).encode()
    members["questionnaire.yaml"] = raw
    return repack(members)


def test_questionnaire_that_fails_validation() -> None:
    broken = QUESTIONNAIRE_YAML.replace("type: maturity", "type: slider").replace(
        "weight: 1\n", "weight: 9\n", 1
    )
    message = refused(
        with_questionnaire(broken.encode()),
        "questionnaire does not validate",
        "questionnaire.yaml:",
    )
    assert "slider" in message or "type" in message


def test_questionnaire_that_is_not_yaml() -> None:
    refused(with_questionnaire(b"id: [unclosed\n"), "does not validate", "YAML syntax error")


def test_questionnaire_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    refused(
        with_questionnaire("\n".join(lines).encode()), "questionnaire.yaml:2:10: YAML aliases"
    )


def test_questionnaire_nested_too_deeply() -> None:
    deep = "".join("  " * i + "a:\n" for i in range(2000)) + "  " * 2000 + "b: 1\n"
    refused(with_questionnaire(deep.encode()), "nests deeper than 64 levels")


@pytest.mark.parametrize("name", ["assessment.json", "questionnaire.yaml"])
def test_missing_required_member(name: str) -> None:
    members = unpack(valid_file())
    del members[name]
    refused(repack(members), f"missing {name}")


def test_unexpected_member() -> None:
    members = unpack(valid_file())
    members["notes.txt"] = b"hello"
    refused(repack(members), "unexpected member 'notes.txt'")


def test_evidence_member_not_named_by_its_hash() -> None:
    members = unpack(valid_file())
    members[f"evidence/{POLICY_SHA}"] = b"other bytes"
    refused(repack(members), "evidence[0]", "do not have this SHA-256")


def test_evidence_member_with_a_name_that_is_not_a_hash() -> None:
    members = unpack(valid_file())
    members["evidence/policy.pdf"] = POLICY
    refused(repack(members), "unexpected member 'evidence/policy.pdf'")


def test_a_review_file_is_not_an_applicant_file() -> None:
    refused(write_container("aeo-assess.review", "1.0", {}, WHEN), "not 'aeo-assess.applicant'")


def test_container_faults_are_named() -> None:
    data = bytearray(valid_file())
    data[-60] ^= 0xFF
    with pytest.raises(FileFormatError, match=r"^acme\.aeoa: "):
        read_applicant_file(bytes(data), "acme.aeoa")


# --- the writer never writes what the reader would refuse --------------------------------


def cannot_write(
    assessment: Assessment, *fragments: str, evidence: dict[str, bytes] | None = None
) -> None:
    with pytest.raises(FileFormatError) as caught:
        write_applicant_file(
            assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA if evidence is None else evidence
        )
    message = str(caught.value)
    assert message.startswith("cannot write the applicant file"), message
    for fragment in fragments:
        assert fragment in message, message


def with_answer(question_id: str, answer: Answer) -> Assessment:
    assessment = sample_assessment()
    return dataclasses.replace(assessment, answers={**assessment.answers, question_id: answer})


def test_writer_refuses_wrong_answer_types() -> None:
    cannot_write(with_answer("SAFE-A.01", Answer(value=7)), "answers.SAFE-A.01.value", "0 to 4")
    cannot_write(with_answer("SAFE-B.01", Answer(value=float("nan"))), "answers.SAFE-B.01.value")
    cannot_write(
        with_answer("SAFE-B.03", Answer(value=dt.datetime(2026, 1, 1, 12))),
        "answers.SAFE-B.03.value",
    )
    cannot_write(with_answer("NOPE", Answer(value=1)), "answers.NOPE")


def test_writer_refuses_a_questionnaire_that_is_not_the_assessments() -> None:
    assessment = dataclasses.replace(sample_assessment(), questionnaire_version="2025.9")
    cannot_write(assessment, "answered on questionnaire every-type 2025.9")


def test_writer_refuses_an_invalid_questionnaire() -> None:
    with pytest.raises(
        FileFormatError,
        match="cannot write the applicant file: the questionnaire does not validate",
    ):
        write_applicant_file(sample_assessment(), b"id: 1\n", EVIDENCE_DATA)


def test_writer_refuses_missing_or_extra_evidence_bytes() -> None:
    cannot_write(
        sample_assessment(),
        f"no member 'evidence/{POLICY_SHA}'",
        evidence={k: v for k, v in EVIDENCE_DATA.items() if k != POLICY_SHA},
    )
    cannot_write(sample_assessment(), "is not listed", evidence={**EVIDENCE_DATA, "e" * 64: b"x"})
    cannot_write(
        sample_assessment(),
        "do not have this SHA-256",
        evidence={**EVIDENCE_DATA, POLICY_SHA: b"x"},
    )


def test_writer_refuses_a_bad_profile() -> None:
    cannot_write(dataclasses.replace(sample_assessment(), country="Costa Rica"), "profile.country")
    cannot_write(dataclasses.replace(sample_assessment(), id=""), "profile.id")
    cannot_write(dataclasses.replace(sample_assessment(), company="x" * 301), "profile.company")


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_shipped_questionnaires_travel(path: Path) -> None:
    raw = path.read_bytes()
    questionnaire = parse_questionnaire(raw, path.name)[0]
    assert questionnaire is not None
    first = next(q for q in questionnaire.questions() if q.na_allowed)
    assessment = Assessment(
        questionnaire.id,
        questionnaire.version,
        "Shipped S.A.",
        "CR",
        frozenset(ROLES),
        frozenset(AEO_TYPES),
        answers={first.id: Answer(na_reason="not for us")},
        id="00000000-0000-4000-8000-000000000000",
        updated_at=WHEN,
    )
    read = read_applicant_file(write_applicant_file(assessment, raw, {}), path.name)
    assert read.assessment.answers == assessment.answers
    # Bytes of an earlier translation of a version read as that version in its current one.
    assert read.questionnaire == find(questionnaire.id, questionnaire.version)


def test_empty_answers_and_plan_entries_read_as_absent() -> None:
    doc = document(valid_file())
    question = next(iter(doc["answers"]))
    doc["answers"][question] = {"value": None, "na_reason": None, "comment": "", "flagged": False}
    doc["plan"][question] = {"owner": "", "due": None}
    applicant = read_applicant_file(with_document(doc), "empty.aeoa")
    assert question not in applicant.assessment.answers
    assert question not in applicant.assessment.plan


def test_a_forged_questionnaire_under_the_shipped_id_and_version_is_refused() -> None:
    (path,) = [p for p in shipped_files() if p.name == "safe-aeo.yaml"]
    shipped_bytes = path.read_bytes()
    assert b"kind: must" in shipped_bytes
    forged = shipped_bytes.replace(b"kind: must", b"kind: should")
    questionnaire, problems = parse_questionnaire(forged, "forged.yaml")
    assert questionnaire is not None and not problems  # valid, only no longer a must
    members = unpack(valid_file())
    doc = json.loads(members["assessment.json"])
    doc["questionnaire"] = {
        "id": questionnaire.id,
        "version": questionnaire.version,
        "sha256": hashlib.sha256(forged).hexdigest(),
    }
    doc["answers"], doc["plan"], doc["evidence"] = {}, {}, []
    members = {"assessment.json": json.dumps(doc).encode(), "questionnaire.yaml": forged}
    message = refused(
        repack(members),
        f"claims to be the shipped questionnaire safe-aeo {questionnaire.version}",
        "differs from it",
    )
    assert "\n" not in message
    members["questionnaire.yaml"] = shipped_bytes  # the genuine bytes are accepted
    doc["questionnaire"]["sha256"] = hashlib.sha256(shipped_bytes).hexdigest()
    members["assessment.json"] = json.dumps(doc).encode()
    assert read_applicant_file(repack(members), "acme.aeoa").questionnaire.id == "safe-aeo"


def test_a_file_listing_120000_evidence_entries_is_refused() -> None:
    """Its speed (once minutes) is measured by ``make bench`` (bench_hostile)."""
    doc = document(valid_file())
    template = doc["evidence"][0]
    doc["evidence"] = [{**template, "sha256": f"{i:064x}"} for i in range(120_000)]
    hostile = with_document(doc)
    refused(hostile, "assessment.json: holds more than", "JSON objects")


def test_an_evidence_list_over_its_cap_is_refused_naming_it() -> None:
    doc = document(valid_file())
    template = doc["evidence"][0]
    doc["evidence"] = [{**template, "sha256": f"{i:064x}"} for i in range(9_998)]
    refused(with_document(doc), "evidence: has 9,998 items; at most 9,997 are allowed")


def test_duplicate_evidence_at_the_end_of_a_full_list_is_named() -> None:
    """Its speed (once quadratic) is measured by ``make bench`` (bench_hostile)."""
    doc = document(valid_file())
    template = doc["evidence"][0]
    entries = [{**template, "sha256": f"{i:064x}"} for i in range(9_997)]
    entries[-1] = entries[-2]
    doc["evidence"] = entries
    hostile = with_document(doc)
    refused(hostile, "evidence[9996].sha256: is listed twice")


def test_questionnaire_with_a_5000_digit_number_is_refused() -> None:
    huge = QUESTIONNAIRE_YAML.replace("weight: 1\n", "weight: " + "9" * 5000 + "\n", 1)
    refused(with_questionnaire(huge.encode()), "does not validate", "number too long")
