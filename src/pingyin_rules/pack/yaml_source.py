"""Safe YAML loading that remembers where each mapping came from, for errors with a line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows its 1-based line."""

    __slots__ = ("line",)

    def __init__(self, *args: Any, line: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line


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


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class SourceError(Exception):
    """A problem in an input file, located by file and line."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        super().__init__(f"{file}:{line}: {reason}" if line else f"{file}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


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


def load_yaml_text(text: str, file: str) -> Any:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader: no Python objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(file, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise SourceError(file, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise SourceError(file, None, "nested too deeply") from None
    if _too_big(data):
        raise SourceError(file, None, f"more than {MAX_VALUES} values (after expanding aliases)")
    return data


def load_yaml_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), None, f"cannot read: {exc}") from None
    return load_yaml_text(text, str(path))


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
