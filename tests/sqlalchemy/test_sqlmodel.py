"""SQLModel: table models through the SQLAlchemy path with their pydantic rules; others as pydantic."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select
from sqlmodel import Session, SQLModel

from pytest_forge import Forge, ValidationRejectedError
from pytest_forge.adapters import model_spec
from tests.sqlalchemy.sqlmodel_models import Hero, HeroRead, Picky, Team


def test_a_table_model_is_read_from_the_mapper_with_its_pydantic_constraints() -> None:
    spec = model_spec(Hero)
    assert spec.kind == "sqlalchemy"
    name = spec.by_name["name"].type
    assert (name.min_length, name.max_length) == (3, 20)
    age = spec.by_name["age"].type.inner()
    assert (age.ge, age.le) == (0, 120)
    assert spec.by_name["id"].computed


def test_a_non_table_sqlmodel_is_a_pydantic_model() -> None:
    assert model_spec(HeroRead).kind == "pydantic"
    assert len(Forge(seed=1).create(HeroRead).name) >= 3


def test_table_models_pass_pydantic_validation_and_link_relationships() -> None:
    forge = Forge(seed=2)
    forge.create_batch(Team, count=2)
    heroes = forge.create_batch(Hero, count=40)
    for hero in heroes:
        Hero.model_validate(hero.model_dump())
        assert 3 <= len(hero.name) <= 20
        assert hero.age is None or 0 <= hero.age <= 120
        assert "@" in hero.email
    teams = {id(t) for t in forge.registry.records("Team")}
    assert all(h.team is None or id(h.team) in teams for h in heroes)
    assert any(h.team is not None for h in heroes)


def test_table_models_are_saved_through_a_sqlmodel_session(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/heroes.db")
    SQLModel.metadata.create_all(engine, tables=[Team.__table__, Hero.__table__])
    with Session(engine) as session:
        heroes = Forge(seed=3).create_batch(Hero, count=10, session=session, generate_fk=True)
        session.commit()
        assert all(h.id is not None and h.team_id is not None for h in heroes)
        assert session.scalar(select(func.count()).select_from(Team)) == 10
    engine.dispose()


def test_a_pydantic_validator_that_refuses_everything_names_the_field() -> None:
    with pytest.raises(ValidationRejectedError, match=r"Picky.*'code'.*no code is good enough"):
        Forge(seed=1).create(Picky)
