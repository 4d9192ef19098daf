# ruff: noqa: I002, UP045
"""SQLModel test models. No ``from __future__ import annotations`` here: SQLModel reads its
relationship annotations at class creation and cannot resolve them as strings."""

from typing import Optional

from pydantic import field_validator
from sqlmodel import Field, Relationship, SQLModel


class Team(SQLModel, table=True):
    __tablename__ = "f16_teams"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=30, unique=True)
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    __tablename__ = "f16_heroes"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(min_length=3, max_length=20)
    age: Optional[int] = Field(default=None, ge=0, le=120)
    email: str = Field(max_length=60)
    team_id: Optional[int] = Field(default=None, foreign_key="f16_teams.id")
    team: Optional[Team] = Relationship(back_populates="heroes")

    @field_validator("email")
    @classmethod
    def _company_mail(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError("an email")
        return value


class HeroRead(SQLModel):
    name: str = Field(min_length=3)
    age: int


class Picky(SQLModel, table=True):
    __tablename__ = "f16_picky"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(max_length=5)

    @field_validator("code")
    @classmethod
    def _never(cls, value: str) -> str:
        raise ValueError("no code is good enough")
