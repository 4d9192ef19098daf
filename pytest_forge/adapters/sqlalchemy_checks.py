"""CHECK constraints read with sqlglot: checked on each record, and single-column bounds drawn directly.

``CheckConstraint("price > 0 AND price <= 1000")`` becomes bounds on ``price``'s TypeSpec
(so values are drawn inside them), and every check is also evaluated on the record
before it is built: a record that breaks one has the check's columns re-drawn. SQL's
three-valued logic holds: a check over NULL passes. A check we cannot read (a function
or operator we do not evaluate) is left to the database; ``sqlglot`` is an optional
extra (``pip install pytest-forge[sqlalchemy-checks]``), imported only for models
that declare checks.
"""

from __future__ import annotations

import decimal
import enum
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import TypeSpec

__all__ = ["Check", "narrow", "parse_check"]


class _Unreadable(Exception):
    """An expression we do not evaluate: the database alone enforces that check."""


@dataclass(frozen=True, slots=True)
class Check:
    """One CHECK constraint: the fields it reads, and whether a record satisfies it."""

    text: str
    fields: tuple[str, ...]
    evaluate: Callable[[dict[str, Any]], Any]
    #: single-column bounds of its top-level AND: (field, operator name, literal values)
    bounds: tuple[tuple[str, str, tuple[Any, ...]], ...]

    def holds(self, record: dict[str, Any]) -> bool:
        """False only when the check is false (NULL, SQL's unknown, passes)."""
        return self.evaluate(record) is not False


def parse_check(text: str, columns: dict[str, str], model_name: str) -> Check | None:
    """The check ``text`` over ``columns`` (column name → field name), or None when we cannot read it."""
    try:
        import sqlglot
        from sqlglot.errors import ParseError
    except ImportError:
        raise UsageError(
            f"{model_name} has CHECK constraints; reading them needs sqlglot: "
            f"pip install 'pytest-forge[sqlalchemy-checks]'",
            model=model_name,
        ) from None
    try:
        tree = sqlglot.parse_one(text)
    except ParseError:
        return None
    try:
        evaluate = _compile(tree, columns)
    except _Unreadable:
        return None
    from sqlglot import exp

    fields = tuple(dict.fromkeys(columns[c.name] for c in tree.find_all(exp.Column) if c.name in columns))
    return Check(text, fields, evaluate, _bounds(tree, columns))


def _compile(node: Any, columns: dict[str, str]) -> Callable[[dict[str, Any]], Any]:
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        return _compile(node.this, columns)
    if isinstance(node, exp.Column):
        field = columns.get(node.name)
        if field is None:
            raise _Unreadable(node.name)
        return lambda record: _sql_value(record.get(field))
    if isinstance(node, (exp.Literal, exp.Neg, exp.Boolean, exp.Null)):
        value = _literal(node)
        return lambda record: value
    if isinstance(node, (exp.And, exp.Or)):
        combine = _and if isinstance(node, exp.And) else _or
        combined: Callable[[dict[str, Any]], Any] = combine(
            _compile(node.this, columns), _compile(node.expression, columns)
        )
        return combined
    return _compile_predicate(node, columns)


def _compile_predicate(node: Any, columns: dict[str, str]) -> Callable[[dict[str, Any]], Any]:
    from sqlglot import exp

    if isinstance(node, exp.Not):
        inner = _compile(node.this, columns)
        return lambda record: None if (v := inner(record)) is None else not v
    if isinstance(node, exp.Is):
        subject = _compile(node.this, columns)
        return lambda record: subject(record) is None
    if isinstance(node, exp.In):
        subject, options = _compile(node.this, columns), [_literal(e) for e in node.expressions]
        return lambda record: None if (v := subject(record)) is None else v in options
    if isinstance(node, exp.Between):
        subject, low, high = (_compile(node.args[k], columns) for k in ("this", "low", "high"))
        return lambda record: (
            _three_valued(operator.le, low(record), subject(record))
            and _three_valued(operator.le, subject(record), high(record))
        )
    if isinstance(node, exp.Length):
        subject = _compile(node.this, columns)
        return lambda record: None if (v := subject(record)) is None else len(v)
    compare = _COMPARISONS.get(type(node).__name__)
    if compare is None:
        raise _Unreadable(type(node).__name__)
    left, right = _compile(node.this, columns), _compile(node.expression, columns)
    return lambda record: _three_valued(compare, left(record), right(record))


def _three_valued(compare: Callable[[Any, Any], bool], left: Any, right: Any) -> bool | None:
    if left is None or right is None:
        return None
    return bool(compare(left, right))


def _and(left: Callable[[dict[str, Any]], Any], right: Callable[[dict[str, Any]], Any]) -> Any:
    def both(record: dict[str, Any]) -> Any:
        a, b = left(record), right(record)
        if a is False or b is False:
            return False
        return None if a is None or b is None else True

    return both


def _or(left: Callable[[dict[str, Any]], Any], right: Callable[[dict[str, Any]], Any]) -> Any:
    def either(record: dict[str, Any]) -> Any:
        a, b = left(record), right(record)
        if a is True or b is True:
            return True
        return None if a is None or b is None else False

    return either


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "EQ": operator.eq, "NEQ": operator.ne, "GT": operator.gt, "GTE": operator.ge,
    "LT": operator.lt, "LTE": operator.le,
}  # fmt: skip


def _literal(node: Any) -> Any:
    from sqlglot import exp

    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Neg):
        return -_literal(node.this)
    if not isinstance(node, exp.Literal):
        raise _Unreadable(type(node).__name__)
    if node.is_string:
        return str(node.this)
    text = str(node.this)
    return int(text) if text.lstrip("-").isdigit() else decimal.Decimal(text)


def _sql_value(value: Any) -> Any:
    """What the database compares: an Enum column stores the member's name (or its value)."""
    return _StoredMember(value.name, value.value) if isinstance(value, enum.Enum) else value


@dataclass(frozen=True, slots=True)
class _StoredMember:
    """An Enum member as the database holds it: its name, or its value with ``values_callable``."""

    name: str
    value: Any

    def __eq__(self, other: object) -> bool:
        return other in (self.name, self.value)

    def __hash__(self) -> int:
        return hash(self.name)


def _bounds(tree: Any, columns: dict[str, str]) -> tuple[tuple[str, str, tuple[Any, ...]], ...]:
    """``col > 0``, ``col BETWEEN 1 AND 9``, ``col IN (...)`` conjuncts of the top-level AND
    (an OR contributes what all of its branches bound: the loosest lower and upper bounds)."""
    from sqlglot import exp

    found: list[tuple[str, str, tuple[Any, ...]]] = []
    for part in tree.flatten() if isinstance(tree, exp.And) else (tree,):
        part = part.unnest()
        try:
            found.extend(_hull(part, columns) if isinstance(part, exp.Or) else _bound_of(part, columns))
        except (_Unreadable, TypeError):
            continue
    return tuple(found)


def _hull(node: Any, columns: dict[str, str]) -> list[tuple[str, str, tuple[Any, ...]]]:
    """Bounds every branch of an OR agrees on, widened to hold them all."""
    branches = [list(_bounds(branch.unnest(), columns)) for branch in node.flatten()]
    hull: list[tuple[str, str, tuple[Any, ...]]] = []
    for direction, pick in (("low", min), ("high", max)):
        for field in dict.fromkeys(f for f, _, _ in branches[0]):
            limits = [_limit(branch, field, direction) for branch in branches]
            if all(limit is not None for limit in limits):
                hull.append((field, "GTE" if direction == "low" else "LTE", (pick(limits),)))
    return hull


def _limit(bounds: list[tuple[str, str, tuple[Any, ...]]], field: str, direction: str) -> Any:
    ops = ("GT", "GTE", "EQ") if direction == "low" else ("LT", "LTE", "EQ")
    values = [
        v[0] for f, op, v in bounds if f == field and op in ops and isinstance(v[0], (int, decimal.Decimal))
    ]
    if not values:
        return None
    return max(values) if direction == "low" else min(values)


_FLIPPED = {"GT": "LT", "GTE": "LTE", "LT": "GT", "LTE": "GTE", "EQ": "EQ"}


def _bound_of(part: Any, columns: dict[str, str]) -> list[tuple[str, str, tuple[Any, ...]]]:
    from sqlglot import exp

    if isinstance(part, exp.Between) and isinstance(part.this, exp.Column) and part.this.name in columns:
        field = columns[part.this.name]
        return [(field, "GTE", (_literal(part.args["low"]),)), (field, "LTE", (_literal(part.args["high"]),))]
    if isinstance(part, exp.In) and isinstance(part.this, exp.Column) and part.this.name in columns:
        return [(columns[part.this.name], "IN", tuple(_literal(e) for e in part.expressions))]
    name = type(part).__name__
    if name not in _FLIPPED:
        return []
    left, right = part.this, part.expression
    if isinstance(right, exp.Column) and not isinstance(left, exp.Column):
        left, right, name = right, left, _FLIPPED[name]
    if isinstance(left, exp.Column) and left.name in columns and not isinstance(right, exp.Column):
        return [(columns[left.name], name, (_literal(right),))]
    return []


def narrow(spec: TypeSpec, op: str, values: tuple[Any, ...]) -> None:
    """Draw inside a bound a check puts on one column (the check itself is still evaluated)."""
    if spec.kind in ("int", "float", "decimal"):
        _narrow_number(spec, op, values)
    elif op == "IN" and spec.kind in ("str", "literal"):
        spec.kind, spec.choices = "literal", tuple(v for v in values if isinstance(v, str))
    elif op == "IN" and spec.kind == "enum":  # stored by name, or by value (``values_callable``)
        spec.choices = tuple(m for m in spec.choices if m.name in values or m.value in values)


def _narrow_number(spec: TypeSpec, op: str, values: tuple[Any, ...]) -> None:
    if not values or not all(isinstance(v, (int, decimal.Decimal)) for v in values):
        return
    cast: Callable[[Any], Any] = {"int": int, "float": float, "decimal": decimal.Decimal}[spec.kind]
    if op == "IN":
        spec.kind, spec.choices = "literal", tuple(cast(v) for v in values)
        return
    value = values[0]
    if spec.kind == "int" and value != int(value):
        return  # a fractional bound on an integer column: left to the check itself
    value = cast(value)
    if op in ("GT", "GTE"):
        attr = "gt" if op == "GT" else "ge"
        spec.ge = value if op == "GTE" and (spec.ge is None or value > spec.ge) else spec.ge
        spec.gt = value if attr == "gt" else spec.gt
    elif op in ("LT", "LTE"):
        spec.le = value if op == "LTE" and (spec.le is None or value < spec.le) else spec.le
        spec.lt = value if op == "LT" else spec.lt
    elif op == "EQ":
        spec.kind, spec.choices = "literal", (value,)
