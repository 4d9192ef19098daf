"""Blueprints: reusable per-model defaults (django-autofixture's custom ``AutoFixture`` subclasses).

::

    class UserBlueprint(Blueprint, model=User):
        email = Sequence("user{n}@example.com")
        traits = {"admin": {"role": "admin"}}

    register(UserBlueprint)                # process-wide; forge.register(...) for one Forge

Class attributes named like the model's fields are their values (constants, callables,
named generators); ``field_values`` holds the ones whose names clash with an option.
The options ``generate_fk``, ``generate_m2m``, ``fk_filter``, ``none_p`` and
``unique_together`` are defaults for every call. Precedence: call overrides > traits >
blueprint values > generated. A blueprint subclass inherits and extends its base's values.

The process-wide registry is the object :data:`BLUEPRINTS` (state lives on objects, so
tests can build their own :class:`BlueprintRegistry`); each Forge also has its own.
Register process-wide in a conftest or at module level; under pytest, what a test's body
registers or unregisters there is undone after that test, so it never leaks into later tests.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "BLUEPRINTS",
    "Blueprint",
    "BlueprintDefaults",
    "BlueprintRegistry",
    "blueprint",
    "register",
    "unregister",
]

OPTION_ATTRIBUTES = ("generate_fk", "generate_m2m", "fk_filter", "none_p", "unique_together")
_RESERVED = frozenset({"model", "traits", "field_values", "pre_process", "post_process", *OPTION_ATTRIBUTES})


class Blueprint:
    """Defaults for one model: subclass with ``model=...`` and set field values as attributes."""

    model: ClassVar[Any] = None
    traits: ClassVar[dict[str, dict[str, Any]]] = {}
    field_values: ClassVar[dict[str, Any]] = {}
    generate_fk: ClassVar[bool | list[str] | None] = None
    generate_m2m: ClassVar[dict[str, Any] | None] = None
    fk_filter: ClassVar[dict[str, Any] | None] = None
    none_p: ClassVar[float | None] = None
    unique_together: ClassVar[list[tuple[str, ...]] | None] = None

    def __init_subclass__(cls, model: Any = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if model is not None:
            cls.model = model

    def __init__(self, forge: Any = None) -> None:
        #: the Forge making records, so hooks can make related records with it
        self.forge = forge

    def pre_process(self, record: dict[str, Any]) -> dict[str, Any] | None:
        """Change the field dict before validation (in place, or return a new dict)."""
        return None

    def post_process(self, instance: Any) -> Any:
        """Look at the validated instance; return a replacement, or None to keep it."""
        return None


@dataclass(frozen=True, slots=True)
class BlueprintDefaults:
    """What a blueprint class contributes to a call, read once from its class attributes."""

    blueprint: type[Blueprint]
    values: dict[str, Any]
    traits: dict[str, dict[str, Any]]
    options: dict[str, Any]
    pre: bool
    post: bool

    def trait_values(self, names: tuple[str, ...], model_name: str) -> dict[str, Any]:
        """The merged values of the named traits (later traits win)."""
        merged: dict[str, Any] = {}
        for name in names:
            if name not in self.traits:
                known = ", ".join(sorted(self.traits)) or "(none)"
                raise UsageError(
                    f"{self.blueprint.__name__} has no trait {name!r} for {model_name}; "
                    f"its traits are: {known}",
                    model=model_name,
                )
            merged.update(self.traits[name])
        return merged


def read_defaults(bp: type[Blueprint], model: Any, field_names: set[str]) -> BlueprintDefaults:
    """Collect a blueprint's values along its bases; unknown attributes are typos and raise."""
    values: dict[str, Any] = {}
    traits: dict[str, dict[str, Any]] = {}
    for klass in reversed(bp.__mro__):
        if klass in (Blueprint, object):
            continue
        for name, value in vars(klass).items():
            if name == "field_values":
                values.update(value)
            elif name == "traits":
                traits.update(value)
            elif name in field_names:
                values[name] = value
            elif not (name.startswith("_") or name in _RESERVED or _is_method(value)):
                raise UsageError(
                    f"{bp.__name__}.{name} is not a field of {model.__name__}; its fields are: "
                    f"{', '.join(sorted(field_names))}",
                    model=model,
                    field=name,
                )
    options = _options_of(bp)
    return BlueprintDefaults(
        blueprint=bp,
        values=values,
        traits=traits,
        options=options,
        pre=bp.pre_process is not Blueprint.pre_process,
        post=bp.post_process is not Blueprint.post_process,
    )


def _options_of(bp: type[Blueprint]) -> dict[str, Any]:
    from pytest_forge.generation.options import check_probability, relation_options

    options = relation_options({name: getattr(bp, name) for name in OPTION_ATTRIBUTES if name != "none_p"})
    if bp.none_p is not None:
        options["none_p"] = check_probability(f"{bp.__name__}.none_p", bp.none_p)
    return options


def _is_method(value: Any) -> bool:
    return inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod, property))


@dataclass(slots=True)
class BlueprintRegistry:
    """Blueprint classes by model class (and by model name, for ``ForeignKey("Name")`` strings)."""

    _by_model: dict[Any, type[Blueprint]] = field(default_factory=dict)
    #: looked up after this one (a test's Forge falls back on the session Forge's blueprints)
    parent: BlueprintRegistry | None = None

    def register(self, model: Any, bp: type[Blueprint] | None = None) -> type[Blueprint]:
        """``register(User, UserBlueprint)`` or ``register(UserBlueprint)`` (its ``model=`` says which)."""
        if bp is None:
            bp, model = _as_blueprint(model), getattr(model, "model", None)
        bp = _as_blueprint(bp)
        model = model if model is not None else bp.model
        if model is None:
            raise UsageError(f"{bp.__name__} names no model: write class {bp.__name__}(Blueprint, model=...)")
        if bp.model is not None and bp.model is not model:
            raise UsageError(
                f"{bp.__name__} is the blueprint of {bp.model.__name__}, not of {model.__name__}"
            )
        _check_fields(bp, model)
        self._by_model[model] = bp
        return bp

    def unregister(self, model: Any) -> None:
        """Forget the blueprint of ``model`` (no error when it had none)."""
        self._by_model.pop(model, None)

    def snapshot(self) -> dict[Any, type[Blueprint]]:
        """This registry's own blueprints now (give it to :meth:`restore` to undo later changes)."""
        return dict(self._by_model)

    def restore(self, snapshot: dict[Any, type[Blueprint]]) -> None:
        """Undo every register/unregister made since ``snapshot`` was taken."""
        self._by_model = dict(snapshot)

    def find(self, model: Any) -> type[Blueprint] | None:
        """The blueprint of a model class (here, else in the parent), or None."""
        found = self._by_model.get(model)
        if found is None and self.parent is not None:
            return self.parent.find(model)
        return found

    def find_name(self, name: str) -> Any:
        """The model class named ``name`` that has a blueprint here, or None."""
        for model in self._by_model:
            if getattr(model, "__name__", None) == name:
                return model
        return self.parent.find_name(name) if self.parent is not None else None

    def __len__(self) -> int:
        return len(self._by_model)


def _as_blueprint(bp: Any) -> type[Blueprint]:
    if isinstance(bp, type) and issubclass(bp, Blueprint):
        return bp
    if isinstance(bp, type):
        attrs = {k: v for k, v in vars(bp).items() if k not in ("__dict__", "__weakref__")}
        made: type[Blueprint] = type(bp.__name__, (Blueprint,), attrs)
        return made
    raise TypeError(f"a blueprint is a class (ideally a Blueprint subclass), got {bp!r}")


def _check_fields(bp: type[Blueprint], model: Any) -> None:
    from pytest_forge.adapters import model_spec

    names = set(model_spec(model).by_name)
    defaults = read_defaults(bp, model, names)
    for where, values in [("field_values", defaults.values), *defaults.traits.items()]:
        unknown = sorted(set(values) - names)
        if unknown:
            shown = where if where == "field_values" else f"traits[{where!r}]"
            raise UsageError(
                f"{bp.__name__}.{shown} sets {', '.join(unknown)}, not fields of {model.__name__}",
                model=model,
                field=unknown[0],
            )


#: the process-wide blueprints, used by every Forge after its own (``forge.register``)
BLUEPRINTS = BlueprintRegistry()


def register(model: Any, bp: type[Blueprint] | None = None) -> type[Blueprint]:
    """Use a blueprint in every Forge: ``register(User, UserBlueprint)`` or ``register(UserBlueprint)``.

    The blueprint goes into :data:`BLUEPRINTS`; each Forge looks at its own blueprints first.
    """
    return BLUEPRINTS.register(model, bp)


def unregister(model: Any) -> None:
    """Stop using the process-wide blueprint of ``model``."""
    BLUEPRINTS.unregister(model)


def blueprint(model: Any) -> Callable[[type[Any]], type[Blueprint]]:
    """Class decorator: ``@blueprint(User)`` registers the class process-wide as User's blueprint."""

    def decorate(cls: type[Any]) -> type[Blueprint]:
        bp = _as_blueprint(cls)
        if bp.model is None:
            bp.model = model
        return BLUEPRINTS.register(model, bp)

    return decorate
