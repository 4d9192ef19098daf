"""Natural keys unique by default within a Forge, NotUnique to turn it off (issue 13).

The million-customer stream is ``bench/unique_bench.py`` (too slow for the suite); here a
long batch, a Forge's later calls and the bounded memory's stamped forms are checked.
"""

from __future__ import annotations

import random

from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.providers.distinct import Distinct, distinct_gen
from pytest_forge.providers.shaping import Shape
from tests.realism.models import Account, Customer, Mailing


def test_emails_and_usernames_never_repeat_in_one_forge():
    forge = Forge(seed=13)
    customers = [c for _ in range(4) for c in forge.create_batch(Customer, count=5_000)]
    assert len({c.email for c in customers}) == len(customers)
    assert len({c.username for c in customers}) == len(customers)


def test_short_usernames_stay_unique_where_the_names_run_out():
    accounts = Forge(seed=13).create_batch(Account, count=3_000)
    assert len({a.username for a in accounts}) == len(accounts)
    assert all(len(a.username) <= 8 for a in accounts)


def test_not_unique_lets_values_repeat():
    mailings = Forge(seed=13).create_batch(Mailing, count=3_000)
    assert len({m.username for m in mailings}) < len(mailings)


def test_slugs_and_skus_are_unique_but_a_customers_email_on_an_order_is_not_a_key():
    class Page(BaseModel):
        slug: str
        sku: str

    pages = Forge(seed=13).create_batch(Page, count=5_000)
    assert len({p.slug for p in pages}) == len({p.sku for p in pages}) == len(pages)

    class Order(BaseModel):
        customer_email: str
        customer_name: str

    from pytest_forge.adapters import model_spec
    from pytest_forge.providers.keys_unique import is_natural_key

    spec = model_spec(Order)
    assert not is_natural_key(Order, spec.by_name["customer_email"], "internet.email")


def test_past_the_exact_memory_every_value_is_stamped_and_still_unique():
    distinct = Distinct(Shape(), ".", limit=50)
    names = ["ann", "bob", "cy"]
    draw = distinct_gen(lambda rng: names[int(rng.random() * 3)], distinct)
    rng = random.Random(1)
    values = [draw(rng) for _ in range(5_000)]
    assert len(set(values)) == len(values)
    assert sum(v in names for v in values) == 3


def test_a_stamped_email_keeps_its_domain_and_fits_the_field():
    distinct = Distinct(Shape(hi=20), ".", limit=1)
    distinct.admit("ann.lee@example.com")
    stamped = distinct.stamped("ann.lee@example.com")
    assert stamped.endswith("@example.com")
    assert len(stamped) <= 20
    assert stamped != "ann.lee@example.com"
