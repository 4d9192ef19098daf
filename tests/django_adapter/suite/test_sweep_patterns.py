"""Patterns the real-world sweep (bench/django_sweep.py) found in maintained apps, one test each.

The models (tests/django_adapter/project/patterns) reproduce what django-otp, django-oauth-toolkit,
django-cms, wagtail, django-celery-beat and django-guardian do; the adapter handles each generically.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from pytest_forge import Forge, ValidationRejectedError
from tests.django_adapter.project.patterns.models import (
    Account,
    Bill,
    Checklist,
    Client,
    Comment,
    Device,
    Feed,
    Flow,
    Grant,
    Host,
    Job,
    Ledger,
    Note,
    Profile,
    Revision,
    Right,
    Schedule,
    Step,
    Upload,
)

pytestmark = pytest.mark.django_db


def _valid(rows):
    for row in rows:
        type(row)._default_manager.get(pk=row.pk).full_clean()


def test_a_guarded_text_field_is_shaped_like_its_callable_default_and_seeded():
    first = Forge(seed=4).create_batch(Device, 3)
    _valid(first)
    assert all(re.fullmatch(r"[0-9a-f]{40}", d.key) for d in first)
    again = Forge(seed=4).build_batch(Device, 3)
    assert [d.key for d in again] == [d.key for d in first]  # seeded, not the default's urandom


def test_plural_uri_names_are_urls_and_a_list_default_json_field_holds_a_list():
    clients = Forge(seed=1).create_batch(Client, 4)
    _valid(clients)
    assert all(c.redirect_uris.startswith(("http://", "https://")) for c in clients)
    assert all(isinstance(c.resource, list) for c in Client.objects.all())


def test_a_model_whose_save_keeps_one_row_is_saved_through_its_own_save():
    made = Forge(seed=1).create_batch(Revision, 3)
    assert Revision.objects.count() == 1
    assert {r.pk for r in made} == {1}
    assert Revision.objects.get().revision == made[-1].revision


def test_a_row_made_with_its_parent_by_a_signal_is_updated_with_the_drawn_values():
    profiles = Forge(seed=1).create_batch(Profile, 3)
    assert Profile.objects.count() == Account.objects.count() == 3
    stored = {p.pk: p.bio for p in Profile.objects.all()}
    assert stored == {p.pk: p.bio for p in profiles}


def test_an_optional_key_that_would_close_a_cycle_of_new_parents_stays_none():
    flows = Forge(seed=1).create_batch(Flow, 3)
    _valid(flows)
    assert [f.current_step for f in flows] == [None, None, None]
    steps = Forge(seed=1).create_batch(Step, 3)  # the required side still gets its parent
    _valid(steps)
    assert all(s.flow_id is not None for s in steps)


def test_a_refusal_of_the_models_own_save_is_re_drawn():
    jobs = Forge(seed=1, none_p=0.0).create_batch(Job, 5)
    _valid(jobs)
    assert all(j.expires is None or j.expire_seconds is None for j in jobs)
    assert Job.objects.count() == 5


def test_a_save_refusal_of_a_given_value_is_a_clear_error():
    from datetime import UTC, datetime

    when = datetime(2030, 1, 1, tzinfo=UTC)
    with pytest.raises(ValidationRejectedError, match="Only one can be set, in expires and expire_seconds"):
        Forge(seed=1).create(Job, expires=when, expire_seconds=60)
    assert Job.objects.count() == 0


def test_a_generic_object_agrees_with_a_parent_that_names_a_content_type():
    accounts = Forge(seed=1).create_batch(Account, 2)
    account_type = ContentType.objects.get_for_model(Account)
    Right.objects.create(codename="view", content_type=account_type)
    Right.objects.create(codename="edit", content_type=ContentType.objects.get_for_model(Job))
    grants = Forge(seed=1).create_batch(Grant, 6)  # Job has no rows: its rights are drawn again
    for grant in grants:
        assert grant.content_type == grant.right.content_type == account_type
        assert grant.object_pk in {str(a.pk) for a in accounts}
    given = Forge(seed=2).create(Grant, content_object=accounts[1])  # a given object picks the right
    assert given.right.codename == "view"
    assert given.object_pk == str(accounts[1].pk)


def test_a_models_own_clean_fields_runs():
    Host.objects.create(name="main", is_default=True)
    hosts = Forge(seed=1).create_batch(Host, 6)
    _valid(hosts)
    assert Host.objects.filter(is_default=True).count() == 1


def test_a_models_own_validate_unique_runs():
    schedules = Forge(seed=1, none_p=0.5).create_batch(Schedule, 8)
    _valid(schedules)
    assert all(s.every is not None or s.at is not None for s in schedules)


def test_a_models_own_full_clean_runs():
    from django.utils.text import slugify

    notes = Forge(seed=1).create_batch(Note, 4)
    _valid(notes)
    assert all(n.slug == (slugify(n.title)[:64] or "note") for n in Note.objects.all())
    built = Forge(seed=1).build(Note)  # building runs it too (without the database checks)
    assert built.slug == (slugify(built.title)[:64] or "note")


def test_an_exception_of_the_models_own_save_is_re_drawn():
    root = Comment.objects.create(body="root")
    Comment.objects.create(body="reply", parent=root)  # a parent too deep to answer
    comments = Forge(seed=1, none_p=0.0).create_batch(Comment, 8)
    _valid(comments)
    assert Comment.objects.count() == 10
    assert all(c.parent is None or c.parent.parent_id is None for c in Comment.objects.all())


def test_an_exception_of_a_pre_save_receiver_leaves_the_optional_field_out():
    feeds = Forge(seed=1, none_p=0.0).create_batch(Feed, 4)
    assert Feed.objects.count() == 4
    assert all(f.generator_class is None for f in feeds)  # no drawn text names an importable class


def test_a_row_refused_after_its_insert_leaves_nothing_behind():
    ledgers = Forge(seed=1).create_batch(Ledger, 6)
    assert all(entry.amount % 2 == 0 for entry in ledgers)
    assert sorted(Ledger.objects.values_list("amount", flat=True)) == sorted(e.amount for e in ledgers)


def test_a_save_exception_on_given_values_is_a_clear_error():
    with pytest.raises(ValidationRejectedError, match=r"Ledger\.save\(\) raised ValueError: odd amounts"):
        Forge(seed=1).create(Ledger, amount=3)
    assert Ledger.objects.count() == 0


def test_validators_see_the_value_as_field_clean_gives_it_to_them():
    uploads = Forge(seed=1).create_batch(Upload, 3)
    _valid(uploads)
    assert all(u.file.name.endswith(".txt") for u in uploads)
    assert all(isinstance(u.recipients, list) and u.recipients for u in Upload.objects.all())
    assert all(len(u.copies) == 1 and "@" in u.copies[0] for u in Upload.objects.all())  # probed: emails


def test_a_nullable_key_that_may_not_be_blank_gets_a_parent():
    bills = Forge(seed=1, none_p=1.0).create_batch(Bill, 4)
    _valid(bills)
    assert all(b.account_id is not None for b in bills)


def test_a_json_field_whose_validators_take_a_list_holds_one():
    checklists = Forge(seed=1).create_batch(Checklist, 3)
    _valid(checklists)
    assert all(isinstance(c.task_list, list) and c.task_list for c in Checklist.objects.all())
