"""Pydantic's side of the adapter contract: which fields a ValidationError names, and which validators ran.

The builder never sees pydantic: it calls ``ModelSpec.validate`` and asks
``ModelSpec.failing_fields`` what a refusal means (see :class:`~pytest_forge.spec.Rejection`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.decoding import decoding_layer
from pytest_forge.adapters.refusal_reasons import described
from pytest_forge.spec import Rejection

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import FieldSpec

__all__ = [
    "init_keys",
    "named_parameters",
    "nests_as_input",
    "raised_in_validator_of",
    "rejection_reader",
    "validator_names",
]

_ANNOTATED_VALIDATORS = ("AfterValidator", "BeforeValidator", "WrapValidator", "PlainValidator")


def rejection_reader(
    fields: tuple[FieldSpec, ...], model: Any = None
) -> Callable[[BaseException], Rejection | None]:
    """Reads pydantic's ValidationError: ``loc[0]`` is an input key (alias) or a field name."""
    by_key = {f.input_path[0]: f.name for f in fields if f.input_path}
    names = {f.name for f in fields}

    def read(exc: BaseException) -> Rejection | None:
        from pydantic import ValidationError

        if not isinstance(exc, ValidationError):
            # the model's own validator raised outside pydantic's wrapping (an AttributeError, a
            # callable discriminator's error): the record as a whole is refused, and re-drawn
            whole = Rejection({}, described(exc))
            if model is None:
                return whole
            # raised in a field's own validator (``value.keys()`` on a scalar, ``json.loads(a_dict)``):
            # still the whole record, but that field's re-draws may try its other values
            layer = decoding_layer(exc) or ""
            raised_in = {name: layer for name in raised_in_validator_of(model, exc) if name in names}
            return Rejection({}, whole.message, raised_in=raised_in)
        errors = exc.errors()
        failing: dict[str, str] = {}
        located: dict[str, tuple[Any, ...]] = {}
        decoded: dict[str, str] = {}
        for error in errors:
            loc = error.get("loc") or ()
            name = by_key.get(loc[0], loc[0] if loc and loc[0] in names else None) if loc else None
            if isinstance(name, str):
                failing.setdefault(name, str(error.get("msg")))
                if len(loc) > 1:
                    located.setdefault(name, tuple(loc[1:]))
                found = decoding_layer((error.get("ctx") or {}).get("error")) if len(loc) == 1 else None
                if found is not None:  # a validator's own exception: which decoding refused the value
                    decoded.setdefault(name, found)
        message = str(errors[0].get("msg")) if errors else str(exc)
        return Rejection(failing, message, located, decoded)

    return read


def raised_in_validator_of(model: Any, exc: BaseException) -> tuple[str, ...]:
    """The fields of the model's field validator that ``exc`` passed through (its frame is in the
    traceback), or () when none of them raised it."""
    decorators = getattr(model, "__pydantic_decorators__", None)
    if decorators is None:
        return ()
    codes = set()
    tb = exc.__traceback__
    while tb is not None:
        codes.add(tb.tb_frame.f_code)
        tb = tb.tb_next
    for dec in decorators.field_validators.values():
        code = getattr(getattr(dec.func, "__func__", dec.func), "__code__", None)
        if code in codes:
            return tuple(name for name in dec.info.fields if name != "*")
    return ()


def nests_as_input(model: Any) -> bool:
    """True when a parent's validation can build ``model`` from its input dict (it has no validators,
    and no ``__init__`` of its own that leaves fields out)."""
    decorators = getattr(model, "__pydantic_decorators__", None)
    if decorators is None or _init_leaves_out_fields(model):
        return False
    return not (
        decorators.field_validators or decorators.model_validators or decorators.validators
        or decorators.root_validators or _annotated_validators(model)
    )  # fmt: skip


def init_keys(model: Any) -> frozenset[str] | None:
    """The keywords a model's own ``__init__`` names (validation calls it with the input dict), or None
    when it has none or names none (``def __init__(self, **data)`` takes the fields as they are)."""
    if not getattr(model, "__pydantic_custom_init__", False):
        return None
    return named_parameters(model.__init__)


def named_parameters(init: Any) -> frozenset[str] | None:
    """The keyword parameters an ``__init__`` names (None: none, or no signature to read)."""
    import inspect

    try:
        parameters = list(inspect.signature(init).parameters.values())[1:]
    except (TypeError, ValueError):
        return None
    named = frozenset(p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))
    return named or None


def _init_leaves_out_fields(model: Any) -> bool:
    """True when the model's own ``__init__`` names some of its fields but not all: a parent's
    validation cannot build it from a dict of its fields, its own re-draws leave them to ``__init__``."""
    named = init_keys(model)
    if named is None:
        return False
    return any(
        name not in named and (info.alias or name) not in named for name, info in model.model_fields.items()
    )


def _annotated_validators(model: Any) -> bool:
    return any(
        type(m).__name__ in _ANNOTATED_VALIDATORS
        for info in model.model_fields.values()
        for m in info.metadata
    )


def validator_names(model: Any) -> Callable[[str | None], tuple[str, ...]]:
    """The names of ``model``'s validators for a field (``None``: its model validators)."""

    def names(field: str | None) -> tuple[str, ...]:
        decorators = getattr(model, "__pydantic_decorators__", None)
        if decorators is None:
            return ()
        if field is None:
            return tuple(decorators.model_validators)
        return tuple(
            name
            for name, dec in decorators.field_validators.items()
            if field in dec.info.fields or "*" in dec.info.fields
        )

    return names
