"""One problem in a questionnaire file, printed as ``file:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass, field

from aeo_assess.messages import Message


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: Message | str = field(compare=False)
    """Ours, or the JSON Schema validator's own words (English)."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def as_message(self) -> Message:
        """The problem with its place, to render in the reader's language."""
        return Message("questionnaire.problem", "{place}: {problem}",
                       place=f"{self.file}:{self.line}:{self.column}", problem=self.message)
