"""The closed sets of names that the command line offers as choices.

They live apart from the dataclasses that use them (and are re-exported there), so that
building the parser, and so ``aeo-assess --help``, does not pay for creating every domain
class.
"""

from enum import StrEnum

ROLES: tuple[str, ...] = (
    "importer",
    "exporter",
    "carrier",
    "forwarder",
    "broker",
    "warehouse",
    "manufacturer",
    "port",
)
AEO_TYPES: tuple[str, ...] = ("security", "compliance")


class Subject(StrEnum):
    """Who answers a questionnaire: a trader preparing for AEO status, or a customs
    administration assessing itself. The wording of every screen and report follows it, and an
    administration has no supply-chain roles or AEO type to ask for."""

    COMPANY = "company"
    ADMINISTRATION = "administration"


class Level(StrEnum):
    """Readiness verdicts (DESIGN §4), from the knock-out to the weakest."""

    NOT_ELIGIBLE = "not_eligible"
    READY = "ready"
    NEARLY_READY = "nearly_ready"
    DEVELOPING = "developing"
    NOT_READY = "not_ready"


class PeerScope(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    ALL = "all"


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    NEEDS_EVIDENCE = "needs_evidence"


class RemarkStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Severity(StrEnum):
    """Most severe first: the order reports and lists use."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"


class Outcome(StrEnum):
    GRANT = "grant"
    GRANT_AFTER_IMPROVEMENTS = "grant_after_improvements"
    REFUSE = "refuse"
    FURTHER_REVIEW = "further_review"
