"""Options of a Forge and of one ``create`` call, kept apart from field overrides."""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ArgumentError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CALL_OPTIONS",
    "PARENTS_PER_CHILD",
    "RELATION_OPTIONS",
    "CallOptions",
    "GenerationOptions",
    "check_count",
    "check_probability",
]

#: keywords about foreign keys and uniqueness (also attributes of a Blueprint)
RELATION_OPTIONS = ("generate_fk", "generate_m2m", "fk_filter", "unique_together", "traits")
#: keywords of create/create_batch that are options, not field overrides
CALL_OPTIONS = ("field_values", "none_p", "parents_per_child", "context", *RELATION_OPTIONS)
#: parents made per child when a batch needs parents that do not exist yet (about 3 orders a customer)
PARENTS_PER_CHILD = 1 / 3


class GenerationOptions:
    """What generators read while drawing: the Forge's defaults, or the running call's own values.

    A call's values live in context variables, so they travel with that call (its thread or
    task) and are never visible to a call running at the same time on the same Forge.
    """

    __slots__ = (
        "_call_filling",
        "_call_none_p",
        "_call_parents_per_child",
        "_fresh_parents_of",
        "default_none_p",
        "default_parents_per_child",
        "full_validation",
    )

    def __init__(
        self, none_p: float = 0.1, parents_per_child: float = PARENTS_PER_CHILD, full_validation: bool = False
    ) -> None:
        #: every record goes through the model's whole validation (no proven-equivalent shortcut)
        self.full_validation = bool(full_validation)
        self.default_none_p = check_probability("none_p", none_p)
        self.default_parents_per_child = check_probability("parents_per_child", parents_per_child)
        self._call_none_p: ContextVar[float | None] = ContextVar("forge_call_none_p", default=None)
        self._call_parents_per_child: ContextVar[float | None] = ContextVar(
            "forge_call_parents_per_child", default=None
        )
        self._call_filling: ContextVar[bool] = ContextVar("forge_call_filling", default=False)
        self._fresh_parents_of: ContextVar[str | None] = ContextVar("forge_fresh_parents_of", default=None)

    @property
    def none_p(self) -> float:
        """The chance an optional value is None, for the call running in this context."""
        scoped = self._call_none_p.get()
        return self.default_none_p if scoped is None else scoped

    @property
    def parents_per_child(self) -> float:
        """New parents made per child needing one, for the call running in this context."""
        scoped = self._call_parents_per_child.get()
        return self.default_parents_per_child if scoped is None else scoped

    @property
    def filling(self) -> bool:
        """True while a re-draw fills a field a refusal needs set: an optional foreign key with no
        parent to pick makes one (relations/auto_parents.py)."""
        return self._call_filling.get()

    @property
    def fresh_parents_of(self) -> str | None:
        """The model whose required keys take new parents, not registered ones, in this context."""
        return self._fresh_parents_of.get()

    @contextlib.contextmanager
    def fresh_parents(self, model_name: str) -> Iterator[None]:
        """Draw ``model_name``'s required keys as new parents inside this block (a re-draw after
        refusals of the model as a whole: the parents a row had may be what was refused)."""
        token = self._fresh_parents_of.set(model_name)
        try:
            yield
        finally:
            self._fresh_parents_of.reset(token)

    @contextlib.contextmanager
    def scoped(
        self, none_p: float | None, parents_per_child: float | None = None, *, filling: bool = False
    ) -> Iterator[None]:
        """Use ``none_p`` (and ``parents_per_child``) for the calls made inside this block, in this
        context only; ``filling`` for the fields drawn in it (a call, a parent's too, starts without)."""
        tokens: list[tuple[ContextVar[Any], Any]] = [
            (var, var.set(value))
            for var, value in ((self._call_none_p, none_p), (self._call_parents_per_child, parents_per_child))
            if value is not None
        ]
        tokens.append((self._call_filling, self._call_filling.set(filling)))
        try:
            yield
        finally:
            for var, token in reversed(tokens):
                var.reset(token)


@dataclass(slots=True)
class CallOptions:
    """A create/create_batch call's keywords: options by name, everything else a field override."""

    overrides: dict[str, Any] = field(default_factory=dict)
    none_p: float | None = None
    context: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: share of children that get a new parent while a batch makes its own parents
    parents_per_child: float | None = None
    #: True: make a new parent for every foreign key (and theirs); a tuple: only on those paths
    generate_fk: bool | tuple[str, ...] | None = None
    #: many-to-many field → (fewest, most) parents per record
    generate_m2m: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: foreign-key field → predicate on the parent (or dict of attribute values) it must pass
    fk_filter: dict[str, Any] = field(default_factory=dict)
    unique_together: tuple[tuple[str, ...], ...] = ()
    traits: tuple[str, ...] = ()

    @property
    def relational(self) -> bool:
        """True when the call asks something of foreign keys, uniqueness or traits."""
        return self.generate_fk is not None or bool(
            self.generate_m2m or self.fk_filter or self.unique_together or self.traits
        )

    @classmethod
    def split(cls, kwargs: dict[str, Any], option_names: tuple[str, ...] = ()) -> CallOptions:
        """Separate options from overrides; ``field_values`` overrides fields named like options."""
        kwargs = dict(kwargs)
        field_values = kwargs.pop("field_values", None) or {}
        if not isinstance(field_values, dict):
            raise TypeError(f"field_values must be a dict of field name to value, got {field_values!r}")
        none_p = kwargs.pop("none_p", None)
        if none_p is not None:
            none_p = check_probability("none_p", none_p)
        parents = kwargs.pop("parents_per_child", None)
        if parents is not None:
            parents = check_probability("parents_per_child", parents)
        context = kwargs.pop("context", None)
        if context is not None and not isinstance(context, str):
            raise TypeError(f"context must be a string describing the data, got {context!r}")
        extra = {name: kwargs.pop(name) for name in option_names if name in kwargs}
        relations = relation_options({name: kwargs.pop(name) for name in RELATION_OPTIONS if name in kwargs})
        overrides = {**kwargs, **field_values}
        return cls(
            overrides=overrides,
            none_p=none_p,
            context=context,
            extra=extra,
            parents_per_child=parents,
            **relations,
        )


def relation_options(given: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise the relation options (a Blueprint's attributes go through here too)."""
    checked: dict[str, Any] = {}
    for name, value in given.items():
        if value is not None:
            checked[name] = _CHECKS[name](value)
    return checked


def _generate_fk(value: Any) -> bool | tuple[str, ...]:
    if isinstance(value, bool):
        return value
    return _names("generate_fk", value, "True, False or a list of paths like ['author', 'author__user']")


def _generate_m2m(value: Any) -> dict[str, tuple[int, int]]:
    if not isinstance(value, dict):
        raise TypeError(f"generate_m2m must be a dict like {{'tag_ids': (1, 3)}}, got {value!r}")
    return {str(name): _count_range(name, count) for name, count in value.items()}


def _count_range(name: Any, count: Any) -> tuple[int, int]:
    low, high = (count, count) if isinstance(count, int) else tuple(count) if _is_pair(count) else (-1, -1)
    if isinstance(low, bool) or not isinstance(low, int) or not isinstance(high, int) or not 0 <= low <= high:
        raise ValueError(
            f"generate_m2m[{name!r}] must be a count or a (fewest, most) pair with 0 <= fewest <= most, "
            f"got {count!r}"
        )
    return low, high


def _is_pair(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 2


def _fk_filter(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(callable(v) or isinstance(v, dict) for v in value.values()):
        raise TypeError(
            f"fk_filter must map a field to a predicate (or a dict of attribute values), got {value!r}"
        )
    return dict(value)


def _unique_together(value: Any) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, (tuple, list)) and value and all(isinstance(v, str) for v in value):
        value = [value]  # one group given on its own: ("first", "last")
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"unique_together must be a list of field-name tuples, got {value!r}")
    return tuple(_names("unique_together", group, "a list of field-name tuples") for group in value)


def _traits(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else _names("traits", value, "a list of trait names")


def _names(option: str, value: Any, expected: str) -> tuple[str, ...]:
    if not isinstance(value, (tuple, list, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{option} must be {expected}, got {value!r}")
    return tuple(sorted(value)) if isinstance(value, (set, frozenset)) else tuple(value)


_CHECKS: dict[str, Any] = {
    "generate_fk": _generate_fk,
    "generate_m2m": _generate_m2m,
    "fk_filter": _fk_filter,
    "unique_together": _unique_together,
    "traits": _traits,
}


def check_probability(name: str, value: Any) -> float:
    """``value`` as a float in [0, 1], or a ValueError naming the option."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a probability between 0 and 1, got {value!r}")
    return float(value)


def check_count(name: str, value: Any, *, what: str = "a non-negative int") -> int:
    """``value`` as an int >= 0 (never a bool), or an ArgumentError (a TypeError) naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ArgumentError(f"{name} must be {what}, got {value!r}")
    return value
