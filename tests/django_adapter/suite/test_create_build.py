"""forge.create saves through the ORM with its parents; forge.build saves nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pytest_forge import Forge
from tests.django_adapter.project.blog.models import Author, Category, Entry, Tag

pytestmark = pytest.mark.django_db


def test_create_saves_the_instance_and_every_parent_it_needs():
    entry = Forge(seed=1).create(Entry)
    assert entry.pk is not None
    assert Entry.objects.count() == 1
    saved = Entry.objects.get(pk=entry.pk)
    assert saved.author_id == entry.author.pk
    assert Author.objects.count() == 1
    assert get_user_model().objects.count() == 1
    saved.full_clean()


def test_build_saves_nothing_not_even_parents():
    entry = Forge(seed=1).build(Entry)
    assert entry.pk is None
    assert entry.author.pk is None
    assert entry.author.user.pk is None
    assert Entry.objects.count() == Author.objects.count() == get_user_model().objects.count() == 0
    assert Category.objects.count() == Tag.objects.count() == 0
