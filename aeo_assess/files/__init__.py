"""Files that travel between installations: applicant, review and benchmark-pack containers.

The names below are loaded on first use, so that a module needing only ``files.errors`` (the
report of an assessment in the database, the first window) does not load the containers,
signing and questionnaire parsing with it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aeo_assess.files.applicant import (
        ApplicantFile,
        read_applicant_file,
        write_applicant_file,
    )
    from aeo_assess.files.container import read_container, write_container
    from aeo_assess.files.errors import FileFormatError

__all__ = [
    "ApplicantFile",
    "FileFormatError",
    "read_applicant_file",
    "read_container",
    "write_applicant_file",
    "write_container",
]
_MODULES = {
    "ApplicantFile": "applicant",
    "read_applicant_file": "applicant",
    "write_applicant_file": "applicant",
    "read_container": "container",
    "write_container": "container",
    "FileFormatError": "errors",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
