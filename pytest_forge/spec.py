"""The neutral description of a model: what every adapter produces and the engine reads.

An adapter (pydantic, dataclasses, TypedDict, Django, SQLAlchemy, attrs, msgspec) turns a model
class into a :class:`ModelSpec`: a tuple of :class:`FieldSpec`, each with a :class:`TypeSpec` tree
saying what values are valid, and the adapter contract the builder uses without knowing the model's kind:

* ``validate(data)`` turns a dict of inputs into an instance through the model's own
  validation (pydantic's ``model_validate``; Django's constructor and ``full_clean``);
* ``failing_fields(error)`` reads what ``validate`` raised: a :class:`Rejection` naming the fields
  to re-draw (none: the record as a whole), or None when the error is not a refusal (raised as is);
* ``validators(field)`` names the model's validators, for error messages;
* ``nests_as_input``: a parent's ``validate`` may take this model's input dict;
* ``storage`` (models that live in a database): how validated instances are saved by
  ``create`` (``build`` saves nothing), see :class:`Storage`;
* ``unique_together``: groups of fields unique as a whole (a table's multi-column UNIQUE);
* ``persistence``: how made instances are saved through the user's session
  (:class:`Persistence`; None for kinds that are only built in memory);
* ``proven``: an equivalent of ``validate`` that skips checks proven idle (pydantic's EmailStr on a
  normalized address), valid while ``validate`` is ``proven_for``.
"""

from __future__ import annotations

import builtins
import contextlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager

__all__ = [
    "MISSING",
    "FieldSpec",
    "ModelKind",
    "ModelSpec",
    "Persistence",
    "Rejection",
    "Storage",
    "TypeSpec",
    "building",
    "rejection_of_plain_error",
    "unsaved",
]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

#: What a TypeSpec describes (mypy checks every comparison against this list).
#: Scalars; choices ("enum", "literal": values in ``choices``); wrappers ("optional": args[0] or None,
#: "union": args with an optional ``discriminator``, "json": a JSON string of args[0], secrets);
#: collections ("tuple": fixed args, or variadic=True with args[0]; "dict": args = key, value);
#: "model" (``model`` holds the nested class); formats; "unsupported" (raises when drawn).
Kind = Literal[
    "int", "float", "decimal", "bool", "str", "bytes", "date", "datetime", "time", "timedelta",
    "uuid", "none", "any", "complex", "callable",
    "enum", "literal",
    "optional", "union", "json", "secret_str", "secret_bytes",
    "list", "set", "frozenset", "deque", "tuple", "dict",
    "model",
    "email", "name_email", "url", "ip_address", "ip_network", "ip_interface", "path", "byte_size",
    "payment_card", "color",
    "unsupported",
]  # fmt: skip


@dataclass(slots=True, weakref_slot=True)  # shared by weak reference: adapters/shared_specs.py
class TypeSpec:
    """What values a field (or an item inside a field) may take."""

    kind: Kind
    python_type: Any = None
    args: tuple[TypeSpec, ...] = ()
    choices: tuple[Any, ...] = ()
    # numeric bounds (int, float, decimal, date, datetime ... anything ordered)
    gt: Any = None
    ge: Any = None
    lt: Any = None
    le: Any = None
    multiple_of: Any = None
    allow_inf_nan: bool = False
    max_digits: int | None = None
    decimal_places: int | None = None
    # lengths (str, bytes, collections)
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    # str transforms pydantic applies (generate values already in that shape)
    to_lower: bool = False
    to_upper: bool = False
    strip_whitespace: bool = False
    # temporal
    tz: str | None = None  # "aware" | "naive" | None (either)
    when: str | None = None  # "past" | "future" | None
    # uuid version, tuple variadic, union discriminator
    version: int | None = None
    variadic: bool = False
    discriminator: Any = None
    # formats: url schemes, ip version (4/6), path type ("file", "dir", "new", None)
    schemes: tuple[str, ...] = ()
    host_required: bool = False
    ip_version: int | None = None
    path_type: str | None = None
    strict: bool = False
    predicates: tuple[Callable[[Any], bool], ...] = ()
    #: pydantic's EncodedStr/EncodedBytes encoder (e.g. Base64Encoder): values are generated, then encoded
    encoder: Any = None
    #: for "model": the model class (its spec is read lazily, so recursion is allowed)
    model: Any = None
    #: for "union": the arms stand in for an abstract class (its concrete subclasses), so they are handed
    #: to validation as instances (the abstract class itself cannot be built from an input dict)
    as_instances: bool = False
    #: human-readable rendering of the original annotation, for error messages
    label: str = ""

    def nullable(self) -> bool:
        """True when None is a valid value."""
        return self.kind in ("optional", "none", "any")

    def inner(self) -> TypeSpec:
        """The spec under an ``optional`` wrapper (self for anything else)."""
        return self.args[0] if self.kind == "optional" else self


@dataclass(slots=True)
class FieldSpec:
    """One field of a model as the engine sees it, whatever the model's kind."""

    name: str
    type: TypeSpec
    #: where the value goes in the dict given to ``ModelSpec.build``: a key, or a path of keys
    input_path: tuple[str | int, ...] = ()
    required: bool = True
    default: Any = MISSING
    default_factory: Callable[[], Any] | None = None
    description: str | None = None
    #: ``field_tags`` objects (ForeignKey, PrimaryKey, Unique, Sensitive, ...) and other markers
    tags: tuple[Any, ...] = ()
    #: explicit sensitivity from ``json_schema_extra={"forge": ...}``: "safe"|"sensitive"|"dangerous"
    level: str | None = None
    #: unknown metadata we kept (custom validators, user objects) for hooks to read
    metadata: tuple[Any, ...] = ()
    #: values the model's authors give as examples (pydantic's ``Field(examples=[...])``): tried when
    #: validators refuse drawn values
    examples: tuple[Any, ...] = ()
    #: True when the model computes this field itself (never generated)
    computed: bool = False

    @property
    def has_default(self) -> bool:
        """True when the model can fill this field itself."""
        return self.default is not MISSING or self.default_factory is not None

    def tag(self, kind: object) -> Any:
        """The first tag that is ``kind`` or an instance of it, else None."""
        for tag in self.tags:
            if tag is kind or (isinstance(kind, builtins.type) and isinstance(tag, kind)):
                return tag
        return None


#: the kinds of model an adapter describes (Django, SQLAlchemy, attrs and msgspec adapters come next)
#: "class": a plain class held as an arbitrary type, built by its ``__init__`` (nested only)
ModelKind = Literal["pydantic", "dataclass", "typeddict", "django", "sqlalchemy", "attrs", "msgspec", "class"]


@dataclass(frozen=True, slots=True)
class Rejection:
    """The model's validation refused a record: a message per failing field (empty: the whole record),
    and where under a field it points when deeper (``inputs`` → ``(0, 'axes', 1, 'id')``)."""

    fields: dict[str, str]
    message: str
    located: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    raised_in: dict[str, str] = field(default_factory=dict)  #: field whose validator raised → base64/json/""


def rejection_of_plain_error(exc: BaseException) -> Rejection | None:
    """A plain ValueError/TypeError/AssertionError/LookupError from a validator refuses the whole record."""
    if isinstance(exc, (ValueError, TypeError, AssertionError, LookupError)):
        return Rejection({}, f"{type(exc).__name__}: {exc}")
    return None


@dataclass(frozen=True, slots=True)
class Storage:
    """How an adapter saves validated instances of a model that lives in a database (Django, SQLAlchemy).

    ``validate`` never saves: ``create`` calls ``save(instances, bulk)`` after validating a batch
    (inside ``atomic(bulk)``, so a failure leaves nothing half-saved; a ``bulk`` call may hold its
    parents back and save them in bulk too); ``build`` skips both, and ``validate`` reads
    :func:`building` to avoid the database.
    """

    save: Callable[[list[Any], bool], list[Any]]
    atomic: Callable[[bool], AbstractContextManager[Any]]
    #: rows already stored (other than the records given), offered as parents (the seed's default)
    existing: Callable[[list[Any]], list[Any]] | None = None
    #: the values a unique field group already holds in the database, read once per outermost call
    #: (an empty list when already read): the engine claims them, so new rows never collide
    stored_values: Callable[[tuple[str, ...]], list[tuple[Any, ...]]] | None = None
    #: save one validated instance where a rule of the model's own ``save`` may refuse it: the refusal is
    #: raised as the adapter's validation error, so the engine re-draws the record (one-by-one calls)
    save_one: Callable[[Any], Any] | None = None
    #: ``relink(instance, {field: parent})``: point a saved row's keys (drawn as ``LATER``, saved
    #: empty) at parents saved after it, validate the finished row and save it again; None: the
    #: model kind cannot, so a cycle of required keys stays a ``ParentCycle`` error
    relink: Callable[[Any, dict[str, Any]], None] | None = None


class Persistence(Protocol):
    """An adapter's saving step: instances (their parents cascade with them) go into ``session``."""

    def save(self, instances: list[Any], session: Any) -> None:
        """Add and flush through a synchronous session (the caller owns the transaction)."""
        ...

    def rows(self, model: Any, session: Any, limit: int | None) -> list[Any]:
        """Rows of ``model`` already in the database (the first ``limit`` by key; None: all of them)."""
        ...

    def taken(
        self, model: Any, fields: tuple[str, ...], combos: list[tuple[Any, ...]], session: Any
    ) -> list[tuple[Any, ...]]:
        """Which of these combinations of ``fields`` values rows already in the database hold."""
        ...

    def largest(self, model: Any, field: str, session: Any) -> Any:
        """The largest value of ``field`` stored (None for an empty table)."""
        ...

    def elsewhere(self, instance: Any, session: Any) -> bool:
        """True when ``instance`` was saved through another session (so it cannot be a parent here)."""
        ...

    async def run_async(self, session: Any, work: Callable[[Any], Any]) -> Any:
        """Run ``work(sync_session)`` for an asynchronous session (whose synchronous core ``save`` takes)."""
        ...

    def into(self, session: Any) -> AbstractContextManager[None]:
        """Instances ``validate`` makes inside this block are saved into ``session`` (None: kept in
        memory), so the adapter may link them the way that session's rows are linked."""
        ...


def _no_validators(field: str | None) -> tuple[str, ...]:
    return ()


@dataclass(slots=True)
class ModelSpec:
    """A model class described neutrally, with the adapter contract (see the module docstring)."""

    model: Any
    name: str
    fields: tuple[FieldSpec, ...]
    validate: Callable[[dict[str, Any]], Any]
    kind: ModelKind = "pydantic"
    failing_fields: Callable[[BaseException], Rejection | None] = rejection_of_plain_error
    validators: Callable[[str | None], tuple[str, ...]] = _no_validators
    nests_as_input: bool = False
    storage: Storage | None = None
    unique_together: tuple[tuple[str, ...], ...] = ()
    persistence: Persistence | None = None
    #: "forbid" / "allow" / "ignore" (informational)
    extra: str = "ignore"
    #: the input keys the model's own ``__init__`` names, when it has one that validation calls (None:
    #: it takes the fields as they are): keys it does not name may be what it computes itself
    init_keys: frozenset[str] | None = None
    #: (other name, field name): names a caller may also use for a field (a SQLAlchemy column's name)
    other_names: tuple[tuple[str, str], ...] = ()
    #: ``validate`` with checks proven to change nothing skipped (same instance, same error), or None;
    #: used while ``validate`` is ``proven_for`` (an adapter replacing ``validate`` drops it)
    proven: Callable[[dict[str, Any]], Any] | None = None
    proven_for: Callable[[dict[str, Any]], Any] | None = None
    by_name: dict[str, FieldSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}


_BUILDING: ContextVar[bool] = ContextVar("forge_building", default=False)


def building() -> bool:
    """True inside :func:`unsaved` (``forge.build``): adapters validate without the database."""
    return _BUILDING.get()


@contextlib.contextmanager
def unsaved() -> Iterator[None]:
    """Calls made inside this block (in this context only) build instances and save nothing."""
    token = _BUILDING.set(True)
    try:
        yield
    finally:
        _BUILDING.reset(token)
