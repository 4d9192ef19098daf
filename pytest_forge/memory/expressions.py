"""The ``when`` language of memory rules: comparisons over a record's fields, parsed and never eval'ed.

``age < 18``, ``country == "IL" and not verified``, ``status in ("open", "held")``,
``18 <= age <= 65``: names are the record's fields; constants are str/int/float/bool/None
(or a tuple/list of them after ``in``); ``and``/``or``/``not`` combine. Anything else
(calls, attributes, arithmetic, subscripts ...) is refused with a :class:`UsageError`
when the rule is written, so nothing a rule file says can run code.
"""

from __future__ import annotations

import ast
import enum
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    Evaluator = Callable[[Mapping[str, Any]], Any]

__all__ = ["Condition", "parse_condition"]

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_CONSTANT_TYPES = (str, int, float, bool, type(None))


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed ``when``: its text, the field names it reads and the constants compared to each."""

    text: str
    tree: ast.expr
    names: frozenset[str]
    #: field name → the constants it is compared with (for skeptical checks of enum/Literal values)
    constants: dict[str, tuple[Any, ...]]
    evaluate: Evaluator

    def holds(self, record: Mapping[str, Any]) -> bool:
        """True when the record satisfies the condition; a comparison of mismatched types is False."""
        return bool(self.evaluate(record))


def parse_condition(text: str) -> Condition:
    """Parse ``text``; a UsageError naming the offending part when it is not in the language."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise UsageError(f"when={text!r} is not a valid condition: {exc.msg}") from None
    _check(tree, text)
    names = frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
    return Condition(text.strip(), tree, names, _constants_by_name(tree), _compile(tree))


def _check(node: ast.AST, text: str) -> None:
    allowed = (
        ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.Compare,
        ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List, *_COMPARE,
    )  # fmt: skip
    for child in ast.walk(node):
        if not isinstance(child, allowed):
            shown = ast.unparse(child) if isinstance(child, ast.expr) else type(child).__name__
            raise UsageError(
                f"when={text!r}: {shown!r} is not allowed; use field names, constants, "
                "comparisons, in, and/or/not"
            )
        if isinstance(child, ast.Constant) and not isinstance(child.value, _CONSTANT_TYPES):
            raise UsageError(
                f"when={text!r}: the constant {child.value!r} is not a str, number, bool or None"
            )
        if isinstance(child, ast.UnaryOp) and not isinstance(child.op, ast.Not | ast.USub):
            raise UsageError(f"when={text!r}: only 'not' and '-' may stand before a value")
        if isinstance(child, ast.UnaryOp) and isinstance(child.op, ast.USub) and not _constant(child):
            raise UsageError(f"when={text!r}: '-' applies to numbers only")


def _constant(node: ast.UnaryOp) -> bool:
    return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, int | float)


def _constants_by_name(tree: ast.expr) -> dict[str, tuple[Any, ...]]:
    found: dict[str, list[Any]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        names = [s.id for s in sides if isinstance(s, ast.Name)]
        values = [v for s in sides if not isinstance(s, ast.Name) for v in _literal_values(s)]
        for name in names:
            found.setdefault(name, []).extend(values)
    return {name: tuple(values) for name, values in found.items()}


def _literal_values(node: ast.expr) -> list[Any]:
    if isinstance(node, (ast.Tuple, ast.List)):
        return [v for element in node.elts for v in _literal_values(element)]
    try:
        return [ast.literal_eval(node)]
    except ValueError:
        return []


def _compile(node: ast.expr) -> Evaluator:
    """The checked tree turned into nested closures once (no tree walk per record)."""
    if isinstance(node, ast.BoolOp):
        parts = [_compile(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda record: all(part(record) for part in parts)
        return lambda record: any(part(record) for part in parts)
    if isinstance(node, ast.UnaryOp):
        operand = _compile(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda record: not operand(record)
        return lambda record: -operand(record)
    if isinstance(node, ast.Compare):
        return _compile_compare(node)
    if isinstance(node, ast.Name):
        name = node.id
        return lambda record: _plain(record.get(name))
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_compile(e) for e in node.elts]
        return lambda record: tuple(item(record) for item in items)
    if isinstance(node, ast.Constant):
        value = node.value
        return lambda record: value
    raise UsageError(f"unexpected {type(node).__name__} in a rule condition")  # _check refused it already


def _compile_compare(node: ast.Compare) -> Evaluator:
    first = _compile(node.left)
    steps = [
        (_COMPARE[type(op)], _compile(right)) for op, right in zip(node.ops, node.comparators, strict=True)
    ]

    def compare(record: Mapping[str, Any]) -> bool:
        left = first(record)
        for operator_, right_of in steps:
            right = right_of(record)
            try:
                if not operator_(left, right):
                    return False
            except TypeError:
                return False  # None < 18, "a" < 3: the condition does not hold
            left = right
        return True

    return compare


def _plain(value: Any) -> Any:
    """Enum members compare by value (``status == "open"`` for ``Status.OPEN``)."""
    return value.value if isinstance(value, enum.Enum) else value
