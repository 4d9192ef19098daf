"""Django rows/s: pytest-forge beside model_bakery and factory_boy, same models, same SQLite, same run.

Run: ``python bench/django_bench.py [count] [rounds]`` from the repository root (default 1000 rows,
3 rounds). Each tool makes ``count`` blog Entries with their parents (a new Author and User each, as
model_bakery does), one by one and (where the tool can) in bulk, inside a transaction rolled back
afterwards (SQLite in memory, in this process). Time is this process's CPU time, and the tools take
turns, each keeping its best round: the machine is shared, and other processes' load would otherwise
decide the numbers. Every tool first makes a tenth of ``count`` uncounted (imports, model plans and
caches are paid once per test session, not per batch), and the heap is collected before each
timed call, so no tool pays for the garbage another left. Prints rows/s, and the ratio of one by
one to model_bakery one by one, bulk to model_bakery bulk.

pytest-forge also checks every row it saves (its parents' too) as ``full_clean`` does and fills
optional fields realistically; the others do neither. "model_bakery filled" rows are model_bakery
with ``_fill_optional=True`` (optional fields filled too: the rows' shape of pytest-forge's), for
comparison only; the ratios are to plain model_bakery. The last column is the share of the first
round's entries that pass ``full_clean`` with their author and user, read back from the database
(outside the timing). No many-to-many rows are made (the entries' tags, the users' groups and
permissions), as model_bakery makes none by default.
"""

from __future__ import annotations

import gc
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


def timed(make, check: bool = False) -> tuple[float, float | None]:
    """CPU seconds of ``make()`` (rolled back afterwards); with ``check``, also the share of the
    entries made that pass Django's ``full_clean`` with their author and user (read back from the
    database, outside the timing)."""
    valid = None
    gc.collect()  # each tool starts from the same heap: none pays for the garbage another left
    try:
        with transaction.atomic():
            started = time.process_time()
            made = make()
            seconds = time.process_time() - started
            assert Entry.objects.count() == len(made)
            if check:
                valid = sum(_passes(entry) for entry in made) / len(made)
            raise Rollback
    except Rollback:
        pass
    return seconds, valid


def _passes(entry) -> bool:
    from django.core.exceptions import ValidationError

    stored = Entry.objects.select_related("author__user").get(pk=entry.pk)
    try:
        for row in (stored, stored.author, stored.author.user):
            row.full_clean()
    except ValidationError:
        return False
    return True


#: the same rows as the other tools: a new author (and user) per entry, no many-to-many rows
FORGE_OPTIONS = {
    "generate_fk": ["author"],
    "generate_m2m": {"tags": 0},
    "author__user__groups": [],
    "author__user__user_permissions": [],
}


def forge_one_by_one(count: int):
    from pytest_forge import Forge

    return Forge(seed=1).create_batch(Entry, count, **FORGE_OPTIONS)


def forge_bulk(count: int):
    from pytest_forge import Forge

    return Forge(seed=1).create_batch(Entry, count, bulk=True, **FORGE_OPTIONS)


def bakery_one_by_one(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count)


def bakery_bulk(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count, _bulk_create=True)


def bakery_filled_one_by_one(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count, _fill_optional=True)


def bakery_filled_bulk(count: int):
    from model_bakery import baker

    return baker.make(Entry, _quantity=count, _bulk_create=True, _fill_optional=True)


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
    "model_bakery filled one by one": bakery_filled_one_by_one,
    "model_bakery filled bulk": bakery_filled_bulk,
    "factory_boy one by one": factory_boy_one_by_one,
}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    call_command("migrate", verbosity=0, run_syncdb=True)
    rates: dict[str, float] = {}
    valid: dict[str, float | None] = {}
    for make in RUNS.values():  # a warm-up call each, not counted: imports, plans, caches
        timed(lambda make=make: make(count // 10 or 1))
    for round_ in range(rounds):
        for name, make in RUNS.items():
            seconds, share = timed(lambda make=make: make(count), check=round_ == 0)
            rates[name] = max(rates.get(name, 0.0), count / seconds)
            if round_ == 0:
                valid[name] = share
    for name, rate in rates.items():
        peer = "model_bakery bulk" if name.endswith("bulk") else "model_bakery one by one"
        share = valid.get(name)
        print(
            f"{name:32} {rate:9.0f} rows/s   {rate / rates[peer]:5.2f}x {peer:24}"
            f"  full_clean-valid {share:6.1%}"
        )


if __name__ == "__main__":
    main()
