"""Types that describe themselves to pydantic (``__get_pydantic_core_schema__``) read from that schema.

When no rule of ours fits a class, pydantic still knows what it accepts: its core schema says
"a str of at most 10 characters matching this pattern, then this function", or "a list of
these models". The input side of that schema becomes a TypeSpec; the model's own validation
then turns the generated input into the custom type. Schemas that end in a function with no
input schema (a plain validator) stay unsupported. A str whose core schema hides its bounds may
still give them in its JSON schema: they are read from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.spec import TypeSpec

if TYPE_CHECKING:
    from pytest_forge.spec import Kind

__all__ = ["has_custom_schema", "spec_from_core_schema"]

_SCALARS: dict[str, Kind] = {
    "str": "str", "int": "int", "float": "float", "decimal": "decimal", "bool": "bool", "bytes": "bytes",
    "date": "date", "datetime": "datetime", "time": "time", "timedelta": "timedelta", "uuid": "uuid",
    "none": "none", "any": "any", "url": "url", "multi-host-url": "url", "complex": "complex",
    "callable": "callable",
}  # fmt: skip
_KEEP = ("min_length", "max_length", "pattern", "gt", "ge", "lt", "le", "multiple_of", "max_digits",
         "decimal_places", "allow_inf_nan", "strict")  # fmt: skip
_FLAGS = {"to_lower": "to_lower", "to_upper": "to_upper", "strip_whitespace": "strip_whitespace"}
#: schemas whose input is their inner ``schema`` (the function runs on what it validated)
_INNER = ("function-after", "function-wrap", "default", "nullable", "custom-error", "json")
_COLLECTIONS: dict[str, Kind] = {"list": "list", "set": "set", "frozenset": "frozenset", "generator": "list"}
_MAX_DEPTH = 30


def has_custom_schema(cls: type) -> bool:
    """True when ``cls`` (not one of pydantic's own classes) defines how pydantic validates it."""
    hook = getattr(cls, "__get_pydantic_core_schema__", None)
    return hook is not None and not cls.__module__.startswith(("pydantic.", "pydantic_core."))


def spec_from_core_schema(cls: type) -> TypeSpec | None:
    """The TypeSpec of what ``cls``'s core schema accepts as input, or None when it cannot tell."""
    from pydantic import TypeAdapter

    stand_in = _model_stood_for(cls)
    if stand_in is not None:
        return TypeSpec("model", python_type=stand_in, model=stand_in, label=cls.__name__)
    try:
        schema = TypeAdapter(cls).core_schema
    except Exception:  # pydantic cannot build it: the caller reports the type as unsupported
        return None
    spec = _Reader().read(schema, 0)
    if spec is None or _unsupported_inside(spec):
        return None
    spec.label = spec.label or cls.__name__
    if spec.kind == "str" and spec.min_length is None and spec.max_length is None and spec.pattern is None:
        _json_schema_bounds(cls, spec)
    return spec


def _json_schema_bounds(cls: type, spec: TypeSpec) -> None:
    """A str type whose core schema says nothing of its bounds (a function validating through a model
    of its own: bioimageio's ``Sha256``, 64 characters) but whose JSON schema does: those bounds, and
    URLs (drawn as str) for ``"format": "uri"``."""
    from pydantic import TypeAdapter

    try:
        described = TypeAdapter(cls).json_schema()
    except Exception:  # no JSON schema: nothing more to read
        return
    if not isinstance(described, dict) or described.get("type") != "string":
        return
    for key, attr in (("minLength", "min_length"), ("maxLength", "max_length"), ("pattern", "pattern")):
        if described.get(key) is not None:
            setattr(spec, attr, described[key])
    if described.get("format") == "uri" and spec.pattern is None:  # a URL, given to it as a str
        spec.kind = "url"


def _model_stood_for(cls: type) -> Any:
    """The model a stand-in type validates into when its schema hides it behind a function.

    FHIR's ``CodeableConceptType`` wraps ``any`` in a validator and names its model with
    ``get_model_klass()``; a model class returned there is what the field accepts (as a dict).
    """
    from pydantic import BaseModel

    named = getattr(cls, "get_model_klass", None)
    try:
        model = named() if callable(named) else None
    except Exception:  # not the protocol we know
        return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) and model is not cls else None


def _unsupported_inside(spec: TypeSpec) -> bool:
    return spec.kind == "unsupported" or any(_unsupported_inside(arg) for arg in spec.args)


class _Reader:
    """Reads one core schema; ``definitions`` are remembered by their ref."""

    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def read(self, schema: Any, depth: int) -> TypeSpec | None:
        if depth > _MAX_DEPTH or not isinstance(schema, dict):
            return None
        kind = schema.get("type")
        if "ref" in schema:
            self.definitions[schema["ref"]] = schema
        if kind == "definitions":
            for item in schema.get("definitions", ()):
                self.definitions[item.get("ref")] = item
            return self.read(schema["schema"], depth + 1)
        if kind == "definition-ref":
            return self.read(self.definitions.get(str(schema.get("schema_ref"))), depth + 1)
        if kind in _SCALARS:
            return _scalar(_SCALARS[kind], schema)
        if kind in _INNER:
            return self._inner(kind, schema, depth)
        return self._structured(kind, schema, depth)

    def _inner(self, kind: str, schema: dict[str, Any], depth: int) -> TypeSpec | None:
        inner = self.read(schema.get("schema"), depth + 1)
        if inner is None:
            return None
        if kind == "nullable":
            return TypeSpec("optional", args=(inner,))
        return TypeSpec("json", args=(inner,)) if kind == "json" else inner

    def _structured(self, kind: Any, schema: dict[str, Any], depth: int) -> TypeSpec | None:
        if kind in ("function-before", "function-plain"):
            return self.read(schema.get("json_schema_input_schema"), depth + 1)  # None without one
        if kind == "chain":
            steps = schema.get("steps") or ()
            return self.read(steps[0], depth + 1) if steps else None
        if kind in ("lax-or-strict", "json-or-python"):
            return self.read(schema.get("lax_schema") or schema.get("python_schema"), depth + 1)
        if kind == "literal":
            return TypeSpec("literal", choices=tuple(schema.get("expected") or ()))
        if kind == "enum":
            return TypeSpec("enum", python_type=schema.get("cls"), choices=tuple(schema.get("members") or ()))
        if kind in ("model", "dataclass", "typed-dict") and isinstance(schema.get("cls"), type):
            return TypeSpec("model", python_type=schema["cls"], model=schema["cls"])
        if kind == "is-instance":
            return _instance_of(schema.get("cls"))
        return self._container(kind, schema, depth)

    def _container(self, kind: Any, schema: dict[str, Any], depth: int) -> TypeSpec | None:
        if kind in _COLLECTIONS:
            item = self.read(schema.get("items_schema") or {"type": "any"}, depth + 1)
            return None if item is None else _sized(TypeSpec(_COLLECTIONS[kind], args=(item,)), schema)
        if kind == "dict":
            key = self.read(schema.get("keys_schema") or {"type": "str"}, depth + 1)
            value = self.read(schema.get("values_schema") or {"type": "any"}, depth + 1)
            if key is None or value is None:
                return None
            return _sized(TypeSpec("dict", python_type=dict, args=(key, value)), schema)
        if kind == "tuple":
            items = [self.read(item, depth + 1) for item in schema.get("items_schema") or ()]
            if any(item is None for item in items):
                return None
            variadic = schema.get("variadic_item_index") is not None and len(items) == 1
            return TypeSpec("tuple", args=tuple(i for i in items if i is not None), variadic=variadic)
        if kind in ("union", "tagged-union"):
            return self._union(schema, depth)
        return None

    def _union(self, schema: dict[str, Any], depth: int) -> TypeSpec | None:
        choices = schema.get("choices")
        arms_in = list(choices.values()) if isinstance(choices, dict) else list(choices or ())
        arms = [self.read(arm[0] if isinstance(arm, tuple) else arm, depth + 1) for arm in arms_in]
        usable = tuple(arm for arm in arms if arm is not None)
        if not usable:
            return None
        return usable[0] if len(usable) == 1 else TypeSpec("union", args=usable)


def _scalar(kind: Kind, schema: dict[str, Any]) -> TypeSpec:
    spec = TypeSpec(kind)
    for name in _KEEP:
        if schema.get(name) is not None:
            setattr(spec, name, schema[name])
    for name, attr in _FLAGS.items():
        if schema.get(name):
            setattr(spec, attr, True)
    if kind == "url":
        spec.schemes = tuple(schema.get("allowed_schemes") or ())
        spec.host_required = bool(schema.get("host_required"))
    return spec


def _sized(spec: TypeSpec, schema: dict[str, Any]) -> TypeSpec:
    spec.min_length = schema.get("min_length")
    spec.max_length = schema.get("max_length")
    return spec


def _instance_of(cls: Any) -> TypeSpec | None:
    """An ``isinstance`` check: fine when the class is one we generate by its own rule."""
    if not isinstance(cls, type) or has_custom_schema(cls):
        return None
    from pytest_forge.adapters.annotations import resolve_annotation

    spec = resolve_annotation(cls)
    return None if spec.kind == "unsupported" else spec
