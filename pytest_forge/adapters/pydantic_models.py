"""The pydantic v2 adapter: a BaseModel subclass as a neutral ModelSpec."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.adapters.kinds import is_pydantic_model
from pytest_forge.adapters.pydantic_proven import proven_validator
from pytest_forge.adapters.pydantic_validation import (
    init_keys,
    nests_as_input,
    rejection_reader,
    validator_names,
)
from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.spec import MISSING, FieldSpec, ModelSpec, TypeSpec

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

__all__ = ["is_pydantic_model", "look_up", "pydantic_model_spec"]


def pydantic_model_spec(model: type[BaseModel]) -> ModelSpec:
    """Describe ``model``'s fields; forward references are resolved first."""
    _ensure_complete(model)
    config = model.model_config
    namespace = _namespace_of(model)
    fields = tuple(_field_spec(name, info, config, namespace) for name, info in model.model_fields.items())
    validate = _root_validator(model) if _is_root_model(model) else model.model_validate
    if model.__new__ is not object.__new__:  # its __new__ may give another class: refuse that, re-draw
        validate = _same_class(model, validate)
    proven = None if _is_root_model(model) else proven_validator(model)
    return ModelSpec(
        model=model,
        name=model.__name__,
        fields=fields,
        validate=validate,
        kind="pydantic",
        failing_fields=rejection_reader(fields, model),
        validators=validator_names(model),
        nests_as_input=nests_as_input(model),
        init_keys=None if _is_root_model(model) else init_keys(model),
        extra=str(config.get("extra") or "ignore"),
        proven=proven,
        proven_for=validate if proven is not None else None,
    )


def _namespace_of(model: type[BaseModel]) -> dict[str, Any]:
    import sys

    module = sys.modules.get(model.__module__)
    return {**(vars(module) if module is not None else {}), model.__name__: model}


def _is_root_model(model: type[BaseModel]) -> bool:
    from pydantic import RootModel

    return issubclass(model, RootModel)


def _same_class(model: type[BaseModel], validate: Any) -> Any:
    """``create(M)`` gives an ``M``: a ``__new__`` that makes another class (pyiceberg's ``In`` of one
    value is an ``EqualTo``) refuses the record as a whole, so it is re-drawn."""

    def validate_same(data: dict[str, Any]) -> Any:
        made = validate(data)
        if not isinstance(made, model):
            raise ValueError(f"validation made a {type(made).__name__}, not a {model.__name__} (its __new__)")
        return made

    return validate_same


def _root_validator(model: type[BaseModel]) -> Any:
    """A RootModel validates its one value itself, not a ``{"root": ...}`` dict."""

    def validate(data: dict[str, Any]) -> Any:
        return model.model_validate(data["root"])

    return validate


def _ensure_complete(model: type[BaseModel]) -> None:
    if getattr(model, "__pydantic_complete__", True):
        return
    from pydantic.errors import PydanticUndefinedAnnotation

    try:
        _rebuild_with_found_names(model)
    except PydanticUndefinedAnnotation as exc:
        raise UnsupportedTypeError(
            f"{model.__name__} refers to {exc.name!r}, which is not defined yet; define it and call "
            f"{model.__name__}.model_rebuild() before generating",
            model=model,
        ) from None
    except Exception as exc:  # pydantic itself cannot build the schema
        raise UnsupportedTypeError(
            f"pydantic cannot build the schema of {model.__name__} ({type(exc).__name__}: {exc})",
            model=model,
        ) from None


def _rebuild_with_found_names(model: type[BaseModel], tries: int = 20) -> None:
    """``model_rebuild()``, looking each undefined name up in the model's module and its packages.

    atproto's views name ``models`` (imported only for type checkers): the package that defines
    the model has it as an attribute or a submodule, so the rebuild can resolve it.
    """
    from pydantic.errors import PydanticUndefinedAnnotation

    found: dict[str, Any] = {}
    for _ in range(tries):
        try:
            model.model_rebuild(raise_errors=True, _types_namespace=found or None)
            return
        except PydanticUndefinedAnnotation as exc:
            name = exc.name or ""
            value = look_up(model.__module__, name) if name else None
            if value is None or name in found:
                raise
            found[name] = value
    model.model_rebuild(raise_errors=True, _types_namespace=found)


def look_up(module_name: str, name: str) -> Any:
    """``name`` as an attribute or submodule of the module or one of its parent packages."""
    import importlib
    import sys

    parts = module_name.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        module = sys.modules.get(prefix)
        if module is not None and hasattr(module, name):
            return getattr(module, name)
        try:
            return importlib.import_module(f"{prefix}.{name}")
        except Exception:  # not a submodule there: try the next package up
            continue
    return _imported_for_type_checkers(module_name, name)


def _imported_for_type_checkers(module_name: str, name: str) -> Any:
    """``name`` as the module's own source imports it (``if TYPE_CHECKING: from .x import name``)."""
    import importlib

    for module, attribute in _imports_of(module_name).get(name, ()):
        try:
            imported = importlib.import_module(module)
        except Exception:  # an import only a type checker can follow
            continue
        if attribute is None:
            return imported
        if hasattr(imported, attribute):
            return getattr(imported, attribute)
        try:
            return importlib.import_module(f"{module}.{attribute}")
        except Exception:
            continue
    return None


@functools.lru_cache(maxsize=256)
def _imports_of(module_name: str) -> dict[str, list[tuple[str, str | None]]]:
    """Bound name → (module, attribute or None) for every import statement in the module's source."""
    import ast
    import importlib.util
    import inspect
    import sys

    module = sys.modules.get(module_name)
    try:
        tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    except Exception:  # no source (compiled, frozen, interactive)
        return {}
    package = getattr(module, "__package__", None) or module_name.rpartition(".")[0]
    found: dict[str, list[tuple[str, str | None]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            try:
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            except (ImportError, ValueError):
                continue
            for alias in node.names:
                found.setdefault(alias.asname or alias.name, []).append((base, alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                found.setdefault(bound, []).append((alias.name if alias.asname else bound, None))
    return found


def _field_spec(
    name: str, info: FieldInfo, config: Any, namespace: dict[str, Any] | None = None
) -> FieldSpec:
    from pydantic_core import PydanticUndefined

    spec = _with_str_config(resolve_annotation(info.annotation, [info], namespace), config)
    default = MISSING if info.default is PydanticUndefined else info.default
    factory = info.default_factory if callable(info.default_factory) else None
    tags = tuple(t for t in _tags_of(info))
    return FieldSpec(
        name=name,
        type=spec,
        input_path=_input_path(name, info, config),
        required=info.is_required(),
        default=default,
        default_factory=factory,  # type: ignore[arg-type]
        description=info.description,
        tags=tags,
        level=_explicit_level(info),
        metadata=tuple(info.metadata),
        examples=tuple(info.examples) if isinstance(info.examples, (list, tuple)) else (),
    )


_STR_CONFIG = (("str_min_length", "min_length"), ("str_max_length", "max_length"))
_STR_FLAGS = (("str_to_lower", "to_lower"), ("str_to_upper", "to_upper"),
              ("str_strip_whitespace", "strip_whitespace"))  # fmt: skip


def _with_str_config(spec: TypeSpec, config: Any) -> TypeSpec:
    """The model_config's str_* settings on every str of the field (the field's own bounds win)."""
    if spec.kind == "model" or not any(config.get(key) for key, _ in (*_STR_CONFIG, *_STR_FLAGS)):
        return spec
    changes: dict[str, Any] = {}
    if spec.args:
        changes["args"] = tuple(_with_str_config(arg, config) for arg in spec.args)
    if spec.kind == "str":
        for key, attr in _STR_CONFIG:
            if config.get(key) is not None and getattr(spec, attr) is None:
                changes[attr] = config[key]
        changes.update({attr: True for key, attr in _STR_FLAGS if config.get(key)})
    return dataclasses.replace(spec, **changes) if changes else spec


def _tags_of(info: FieldInfo) -> list[Any]:
    from pytest_forge.adapters.constraints import collect_metadata

    return collect_metadata(info.metadata).tags


def _input_path(name: str, info: FieldInfo, config: Any) -> tuple[str | int, ...]:
    from pydantic import AliasChoices, AliasPath

    if config.get("validate_by_alias", True) is False:
        return (name,)
    alias: Any = info.validation_alias
    if isinstance(alias, AliasChoices):
        alias = alias.choices[0]
    if isinstance(alias, AliasPath):
        return tuple(alias.path)
    if isinstance(alias, str):
        return (alias,)
    return (info.alias or name,)


def _explicit_level(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    if isinstance(extra, dict):
        level = extra.get("forge")
        if level in ("safe", "sensitive", "dangerous"):
            return str(level)
    return None
