"""How rows are saved: bulk waves of parents, unique values settled against stored rows, full_clean holds."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pytest_forge import ConstraintError, Forge
from tests.django_adapter.project.blog.models import Author, Badge, Category, Entry, Person, Tag

pytestmark = pytest.mark.django_db

NEW_AUTHORS = {"generate_fk": ["author"], "generate_m2m": {"tags": 0}}


def _inserts(queries: CaptureQueriesContext, table: str) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"'))


def _returns_keys() -> bool:
    return bool(connection.features.can_return_rows_from_bulk_insert)


def test_a_bulk_batch_saves_its_new_parents_in_bulk_too():
    with CaptureQueriesContext(connection) as queries:
        entries = Forge(seed=1).create_batch(Entry, 30, bulk=True, **NEW_AUTHORS)
    assert Entry.objects.count() == Author.objects.count() == 30
    assert len({e.author_id for e in entries}) == 30
    if _returns_keys() and connection.vendor != "mysql":
        assert _inserts(queries, "blog_entry") == 1
        assert _inserts(queries, "blog_author") == 1
        assert _inserts(queries, get_user_model()._meta.db_table) == 1


@pytest.mark.parametrize("bulk", [False, True])
def test_every_saved_row_and_parent_passes_full_clean_read_back(bulk):
    entries = Forge(seed=2).create_batch(Entry, 20, bulk=bulk, generate_fk=["author"])
    for entry in Entry.objects.filter(pk__in=[e.pk for e in entries]).select_related("author__user"):
        entry.full_clean()
        entry.author.full_clean()
        entry.author.user.full_clean()


def test_bulk_many_to_many_rows_are_inserted_for_every_row():
    Forge(seed=3).create_batch(Tag, 5)
    entries = Forge(seed=3).create_batch(Entry, 8, bulk=True, generate_m2m={"tags": (2, 2)})
    for entry in entries:
        assert Entry.objects.get(pk=entry.pk).tags.count() == 2


def test_a_bulk_batch_of_self_references_saves_parents_before_children():
    categories = Forge(seed=4).create_batch(Category, 15, bulk=True)
    stored = {c.pk: c.parent_id for c in Category.objects.all()}
    assert len(stored) == 15
    assert all(parent is None or parent in stored for parent in stored.values())
    assert all(c.parent is None or c.parent.pk is not None for c in categories)


def test_unique_values_already_stored_are_avoided_and_exhaustion_is_a_clear_error():
    for level in (1, 2, 3, 4):
        Badge.objects.create(level=level)
    forge = Forge(seed=5)
    assert forge.create(Badge).level == 5
    with pytest.raises(ConstraintError, match=r"Badge\.level must be unique"):
        forge.create(Badge)
    assert Badge.objects.count() == 5


def test_a_row_saved_by_other_code_between_calls_is_seen_by_the_next_call():
    forge = Forge(seed=6)
    first = forge.create(Badge)
    free = sorted({1, 2, 3, 4, 5} - {first.level})
    for level in free[:-1]:
        Badge.objects.create(level=level)
    assert forge.create(Badge).level == free[-1]


def test_a_one_to_one_given_a_taken_parent_is_refused_and_nothing_is_saved():
    taken = Forge(seed=7).create(Author).user
    with pytest.raises(ConstraintError, match="user"):
        Forge(seed=7).create(Author, user=taken)
    assert Author.objects.count() == 1


def test_new_one_to_one_parents_need_no_unique_query_per_row():
    with CaptureQueriesContext(connection) as queries:
        Forge(seed=8).create_batch(Author, 10)
    lookups = [q for q in queries.captured_queries if q["sql"].startswith("SELECT") and "user_id" in q["sql"]]
    assert lookups == []
    assert Author.objects.count() == 10


def test_a_one_to_one_to_a_stored_row_already_taken_is_checked_against_the_database():
    person = Person.objects.create(name="Ada")
    Badge.objects.create(level=1, holder=person)
    with pytest.raises(ConstraintError, match="Holder already exists"):
        Forge(seed=9).create(Badge, generate_fk=False, none_p=0.0)
    assert Badge.objects.count() == 1


def test_a_proxy_and_its_concrete_model_in_one_call_avoid_each_others_stored_values():
    from tests.django_adapter.project.blog.models import EntryProxy

    Forge(seed=10).create_batch(Entry, 5)
    stored = set(Entry.objects.values_list("uid", flat=True))
    proxies = Forge(seed=10).create_batch(EntryProxy, 5)
    assert not stored & {p.uid for p in proxies}
    assert Entry.objects.count() == 10
