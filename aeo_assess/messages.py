"""User-facing messages that render in any language, and the errors that carry them.

An error keeps a stable code, an English template with named placeholders and its arguments
instead of finished English text, so each edge (the command line, a GUI dialog) renders it in
its user's language with ``aeo_assess.i18n.render``; ``str()`` stays English, for logs and
tracebacks. Plain standard library: the domain's field rules word their problems with it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any


class Message:
    """One message: ``code`` names it for scripts and tests ("assessment.not_found"); ``text``
    (with ``plural`` and ``count`` for a counted one) is the English msgid of the catalogs.
    An argument may itself be a Message or a UserError (a field rule's problem inside a CSV
    line's), rendered in the same language."""

    __slots__ = ("args", "code", "count", "plural", "text")

    def __init__(
        self,
        code: str,
        text: str,
        /,
        *,
        plural: str | None = None,
        count: int | None = None,
        **args: object,
    ) -> None:
        if (plural is None) != (count is None):
            raise TypeError("a counted message needs both plural and count")
        self.code = code
        self.text = text
        self.plural = plural
        self.count = count
        self.args: Mapping[str, object] = args

    def render(self, template: Callable[[Message], str], integer: Callable[[int], str]) -> str:
        """The message with ``template`` giving each message's (translated) text and
        ``integer`` writing whole numbers in the language's notation."""
        values = dict(self.args)
        if self.count is not None:
            values.setdefault("count", self.count)
        return _Formatter(template, integer).vformat(template(self), (), values)

    def english(self) -> str:
        """The English template: the source language, with its own plural rule."""
        if self.plural is not None and self.count != 1:
            return self.plural
        return self.text

    def __str__(self) -> str:
        return self.render(Message.english, _english_integer)

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (
            self.code, self.text, self.plural, self.count, dict(self.args)
        ) == (other.code, other.text, other.plural, other.count, dict(other.args))

    __hash__ = None  # type: ignore[assignment]  # mutable arguments


GROUPED_FROM = 1_000
"""Whole numbers from here on are grouped in the language's notation (limits, sizes: "2,000",
"20.000", "20 000"); a line or row number is given as text, never grouped."""


def _english_integer(n: int) -> str:
    return f"{n:,}"


class _Formatter(string.Formatter):
    """``str.format`` that renders nested messages and errors in the same language (a list of
    them joined by "; "), and large whole numbers (without another format) in the language's
    notation ("20.000" in Spanish, "20 000" in French)."""

    def __init__(self, template: Callable[[Message], str], integer: Callable[[int], str]) -> None:
        self.template = template
        self.integer = integer

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Message):
            return format(value.render(self.template, self.integer), format_spec)
        if isinstance(value, UserError):
            return format(value.render_with(self.template, self.integer), format_spec)
        if isinstance(value, list | tuple):
            return "; ".join(self.format_field(item, format_spec) for item in value)
        if isinstance(value, int) and not isinstance(value, bool) and format_spec in ("", ","):
            return self.integer(value) if abs(value) >= GROUPED_FROM else str(value)
        return super().format_field(value, format_spec)


Part = Message | str


class UserError(Exception):
    """A failure the user reads: one line per message (a file reader lists several problems).
    A plain string is shown as it is (a system's own words, a name); a UserError given is
    taken apart, so wrapping one error in another keeps its messages."""

    def __init__(self, *messages: Message | UserError | str) -> None:
        parts: list[Part] = []
        for message in messages:
            parts.extend(message.messages if isinstance(message, UserError) else (message,))
        self.messages: tuple[Part, ...] = tuple(parts)
        super().__init__(*parts)  # pickled with its messages (reports run in worker processes)

    def __str__(self) -> str:
        return "\n".join(map(str, self.messages))

    @property
    def code(self) -> str | None:
        """The first message's code, for scripts and tests."""
        return next((m.code for m in self.messages if isinstance(m, Message)), None)

    def render_with(self, template: Callable[[Message], str], integer: Callable[[int], str]) -> str:
        return "\n".join(
            m.render(template, integer) if isinstance(m, Message) else m for m in self.messages
        )
