"""Files that travel between installations: applicant, review and benchmark-pack containers."""
