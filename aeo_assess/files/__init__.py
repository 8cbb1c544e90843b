"""Files that travel between installations: applicant, review and benchmark-pack containers."""

from aeo_assess.files.applicant import ApplicantFile, read_applicant_file, write_applicant_file
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
