"""Patterns the sweep of new apps (bench/django_sweep.py) found in session 7, one test each.

The models (tests/django_adapter/project/patterns/models_s7_apps.py, migration 0006_sweep_s7_new_apps)
reproduce what django-friendship, django-ledger and django-admin-interface do; nothing here is
handled by name.
"""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from tests.django_adapter.project.patterns.models import Banner, Follow, Journal, Pal, Posting

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
