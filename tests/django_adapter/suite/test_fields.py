"""Every field kind of the test project gets values its field (and full_clean) accepts."""

from __future__ import annotations

import datetime as dt
import decimal
import re
import uuid

import pytest

from pytest_forge import Forge
from pytest_forge.errors import ConstraintError, ForgeError, UnsupportedTypeError
from tests.django_adapter.project.blog.models import (
    KIND_CHOICES,
    Category,
    Entry,
    Priority,
    Status,
    Ticket,
    TimeStamped,
)

pytestmark = pytest.mark.django_db

GROUPED = {value for _group, options in KIND_CHOICES for value, _label in options}


@pytest.fixture
def entries():
    """Thirty entries read back from the database (saved, then fetched fresh)."""
    made = Forge(seed=7).create_batch(Entry, 30)
    return list(Entry.objects.filter(pk__in=[e.pk for e in made]).order_by("pk"))


def test_every_saved_entry_passes_full_clean(entries):
    assert len(entries) == 30
    for entry in entries:
        entry.full_clean()


def test_choices_flat_grouped_and_enum_choices(entries):
    assert {e.status for e in entries} <= set(Status.values)
    assert {e.priority for e in entries} <= set(Priority.values)
    assert {e.kind for e in entries} <= GROUPED
    assert len({e.kind for e in entries}) > 1


def test_lengths_patterns_and_bounds(entries):
    for e in entries:
        assert 1 <= len(e.title) <= 120
        assert re.fullmatch(r"[-a-zA-Z0-9_]+", e.slug)
        assert re.fullmatch(r"[A-Z]{3}-[0-9]{4}", e.code)
        assert decimal.Decimal("0") <= e.price < decimal.Decimal("10000")
        assert e.price.as_tuple().exponent >= -2
        assert -32768 <= e.small <= 32767
        assert "@" in e.contact
        assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", e.server)
        assert len(bytes(e.blob)) <= 16


def test_types_of_the_other_kinds(entries):
    for e in entries:
        assert isinstance(e.uid, uuid.UUID)
        assert isinstance(e.duration, dt.timedelta)
        assert isinstance(e.data, dict)
        assert isinstance(e.day, dt.date)
        assert isinstance(e.at, dt.time)
        assert isinstance(e.flag, bool)
        assert e.published is None or e.published.tzinfo is not None  # USE_TZ: aware


def test_auto_now_fields_are_left_to_django(entries):
    for e in entries:
        assert e.created is not None
        assert e.updated >= e.created


def test_null_only_where_null_and_blank(entries):
    assert any(e.published is None for e in entries) or all(e.published for e in entries)
    assert all(e.author_id is not None for e in entries)  # null=False foreign key


def test_callable_defaults_give_way_to_seeded_values():
    first = Forge(seed=3).build(Entry)
    second = Forge(seed=3).build(Entry)
    assert first.uid == second.uid
    assert (first.title, first.code, first.price) == (second.title, second.code, second.price)


def test_unique_fields_differ_across_a_batch():
    categories = Forge(seed=2).create_batch(Category, 20)
    assert len({c.name for c in categories}) == 20
    assert len({c.slug for c in categories}) == 20


def test_unique_together_is_kept_and_a_full_domain_is_a_clear_error():
    forge = Forge(seed=2)
    tickets = forge.create_batch(Ticket, 8)
    assert len({(t.seat, t.row) for t in tickets}) == 8
    assert len({t.code for t in tickets}) == 8  # a character primary key is drawn unique


def test_unique_fields_hold_against_rows_already_in_the_database():
    Forge(seed=5).create_batch(Category, 5)
    again = Forge(seed=5).create_batch(Category, 5)  # a new Forge draws the same names first
    assert Category.objects.count() == 10
    assert len({c.name for c in Category.objects.all()}) == 10
    assert len(again) == 5


def test_an_override_that_fails_full_clean_is_a_constraint_error_and_nothing_is_saved():
    with pytest.raises(ConstraintError, match=r"Entry\.code"):
        Forge(seed=1).create(Entry, code="nope")
    assert Entry.objects.count() == 0


def test_an_abstract_model_is_refused_clearly():
    with pytest.raises(UnsupportedTypeError, match="abstract Django model"):
        Forge(seed=1).create(TimeStamped)


def test_the_error_is_a_forge_error():
    assert issubclass(UnsupportedTypeError, ForgeError)


def test_a_field_whose_validator_cannot_be_read_gets_its_default_when_that_passes():
    from tests.django_adapter.project.blog.models import Schedule

    schedules = Forge(seed=1).create_batch(Schedule, 5)
    for schedule in Schedule.objects.filter(pk__in=[s.pk for s in schedules]):
        schedule.full_clean()
        assert schedule.minute == "*"
