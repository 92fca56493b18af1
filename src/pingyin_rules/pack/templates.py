"""Message templates, parsed once: `{name}` fills in an evidence value or a parameter."""

from __future__ import annotations

import string
from dataclasses import dataclass

from .expressions import ExpressionError


@dataclass(frozen=True, slots=True)
class Template:
    # Alternating literal text and field names: ("须由", ("signers",), "签发").
    parts: tuple[str | tuple[str], ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p[0] for p in self.parts if isinstance(p, tuple))


def parse_template(text: str, known: frozenset[str], line: int | None) -> Template:
    parts: list[str | tuple[str]] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ExpressionError(f"bad message template {text!r}: {exc}", line) from None
    for literal, field, spec, conversion in parsed:
        if literal:
            parts.append(literal)
        if field is None:
            continue
        # Only bare names: no attribute access, indexing, conversions or format specs.
        if spec or conversion or not field.isidentifier():
            raise ExpressionError(f"template field {{{field}}} must be a plain name", line)
        if field not in known:
            raise ExpressionError(
                f"template field {{{field}}} is not a let value or parameter", line
            )
        parts.append((field,))
    return Template(tuple(parts))
