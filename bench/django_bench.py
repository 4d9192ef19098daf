"""Django rows/s: pytest-forge beside model_bakery and factory_boy, same models, same SQLite, same run.

Run: ``python bench/django_bench.py [count]`` from the repository root (default 1000). Each tool makes
``count`` blog Entries with their parents (a new Author and User each, as model_bakery does), one by one
and (where the tool can) in bulk, inside a transaction rolled back afterwards. Prints rows/s and each
tool's ratio to model_bakery's. pytest-forge also runs ``full_clean`` on every row (unique checks query
the database); the others do not. No tags (many-to-many) are set, as model_bakery sets none by default.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django
from django.conf import settings

from tests.django_adapter.settings import settings as project_settings

settings.configure(**project_settings())
django.setup()

from django.core.management import call_command  # noqa: E402 - after django.setup()
from django.db import transaction  # noqa: E402

from tests.django_adapter.project.blog.models import Entry  # noqa: E402


class Rollback(Exception):
    pass


def timed(make) -> float:
    started = time.perf_counter()
    try:
        with transaction.atomic():
            made = make()
            assert Entry.objects.count() == len(made)
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - started


def forge_one_by_one(count: int):
    from pytest_forge import Forge

    return Forge(seed=1).create_batch(Entry, count, generate_fk=["author"], generate_m2m={"tags": 0})


def forge_bulk(count: int):
    from pytest_forge import Forge

    return Forge(seed=1).create_batch(Entry, count, bulk=True, generate_fk=["author"], generate_m2m={"tags": 0})


def bakery_one_by_one(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count)


def bakery_bulk(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count, _bulk_create=True)


def factory_boy_one_by_one(count: int):
    import factory
    from factory.django import DjangoModelFactory

    from tests.django_adapter.project.blog.models import Author

    class UserFactory(DjangoModelFactory):
        class Meta:
            model = "auth.User"

        username = factory.Sequence(lambda n: f"user{n}")

    class AuthorFactory(DjangoModelFactory):
        class Meta:
            model = Author

        user = factory.SubFactory(UserFactory)
        rating = 3

    class EntryFactory(DjangoModelFactory):
        class Meta:
            model = Entry

        title = factory.Faker("sentence")
        slug = factory.Faker("slug")
        author = factory.SubFactory(AuthorFactory)
        priority = 1
        kind = "essay"
        body = factory.Faker("paragraph")
        price = 1
        contact = factory.Faker("email")
        server = "192.0.2.1"
        duration = factory.Faker("time_delta")
        blob = b"x"
        code = "ABC-1234"
        score = 1.0
        day = factory.Faker("date_object")
        at = factory.Faker("time_object")
        big = small = 1
        flag = True

    return EntryFactory.create_batch(count)


RUNS = {
    "pytest-forge one by one": forge_one_by_one,
    "pytest-forge bulk": forge_bulk,
    "model_bakery one by one": bakery_one_by_one,
    "model_bakery bulk": bakery_bulk,
    "factory_boy one by one": factory_boy_one_by_one,
}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    call_command("migrate", verbosity=0, run_syncdb=True)
    rates = {}
    for name, make in RUNS.items():
        seconds = timed(lambda make=make: make(count))
        rates[name] = count / seconds
    base = rates["model_bakery one by one"]
    for name, rate in rates.items():
        print(f"{name:28} {rate:9.0f} rows/s   {rate / base:5.2f}x model_bakery one by one")


if __name__ == "__main__":
    main()
