"""Who signed a file that came from elsewhere, and how far this installation trusts that key.

The files layer proves that a signature is valid for a public key; these values record what
that means here (issue 16): a review signed by a key a customs administration vouches for, an
applicant's key seen before, or nothing at all. See docs/security.md for what they prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SignatureState(StrEnum):
    UNSIGNED = "unsigned"
    """No signature: anyone could have written the file."""
    TRUSTED = "trusted"
    """Signed by a key that a trusted customs administration (or the user) vouches for."""
    UNTRUSTED = "untrusted"
    """Signed by a valid key that nobody here vouches for."""
    FIRST_KEY = "first_key"
    """An applicant's first submission: its key is remembered for the ones that follow."""
    SAME_KEY = "same_key"
    """A resubmission signed by the key of the submission it follows."""
    KEY_CHANGED = "key_changed"
    """A resubmission signed by another key (or unsigned after a signed one): flagged, and kept
    out of the peer statistics until the officer accepts it."""
    ACCEPTED = "accepted"
    """A changed key the officer has accepted."""

    @property
    def warning(self) -> bool:
        """Whether the file must never be shown without a warning about who wrote it."""
        return self in (SignatureState.UNSIGNED, SignatureState.UNTRUSTED, SignatureState.KEY_CHANGED)


@dataclass(frozen=True)
class Signature:
    """The verified signer of a file and what this installation makes of the key."""

    state: SignatureState
    fingerprint: str = ""
    """Five groups of four characters, to read over the phone; empty when unsigned."""
    name: str = ""
    organisation: str = ""
    """As the signer wrote them; trusted only when ``state`` is TRUSTED (then from the trust
    list, not from the file)."""

    @property
    def signed(self) -> bool:
        return self.state is not SignatureState.UNSIGNED


UNSIGNED = Signature(SignatureState.UNSIGNED)
