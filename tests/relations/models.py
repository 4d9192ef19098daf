"""Models of the relation tests (module level, so ``ForeignKey("Name")`` strings resolve)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from pytest_forge import ForeignKey, PrimaryKey, Unique


class Customer(BaseModel):
    id: int
    name: str


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    coupon_id: int | None = None


class Coupon(BaseModel):
    id: int
    code: str


class User(BaseModel):
    id: int
    name: str


class Author(BaseModel):
    id: int
    name: str
    user_id: Annotated[int, ForeignKey(User)]


class Blog(BaseModel):
    id: int
    name: str


class Entry(BaseModel):
    id: int
    title: str
    author_id: Annotated[int, ForeignKey(Author)]
    blog_id: Annotated[int, ForeignKey(Blog)]


class Category(BaseModel):
    id: int
    name: str
    parent_id: Annotated[int | None, ForeignKey("Category")] = None


class Employee(BaseModel):
    id: int
    name: str
    manager_id: Annotated[int, ForeignKey("Employee")]


class Tag(BaseModel):
    id: int
    label: str


class Article(BaseModel):
    id: int
    title: str
    tag_ids: Annotated[list[int], ForeignKey(Tag)]


class Listing(BaseModel):
    id: int
    tag_ids: Annotated[list[int], ForeignKey("Tag"), Field(min_length=2, max_length=2)]


class Invoice(BaseModel):
    number: Annotated[uuid.UUID, PrimaryKey]
    customer_id: Annotated[int, ForeignKey(Customer)] | None = None


class Account(BaseModel):
    id: int
    email: Annotated[str, Unique]


class Person(BaseModel):
    id: int
    first: Literal["Ada", "Grace"]
    last: Literal["Lovelace", "Hopper", "Curie"]


class Seat(BaseModel):
    id: int
    row: int = Field(ge=1, le=30)
    letter: Literal["A", "B", "C", "D"]


class Product(BaseModel):
    id: int
    name: str


class Review(BaseModel):
    id: int
    user_id: Annotated[int, ForeignKey(User)]
    product_id: Annotated[int, ForeignKey(Product)]
    stars: int = Field(ge=1, le=5)
