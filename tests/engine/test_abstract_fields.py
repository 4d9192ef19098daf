"""A field typed by an abstract class gets an instance of one of its concrete subclasses (issue 11: found in
pyiceberg, whose expressions hold ``term: UnboundTerm`` and ``transform: Transform``)."""

from __future__ import annotations

import abc
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidatorFunctionWrapHandler, model_validator

from pytest_forge import Forge
from pytest_forge.errors import UnsupportedTypeError


class Term(abc.ABC):
    @abc.abstractmethod
    def ref(self) -> str: ...


class Reference(Term):
    def __init__(self, name: str) -> None:
        self.name = name

    def ref(self) -> str:
        return self.name


class Predicate(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    term: Term
    value: int


class Shape(BaseModel, abc.ABC):
    @abc.abstractmethod
    def area(self) -> float: ...


class Square(Shape):
    side: float

    def area(self) -> float:
        return self.side**2


class Circle(Shape):
    radius: float

    def area(self) -> float:
        return 3.14159 * self.radius**2


class _AbstractMiddle(Shape, abc.ABC):
    @abc.abstractmethod
    def corners(self) -> int: ...


class Drawing(BaseModel):
    main: Shape
    others: list[Shape]


class Orphan(abc.ABC):
    @abc.abstractmethod
    def nothing(self) -> None: ...


class Lonely(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    thing: Orphan


def test_an_abstract_plain_class_gets_its_concrete_subclass_built_by_init():
    for predicate in Forge(seed=1).create_batch(Predicate, count=5):
        assert isinstance(predicate.term, Reference)
        assert isinstance(predicate.term.ref(), str)


def test_an_abstract_model_gets_instances_of_its_concrete_subclasses():
    drawings = Forge(seed=2).create_batch(Drawing, count=30)
    kinds = {type(d.main) for d in drawings} | {type(s) for d in drawings for s in d.others}
    assert kinds == {Square, Circle}  # never the abstract base or the abstract middle class
    assert all(d.main.area() >= 0 for d in drawings)


def test_the_same_seed_gives_the_same_subclasses():
    first = [type(d.main).__name__ for d in Forge(seed=3).create_batch(Drawing, count=20)]
    again = [type(d.main).__name__ for d in Forge(seed=3).create_batch(Drawing, count=20)]
    assert first == again


def test_an_abstract_class_without_concrete_subclasses_is_still_a_clear_error():
    with pytest.raises(UnsupportedTypeError, match=r"Lonely\.thing"):
        Forge(seed=1).create(Lonely)


class ColumnType(BaseModel):
    """pyiceberg's IcebergType: no fields; a wrap validator reads ``"int"`` as ``IntType()``; as itself it
    takes nothing."""

    @model_validator(mode="wrap")
    @classmethod
    def _dispatch(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> ColumnType:
        if isinstance(value, str):
            return {"int": IntType, "text": TextType}[value]()
        if cls is ColumnType and not isinstance(value, ColumnType):
            raise ValueError("a column type is written as its name")
        return handler(value)


class IntType(ColumnType):
    bits: int = 32


class TextType(ColumnType):
    max_length: int | None = None


class Column(BaseModel):
    name: str
    type: ColumnType


def test_a_fieldless_base_that_dispatches_in_a_wrap_validator_gets_its_subclasses():
    columns = Forge(seed=4).create_batch(Column, count=20)
    assert {type(c.type) for c in columns} == {IntType, TextType}


class Equality(BaseModel):
    value: int


class Membership(BaseModel):
    """pyiceberg's ``In``: with one value its ``__new__`` makes an ``Equality`` (``EqualTo``) instead."""

    values: list[int]

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        given = kwargs.get("values")
        if cls is Membership and given is not None and len(given) == 1:
            return Equality(value=given[0])
        return super().__new__(cls)

    def __init__(self, **data: Any) -> None:  # a custom __init__: validation calls the class itself
        super().__init__(**data)


def test_a_model_whose_new_makes_another_class_is_redrawn_until_it_is_itself():
    made = Forge(seed=6).create_batch(Membership, count=30)
    assert all(type(item) is Membership for item in made)
