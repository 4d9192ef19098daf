"""Turn a Python type annotation (with its metadata) into a neutral TypeSpec tree.

Shared by every adapter that has annotations: pydantic models, dataclasses,
attrs classes and TypedDicts all describe their fields with them.
"""

from __future__ import annotations

import collections
import collections.abc as cabc
import contextvars
import dataclasses
import datetime as dt
import decimal
import enum
import ipaddress
import pathlib
import re
import types
import typing
import uuid
from typing import Annotated, Any, Literal, TypeVar

import typing_extensions

from pytest_forge.adapters.constraints import Collected, apply_constraints, collect_metadata
from pytest_forge.spec import Kind, TypeSpec

__all__ = ["describe", "resolve_annotation"]

_LIST_ORIGINS = {list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection, cabc.Iterator}
_SET_ORIGINS = {set, cabc.Set, cabc.MutableSet}
_DICT_ORIGINS = {dict, cabc.Mapping, cabc.MutableMapping, collections.defaultdict, collections.OrderedDict}
_SCALARS: dict[Any, Kind] = {
    bool: "bool", int: "int", float: "float", str: "str", bytes: "bytes", bytearray: "bytes",
    decimal.Decimal: "decimal", dt.datetime: "datetime", dt.date: "date", dt.time: "time",
    dt.timedelta: "timedelta", uuid.UUID: "uuid", type(None): "none", None: "none",
    typing.Any: "any", object: "any", cabc.Hashable: "any", complex: "complex",
    cabc.Callable: "callable", typing.Callable: "callable",
}  # fmt: skip
_IP: dict[type, tuple[Kind, int]] = {
    ipaddress.IPv4Address: ("ip_address", 4), ipaddress.IPv6Address: ("ip_address", 6),
    ipaddress.IPv4Network: ("ip_network", 4), ipaddress.IPv6Network: ("ip_network", 6),
    ipaddress.IPv4Interface: ("ip_interface", 4), ipaddress.IPv6Interface: ("ip_interface", 6),
}  # fmt: skip


_ALIAS_TYPES = tuple(
    {getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType), typing_extensions.TypeAliasType}
)


#: the module namespace of the model being described, for forward references left as strings
_NAMESPACE: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "forge_namespace", default=None
)


def _evaluate_forward(ref: Any) -> Any:
    """A forward reference (``"Expression"``) evaluated in the model's module, or None."""
    code = ref.__forward_arg__ if isinstance(ref, typing.ForwardRef) else ref
    namespace = dict(_NAMESPACE.get() or {})
    try:  # the model's own annotation text; names missing from its module come from its packages
        return eval(code, namespace, _PackageNames(namespace))
    except Exception:  # an unresolvable name stays unsupported
        return None


class _PackageNames(dict[str, Any]):
    """Names of the model's module, else of its parent packages (imported only for type checkers)."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        super().__init__()
        self.namespace = namespace

    def __missing__(self, name: str) -> Any:
        from pytest_forge.adapters.pydantic_models import look_up

        if name in self.namespace:
            return self.namespace[name]
        module = self.namespace.get("__name__")
        found = look_up(module, name) if isinstance(module, str) else None
        if found is None:
            raise KeyError(name)
        return found


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
    token = _NAMESPACE.set(namespace)
    try:
        return _resolve(annotation, found, depth=0)
    finally:
        _NAMESPACE.reset(token)


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
        elif isinstance(annotation, (typing.ForwardRef, str)) and _NAMESPACE.get():
            evaluated = _evaluate_forward(annotation)
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
        return _patterns(args[0] if args else str)
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


def _patterns(kind: Any) -> TypeSpec:
    """``re.Pattern``: a few compiled patterns of the right kind (text or bytes)."""
    sources = (r"^[a-z]+$", r"\d{3}-\d{4}", r"[A-Z][a-z]*")
    compiled = tuple(re.compile(p.encode() if kind is bytes else p) for p in sources)
    return TypeSpec("literal", python_type=re.Pattern, choices=compiled, label="re.Pattern")


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
        if annotation in _SCALARS:
            return TypeSpec(_SCALARS[annotation], python_type=annotation)
    except TypeError:  # an unhashable "annotation" (a list of types, a stray value)
        return TypeSpec("unsupported", python_type=annotation, label=repr(annotation))
    if _is_model(annotation):
        return TypeSpec("model", python_type=annotation, model=annotation)
    if isinstance(annotation, type):
        return _known_class(annotation)
    return TypeSpec("unsupported", python_type=annotation)


def _described_to_pydantic(cls: type) -> TypeSpec | None:
    """A class with its own ``__get_pydantic_core_schema__``: what that schema accepts."""
    from pytest_forge.adapters.core_schema import has_custom_schema, spec_from_core_schema

    if not has_custom_schema(cls):
        return None
    return spec_from_core_schema(cls)


def _known_class(cls: type) -> TypeSpec:
    from pytest_forge.adapters.pydantic_classes import pydantic_class_spec

    if issubclass(cls, enum.Enum):
        return TypeSpec("enum", python_type=cls, choices=tuple(cls))
    special = pydantic_class_spec(cls)
    if special is not None:
        return special
    described = _described_to_pydantic(cls)
    if described is not None:
        return described
    if cls is re.Pattern:
        return _patterns(str)
    if any(k.__name__ == "Color" and "color" in k.__module__ for k in cls.__mro__):
        return TypeSpec("color", python_type=cls, label=cls.__name__)  # pydantic's Color and its copies
    if cls in _IP:
        kind, version = _IP[cls]
        return TypeSpec(kind, python_type=cls, ip_version=version)
    if issubclass(cls, pathlib.PurePath):
        return TypeSpec("path", python_type=cls)
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):  # a NamedTuple: its items in order
        hints = typing.get_type_hints(cls, include_extras=True)
        items = tuple(resolve_annotation(hints.get(name, Any)) for name in cls._fields)
        return TypeSpec("tuple", python_type=cls, args=items)
    for base, kind in _SCALARS.items():
        if isinstance(base, type) and base not in (object, cabc.Hashable) and issubclass(cls, base):
            return TypeSpec(kind, python_type=cls)
    from pytest_forge.adapters.plain_classes import constructible_class

    if constructible_class(cls):  # an arbitrary type: an instance built by its __init__
        return TypeSpec("model", python_type=cls, model=cls, label=cls.__name__)
    return TypeSpec("unsupported", python_type=cls)
