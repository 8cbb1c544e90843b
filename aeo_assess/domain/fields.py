"""One set of rules for every text a person types or a file carries: length and characters.

The GUI, the command line, CSV import and the file readers and writers all check a value with
the same rule, so whatever is stored can be exported and read back (a 65-character tax id or a
company name with an ESC character used to be stored, then refused by the export). Control
characters are refused everywhere: they hide text, move a terminal's cursor or end a line in
a CSV; tab, line feed and carriage return are allowed only in multi-line text (comments,
remarks, notes). Unpaired surrogates are refused: they cannot be encoded as UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from aeo_assess.messages import Message

CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters (C0, DEL, C1) and unpaired surrogates."""
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""The same, but tab, line feed and carriage return are allowed in multi-line text."""


@dataclass(frozen=True)
class FieldRule:
    """What one field accepts."""

    label: Message
    """The field's name in messages ("company name"), rendered in the reader's language."""
    max_length: int
    multiline: bool = False
    required: bool = False

    def problem(self, value: str) -> Message | None:
        """Why ``value`` cannot be stored in this field, or None; worded to follow the
        field's name or path ("company name: is longer than 300 characters")."""
        if len(value) > self.max_length:
            return Message(
                "field.too_long",
                "is longer than {max_length} characters",
                max_length=self.max_length,
            )
        if self.required and not value.strip():
            return Message("field.empty", "must not be empty")
        bad = (CONTROL_IN_TEXT if self.multiline else CONTROL_IN_LINE).search(value)
        if bad is None:
            return None
        if 0xD800 <= ord(bad.group()) <= 0xDFFF:
            return Message(
                "field.surrogate", "contains an unpaired surrogate (not valid Unicode text)"
            )
        return Message(
            "field.control_character",
            "contains the control character {character}",
            character=f"U+{ord(bad.group()):04X}",
        )

    def message(self, value: str) -> Message | None:
        """The problem as a user reads it, naming the field; None when ``value`` is fine."""
        problem = self.problem(value)
        if problem is None:
            return None
        return Message(
            "field.problem",
            "{field}: {problem}",
            field=self.label,
            problem=problem,
        )


COMPANY = FieldRule(Message("field.company_name", "company name"), 300, required=True)
ADMINISTRATION = FieldRule(Message(
    "field.administration_name",
    "administration name",
), 300, required=True)
"""The same rule as COMPANY, named as the user of an administration's assessment reads it."""
TAX_ID = FieldRule(Message("field.tax_id", "tax id"), 64)
UNIT = FieldRule(Message("field.unit", "unit"), 300)
CONTACT = FieldRule(Message("field.contact", "contact"), 300)
COMMENT = FieldRule(Message("field.comment", "comment"), 20_000, multiline=True)
TEXT_ANSWER = FieldRule(Message("field.text_answer", "text answer"), 20_000, multiline=True)
NA_REASON = FieldRule(Message(
    "field.not_applicable_reason",
    "not-applicable reason",
), 2_000, multiline=True)
OWNER = FieldRule(Message("field.owner", "owner"), 300)
EVIDENCE_NAME = FieldRule(Message(
    "field.evidence_file_name",
    "evidence file name",
), 255, required=True)
REMARK = FieldRule(Message("field.remark", "remark"), 20_000, multiline=True)
FINDING_TEXT = FieldRule(Message("field.finding", "finding"), 20_000, multiline=True)
REQUIRED_ACTION = FieldRule(Message(
    "field.required_action",
    "required action",
), 20_000, multiline=True)
OUTCOME_NOTE = FieldRule(Message("field.outcome_note", "outcome note"), 20_000, multiline=True)
PERSON = FieldRule(Message("field.name", "name"), 300)
"""A reviewer, whoever recorded a verdict or a finding."""
FACILITATOR = FieldRule(Message("field.facilitator", "facilitator"), 300)
WORKSHOP_NAME = FieldRule(Message("field.workshop_name", "workshop name"), 300, required=True)
WORKSHOP_PLACE = FieldRule(Message("field.place", "place"), 300)
PACK_ORIGIN = FieldRule(Message("field.origin", "origin"), 300, required=True)


MAX_FINDINGS = 1_000
"""Findings in one review: far more than any officer records, few enough to check at once."""


def first_repeat(items: Sequence[Hashable]) -> int | None:
    """The index of the first item that appeared before, or None; linear, so that a file
    listing 100,000 items is refused in milliseconds (``x in items[:i]`` took minutes)."""
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        if item in seen:
            return index
        seen.add(item)
    return None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as ``\\x1b`` escapes
    (names stored before these rules, or read from a file, never move the cursor)."""
    return CONTROL_IN_LINE.sub(lambda m: repr(m.group())[1:-1], text)
SIGNER_NAME = FieldRule(Message("field.signer_name", "signer name"), 300)
SIGNER_ORGANISATION = FieldRule(Message("field.signer_organisation", "signer organisation"), 300)
