"""generate_fk paths, values for new parents, fk_filter and many-to-many counts."""

from __future__ import annotations

import pytest

from pytest_forge import Forge, ForgeError, RelationError
from tests.relations.models import Article, Author, Blog, Entry, Listing, Order, Tag, User


def test_generate_fk_true_creates_a_new_parent_for_each_record() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Blog, count=2)
    entries = forge.create_batch(Entry, count=5, generate_fk=True)
    assert len({e.blog_id for e in entries}) == 5
    assert forge.stats()["registry"]["Blog"] == 7


def test_generate_fk_true_follows_the_parents_own_keys() -> None:
    forge = Forge(seed=1)
    forge.create(User)
    forge.create_batch(Entry, count=4, generate_fk=True)
    assert forge.stats()["registry"]["User"] == 1 + 4


def test_generate_fk_paths_create_only_on_the_paths_named() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Blog, count=2)
    forge.create_batch(Author, count=2)
    entries = forge.create_batch(Entry, count=6, generate_fk=["author"])
    assert len({e.author_id for e in entries}) == 6
    assert forge.stats()["registry"]["Blog"] == 2
    assert forge.stats()["registry"]["User"] == 1  # new authors pick the one existing user


def test_a_nested_generate_fk_path_creates_the_parents_parent_too() -> None:
    forge = Forge(seed=1)
    forge.create(Author)
    entries = forge.create_batch(Entry, count=3, generate_fk=["author", "author__user"])
    authors = {a.id: a for a in forge.registry.records("Author")}
    assert len({authors[e.author_id].user_id for e in entries}) == 3
    assert forge.stats()["registry"]["User"] == 1 + 3


def test_a_path_may_name_the_field_with_its_id_suffix() -> None:
    forge = Forge(seed=1)
    forge.create(Author)
    entries = forge.create_batch(Entry, count=3, generate_fk=["author_id"])
    assert len({e.author_id for e in entries}) == 3


def test_a_path_naming_no_foreign_key_is_an_error_listing_the_keys() -> None:
    with pytest.raises(ForgeError, match=r"generate_fk names 'autor'.*author_id, blog_id"):
        Forge(seed=1).create(Entry, generate_fk=["autor"])


def test_a_value_through_a_foreign_key_creates_the_parent_with_it() -> None:
    forge = Forge(seed=1)
    entry = forge.create(Entry, author__name="Ada")
    author = next(a for a in forge.registry.records("Author") if a.id == entry.author_id)
    assert author.name == "Ada"


def test_values_through_two_levels_of_keys_reach_the_grandparent() -> None:
    forge = Forge(seed=1)
    entry = forge.create(Entry, author__user__name="Grace")
    author = next(a for a in forge.registry.records("Author") if a.id == entry.author_id)
    user = next(u for u in forge.registry.records("User") if u.id == author.user_id)
    assert user.name == "Grace"


def test_fk_filter_keeps_refused_parents_out() -> None:
    forge = Forge(seed=1)
    forge.create(Blog, name="Yoko Ono's blog")
    allowed = forge.create_batch(Blog, count=3)
    entries = forge.create_batch(
        Entry, count=60, fk_filter={"blog_id": lambda b: b.name != "Yoko Ono's blog"}
    )
    assert {e.blog_id for e in entries} == {b.id for b in allowed}


def test_fk_filter_accepts_a_dict_of_attribute_values() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Blog, count=3)
    chosen = forge.create(Blog, name="Mine")
    entries = forge.create_batch(Entry, count=10, fk_filter={"blog": {"name": "Mine"}})
    assert {e.blog_id for e in entries} == {chosen.id}


def test_fk_filter_that_nothing_passes_is_a_relation_error() -> None:
    forge = Forge(seed=1)
    forge.create(Blog)
    with pytest.raises(RelationError, match=r"Entry\.blog_id needs a Blog that fk_filter accepts"):
        forge.create(Entry, fk_filter={"blog_id": lambda b: False})


def test_many_to_many_keys_are_distinct_existing_parents() -> None:
    forge = Forge(seed=1)
    tags = forge.create_batch(Tag, count=6)
    articles = forge.create_batch(Article, count=40, generate_m2m={"tag_ids": (1, 3)})
    assert all(1 <= len(a.tag_ids) <= 3 and len(set(a.tag_ids)) == len(a.tag_ids) for a in articles)
    assert {t for a in articles for t in a.tag_ids} <= {t.id for t in tags}
    assert forge.stats()["registry"]["Tag"] == 6


def test_many_to_many_creates_parents_only_when_too_few_exist() -> None:
    forge = Forge(seed=1)
    forge.create(Tag)
    article = forge.create(Article, generate_m2m={"tag_ids": (4, 4)})
    assert len(set(article.tag_ids)) == 4
    assert forge.stats()["registry"]["Tag"] == 4


def test_many_to_many_without_counts_follows_the_lists_length_constraints() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Tag, count=5)
    assert {len(listing.tag_ids) for listing in forge.create_batch(Listing, count=20)} == {2}


def test_many_to_many_counts_for_a_plain_key_are_an_error() -> None:
    with pytest.raises(ForgeError, match="not a many-to-many field"):
        Forge(seed=1).create(Order, generate_m2m={"customer_id": (1, 2)})


def test_many_to_many_with_generate_fk_false_and_too_few_parents_is_a_relation_error() -> None:
    forge = Forge(seed=1)
    forge.create(Tag)
    with pytest.raises(RelationError, match=r"Listing\.tag_ids needs a Tag: 2 distinct Tag records"):
        forge.create(Listing, generate_fk=False)
