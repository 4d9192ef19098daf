"""Plain classes a model holds as arbitrary types (``arbitrary_types_allowed``): built by their ``__init__``.

pydantic checks such a field with ``isinstance`` only, so the value must be an instance. A class
whose ``__init__`` parameters without defaults (at least one) are all annotated with types we
generate (an ``httpx.Response`` needs a ``status_code: int``) is described like a dataclass: those parameters
are its fields and ``validate`` calls the class. Abstract classes, protocols and classes whose
parameters are not annotated stay unsupported (the error names the field and how to fill it).
"""

from __future__ import annotations

import inspect
import threading
import typing
from typing import Any

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.adapters.refusal_reasons import described
from pytest_forge.spec import MISSING, FieldSpec, ModelSpec, Rejection, TypeSpec

__all__ = ["constructible_class", "plain_class_spec"]

_POSITIONAL = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
_SKIPPED = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def constructible_class(cls: Any) -> bool:
    """True when ``cls`` is a concrete plain class whose required ``__init__`` parameters we can fill."""
    if not isinstance(cls, type) or inspect.isabstract(cls) or getattr(cls, "_is_protocol", False):
        return False
    if issubclass(cls, BaseException):  # an exception held as a value: built with its message
        own = [k for k in cls.__mro__ if k.__module__ != "builtins"]
        return not any("__init__" in vars(k) or "__new__" in vars(k) for k in own)
    # a class that needs nothing says nothing of a valid instance (CID())
    return cls.__module__ != "builtins" and bool(_parameters(cls))


_CHECKING: set[type] = set()
_LOCK = threading.RLock()


def _parameters(cls: type) -> list[tuple[str, TypeSpec]] | None:
    """(name, type) of each required parameter, or None when one cannot be generated (or needs the
    class itself: ``Color(value: Color | str)`` is not built from itself)."""
    with _LOCK:
        if cls in _CHECKING:
            return None
        _CHECKING.add(cls)
        try:
            return _read_parameters(cls)
        finally:
            _CHECKING.discard(cls)


def _read_parameters(cls: type) -> list[tuple[str, TypeSpec]] | None:
    init: Any = cls.__init__  # type: ignore[misc]
    if init is object.__init__:
        return None
    try:
        signature = inspect.signature(init)
        hints = typing.get_type_hints(init, include_extras=True)
    except Exception:  # unresolvable annotations (names imported only for type checkers), C signatures
        return None
    found: list[tuple[str, TypeSpec]] = []
    for name, parameter in list(signature.parameters.items())[1:]:
        if parameter.kind in _SKIPPED or parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind not in _POSITIONAL or name not in hints:
            return None
        spec = resolve_annotation(hints[name])
        if _unsupported(spec):
            return None
        found.append((name, spec))
    return found


def _unsupported(spec: TypeSpec) -> bool:
    """True when no value of ``spec`` can be generated (a union needs one arm, an optional none)."""
    if spec.kind == "optional":
        return False
    if spec.kind == "union":
        return all(_unsupported(arg) for arg in spec.args)
    return spec.kind == "unsupported" or any(_unsupported(arg) for arg in spec.args)


def plain_class_spec(cls: Any) -> ModelSpec:
    """Describe a class by its ``__init__``: its required parameters, given by keyword."""
    if issubclass(cls, BaseException):
        message = f"{cls.__name__} raised while testing"
        return ModelSpec(
            model=cls, name=cls.__name__, fields=(), validate=lambda data: cls(message), kind="class"
        )
    fields = tuple(
        FieldSpec(name=name, type=spec, input_path=(name,), required=True, default=MISSING)
        for name, spec in _parameters(cls) or ()
    )
    return ModelSpec(
        model=cls,
        name=cls.__name__,
        fields=fields,
        validate=lambda data: cls(**data),
        kind="class",
        failing_fields=_refusal_of_init,
    )


def _refusal_of_init(exc: BaseException) -> Rejection | None:
    """Whatever the class's own ``__init__`` raised refuses the arguments as a whole (an
    AttributeError or ImportError from its body too: re-drawn, then a ForgeError naming the class)."""
    if isinstance(exc, Exception):
        return Rejection({}, described(exc))
    return None
