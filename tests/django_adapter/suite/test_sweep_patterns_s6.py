"""Patterns the real-world sweep (bench/django_sweep.py) found in session 6, one test each.

The models (tests/django_adapter/project/patterns, migration 0004_sweep_s6_misc) reproduce what
django-background-tasks, django-celery-beat and django-q2 do; nothing here is handled by name.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from pytest_forge import Forge
from tests.django_adapter.project.patterns.models import (
    Beat,
    Chore,
    Member,
    Moment,
    Period,
    Preference,
    Reminder,
    Voucher,
    cron_syntax,
)

pytestmark = pytest.mark.django_db


def _valid(rows):
    for row in rows:
        type(row)._default_manager.get(pk=row.pk).full_clean()


def test_a_generic_integer_object_id_never_takes_a_text_key():
    for code in ("SPRING", "SUMMER", "AUTUMN"):
        Voucher.objects.create(code=code)
    reminders = Forge(seed=1, none_p=0.0).create_batch(Reminder, 12)
    _valid(reminders)
    voucher_type = ContentType.objects.get_for_model(Voucher)
    assert all(r.creator_content_type_id != voucher_type.pk for r in reminders)
    assert all(r.creator is not None for r in Reminder.objects.all())  # each points at a real row


def test_the_schedule_key_kept_after_a_whole_model_refusal_gets_a_parent():
    Forge(seed=1).create_batch(Period, 3)
    Forge(seed=1).create_batch(Moment, 3)
    beats = Forge(seed=1, none_p=1.0).create_batch(Beat, 6)  # every optional key drawn None at first
    _valid(beats)
    assert all((b.period_id is None) != (b.moment_id is None) for b in beats)


def test_fields_named_like_a_cron_expression_hold_one():
    chores = Forge(seed=1).create_batch(Chore, 8)
    _valid(chores)
    for chore in Chore.objects.all():
        cron_syntax(chore.cron)
        cron_syntax(chore.cron_expression)
        assert len(chore.cron_expression) <= 12
    assert len({c.cron for c in chores}) > 4  # varied, not one fixed expression


def test_a_row_a_receiver_made_for_a_new_one_to_one_parent_takes_the_drawn_values():
    preferences = Forge(seed=1).create_batch(Preference, 4)
    _valid(preferences)
    assert Preference.objects.count() == Member.objects.count() == 4  # one row per member, no more
    stored = {p.member_id: (p.page_size, p.theme) for p in Preference.objects.all()}
    assert stored == {p.member_id: (p.page_size, p.theme) for p in preferences}
    assert any(theme for _, theme in stored.values())  # drawn values, not the receiver's defaults
