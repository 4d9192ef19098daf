"""attrs classes as ModelSpecs: annotations, defaults, ``alias``, validators read as constraints.

The common ``attrs.validators`` (``in_``, ``ge``/``gt``/``le``/``lt``, ``min_len``/``max_len``,
``matches_re``, ``instance_of``, and ``and_``/``optional`` around them) become bounds
the values are drawn inside; any other validator still runs, because the instance is
made by calling the class. When construction fails, each field's validators are run on
their own value to name the fields to re-draw. ``field(metadata={"forge": "sensitive",
"description": ...})`` sets the field's level and description. attrs is an optional
extra (``pip install pytest-forge[attrs]``); this module is imported only for attrs classes.
"""

from __future__ import annotations

import re
import sys
import typing
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.adapters.kinds import is_attrs_class
from pytest_forge.spec import MISSING, FieldSpec, ModelSpec, Rejection, rejection_of_plain_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import TypeSpec

__all__ = ["attrs_model_spec", "is_attrs_class"]

_LEVELS = ("safe", "sensitive", "dangerous")
_OPERATORS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}


def attrs_model_spec(model: type[Any]) -> ModelSpec:
    """Describe an attrs class: its ``__init__`` arguments, by their alias."""
    import attrs

    hints = _hints(model)
    attributes = [a for a in attrs.fields(model) if a.init]
    namespace = vars(sys.modules[model.__module__]) if model.__module__ in sys.modules else None
    fields = tuple(_field(a, hints.get(a.name, a.type), namespace) for a in attributes)
    return ModelSpec(
        model=model,
        name=model.__name__,
        fields=fields,
        validate=_constructor(model, attributes),
        kind="attrs",
        failing_fields=_read_refusal,
        validators=lambda field: _validator_names(attributes, field),
        init_keys=_own_init_keys(model),
        # a private attribute ``_weight`` is ``weight=`` in __init__: overrides take either name
        other_names=tuple((a.alias, a.name) for a in attributes if a.alias and a.alias != a.name),
    )


def _own_init_keys(model: type[Any]) -> frozenset[str] | None:
    """The keywords a hand-written ``__init__`` names (a subclass's own, not the one attrs wrote)."""
    from pytest_forge.adapters.pydantic_validation import named_parameters

    code = getattr(model.__init__, "__code__", None)
    if code is None or code.co_filename.startswith("<attrs generated"):
        return None
    return named_parameters(model.__init__)


def _hints(model: type[Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(model, include_extras=True)
    except (NameError, TypeError):  # unresolvable string annotations: each attribute's own type
        return {}


def _field(attribute: Any, annotation: Any, namespace: dict[str, Any] | None = None) -> FieldSpec:
    """One ``__init__`` argument; an annotation left as text (the class's hints did not all resolve)
    is evaluated in its module."""
    import attrs

    spec = resolve_annotation(annotation if annotation is not None else Any, (), namespace)
    _read_validator(spec.inner(), attribute.validator)
    default, factory = MISSING, None
    if isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
        factory = None if attribute.default.takes_self else attribute.default.factory
    elif attribute.default is not attrs.NOTHING:
        default = attribute.default
    metadata = dict(attribute.metadata or {})
    level = metadata.get("forge")
    return FieldSpec(
        name=attribute.name,
        type=spec,
        input_path=(attribute.alias or attribute.name,),
        required=attribute.default is attrs.NOTHING,
        default=default,
        default_factory=factory,
        description=metadata.get("description"),
        level=level if level in _LEVELS else None,
        metadata=tuple(metadata.items()),
    )


def _read_validator(spec: TypeSpec, validator: Any) -> None:
    """Copy what a known validator asks onto ``spec`` (unknown ones are only run)."""
    if validator is None:
        return
    name = type(validator).__name__
    if name == "_AndValidator":
        for inner in validator._validators:
            _read_validator(spec, inner)
    elif name == "_OptionalValidator":
        inner = validator.validator
        for one in inner if isinstance(inner, (list, tuple)) else (inner,):
            _read_validator(spec, one)
    elif name == "_InValidator":
        spec.kind, spec.choices = "literal", tuple(validator.options)
    elif name == "_NumberValidator" and validator.compare_op in _OPERATORS:
        setattr(spec, _OPERATORS[validator.compare_op], validator.bound)
    elif name == "_MinLengthValidator":
        spec.min_length = validator.min_length
    elif name == "_MaxLengthValidator":
        spec.max_length = validator.max_length
    elif name == "_MatchesReValidator":
        pattern = validator.pattern
        spec.pattern = pattern.pattern if isinstance(pattern, re.Pattern) else str(pattern)


class _Refused(ValueError):
    """The class refused its arguments; ``fields`` are those whose validators refuse their own value."""

    def __init__(self, fields: dict[str, str], message: str) -> None:
        super().__init__(message)
        self.fields = fields


def _constructor(model: type[Any], attributes: list[Any]) -> Callable[[dict[str, Any]], Any]:
    def validate(data: dict[str, Any]) -> Any:
        try:
            return model(**data)
        except Exception as exc:
            refusal = rejection_of_plain_error(exc)
            if refusal is None:
                raise
            raise _Refused(_failing(attributes, data), refusal.message) from exc

    return validate


def _read_refusal(exc: BaseException) -> Rejection | None:
    if isinstance(exc, _Refused):
        return Rejection(exc.fields, str(exc))
    return rejection_of_plain_error(exc)


def _failing(attributes: list[Any], data: dict[str, Any]) -> dict[str, str]:
    failing: dict[str, str] = {}
    for attribute in attributes:
        key = attribute.alias or attribute.name
        if attribute.validator is None or key not in data:
            continue
        try:
            attribute.validator(None, attribute, data[key])
        except Exception as exc:  # any refusal of this value on its own names the field
            failing[attribute.name] = f"{type(exc).__name__}: {exc}"
    return failing


def _validator_names(attributes: list[Any], field: str | None) -> tuple[str, ...]:
    for attribute in attributes:
        if attribute.name == field and attribute.validator is not None:
            return (repr(attribute.validator),)
    return ()
