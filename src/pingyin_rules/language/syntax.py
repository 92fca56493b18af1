"""Rule expressions as text: Python's expression syntax, read by the standard library's `ast`
and compiled from a whitelist of node types into the engine's `Expr` tree.

Nothing is ever evaluated by Python as written. Names resolve, in this order, to comprehension
variables, the rule's let values, parameters, `as_of` (the evaluation date), `record` and the
record's fields; a call names a registered function (functions.FUNCTIONS) or a decision table
(with one keyword argument per input). Any other node, an unknown name, a private attribute or
a wrong arity is refused with the line and column where it is written.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..pack.expressions import Definition, Expr, ExpressionError, Scope, lit
from ..records import SECTIONS
from .functions import FUNCTIONS

COMPARISONS: dict[type[ast.cmpop], str] = {
    ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge",
    ast.In: "in",
}  # fmt: skip
ARITHMETIC: dict[type[ast.operator], str] = {
    ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "ratio",
}  # fmt: skip
SPECIAL_NAMES = frozenset({"as_of", "record"})
MAX_LENGTH = 2000  # characters: an expression is a line or a few, not a program
MAX_DEPTH = 40  # nesting of the syntax tree


class _Position:
    """Maps a node's position in the expression text to the file (line, column)."""

    def __init__(self, line: int | None, column: int | None) -> None:
        self.line, self.column = line, column

    def of(self, node: ast.AST | None) -> tuple[int | None, int | None]:
        if not isinstance(node, ast.expr | ast.stmt | ast.keyword | ast.arg):
            return self.line, self.column
        return self.at(node.lineno, node.col_offset)

    def at(self, lineno: int, col_offset: int) -> tuple[int | None, int | None]:
        if self.line is None:
            return None, None
        # The text is parsed inside "(\n...\n)" so that it may span lines: line 2 is its first.
        line = self.line + lineno - 2
        if lineno == 2 and self.column is not None:
            return line, self.column + col_offset
        return line, col_offset + 1


def compile_text(
    text: Any, scope: Scope, line: int | None = None, column: int | None = None
) -> Expr:
    """Compile one expression (a string, or a YAML literal such as `true`) for `scope`."""
    if isinstance(text, bool) or text is None or isinstance(text, int):
        return lit(text)
    tree = parse_text(text, line, column)
    return _Compiler(scope, _Position(line, column)).expr(tree, 0)


def compile_definition(
    name: str,
    params: tuple[str, ...],
    text: Any,
    scope: Scope,
    line: int | None,
    column: int | None,
) -> Definition:
    """Parse and check a pack definition once (errors located in pack.yaml); calls inline it."""
    tree = parse_text(text, line, column)
    definition = Definition(name, params, tree)
    compiler = _Compiler(scope, _Position(line, column))
    compiler.inline_body(definition, tuple(lit(None) for _ in params), 0)
    return definition


def parse_text(text: Any, line: int | None, column: int | None) -> ast.expr:
    position = _Position(line, column)
    if isinstance(text, float):
        raise ExpressionError(f"{text}: use a/b for an exact fraction", line, column)
    if isinstance(text, list | dict):  # `x: [a, b]` unquoted is YAML's list, not the text
        hint = "quote it: '[a, b]'" if isinstance(text, list) else "quote it: \"{'k': v}\""
        raise ExpressionError(f"an expression is text: {hint}", line, column)
    if not isinstance(text, str):
        raise ExpressionError(f"an expression is text, not {type(text).__name__}", line, column)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters", line, column)
    try:
        tree = ast.parse(f"(\n{text}\n)", mode="eval")
    except SyntaxError as exc:
        last = text.count("\n") + 2  # an error found at the closing ")" is at the text's end
        at = position.at(min(max(exc.lineno or 2, 2), last), (exc.offset or 1) - 1)
        raise ExpressionError(f"syntax error: {exc.msg}", *at) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("the expression cannot be read", line, column) from None
    return tree.body


class _Compiler:
    def __init__(self, scope: Scope, position: _Position) -> None:
        self.scope = scope
        self.position = position
        self.bound: list[str] = []  # comprehension variables, outermost first
        self.inline: dict[str, Expr] = {}  # a definition's parameters, while inlining it
        self.in_definition = 0

    def inline_body(self, definition: Definition, args: tuple[Expr, ...], depth: int) -> Expr:
        """The definition's body with its parameters replaced by the call's arguments. The body
        sees no lets, record fields or comprehension variables of the caller."""
        saved = (self.scope, self.bound, self.inline)
        self.scope = replace(self.scope, lets=frozenset(), record_fields=frozenset())
        self.bound = [""] * len(self.bound)  # keep the caller's indexes, hide their names
        self.inline = dict(zip(definition.params, args, strict=True))
        self.in_definition += 1
        try:
            return self.expr(definition.body, depth)
        finally:
            self.scope, self.bound, self.inline = saved
            self.in_definition -= 1

    def error(self, node: ast.AST, reason: str) -> ExpressionError:
        return ExpressionError(reason, *self.position.of(node))

    def expr(self, node: ast.expr, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise self.error(node, f"nested more than {MAX_DEPTH} levels")
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.error(node, f"{_describe(node)} is not allowed in a rule expression")
        result: Expr = method(node, depth + 1)
        return result

    def exprs(self, nodes: Iterable[ast.expr], depth: int) -> tuple[Expr, ...]:
        return tuple(self.expr(n, depth) for n in nodes)

    # -- literals -----------------------------------------------------------------------------

    def _Constant(self, node: ast.Constant, depth: int) -> Expr:
        value = node.value
        if isinstance(value, float) or not isinstance(value, bool | int | str | type(None)):
            raise self.error(node, f"{value!r}: only whole numbers, text, true/false and None "
                                   "(use a/b for an exact fraction)")  # fmt: skip
        return lit(value)

    def _List(self, node: ast.List | ast.Tuple, depth: int) -> Expr:
        items = self.exprs(node.elts, depth)
        if all(i.op == "lit" for i in items):
            return lit(tuple(i.args[0] for i in items))
        return Expr("list", items)

    _Tuple = _List

    def _Dict(self, node: ast.Dict, depth: int) -> Expr:
        names = []
        for key in node.keys:
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                raise self.error(key or node, "mapping keys are quoted names")
            names.append(key.value)
        return Expr("object", (tuple(names), self.exprs(node.values, depth)))

    # -- names and fields ---------------------------------------------------------------------

    def _Name(self, node: ast.Name, depth: int) -> Expr:
        name = node.id
        if name in self.inline:
            return self.inline[name]
        if name in self.bound:
            index = len(self.bound) - 1 - self.bound[::-1].index(name)
            return Expr("bound", (index, ()))
        if name in self.scope.lets:
            return Expr("ref", (name,))
        if name in self.scope.params:
            return Expr("param", (name,))
        if name == "as_of":
            return Expr("as_of", ())
        if name == "record" and not self.in_definition:
            return Expr("var", ((),))
        if name in self.scope.record_fields:
            return Expr("var", ((name,),))
        known = [*self.inline, *self.bound, *self.scope.lets, *self.scope.params,
                 *SPECIAL_NAMES, *self.scope.record_fields]  # fmt: skip
        raise self.error(node, f"unknown name {name!r}{_did_you_mean(name, known)}")

    def _Subscript(self, node: ast.Subscript, depth: int) -> Expr:
        """`row['from']`: a field whose name is a Python keyword, written as a quoted key."""
        key = node.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise self.error(node, "only a quoted field name can be indexed: x['from']")
        return self._field(node, node.value, key.value, depth)

    def _Attribute(self, node: ast.Attribute, depth: int) -> Expr:
        return self._field(node, node.value, node.attr, depth)

    def _field(self, node: ast.expr, value: ast.expr, name: str, depth: int) -> Expr:
        if name.startswith("_"):  # data fields only, never Python internals
            raise self.error(node, f"{name!r} is a private attribute")
        base = self.expr(value, depth)
        if base.op == "var":
            path = (*base.args[0], name)
            if len(path) == 1 and name not in self.scope.record_fields:
                fields = self.scope.record_fields
                raise self.error(node, f"the record has no field {name!r}"
                                       f"{_did_you_mean(name, fields)}")  # fmt: skip
            return Expr("var", (path,))
        if base.op == "bound":
            return Expr("bound", (base.args[0], (*base.args[1], name)))
        return Expr("get", (base, lit(name)))

    # -- operators ----------------------------------------------------------------------------

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Expr:
        op = "and" if isinstance(node.op, ast.And) else "or"
        return Expr(op, self.exprs(node.values, depth))

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Expr:
        operand = self.expr(node.operand, depth)
        if isinstance(node.op, ast.Not):
            return Expr("not", (operand,))
        if isinstance(node.op, ast.USub):
            if operand.op == "lit" and isinstance(operand.args[0], int):
                return lit(-operand.args[0])
            return Expr("sub", (lit(0), operand))
        raise self.error(node, f"{_describe(node.op)} is not allowed")

    def _BinOp(self, node: ast.BinOp, depth: int) -> Expr:
        op = ARITHMETIC.get(type(node.op))
        if op is None:
            raise self.error(node, f"{_describe(node.op)} is not allowed (use + - * /)")
        return Expr(op, (self.expr(node.left, depth), self.expr(node.right, depth)))

    def _Compare(self, node: ast.Compare, depth: int) -> Expr:
        parts = []
        left = self.expr(node.left, depth)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.expr(right_node, depth)
            if isinstance(op, ast.Is | ast.IsNot):
                if not (right.op == "lit" and right.args[0] is None):
                    raise self.error(right_node, "`is` compares with None only (use ==)")
                test = Expr("is_null", (left,))
                parts.append(test if isinstance(op, ast.Is) else Expr("not", (test,)))
            elif isinstance(op, ast.NotIn):
                parts.append(Expr("not", (Expr("in", (left, right)),)))
            else:
                parts.append(Expr(COMPARISONS[type(op)], (left, right)))
            left = right
        return parts[0] if len(parts) == 1 else Expr("and", tuple(parts))

    def _IfExp(self, node: ast.IfExp, depth: int) -> Expr:
        return Expr("if", self.exprs((node.test, node.body, node.orelse), depth))

    # -- comprehensions -----------------------------------------------------------------------

    def _ListComp(self, node: ast.ListComp | ast.GeneratorExp, depth: int) -> Expr:
        if len(node.generators) != 1:
            raise self.error(node, "one `for` per comprehension (nest them instead)")
        gen = node.generators[0]
        if gen.is_async or not isinstance(gen.target, ast.Name):
            raise self.error(gen.target, "a comprehension binds one plain name")
        source = self.expr(gen.iter, depth)
        self.bound.append(gen.target.id)
        try:
            index = len(self.bound) - 1
            conditions = self.exprs(gen.ifs, depth)
            element = self.expr(node.elt, depth)
        finally:
            self.bound.pop()
        condition: Expr | None = None
        if conditions:
            condition = conditions[0] if len(conditions) == 1 else Expr("and", conditions)
        if element.op == "bound" and element.args == (index, ()):
            return Expr("comp", (source, index, condition, None))  # the items themselves
        return Expr("comp", (source, index, condition, element))

    _GeneratorExp = _ListComp

    # -- calls ----------------------------------------------------------------------------------

    def _Call(self, node: ast.Call, depth: int) -> Expr:
        if not isinstance(node.func, ast.Name):
            raise self.error(node, "only registered functions and tables can be called")
        name = node.func.id
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.error(node, "*arguments are not allowed")
        if name in self.scope.tables:
            return self._lookup(node, name, depth)
        definition = self.scope.definitions.get(name)
        if definition is not None:
            if node.keywords or len(node.args) != len(definition.params):
                shown = ", ".join(definition.params)
                raise self.error(node, f"{name}({shown}) takes {len(definition.params)} "
                                       f"argument(s), by position")  # fmt: skip
            return self.inline_body(definition, self.exprs(node.args, depth), depth)
        function = FUNCTIONS.get(name)
        if function is None:
            known = [*FUNCTIONS, *self.scope.definitions, *self.scope.tables, *self.scope.lets,
                     *self.scope.params]  # fmt: skip
            raise self.error(node.func, f"unknown function {name!r}{_did_you_mean(name, known)}")
        if node.keywords:
            raise self.error(node, f"{name}() takes its arguments by position")
        wanted = len(function.params)
        given = len(node.args)
        if (given != wanted) if not function.variadic else (given < wanted - 1):
            shown = ", ".join(function.params)
            raise self.error(node, f"{name}({shown}) takes {wanted} argument(s), got {given}")
        args = self.exprs(node.args, depth)
        for i in function.literal:
            if args[i].op != "lit" or not isinstance(args[i].args[0], str):
                raise self.error(node.args[i], f"{name}(): {function.params[i]} is quoted text")
        problem = self._literal_problem(name, args)
        if problem:
            raise self.error(node, problem)
        return Expr(name, args)

    def _literal_problem(self, name: str, args: tuple[Expr, ...]) -> str | None:
        if name == "label":
            table, column = args[0].args[0], args[1].args[0]
            if table not in self.scope.tables or len(self.scope.tables[table]) != 1:
                return f"label() needs a table with one input, not {table!r}"
            if column not in self.scope.table_outputs.get(table, ()):
                return f"table {table!r} has no column {column!r}"
        if name in ("case_records", "record_in", "records_with"):
            section = args[0].args[0]
            if section not in SECTIONS:
                return f"no case-file section {section!r}{_did_you_mean(section, SECTIONS)}"
            if name == "records_with":
                field, fields = args[1].args[0], SECTIONS[section].model_fields
                if field not in fields:
                    return f"{section} have no field {field!r}{_did_you_mean(field, fields)}"
        if name == "sort_by" and args[1].args[0].startswith("_"):
            return "sort_by() takes a field name"
        return None

    def _lookup(self, node: ast.Call, table: str, depth: int) -> Expr:
        inputs = self.scope.tables[table]
        if node.args or any(k.arg is None for k in node.keywords):
            shown = ", ".join(f"{i}=..." for i in sorted(inputs))
            raise self.error(node, f"table {table} takes its inputs by name: {table}({shown})")
        given = {k.arg for k in node.keywords}
        if given != inputs:
            expected = ", ".join(sorted(inputs))
            raise self.error(node, f"table {table} needs exactly the inputs {expected}")
        keywords = sorted(node.keywords, key=lambda k: str(k.arg))
        names = tuple(str(k.arg) for k in keywords)
        return Expr("lookup", (table, names, self.exprs((k.value for k in keywords), depth)))


def _describe(node: ast.AST) -> str:
    kinds = {
        "Lambda": "a lambda", "NamedExpr": "an assignment (:=)",
        "Starred": "*unpacking", "SetComp": "a set comprehension", "Set": "a set",
        "DictComp": "a dict comprehension", "JoinedStr": "an f-string", "Await": "await",
        "Yield": "yield", "Slice": "a slice", "Pow": "**", "Mod": "%", "FloorDiv": "//",
        "BitAnd": "&", "BitOr": "|", "BitXor": "^", "LShift": "<<", "RShift": ">>",
        "MatMult": "@", "Invert": "~", "UAdd": "unary +",
    }  # fmt: skip
    return kinds.get(type(node).__name__, type(node).__name__)


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(dict.fromkeys(known)), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
