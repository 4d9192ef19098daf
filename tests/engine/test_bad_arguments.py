"""Bad input gets a ForgeError naming the keyword, model or field and a fix, never an internal error."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from pydantic import Base64Str, BaseModel, Field, FutureDate, PastDate, RootModel, computed_field

from pytest_forge import Forge
from pytest_forge.errors import ArgumentError, ExportError
from pytest_forge.generation import arguments


class Pair(BaseModel):
    x: int
    y: int


def test_a_locale_that_is_not_a_name_is_refused_at_once() -> None:
    with pytest.raises(ArgumentError, match=r"Forge\(locale=\.\.\.\) must be a locale name .* got 123"):
        Forge(locale=123)  # type: ignore[arg-type]


def test_a_reference_date_given_as_text_is_refused_with_the_fix() -> None:
    with pytest.raises(ArgumentError, match=r"datetime\.date\.fromisoformat\('2020-01-01'\)"):
        Forge(reference_date="2020-01-01")  # type: ignore[arg-type]


def test_an_override_that_raises_names_the_field() -> None:
    with pytest.raises(ArgumentError, match=r"Pair\.x .*ZeroDivisionError") as caught:
        Forge(seed=1).create(Pair, x=lambda: 1 / 0)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_an_override_of_the_wrong_arity_is_refused_before_drawing() -> None:
    with pytest.raises(ArgumentError, match=r"Pair\.y .*needs 2 arguments"):
        Forge(seed=1).create(Pair, y=lambda a, b: 1)


def test_the_base_classes_themselves_are_refused_plainly() -> None:
    for base in (BaseModel, RootModel):
        with pytest.raises(ArgumentError, match=f"cannot generate {base.__name__} itself"):
            Forge(seed=1).create(base)


def test_to_database_with_a_url_that_is_not_text_says_what_a_url_is(tmp_path: Path) -> None:
    forge = Forge(seed=1)
    with pytest.raises(ExportError, match=r"to_database\(url=\.\.\.\) must be a database URL .* got 12345"):
        forge.to_database(forge.create_batch(Pair, count=2), url=12345)
    assert forge.to_database(forge.create_batch(Pair, count=2), url=tmp_path / "ok.db") == 2
    assert sqlite3.connect(tmp_path / "ok.db").execute("select count(*) from pair").fetchone() == (2,)


def test_a_batch_too_large_for_memory_suggests_create_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ArgumentError, match="create_stream"):
        Forge(seed=1).create_batch(Pair, count=10**9)
    monkeypatch.setattr(arguments, "LARGE_BATCH", 3)
    with pytest.warns(arguments.LargeBatchWarning, match="create_stream"):
        assert len(Forge(seed=1).create_batch(Pair, count=4)) == 4


class Priced(BaseModel):
    net: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gross(self) -> int:
        return self.net * 2


def test_explain_lists_computed_fields_as_computed() -> None:
    forge = Forge(seed=1)
    made = forge.explain(forge.create(Priced))
    assert made["gross"].tier == "computed"
    assert made["net"].tier == "standard"


class Payroll(BaseModel):
    salary: Base64Str
    bonus: Base64Str | None = None


def test_a_name_based_provider_never_overrides_an_encoded_type() -> None:
    made = Forge(seed=1, allow_pii=True, none_p=0).create_batch(Payroll, count=10)
    for item in made:
        dumped = item.model_dump()
        assert Payroll.model_validate(dumped) == item  # the dump is valid base64 of the value


class NearToday(BaseModel):
    due: FutureDate = Field(lt=dt.date.today() + dt.timedelta(days=3))
    filed: PastDate = Field(gt=dt.date.today() - dt.timedelta(days=3))


def test_future_and_past_dates_bounded_near_today_are_generated() -> None:
    before = dt.date.today()
    items = Forge(seed=1).create_batch(NearToday, count=10)
    after = dt.date.today()  # pydantic reads today when it validates: the run may cross midnight
    for item in items:
        assert before < item.due < after + dt.timedelta(days=3)
        assert before - dt.timedelta(days=3) < item.filed < after
