"""Safe YAML loading that remembers where each mapping came from, for errors with a line."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..input_limits import MAX_INPUT_BYTES, MAX_NESTING, InputRefused, read_input_text
from ..json_input import TooLongNumber


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows its 1-based line, and where each scalar value's
    text starts (line, column; column None for block scalars), for errors inside a value.
    `key_lines` gives the line of each key that is not a string (`1: x`, `? [a, b]`), of each
    key not on the mapping's first line (a mapping in block style), and, in the top mapping of
    a document, of every key and of each item of its lists that is not a mapping, as (key,
    index) (a record written as a bare string): errors about them name their own line, where
    a mapping knows only its own."""

    __slots__ = ("key_lines", "line", "marks")

    def __init__(self, *args: Any, line: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line
        self.marks: Mapping[Any, tuple[int, int | None]] = _NO_MARKS  # rule packs only
        self.key_lines: Mapping[Any, int] = _NO_LINES

    def mark(self, key: Any) -> tuple[int, int | None]:
        return self.marks.get(key, (self.line, None))

    def line_of_key(self, written: str) -> int:
        """The line of the key written `written` (as an error location spells it: `1` for
        the key 1), else the mapping's own line."""
        if written in self.key_lines:
            return self.key_lines[written]
        for key, line in self.key_lines.items():
            if str(key) == written:
                return line
        return self.line


_NO_MARKS: Mapping[Any, tuple[int, int | None]] = MappingProxyType({})
_NO_LINES: Mapping[Any, int] = MappingProxyType({})


class ComplexKey:
    """A mapping key that is itself a list or a mapping (`? [a, b]`). Python cannot use one
    as a key, so it stands in for it: the file is still read and the key is reported at its
    line, as any key that is not a string is."""

    __slots__ = ("line", "text")

    def __init__(self, text: str, line: int) -> None:
        self.text, self.line = text, line

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComplexKey) and (self.text, self.line) == (other.text, other.line)

    def __hash__(self) -> int:
        return hash((self.text, self.line))


# libyaml's parser when PyYAML has it (it does in its wheels): much faster on big case files.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TreeRefused(Exception):
    def __init__(self, reason: str, line: int | None, code: str) -> None:
        super().__init__(reason)
        self.reason, self.line, self.code = reason, line, code


def _check_tree(root: yaml.Node, max_values: int) -> None:
    """Refuse, before anything is built, a document nested deeper than MAX_NESTING (Python
    would hit its recursion limit building it) or holding more than MAX_VALUES values once
    its aliases are expanded ("billion laughs"). Level by level, so this cannot recurse;
    a recursive alias (`&a [*a]`) ends at the depth limit."""
    count, depth, level = 1, 0, [root]
    scalar = yaml.ScalarNode
    while level:
        depth += 1
        if depth > MAX_NESTING:
            where = level[0].start_mark.line + 1
            raise _TreeRefused(f"nested more than {MAX_NESTING} levels deep", where, "nesting")
        below: list[yaml.Node] = []
        for node in level:  # scalars are counted, only collections are visited
            if isinstance(node, yaml.MappingNode):
                count += len(node.value)
                for key, value in node.value:
                    if not isinstance(value, scalar):
                        below.append(value)
                    if not isinstance(key, scalar):
                        below.append(key)
            elif isinstance(node, yaml.SequenceNode):
                count += len(node.value)
                below.extend(value for value in node.value if not isinstance(value, scalar))
            if count > max_values:
                reason = f"more than {max_values} values (after expanding aliases)"
                raise _TreeRefused(reason, None, "size")
        level = below


class _TreeChecks:
    """Checks the composed document before constructing it, and notes the lines of the
    top mapping's keys."""

    def construct_document(self, node: yaml.Node) -> Any:
        _check_tree(node, getattr(self, "max_values", MAX_VALUES))
        data = super().construct_document(node)  # type: ignore[misc]
        if isinstance(data, LineDict) and isinstance(node, yaml.MappingNode):
            lines = dict(data.key_lines)
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR:
                    lines.setdefault(key_node.value, key_node.start_mark.line + 1)
                    if isinstance(value_node, yaml.SequenceNode):
                        for i, item in enumerate(value_node.value):
                            if not isinstance(item, yaml.MappingNode):
                                lines[(key_node.value, i)] = item.start_mark.line + 1
            data.key_lines = lines
        return data


class _LineLoader(_TreeChecks, _SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader: no Python tags, no object construction; mappings become LineDicts.
    Dates stay strings: the schema parses them, so an impossible date (2026-02-30) is an
    error on its field instead of an exception in the YAML reader."""


class _PyLineLoader(_TreeChecks, yaml.SafeLoader):
    """The same in pure Python, for what libyaml refuses but Python reads: an escaped lone
    surrogate ("\\ud800") is then that record's error, not the whole file's."""


_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"


def _key_text(key: Any) -> str:
    try:
        return json.dumps(key, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(key)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    start = node.start_mark.line
    result = LineDict(line=start + 1)
    key_lines: dict[Any, int] | None = None
    # A mapping written over several lines (a record in block style) notes where each key
    # is, so that an error names its field's line; one on a single line (flow style, the
    # bulk of a large file) costs nothing more.
    spread = node.end_mark.line > start and not node.flow_style
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if spread and isinstance(key, str) and key_node.start_mark.line != start:
            if key_lines is None:
                key_lines = {}
            key_lines[key] = key_node.start_mark.line + 1
        elif not isinstance(key, str):
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:  # a list or mapping as a key
                key = ComplexKey(_key_text(key), line)
            if key_lines is None:
                key_lines = {}
            key_lines[key] = line
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    if key_lines is not None:
        result.key_lines = key_lines
    return result


def _construct_marked_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
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


class _MarkingLoader(_LineLoader):
    """The same reader, for rule packs: scalar values located to the column."""


class _PyMarkingLoader(_PyLineLoader):
    """The pure-Python reader for rule packs."""


def _configure(loader: Any, base: Any, mapping: Any) -> None:
    # Without the implicit timestamp resolver, 2026-11-24 is read as the string "2026-11-24".
    # Booleans are YAML 1.2's (true/false only): YAML 1.1 would read the key `on:` (a
    # report's date, a test case's evaluation date) as the boolean True, and `no`/`off`
    # likewise.
    loader.yaml_implicit_resolvers = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in {"tag:yaml.org,2002:timestamp", _BOOL}
        ]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    # A number longer than Python reads is its field's error, as in JSON (json_input).
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        return TooLongNumber(str(node.value))


_configure(_LineLoader, _SafeBase, _construct_mapping)
_configure(_PyLineLoader, yaml.SafeLoader, _construct_mapping)
_MarkingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_marked_mapping
)
_PyMarkingLoader.add_constructor(
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


def nesting_line(text: str) -> int | None:
    """Where a document first nests deeper than MAX_NESTING, from the parser's events (an
    iteration, where building the document recursed)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SafeBase):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    mark = event.start_mark
                    return mark.line + 1 if mark is not None else None
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def compose_yaml(text: str, file: str) -> yaml.Node | None:
    """The node tree of a YAML document (YAML 1.1's resolution, as PyYAML's SafeLoader), for
    readers that walk nodes to locate every error (calendar files); refused like
    `load_yaml_text` when nested too deeply or too big. YAMLError for invalid YAML."""
    try:
        root = yaml.compose(text, Loader=_SafeBase)
    except RecursionError:  # pure-Python composer (no libyaml)
        reason = f"nested more than {MAX_NESTING} levels deep"
        raise SourceError(file, nesting_line(text), reason, code="nesting") from None
    if root is not None:
        try:
            _check_tree(root, MAX_VALUES)
        except _TreeRefused as exc:
            raise SourceError(file, exc.line, exc.reason, code=exc.code) from None
    return root


def _load(text: str, loader_class: Any, max_values: int) -> Any:
    loader = loader_class(text)  # as yaml.load does, with this read's own value budget
    loader.max_values = max_values
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_yaml_text(
    text: str, file: str, *, marks: bool = False, max_values: int = MAX_VALUES
) -> Any:
    """Read YAML text safely; `marks` locates each scalar value to its column (rule packs).
    `max_values` bounds the values once aliases are expanded (a text of n characters holds
    fewer than n without aliases: a caller with a size limit can pass it)."""
    loader = _MarkingLoader if marks else _LineLoader
    try:
        try:
            return _load(text, loader, max_values)  # a SafeLoader: no Python objects
        except yaml.MarkedYAMLError as exc:
            # libyaml refuses an escaped lone surrogate outright; Python's reader keeps it,
            # so that only the record holding it is refused.
            if _SafeBase is yaml.SafeLoader or "escape" not in str(exc.problem):
                raise
            return _load(text, _PyMarkingLoader if marks else _PyLineLoader, max_values)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, past ours
            reason = f"nested more than {MAX_NESTING} levels deep"
            raise SourceError(file, line, reason, column, "nesting") from None
        reason = f"invalid YAML: {exc.problem or exc}"
        raise SourceError(file, line, reason, column, "yaml") from None
    except yaml.YAMLError as exc:
        raise SourceError(file, None, f"invalid YAML: {exc}", code="yaml") from None
    except _TreeRefused as exc:
        raise SourceError(file, exc.line, exc.reason, code=exc.code) from None
    except RecursionError:  # composing, in pure Python, before the depth could be checked
        reason = f"nested more than {MAX_NESTING} levels deep"
        raise SourceError(file, nesting_line(text), reason, code="nesting") from None


def load_yaml_file(path: Path, *, marks: bool = False) -> Any:
    """A rule pack's file: a regular file within the size limit, in UTF-8. The limit is the
    built-in one: the setting for case files (`PINGYIN_RULES_MAX_INPUT_MB`) does not reach
    the pack, which is not the input being checked."""
    try:
        text, damaged = read_input_text(str(path), MAX_INPUT_BYTES)
    except InputRefused as exc:
        raise SourceError(str(path), exc.line, f"cannot read: {exc.en}", code="read") from None
    if damaged:
        line = text.count("\n", 0, text.index("\ufffd")) + 1
        raise SourceError(str(path), line, "cannot read: not valid UTF-8", code="read")
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
