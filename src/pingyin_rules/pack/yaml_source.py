"""Safe YAML loading that remembers where each mapping came from, for errors with a line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows its 1-based line, and where each scalar value's
    text starts (line, column; column None for block scalars), for errors inside a value."""

    __slots__ = ("line", "marks")

    def __init__(self, *args: Any, line: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line
        self.marks: Mapping[Any, tuple[int, int | None]] = _NO_MARKS  # rule packs only

    def mark(self, key: Any) -> tuple[int, int | None]:
        return self.marks.get(key, (self.line, None))


_NO_MARKS: Mapping[Any, tuple[int, int | None]] = MappingProxyType({})

# libyaml's parser when PyYAML has it (it does in its wheels): much faster on big case files.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader: no Python tags, no object construction; mappings become LineDicts.
    Dates stay strings: the schema parses them, so an impossible date (2026-02-30) is an
    error on its field instead of an exception in the YAML reader."""


# Without the implicit timestamp resolver, 2026-11-24 is read as the string "2026-11-24".
# Booleans are YAML 1.2's (true/false only): YAML 1.1 would read the key `on:` (a report's
# date, a test case's evaluation date) as the boolean True, and `no`/`off` likewise.
_BOOL = "tag:yaml.org,2002:bool"
_LineLoader.yaml_implicit_resolvers = {  # type: ignore[attr-defined]
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:timestamp", _BOOL}
    ]
    for first, resolvers in _SafeBase.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
}
_LineLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_marked_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    """A mapping that also knows where each scalar value's text starts: expressions in a rule
    pack are located to the column. Case files, which can be huge, skip this."""
    result = _construct_mapping(loader, node)
    marks: dict[Any, tuple[int, int | None]] = {}
    for key_node, value_node in node.value:
        if isinstance(value_node, yaml.ScalarNode) and isinstance(key_node, yaml.ScalarNode):
            start = value_node.start_mark
            if value_node.style in ("|", ">"):  # the text starts on the next line
                marks[key_node.value] = (start.line + 2, None)
            else:  # a quoted scalar's text starts after its quote
                quoted = value_node.style in ("'", '"')
                marks[key_node.value] = (start.line + 1, start.column + 1 + quoted)
    result.marks = marks
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _MarkingLoader(_LineLoader):
    """The same reader, for rule packs: scalar values located to the column."""


_MarkingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_marked_mapping
)


class SourceError(Exception):
    """A problem in an input file, located by file, line and column, with a short code
    (`yaml`, `schema`, `expression`, ...) that tools such as lint report."""

    def __init__(
        self,
        file: str,
        line: int | None,
        reason: str,
        column: int | None = None,
        code: str | None = None,
    ) -> None:
        where = file + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.code = code


# Aliases can expand a small file into a huge structure ("billion laughs"): past this many
# values after expansion, the file is refused.
MAX_VALUES = 2_000_000


def _too_big(data: Any) -> bool:
    count, todo = 0, [data]
    while todo:
        node = todo.pop()
        count += 1
        if count > MAX_VALUES:
            return True
        if isinstance(node, dict):
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return False


def load_yaml_text(text: str, file: str, *, marks: bool = False) -> Any:
    """Read YAML text safely; `marks` locates each scalar value to its column (rule packs)."""
    loader = _MarkingLoader if marks else _LineLoader
    try:
        data = yaml.load(text, Loader=loader)  # a SafeLoader: no Python objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = f"invalid YAML: {exc.problem or exc}"
        raise SourceError(file, line, reason, column, "yaml") from None
    except yaml.YAMLError as exc:
        raise SourceError(file, None, f"invalid YAML: {exc}", code="yaml") from None
    except RecursionError:
        raise SourceError(file, None, "nested too deeply") from None
    if _too_big(data):
        raise SourceError(file, None, f"more than {MAX_VALUES} values (after expanding aliases)")
    return data


def load_yaml_file(path: Path, *, marks: bool = False) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), None, f"cannot read: {exc}") from None
    return load_yaml_text(text, str(path), marks=marks)


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest mapping on the path `loc` (a pydantic error location)."""
    line = data.line if isinstance(data, LineDict) else None
    node = data
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            line = node.line
    return line
