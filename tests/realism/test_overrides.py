"""What a call fixes, the rest of the record agrees with (issue 13): ``rating=1`` reads like one star,
``first_name="Ann"`` makes Ann's email, username and full name."""

from __future__ import annotations

from pytest_forge import Forge
from pytest_forge.providers.persona import ascii_spelling
from tests.realism.models import Customer, Product, Review
from tests.realism.test_agreement import sentiment
from tests.realism.test_persona import derives_from_name


def test_a_fixed_rating_of_one_gives_negative_bodies_and_titles():
    reviews = Forge(seed=13).create_batch(Review, count=300, rating=1)
    assert sum(sentiment(r.body) == "negative" for r in reviews) / len(reviews) >= 0.95
    positive_titles = {"Great value", "Love it", "Highly recommend", "Exceeded expectations"}
    assert not {r.title for r in reviews} & positive_titles


def test_a_fixed_rating_of_five_gives_positive_bodies():
    reviews = Forge(seed=13).create_batch(Review, count=300, rating=5)
    assert sum(sentiment(r.body) == "positive" for r in reviews) / len(reviews) >= 0.95


def test_a_fixed_first_name_is_the_persons_name_everywhere():
    customers = Forge(seed=13).create_batch(Customer, count=200, first_name="Ann")
    for c in customers:
        assert c.full_name == f"Ann {c.last_name}"
        assert c.bio.count("Ann") >= 1
        assert c.initials.startswith("A")
    emails = [(c.email.split("@")[0], ascii_spelling(c.last_name)) for c in customers]
    assert sum("ann" in e or e.startswith(f"a{last}") for e, last in emails) / len(emails) >= 0.9
    assert sum(derives_from_name(c.username, "Ann", c.last_name) for c in customers) / len(customers) >= 0.9
    assert {c.salutation for c in customers} <= {"Ms.", "Mrs.", "Miss", "Dr."}


def test_a_fixed_first_name_from_a_callable_declared_before_the_others_is_seen():
    names = iter(["Bob", "Eve", "Max"] * 10)
    customers = Forge(seed=13).create_batch(Customer, count=30, first_name=lambda: next(names))
    assert all(c.full_name.startswith(c.first_name + " ") for c in customers)


def test_a_fixed_full_name_splits_into_first_and_last_in_the_locales_order():
    german = Forge(seed=13, locale="de_DE").create_batch(Customer, count=20, full_name="Jürgen Weiß")
    assert {(c.first_name, c.last_name) for c in german} == {("Jürgen", "Weiß")}
    assert sum("weiss" in c.email or "jurgen" in c.email for c in german) >= 18
    japanese = Forge(seed=13, locale="ja_JP").create_batch(Customer, count=5, full_name="山田 太郎")
    assert {(c.first_name, c.last_name) for c in japanese} == {("太郎", "山田")}


def test_a_fixed_email_gives_the_name_it_spells():
    customers = Forge(seed=13).create_batch(Customer, count=10, email="mary.jones@example.com")
    assert {(c.first_name, c.last_name) for c in customers} == {("Mary", "Jones")}


def test_overrides_of_one_call_do_not_leak_into_the_next():
    forge = Forge(seed=13)
    forge.create_batch(Customer, count=3, first_name="Ann", last_name="Lee")
    after = forge.create_batch(Customer, count=50)
    assert all(c.full_name == f"{c.first_name} {c.last_name}" for c in after)
    assert sum(derives_from_name(c.username, c.first_name, c.last_name) for c in after) >= 45
    assert sum(c.first_name == "Ann" for c in after) < 5


def test_a_fixed_product_name_is_what_the_description_and_category_describe():
    products = Forge(seed=13).create_batch(Product, count=30, name="Walnut Desk")
    assert all("Walnut Desk" in p.description or "desk" in p.description.lower() for p in products)
    assert {p.category for p in products} <= {"Furniture", "Office Products", "Home & Kitchen"}
