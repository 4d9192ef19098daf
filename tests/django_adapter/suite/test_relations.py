"""Foreign keys, one-to-one, many-to-many (through models too), inheritance, proxies, users, bulk."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pytest_forge import Forge
from pytest_forge.errors import RelationError
from tests.django_adapter.project.blog.models import (
    Author,
    Category,
    Comment,
    Entry,
    EntryProxy,
    Group,
    Membership,
    Person,
    Place,
    Restaurant,
    Tag,
    TaggedItem,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_made_parents_are_reused_by_later_records():
    forge = Forge(seed=1)
    forge.create_batch(Author, 2)
    entries = forge.create_batch(Entry, 10)
    assert Author.objects.count() == 2
    assert {e.author_id for e in entries} <= set(Author.objects.values_list("pk", flat=True))


def test_generate_fk_makes_a_new_parent_for_every_record():
    forge = Forge(seed=1)
    forge.create(Author)
    forge.create_batch(Entry, 4, generate_fk=["author"])
    assert Author.objects.count() == 5


def test_generate_fk_false_refuses_to_make_a_missing_parent():
    with pytest.raises(RelationError, match=r"Entry\.author needs a Author"):
        Forge(seed=1).create(Entry, generate_fk=False)
    assert Entry.objects.count() == 0


def test_fk_filter_picks_only_accepted_parents():
    forge = Forge(seed=1)
    authors = forge.create_batch(Author, 4)
    chosen = authors[2]
    entries = forge.create_batch(Entry, 6, fk_filter={"author": lambda a: a.pk == chosen.pk})
    assert {e.author_id for e in entries} == {chosen.pk}


def test_parent_field_values_through_the_relation():
    entry = Forge(seed=1).create(Entry, author__bio="Writes about owls.")
    assert Author.objects.get(pk=entry.author_id).bio == "Writes about owls."


def test_one_to_one_gets_a_new_parent_for_every_record():
    authors = Forge(seed=1).create_batch(Author, 5)
    assert len({a.user_id for a in authors}) == 5
    assert User.objects.count() == 5


def test_generate_m2m_sets_many_to_many_parents_after_saving():
    forge = Forge(seed=1)
    forge.create_batch(Tag, 5)
    entries = forge.create_batch(Entry, 4, generate_m2m={"tags": (2, 3)})
    for entry in entries:
        assert 2 <= Entry.objects.get(pk=entry.pk).tags.count() <= 3


def test_many_to_many_through_model_is_made_with_both_parents():
    membership = Forge(seed=1).create(Membership)
    assert Membership.objects.count() == 1
    group = Group.objects.get(pk=membership.group_id)
    assert list(group.members.all()) == [Person.objects.get(pk=membership.person_id)]


def test_self_reference_points_at_an_existing_row_or_none():
    forge = Forge(seed=1)
    categories = forge.create_batch(Category, 12)
    pks = {c.pk for c in categories}
    assert all(c.parent_id is None or c.parent_id in pks for c in categories)


def test_multi_table_inheritance_saves_the_parent_row():
    restaurant = Forge(seed=1).create(Restaurant)
    assert Place.objects.count() == 1
    assert Restaurant.objects.get(pk=restaurant.pk).name == restaurant.name
    assert 1 <= restaurant.seats <= 500


def test_proxy_models_are_saved_in_their_concrete_table():
    proxy = Forge(seed=1).create(EntryProxy)
    assert Entry.objects.filter(pk=proxy.pk).exists()


def test_unique_together_with_a_foreign_key_is_checked_against_the_database():
    forge = Forge(seed=1)
    entry = forge.create(Entry)
    comments = forge.create_batch(Comment, 10, entry=entry)
    assert sorted(c.rank for c in comments) == list(range(1, 11))


def test_a_user_can_log_in_and_a_given_password_is_hashed():
    user = Forge(seed=1).create(User, password="s3cret")
    fetched = User.objects.get(pk=user.pk)
    assert fetched.password != "s3cret"
    assert fetched.check_password("s3cret")
    assert fetched.has_usable_password()
    others = Forge(seed=2).create_batch(User, 10)
    assert len({u.username for u in others}) == 10
    assert all(u.has_usable_password() for u in others)


def test_build_makes_unsaved_many_to_many_free_records():
    forge = Forge(seed=1)
    entries = forge.build_batch(Entry, 3)
    assert all(e.pk is None for e in entries)
    assert Entry.objects.count() == Tag.objects.count() == Author.objects.count() == 0
    forge.create(Entry)  # built records are not offered as parents to saved ones
    assert Author.objects.count() == 1


def test_bulk_create_saves_the_batch_with_keys_where_the_database_returns_them():
    forge = Forge(seed=1)
    forge.create_batch(Tag, 4)
    forge.create(Author)
    with CaptureQueriesContext(connection) as queries:
        entries = forge.create_batch(Entry, 25, bulk=True, generate_m2m={"tags": (1, 2)})
    inserts = [q for q in queries.captured_queries if re.match(r"INSERT INTO [`\"]blog_entry[`\"]", q["sql"])]
    expected = 1 if connection.features.can_return_rows_from_bulk_insert else 25
    assert len(inserts) == expected
    assert Entry.objects.count() == 25
    assert all(e.pk is not None for e in entries)
    assert all(1 <= e.tags.count() <= 2 for e in entries)


def test_bulk_falls_back_for_multi_table_children():
    restaurants = Forge(seed=1).create_batch(Restaurant, 3, bulk=True)
    assert Place.objects.count() == 3
    assert all(r.pk is not None for r in restaurants)


def test_rows_already_in_the_database_are_candidate_parents():
    user = User.objects.create_user("existing", password="x")
    author = Author.objects.create(user=user, rating=3)
    entries = Forge(seed=1).create_batch(Entry, 5)
    assert {e.author_id for e in entries} == {author.pk}
    assert Author.objects.count() == 1


def test_generate_fk_still_makes_new_parents_when_rows_exist():
    user = User.objects.create_user("existing", password="x")
    Author.objects.create(user=user, rating=3)
    Forge(seed=1).create_batch(Entry, 3, generate_fk=True)
    assert Author.objects.count() == 4


def test_stored_rows_and_made_records_are_both_candidates():
    forge = Forge(seed=4)
    made = forge.create(Tag)
    stored = Tag.objects.create(name="stored-tag")
    entries = forge.create_batch(Entry, 12, generate_m2m={"tags": (2, 2)})
    used = {t.pk for e in entries for t in e.tags.all()}
    assert used == {made.pk, stored.pk}


def test_a_generic_foreign_key_points_at_a_row_that_exists():
    forge = Forge(seed=1)
    forge.create_batch(Tag, 3)
    items = forge.create_batch(TaggedItem, 6)
    for item in items:
        fetched = TaggedItem.objects.get(pk=item.pk)
        assert fetched.content_object is not None
        assert type(fetched.content_object)._default_manager.filter(pk=fetched.object_id).exists()


def test_a_generic_foreign_key_given_by_the_caller_is_kept():
    from django.contrib.contenttypes.models import ContentType

    tag = Tag.objects.create(name="kept")
    item = Forge(seed=1).create(
        TaggedItem, content_type=ContentType.objects.get_for_model(Tag), object_id=tag.pk
    )
    assert item.content_object == tag


def test_a_generic_foreign_key_takes_the_row_itself():
    tag = Tag.objects.create(name="itself")
    item = Forge(seed=2).create(TaggedItem, content_object=tag)
    assert TaggedItem.objects.get(pk=item.pk).content_object == tag


@pytest.mark.parametrize("bulk", [False, True])
def test_a_generic_relation_makes_the_asked_number_of_rows_pointing_back(bulk):
    from tests.django_adapter.project.blog.models import Bookmark

    bookmarks = Forge(seed=3).create_batch(Bookmark, 3, bulk=bulk, tags=2)
    for bookmark in bookmarks:
        stored = Bookmark.objects.get(pk=bookmark.pk)
        assert stored.tags.count() == 2
        for item in stored.tags.all():
            item.full_clean()
    assert Forge(seed=3).create(Bookmark).tags.count() == 0  # none unless asked
