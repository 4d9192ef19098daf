"""Kinds of fields third-party models use that the engine used to give up on (found by the outside sweep).

Each is a small model of its own here, not the package it was found in.
"""

from __future__ import annotations

import abc
import pathlib
import re
from typing import Annotated, Any, Literal

import pytest
import typing_extensions
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from pytest_forge import Forge
from pytest_forge.errors import ConstraintError, UnsupportedTypeError, ValidationRejectedError


class Response:
    """An HTTP response as a client library has it: a plain class, built by its __init__."""

    def __init__(self, status_code: int, *, headers: dict[str, str] | None = None) -> None:
        if not isinstance(status_code, int):
            raise TypeError("status_code must be an int")
        self.status_code = status_code
        self.headers = headers or {}


class Lazy:
    """Needs nothing: an instance built from nothing says nothing (atproto's CID())."""

    def __init__(self, raw: bytes | None = None) -> None:
        self.raw = raw


class Untyped:
    def __init__(self, anything) -> None:  # type: ignore[no-untyped-def]
        self.anything = anything


class CallResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    raw_response: Response
    previous: Response | None = None
    elapsed_ms: int


def test_a_required_plain_class_is_built_by_its_init() -> None:
    results = Forge(seed=1).create_batch(CallResult, count=5)
    assert all(type(r.raw_response) is Response for r in results)
    assert all(isinstance(r.raw_response.status_code, int) for r in results)
    assert all(r.previous is None for r in results)  # built only where a value is required


def test_plain_classes_are_not_accepted_at_the_top() -> None:
    with pytest.raises(TypeError, match="cannot generate Response"):
        Forge(seed=1).create(Response)


@pytest.mark.parametrize("cls", [Lazy, Untyped])
def test_a_class_that_needs_nothing_or_says_nothing_stays_a_clear_error(cls: type) -> None:
    holder = type(
        "Holder",
        (BaseModel,),
        {"__annotations__": {"value": cls}, "model_config": ConfigDict(arbitrary_types_allowed=True)},
    )
    with pytest.raises(UnsupportedTypeError, match=r"Holder\.value"):
        Forge(seed=1).create(holder)


class Shape(BaseModel, abc.ABC):
    name: str

    @abc.abstractmethod
    def area(self) -> float: ...


class Square(Shape):
    side: float

    def area(self) -> float:
        return self.side**2


class Drawing(BaseModel):
    shape: Shape | Square


def test_an_abstract_model_is_refused_at_once_naming_its_abstract_methods() -> None:
    with pytest.raises(UnsupportedTypeError, match=r"Shape is abstract \(abstract methods: area\)"):
        Forge(seed=1).create(Shape)


def test_a_union_arm_that_is_abstract_is_left_out() -> None:
    drawings = Forge(seed=1).create_batch(Drawing, count=10)
    assert {type(d.shape) for d in drawings} == {Square}


class FileResource(BaseModel):
    path: pathlib.Path

    @field_validator("path")
    @classmethod
    def absolute(cls, value: pathlib.Path) -> pathlib.Path:
        if not value.is_absolute():
            raise ValueError("Path must be absolute")
        return value


def test_a_path_a_validator_wants_absolute_is_drawn_absolute() -> None:
    resources = Forge(seed=2).create_batch(FileResource, count=10)
    assert all(r.path.is_absolute() for r in resources)


class Records(BaseModel):
    related: list[Any]

    @field_validator("related")
    @classmethod
    def mappings(cls, value: list[Any]) -> list[Any]:
        if not all(isinstance(item, dict) for item in value):
            raise ValueError("Input should be an instance of DotDict")
        return value


def test_items_of_a_list_of_any_a_validator_wants_as_mappings_are_drawn_as_mappings() -> None:
    records = Forge(seed=3).create_batch(Records, count=10)
    assert all(isinstance(item, dict) for r in records for item in r.related)


class Plugin(BaseModel):
    """Classes, compiled patterns and exceptions held as values (mcp's arg_model, parsers, error events)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    schema_class: type[BaseModel]
    either: type[Square | FileResource]
    matcher: re.Pattern[str]
    raw_matcher: re.Pattern[bytes]
    error: Exception


def test_classes_patterns_and_exceptions_held_as_values_are_generated() -> None:
    plugins = Forge(seed=1).create_batch(Plugin, count=10)
    assert all(p.schema_class is BaseModel for p in plugins)
    assert {p.either for p in plugins} <= {Square, FileResource}
    assert all(isinstance(p.matcher.pattern, str) for p in plugins)
    assert all(isinstance(p.raw_matcher.pattern, bytes) for p in plugins)
    assert all(type(p.error) is Exception and str(p.error) for p in plugins)


class Cat(BaseModel):
    kind: Literal["cat"] = "cat"
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"] = "dog"
    good: bool


def _tag_of_a_dict(value: Any) -> str | None:
    return value.get("kind") if isinstance(value, dict) else None  # reads dicts only


class Pet(BaseModel):
    pet: Annotated[Annotated[Cat, Tag("cat")] | Annotated[Dog, Tag("dog")], Discriminator(_tag_of_a_dict)]


class Owner(BaseModel):
    pet: Cat | Dog  # untagged: its arms are handed to validation as instances


def test_a_tagged_union_whose_discriminator_reads_dicts_gets_dicts() -> None:
    pets = Forge(seed=1).create_batch(Pet, count=10)
    assert {type(p.pet) for p in pets} == {Cat, Dog}


def test_an_untagged_union_of_models_gets_each_arm() -> None:
    owners = Forge(seed=1).create_batch(Owner, count=20)
    assert {type(o.pet) for o in owners} == {Cat, Dog}


class Swatch:
    """A colour class of its own, built from itself or text (a copy of pydantic's Color does this)."""

    def __init__(self, value: Swatch | str) -> None:
        self.value = value


class Merge(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    combine: dict[str, Any] | None = Field(None, max_length=0)  # OSCAL: present, but always empty
    flat: dict[str, Any] = Field(..., max_length=0)
    tags: list[str] = Field(..., max_length=0)
    swatch: Swatch


def test_collections_with_max_length_zero_are_empty_and_self_built_classes_end() -> None:
    merges = Forge(seed=1).create_batch(Merge, count=5)
    assert all(m.flat == {} and m.tags == [] and m.combine in (None, {}) for m in merges)
    assert all(isinstance(m.swatch.value, str) for m in merges)  # never Swatch(Swatch(...)) for ever


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydantic.color is deprecated, still shipped
def test_pydantic_colors_are_generated() -> None:
    import pydantic.color as color

    painted = type("Painted", (BaseModel,), {"__annotations__": {"color": color.Color}})
    made = Forge(seed=1).create(painted)
    assert isinstance(made.color, color.Color)


class Selector:
    """A client-library class whose ``__init__`` fails on some arguments with an AttributeError."""

    def __init__(self, retries: int) -> None:
        if retries % 3:
            raise AttributeError("'dict' object has no attribute 'output_parser'")
        self.retries = retries


class NeedsExtra:
    """A class whose ``__init__`` needs a package that is not installed."""

    def __init__(self, name: str) -> None:
        raise ModuleNotFoundError("`some-extra` package not found, please run `pip install some-extra`")


class Evaluator(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    selector: Selector


class NeedsExtraHolder(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    helper: NeedsExtra


def test_a_plain_class_whose_init_raises_attribute_error_is_redrawn() -> None:
    made = Forge(seed=1).create_batch(Evaluator, count=5)
    assert all(item.selector.retries % 3 == 0 for item in made)


def test_a_plain_class_needing_a_missing_package_is_a_forge_error_naming_it() -> None:
    with pytest.raises(ValidationRejectedError, match=r"NeedsExtra.*ModuleNotFoundError: `some-extra`"):
        Forge(seed=1).create(NeedsExtraHolder)


class PropertyFile:
    """Defines ``__eq__`` only, so its instances are unhashable (sagemaker's ``PropertyFile``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PropertyFile) and other.name == self.name


class Mappings(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    environment: dict[str | PropertyFile, int]


def test_dict_keys_drawn_as_unhashable_objects_are_left_out() -> None:
    made = Forge(seed=1).create_batch(Mappings, count=10)
    assert all(isinstance(key, str) for item in made for key in item.environment)


class Opaque:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args


class WithOpaqueDefault(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    name: str
    step: Opaque = None  # type: ignore[assignment]


def test_a_field_of_a_type_that_cannot_be_generated_keeps_its_default() -> None:
    made = Forge(seed=1).create_batch(WithOpaqueDefault, count=3)
    assert all(item.step is None and isinstance(item.name, str) for item in made)


class Reader:
    def __init__(self, size: int) -> None:
        self.size = size


class AttachmentInfo(typing_extensions.TypedDict):
    """A TypedDict holding an arbitrary class: only a model allowing arbitrary types can hold it."""

    name: str
    reader: Reader


class RunWithAttachments(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    attachments: dict[str, AttachmentInfo]


def test_a_typeddict_holding_an_arbitrary_class_is_validated_allowing_it() -> None:
    made = Forge(seed=1).create_batch(RunWithAttachments, count=3)
    assert all(isinstance(info["reader"], Reader) for run in made for info in run.attachments.values())


def _embed_model() -> Opaque:
    raise ImportError("`some-embeddings` package not found, please run `pip install some-embeddings`")


class VectorBlock(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    name: str
    embed: Opaque = Field(default_factory=_embed_model)


class StaticBlock(BaseModel):
    name: str
    text: str


class Memory(BaseModel):
    blocks: list[VectorBlock | StaticBlock] = Field(min_length=1)


def test_a_default_factory_that_raises_is_a_forge_error_naming_the_field() -> None:
    with pytest.raises(ConstraintError, match=r"VectorBlock\.embed: its default_factory raised ImportError"):
        Forge(seed=1).create(VectorBlock)
    made = Forge(seed=1).create_batch(Memory, count=3)
    assert all(isinstance(block, StaticBlock) for memory in made for block in memory.blocks)
