"""Patterns the sweep of new apps (bench/django_sweep.py) found in session 7, one test each.

The models (tests/django_adapter/project/patterns/models_s7_apps.py, migration 0006_sweep_s7_new_apps)
reproduce what django-friendship, django-ledger and django-admin-interface do; nothing here is
handled by name.
"""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from tests.django_adapter.project.patterns.models import (
    Banner,
    Follow,
    Journal,
    Pal,
    Posting,
    Reminder,
    Remnant,
)

pytestmark = pytest.mark.django_db


def test_two_keys_a_save_wants_apart_get_apart_parents_when_one_row_exists():
    forge = Forge(seed=1)
    forge.create(Pal)  # the only registered parent: every plain re-draw picks it twice
    follows = forge.create_batch(Follow, 4)
    for follow in follows:
        stored = Follow.objects.get(pk=follow.pk)
        stored.full_clean()
        assert stored.follower_id != stored.followee_id
    assert Follow.objects.count() == 4


def test_a_parent_the_model_refuses_is_replaced_by_a_new_one():
    forge = Forge(seed=1)
    forge.create(Journal, locked=True)  # the only registered parent, and clean() refuses it
    postings = forge.create_batch(Posting, 3)
    for posting in postings:
        stored = Posting.objects.get(pk=posting.pk)
        stored.full_clean()
        assert not stored.journal.locked


def test_a_file_field_gets_a_name_its_extension_validator_allows():
    banners = Forge(seed=1, none_p=0.0).create_batch(Banner, 3)
    for banner in banners:
        stored = Banner.objects.get(pk=banner.pk)
        stored.full_clean()
        assert stored.logo.name.endswith(".png")
        with stored.logo.open("rb") as logo:
            assert logo.read(4) == b"\x89PNG"  # a real PNG, as its name says
        assert stored.notes.name.endswith(".pdf")


def test_generic_keys_pass_over_a_content_type_whose_table_is_gone():
    from django.contrib.contenttypes.models import ContentType

    from pytest_forge.adapters import django_generic

    gone = ContentType.objects.get_for_model(Remnant)
    assert django_generic._row_of(gone, 0) is None  # was: OperationalError, no such table
    forge = Forge(seed=1)
    forge.create_batch(Pal, 2)
    found = django_generic._existing_row(gone, 0, lambda key: True)  # the drawn type first, then the next
    assert found is not None
    assert found[0] != gone
    for seed in (1, 2, 3):
        for reminder in Forge(seed=seed).create_batch(Reminder, 5, creator_content_type=gone):
            stored = Reminder.objects.get(pk=reminder.pk)
            stored.full_clean()
            assert stored.creator_content_type_id != gone.pk or stored.creator_object_id is None
