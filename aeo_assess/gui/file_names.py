"""Suggested file names: the company (or workshop) as the user wrote it, accents kept, and
what the file is in the interface's language, e.g. "Café Volcán S.A. – informe de
preparación.pdf". Only what file systems refuse is replaced, and a name never ends in a dot
that would run into the extension ("S.A.aeoa")."""

from __future__ import annotations

import re

from aeo_assess.i18n import _

_REFUSED = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
MAX_STEM = 120
"""Characters of the name before the extension: room for a folder on any file system."""


def suggested_name(subject: str, kind: str, suffix: str) -> str:
    """``subject`` – ``kind`` + ``suffix`` (``kind`` already translated, may be empty)."""
    cleaned = " ".join(_REFUSED.sub(" ", subject).split())[:MAX_STEM].strip()
    if not cleaned.strip("."):
        cleaned = _("assessment")
    stem = " – ".join(part for part in (cleaned, kind) if part)
    return stem.rstrip(" .") + suffix


def applicant_file_name(company: str) -> str:
    return suggested_name(company, _("applicant file"), ".aeoa")


def readiness_report_name(company: str) -> str:
    return suggested_name(company, _("readiness report"), ".pdf")


def review_report_name(company: str) -> str:
    return suggested_name(company, _("review report"), ".pdf")


def review_file_name(company: str) -> str:
    return suggested_name(company, _("review"), ".aeor")


def workshop_summary_name(workshop: str) -> str:
    return suggested_name(workshop, _("workshop summary"), ".pdf")


def benchmark_pack_name(workshop: str) -> str:
    return suggested_name(workshop, _("benchmark pack"), ".aeob")
