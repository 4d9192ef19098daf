"""Files written through storage, limit_choices_to (dict and Q), check constraints."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pytest_forge import Forge
from tests.django_adapter.project.blog.models import Category, Document

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_file_and_image_fields_get_real_files_through_the_storage():
    doc = Forge(seed=1).create(Document)
    fetched = Document.objects.get(pk=doc.pk)
    assert fetched.attachment.name.startswith("docs/attachment-")
    assert fetched.attachment.storage.exists(fetched.attachment.name)
    with fetched.attachment.open("rb") as attachment:
        assert attachment.read()
    if fetched.picture:
        with fetched.picture.open("rb") as image:
            assert image.read(8) == b"\x89PNG\r\n\x1a\n"


def test_an_image_field_gets_a_valid_png():
    docs = Forge(seed=3).create_batch(Document, 6, none_p=0.0)
    pictures = [d.picture for d in docs if d.picture]
    assert pictures
    for picture in pictures:
        with picture.open("rb") as image:
            data = image.read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert data.endswith(b"IEND\xaeB`\x82")


def test_build_writes_no_file():
    doc = Forge(seed=1).build(Document)
    assert not doc.attachment.storage.exists(doc.attachment.name)


def test_limit_choices_to_dict_picks_and_makes_matching_parents():
    User.objects.create_user("plain", password="x")
    staff = User.objects.create_user("boss", password="x", is_staff=True)
    docs = Forge(seed=1).create_batch(Document, 5)
    assert {d.reviewer_id for d in docs} == {staff.pk}


def test_limit_choices_to_dict_values_go_to_new_parents():
    User.objects.create_user("plain", password="x")
    doc = Forge(seed=1).create(Document)
    assert User.objects.get(pk=doc.reviewer_id).is_staff


def test_limit_choices_to_q_is_checked_by_the_database():
    Category.objects.create(name="Books", slug="books")
    apples = Category.objects.create(name="Apples", slug="apples")
    docs = Forge(seed=1).create_batch(Document, 8, none_p=0.0)
    assert {d.featured_id for d in docs} == {apples.pk}


def test_check_constraints_are_honoured():
    docs = Forge(seed=2).create_batch(Document, 10)
    assert all(d.low < d.high for d in docs)


def test_file_path_fields_name_real_entries_that_their_form_would_list():
    import os
    import re

    from pytest_forge.adapters.django_files import deleting_written_files
    from tests.django_adapter.project.blog.models import Report

    with deleting_written_files() as written:
        reports = Forge(seed=3).create_batch(Report, 4)
        for report in Report.objects.filter(pk__in=[r.pk for r in reports]):
            report.full_clean()
            assert os.path.isfile(report.source)
            assert re.search(r"^[a-z]{4}\.csv$", os.path.basename(report.source))
            assert os.path.isdir(report.folder)
            assert re.search(r"^box[0-9]$", os.path.basename(report.folder))
            listed = [value for value, _ in Report._meta.get_field("source").formfield().choices]
            assert report.source in listed
        made = [os.path.join(storage.location, name) for storage, name in written]
    assert made
    assert not any(os.path.exists(path) for path in made)
