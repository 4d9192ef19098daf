"""Mapping patterns found in public packages: inheritance, association rows, composite keys, custom types."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    CHAR,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from pytest_forge import Forge
from pytest_forge.adapters import model_spec


class Base(DeclarativeBase):
    pass


class Image(Base):
    """Single-table inheritance: the discriminator must be each class's own identity."""

    __tablename__ = "images"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(200))
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "image"}  # noqa: RUF012


class Poster(Image):
    __mapper_args__ = {"polymorphic_identity": "poster"}  # noqa: RUF012


class Movie(Base):
    __tablename__ = "movies"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(60))
    genres: Mapped[list[Genre]] = relationship(secondary="movie_genres", back_populates="movies")


class Genre(Base):
    __tablename__ = "genres"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    movies: Mapped[list[Movie]] = relationship(secondary="movie_genres", back_populates="genres")


movie_genres = Table(
    "movie_genres", Base.metadata,
    Column("movie_id", ForeignKey("movies.id"), primary_key=True),
    Column("genre_id", ForeignKey("genres.id"), primary_key=True),
)  # fmt: skip


class Language(Base):
    __tablename__ = "languages"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(5))


class MovieLanguage(Base):
    """An association row: unique over two foreign keys, so each row gets new parents."""

    __tablename__ = "movie_languages"
    __table_args__ = (UniqueConstraint("movie_id", "language_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movie_id: Mapped[int] = mapped_column(ForeignKey("movies.id"))
    language_id: Mapped[int] = mapped_column(ForeignKey("languages.id"))
    language: Mapped[Language] = relationship()


class Setting(Base):
    """A composite primary key the rows bring themselves."""

    __tablename__ = "settings"
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    name: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[str] = mapped_column(String(20))


class UUIDChar(CHAR):
    python_type = uuid.UUID


class Guid(TypeDecorator[uuid.UUID]):
    impl = UUIDChar
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(uuid.UUID(str(value)))

    def process_result_value(self, value, dialect):
        return None if value is None else uuid.UUID(value)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[uuid.UUID] = mapped_column(Guid(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


def _saved(models: list[type], count: int = 8) -> Session:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    forge = Forge(seed=2)
    for model in models:
        forge.create_batch(model, count=count, session=session)
    return session


def test_each_class_of_an_inheritance_hierarchy_keeps_its_identity() -> None:
    session = _saved([Image, Poster])
    assert {p.kind for p in session.query(Poster)} == {"poster"}
    assert session.query(Image).count() == 16


def test_both_sides_of_a_many_to_many_can_be_made_first() -> None:
    forge = Forge(seed=3)
    genres = forge.create_batch(Genre, count=4)
    movies = forge.create_batch(Movie, count=6)
    assert all(0 <= len(m.genres) <= 3 for m in movies)
    assert all(m in g.movies for m in movies for g in m.genres)
    assert genres


def test_an_association_row_gets_new_parents_so_its_pair_stays_unique() -> None:
    session = _saved([MovieLanguage], count=10)
    pairs = [(row.movie_id, row.language_id) for row in session.query(MovieLanguage)]
    assert len(pairs) == len(set(pairs)) == 10


def test_a_composite_primary_key_is_unique_as_a_whole() -> None:
    assert ("scope", "name") in model_spec(Setting).unique_together
    session = _saved([Setting], count=30)
    assert session.query(Setting).count() == 30


def test_a_column_type_that_declares_its_python_type_gets_values_of_it() -> None:
    assert model_spec(Member).by_name["id"].type.kind == "uuid"
    session = _saved([Member])
    assert all(isinstance(m.id, uuid.UUID) for m in session.query(Member))
