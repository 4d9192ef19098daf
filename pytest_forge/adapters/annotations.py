"""Turn a Python type annotation (with its metadata) into a neutral TypeSpec tree.

Shared by every adapter that has annotations: pydantic models, dataclasses,
attrs classes and TypedDicts all describe their fields with them.
"""

from __future__ import annotations

import collections
import collections.abc as cabc
import contextvars
import dataclasses
import re
import types
import typing
from typing import Annotated, Any, Literal, TypeVar

import typing_extensions

from pytest_forge.adapters.constraints import Collected, apply_constraints, collect_metadata
from pytest_forge.adapters.forward_refs import evaluate_forward, names_of, resolving_names
from pytest_forge.adapters.known_classes import SCALARS, known_class, patterns
from pytest_forge.adapters.subclasses import standing_in
from pytest_forge.spec import Kind, TypeSpec

__all__ = ["describe", "describe_class", "resolve_annotation"]

_LIST_ORIGINS = {list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection, cabc.Iterator}
_SET_ORIGINS = {set, cabc.Set, cabc.MutableSet}
_DICT_ORIGINS = {dict, cabc.Mapping, cabc.MutableMapping, collections.defaultdict, collections.OrderedDict}
_ALIAS_TYPES = tuple(
    {getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType), typing_extensions.TypeAliasType}
)


def describe(annotation: Any) -> str:
    """A short readable rendering of an annotation for error messages."""
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def resolve_annotation(
    annotation: Any, metadata: Any = (), namespace: dict[str, Any] | None = None
) -> TypeSpec:
    """The TypeSpec for ``annotation``, with field-level ``metadata`` applied.

    ``namespace`` (the model's module globals) resolves forward references pydantic left as strings.
    """
    found = collect_metadata(metadata)
    if namespace is None:
        return _resolve(annotation, found, depth=0)
    with names_of(namespace):
        return _resolve(annotation, found, depth=0)


#: how deep one annotation's arguments may nest
_MAX_DEPTH = 50
#: how often one type alias may be expanded inside itself: a recursive alias (JSON values as
#: ``str | list[JSON] | dict[str, JSON]``) expands once per arm and level (50 levels never ended)
_ALIAS_REPEATS = 3
#: the type aliases being expanded around the annotation being resolved
_EXPANDING: contextvars.ContextVar[tuple[Any, ...]] = contextvars.ContextVar("forge_expanding", default=())


def _resolve(annotation: Any, found: Collected, depth: int) -> TypeSpec:
    if depth > _MAX_DEPTH:  # a type alias that refers to itself branches at every level: stop early
        return TypeSpec("unsupported", python_type=annotation, label="a type alias that refers to itself")
    expanded: list[Any] = []
    annotation, found = _unwrap(annotation, found, expanded)
    chain = _EXPANDING.get()
    if any(chain.count(alias) >= _ALIAS_REPEATS for alias in expanded):
        return TypeSpec("unsupported", python_type=annotation, label="a type alias that refers to itself")
    token = _EXPANDING.set((*chain, *expanded)) if expanded else None
    try:
        spec = _base_spec(annotation, found, depth)
    finally:
        if token is not None:
            _EXPANDING.reset(token)
    if not spec.label:
        spec.label = describe(annotation)
    spec = apply_constraints(spec, found)
    if found.json:
        spec = TypeSpec("json", args=(spec,), label=f"Json[{spec.label}]")
    return spec


def _unwrap(annotation: Any, found: Collected, expanded: list[Any] | None = None) -> tuple[Any, Collected]:
    """Peel Annotated, NewType, TypeVar and type aliases, collecting their metadata (and the aliases
    expanded in ``expanded``)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            inner = collect_metadata(annotation.__metadata__)
            annotation, found = annotation.__origin__, found.merged(inner)
        elif isinstance(annotation, _ALIAS_TYPES):
            if expanded is not None:
                expanded.append(annotation)
            annotation = annotation.__value__
        elif isinstance(origin, _ALIAS_TYPES):
            if expanded is not None:
                expanded.append(origin)
            annotation = _apply_alias_args(origin, typing.get_args(annotation))
        elif hasattr(annotation, "__supertype__"):
            annotation = annotation.__supertype__
        elif isinstance(annotation, TypeVar):
            annotation = _typevar_bound(annotation)
        elif isinstance(annotation, (typing.ForwardRef, str)) and resolving_names():
            evaluated = evaluate_forward(annotation)
            if evaluated is None:
                return annotation, found
            annotation = evaluated
        else:
            return annotation, found


def _apply_alias_args(alias: Any, args: tuple[Any, ...]) -> Any:
    value = alias.__value__
    params = getattr(alias, "__type_params__", ())
    if not params:
        return value
    try:
        return value[args] if len(args) > 1 else value[args[0]]
    except TypeError:
        return value


def _typevar_bound(var: Any) -> Any:
    if getattr(var, "has_default", lambda: False)():
        return var.__default__
    if var.__bound__ is not None:
        return var.__bound__
    if var.__constraints__:
        return var.__constraints__[0]
    return Any


def _base_spec(annotation: Any, found: Collected, depth: int) -> TypeSpec:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal or origin is typing_extensions.Literal:
        return TypeSpec("literal", choices=tuple(_flatten_literal(args)))
    if origin in (typing.Union, types.UnionType):
        return _union(args, found, depth)
    if origin is not None and not _is_model(annotation):
        return _generic(annotation, origin, args, depth)
    return _plain_class(annotation, found)


def _flatten_literal(args: tuple[Any, ...]) -> list[Any]:
    values: list[Any] = []
    for arg in args:
        if typing.get_origin(arg) is Literal:
            values.extend(_flatten_literal(typing.get_args(arg)))
        else:
            values.append(arg)
    return values


def _union(args: tuple[Any, ...], found: Collected, depth: int) -> TypeSpec:
    non_none = [a for a in args if a is not type(None) and a is not None]
    arm_found = Collected()
    arms = tuple(_resolve(arm, arm_found, depth + 1) for arm in non_none)
    if len(arms) == 1:
        inner = arms[0]
    else:
        inner = TypeSpec("union", args=arms, discriminator=found.discriminator)
        found.discriminator = None
    if len(non_none) < len(args):
        return TypeSpec("optional", args=(inner,))
    return inner


def _generic(annotation: Any, origin: Any, args: tuple[Any, ...], depth: int) -> TypeSpec:
    item = [_resolve(a, Collected(), depth + 1) for a in args if a is not Ellipsis]
    if origin in _LIST_ORIGINS:
        return TypeSpec("list", python_type=list, args=(item[0] if item else TypeSpec("any"),))
    if origin in _SET_ORIGINS or origin is frozenset:
        kind: Kind = "frozenset" if origin is frozenset else "set"
        return TypeSpec(kind, args=(item[0] if item else TypeSpec("any"),))
    if origin is collections.deque:
        return TypeSpec("deque", args=(item[0] if item else TypeSpec("any"),))
    if origin is tuple:
        if not args:  # a bare ``tuple``: any number of anything
            return TypeSpec("tuple", args=(TypeSpec("any"),), variadic=True)
        variadic = len(args) == 2 and args[1] is Ellipsis
        return TypeSpec("tuple", args=tuple(item), variadic=variadic)
    if origin in _DICT_ORIGINS or origin is collections.Counter:
        key = item[0] if item else TypeSpec("str")
        value = (
            TypeSpec("int")
            if origin is collections.Counter
            else (item[1] if len(item) > 1 else TypeSpec("any"))
        )
        return TypeSpec("dict", python_type=origin, args=(key, value))
    if origin is type:
        return _class_values(annotation, args)
    if origin is re.Pattern:
        return patterns(args[0] if args else str)
    if origin is cabc.Callable:
        return TypeSpec("callable", python_type=annotation)
    return _plain_class(origin, Collected())


def _class_values(annotation: Any, args: tuple[Any, ...]) -> TypeSpec:
    """``type[C]`` (``type[A | B]``): the classes themselves (pydantic checks ``issubclass`` only)."""
    inner = args[0] if args else None
    union = typing.get_origin(inner) in (typing.Union, types.UnionType)
    classes = typing.get_args(inner) if union else (inner,)
    if not classes or not all(isinstance(c, type) and c is not object for c in classes):
        return TypeSpec("unsupported", python_type=annotation)
    return TypeSpec("literal", python_type=annotation, choices=tuple(classes), label=str(annotation))


def _is_model(annotation: Any) -> bool:
    from pydantic import BaseModel

    cls = annotation if isinstance(annotation, type) else typing.get_origin(annotation)
    if annotation is BaseModel:  # "any model at all": nothing concrete to fill
        return False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    base = getattr(annotation, "__pydantic_generic_metadata__", None)
    if base is not None:
        return True
    if isinstance(cls, type) and (hasattr(cls, "__attrs_attrs__") or hasattr(cls, "__struct_fields__")):
        return True  # an attrs class or a msgspec Struct
    return isinstance(cls, type) and (dataclasses.is_dataclass(cls) or typing_extensions.is_typeddict(cls))


_BARE_COLLECTIONS = (*_LIST_ORIGINS, *_SET_ORIGINS, *_DICT_ORIGINS, frozenset, tuple, collections.deque)


def _plain_class(annotation: Any, found: Collected) -> TypeSpec:
    try:
        if annotation in _BARE_COLLECTIONS or annotation is collections.Counter:
            return _generic(annotation, annotation, (), 0)
        if annotation in SCALARS:
            return TypeSpec(SCALARS[annotation], python_type=annotation)
    except TypeError:  # an unhashable "annotation" (a list of types, a stray value)
        return TypeSpec("unsupported", python_type=annotation, label=repr(annotation))
    if _is_model(annotation):  # an abstract one (or a dispatching base): its concrete subclasses
        stand_in = standing_in(annotation, describe_class) if isinstance(annotation, type) else None
        return stand_in or TypeSpec("model", python_type=annotation, model=annotation)
    if isinstance(annotation, type):
        return known_class(annotation)
    return TypeSpec("unsupported", python_type=annotation)


def describe_class(cls: type) -> TypeSpec:
    """The TypeSpec of a class used as an annotation on its own (no metadata)."""
    return _plain_class(cls, Collected())
