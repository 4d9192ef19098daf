"""The fast paths have Django's outcome: planned clean_fields, the compiled INSERT, the seeded salt."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import sql
from django.db.models.signals import post_save, pre_save

from pytest_forge import Forge
from pytest_forge.adapters.django_clean import fields_cleaner
from pytest_forge.adapters.django_insert import Inserter
from pytest_forge.adapters.django_plain import can_insert
from tests.django_adapter.project.blog.models import (
    Author,
    Badge,
    Comment,
    Document,
    Entry,
    Patient,
    Person,
    Schedule,
    Tag,
    Ticket,
)

pytestmark = pytest.mark.django_db


#: values of every kind a field may be given: right and wrong types, edges, empties, junk
class Text(str):
    pass


class Moment(datetime.datetime):
    pass


PROBES: list[Any] = [
    Text("essay"),
    Text("x" * 300),
    Moment(2024, 1, 2, tzinfo=datetime.UTC),
    None,
    "",
    "   ",
    "x",
    "ABC-1234",
    "abc-12345",
    "a" * 200,
    "nul\x00here",
    "essay",
    "draft",
    "192.0.2.1",
    "not an ip",
    " 192.0.2.1 ",
    "::1",
    "::ffff:192.0.2.1",
    "someone@example.com",
    "not-an-email",
    "jane smith",
    "https://example.com/a",
    "12",
    "1.5",
    "2024-01-02",
    "10:11",
    0,
    1,
    3,
    6,
    -1,
    10**12,
    True,
    False,
    1.5,
    float("nan"),
    decimal.Decimal("12.34"),
    decimal.Decimal("-1"),
    decimal.Decimal("123456.789"),
    decimal.Decimal("NaN"),
    decimal.Decimal("Infinity"),
    datetime.date(2024, 1, 2),
    datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.UTC),
    datetime.time(3, 4),
    datetime.timedelta(days=1),
    uuid.UUID(int=7),
    b"bytes",
    b"x" * 40,
    [],
    {},
    {"a": 1},
    [1, 2],
]

MODELS = [Entry, Author, get_user_model(), Comment, Ticket, Badge, Schedule, Patient, Person, Tag, Document]


def _outcome(instance: Any, clean: Any, exclude: list[str]) -> tuple[Any, dict[str, Any]]:
    """The refusal (Django's messages, or the exception its conversion raised) and the values left."""
    errors: Any = {}
    try:
        clean(instance, exclude)
    except ValidationError as exc:
        errors = exc.message_dict
    except Exception as exc:  # Django's own to_python crashes on some wrong types (TypeError)
        errors = type(exc).__name__
    values = {f.attname: instance.__dict__.get(f.attname) for f in instance._meta.concrete_fields}
    return errors, values


def _copy(model: Any, source: Any) -> Any:
    return model(**{f.attname: source.__dict__.get(f.attname) for f in model._meta.concrete_fields})


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_planned_clean_fields_refuses_and_converts_exactly_as_djangos(model):
    """Every field of every model, given every probe: the same errors (same messages) and the same
    values set back as Django's own clean_fields. A check the plan skipped would show here."""
    planned = fields_cleaner(model)

    def django(instance: Any, exclude: list[str]) -> None:
        instance.clean_fields(exclude=exclude)

    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for seed in (1, 2):
        base = Forge(seed=seed, allow_pii=True).build(model)
        assert _outcome(_copy(model, base), planned, relations) == _outcome(
            _copy(model, base), django, relations
        )
        for field in model._meta.concrete_fields:
            if field.is_relation:
                continue
            for probe in PROBES:
                ours, theirs = _copy(model, base), _copy(model, base)
                ours.__dict__[field.attname] = theirs.__dict__[field.attname] = probe
                mine, django_s = _outcome(ours, planned, relations), _outcome(theirs, django, relations)
                assert _same(mine, django_s), (model.__name__, field.name, probe)


def _same(a: Any, b: Any) -> bool:
    """Equal, NaN included (NaN != NaN, but the same value left in place is the same outcome)."""
    if a == b:
        return True
    return repr(a) == repr(b)


def test_the_compiled_insert_binds_what_djangos_compiler_binds():
    """For a plain model the per-row parameters are the ones Django's own compiler makes."""
    entry = Forge(seed=5).create(Entry, generate_m2m={"tags": 0})
    fields = [f for f in Entry._meta.local_concrete_fields if f is not Entry._meta.auto_field]
    query = sql.InsertQuery(Entry)
    query.insert_values(fields, [entry], raw=False)
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = Entry._meta.db_returning_fields
    ((_statement, params),) = compiler.as_sql()
    from pytest_forge.adapters.django_prepare import columns, row_values

    ours = row_values(entry, columns(Entry, fields), connection)
    assert ours is not None
    stamped = {
        i for i, f in enumerate(fields) if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    assert [_bound(v) for i, v in enumerate(ours) if i not in stamped] == [
        _bound(v) for i, v in enumerate(params[: len(fields)]) if i not in stamped
    ]


def _bound(value: Any) -> Any:
    """A bound parameter as comparable data (psycopg's Jsonb wrapper does not compare by value)."""
    if isinstance(value, memoryview | bytes):
        return bytes(value)
    return getattr(value, "obj", value)


@pytest.mark.parametrize("bulk", [False, True])
def test_compiled_inserts_save_rows_that_read_back_equal_and_full_clean_valid(bulk):
    entries = Forge(seed=6).create_batch(
        Entry, 12, bulk=bulk, generate_fk=["author"], generate_m2m={"tags": 0}
    )
    assert len({e.pk for e in entries}) == 12
    for entry in entries:
        stored = Entry.objects.select_related("author__user").get(pk=entry.pk)
        for field in Entry._meta.concrete_fields:
            if field.name not in ("created", "updated", "blob"):
                assert getattr(stored, field.attname) == getattr(entry, field.attname), field.name
        assert bytes(stored.blob) == bytes(entry.blob)
        stored.full_clean()
        stored.author.full_clean()
        stored.author.user.full_clean()
        assert not entry._state.adding
        assert entry._state.db == "default"


def test_a_save_receiver_makes_the_rows_go_through_save():
    seen: list[tuple[str, Any]] = []

    def before(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(("pre", instance.pk))

    def after(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        seen.append(("post", created))

    assert can_insert(Tag)
    pre_save.connect(before, sender=Tag)
    post_save.connect(after, sender=Tag)
    try:
        assert not can_insert(Tag)
        Forge(seed=7).create_batch(Tag, 3)
    finally:
        pre_save.disconnect(before, sender=Tag)
        post_save.disconnect(after, sender=Tag)
    assert seen.count(("post", True)) == 3
    assert sum(1 for kind, _ in seen if kind == "pre") == 3


def test_models_whose_save_does_more_are_not_compiled():
    from tests.django_adapter.project.blog.models import Restaurant

    assert not can_insert(Restaurant)  # a multi-table child: save() writes its parent row too
    assert can_insert(get_user_model())  # AbstractBaseUser.save: its password hook is run as written


def test_a_row_with_an_sql_expression_goes_through_save():
    from django.db.models import Value
    from django.db.models.functions import Upper

    inserter = Inserter()
    plain = Tag(name="lower")
    inserter.insert(plain)
    shouted = Tag(name=Upper(Value("shout")))
    inserter.insert(shouted)
    assert Tag.objects.get(pk=plain.pk).name == "lower"
    assert Tag.objects.get(pk=shouted.pk).name == "SHOUT"


def test_the_same_seed_gives_the_same_password_hash_and_it_checks():
    User = get_user_model()
    first = Forge(seed=8).build(User, password="s3cret")
    second = Forge(seed=8).build(User, password="s3cret")
    assert first.password == second.password
    assert first.check_password("s3cret")
    from django.contrib.auth.hashers import identify_hasher

    assert not identify_hasher(first.password).must_update(first.password)


def test_bulk_rows_with_their_own_keys_and_without_are_both_inserted():
    tickets = Forge(seed=9).create_batch(Ticket, 6, bulk=True)
    assert sorted(Ticket.objects.values_list("code", flat=True)) == sorted(t.code for t in tickets)
    for ticket in Ticket.objects.all():
        ticket.full_clean()


def test_a_bulk_row_with_an_sql_expression_goes_through_bulk_create():
    from django.db.models import Value
    from django.db.models.functions import Upper

    inserter = Inserter()
    plain = [Tag(name=f"plain{i}") for i in range(3)]
    assert inserter.insert_many(Tag, plain) is connection.features.can_return_rows_from_bulk_insert
    shouted = [Tag(name="a"), Tag(name=Upper(Value("b")))]
    assert inserter.insert_many(Tag, shouted) is False  # nothing done: the caller uses bulk_create
    assert not Tag.objects.filter(name__in=["a", "B"]).exists()
    if connection.features.can_return_rows_from_bulk_insert:
        assert {t.name for t in Tag.objects.filter(pk__in=[t.pk for t in plain])} == {
            "plain0",
            "plain1",
            "plain2",
        }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_constructing_by_position_gives_what_keywords_give(model):
    from pytest_forge.adapters.django_storage import _constructor

    built = Forge(seed=10, allow_pii=True).build(model)
    data = {f.name: getattr(built, f.name) for f in model._meta.concrete_fields if f.name != "id"}
    given = dict(data)
    ours, theirs = _constructor(model)(given), model(**data)
    assert given == data  # the caller's dict is left as it was

    def state(instance: Any) -> dict[str, Any]:
        kept = {k: v for k, v in instance.__dict__.items() if k != "_state"}
        return {k: repr(v) for k, v in kept.items()}

    assert state(ours) == state(theirs)
    for field in model._meta.concrete_fields:
        if field.is_relation and field.is_cached(theirs):
            assert field.get_cached_value(ours) is field.get_cached_value(theirs)


def test_remembering_validators_give_djangos_verdict_every_time():
    """URL, email and IP address validators remember the texts they accepted: asked again (and after
    a refusal in between) the verdict and message stay Django's."""
    planned = fields_cleaner(Author)
    texts = ["https://example.com/a", "not a url", "https://example.com/a", "ftp://x", "not a url"]
    texts += ["https://example.com/a ", Text("https://example.com/a"), "https://example.com/a"]
    for text in texts:
        ours, theirs = Author(rating=1, website=text), Author(rating=1, website=text)
        assert _outcome(ours, planned, ["user"]) == _outcome(
            theirs, lambda i, exclude: i.clean_fields(exclude=exclude), ["user"]
        ), text


#: values each inserted field kind may hold: exact types, subclasses, naive and aware, edge texts
BOUND_PROBES: list[Any] = [
    0,
    7,
    True,
    1.5,
    decimal.Decimal("12.30"),
    datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
    datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
    Moment(2024, 1, 2, tzinfo=datetime.UTC),
    datetime.date(2024, 1, 2),
    datetime.time(3, 4, 5),
    datetime.timedelta(days=1, microseconds=5),
    uuid.UUID(int=7),
    b"bytes",
    "192.0.2.1",
    "2001:0db8:0000::1",
    "::ffff:192.0.2.1",
    "text",
    Text("text"),
    None,
]


@pytest.mark.parametrize("model", [Entry, Author, get_user_model(), Comment, Ticket, Schedule, Patient])
def test_each_column_binds_what_get_db_prep_save_gives(model):
    """A column's chosen steps (a str as it is, an exact type prepared, else Django's full
    ``get_db_prep_save``) bind the same parameter as Django's, for every field and probe that
    Django itself can prepare."""
    import warnings

    from pytest_forge.adapters.django_prepare import columns, row_values

    fields = [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]
    for column in columns(model, fields):
        field = column.field
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue  # pre_save stamps the time: compared by the insert test above
        for probe in BOUND_PROBES:
            row = model()
            row.__dict__[field.attname] = probe
            with warnings.catch_warnings(record=True) as ours_warned:
                warnings.simplefilter("always")
                try:
                    ours = row_values(row, [column], connection)
                except Exception as exc:
                    ours = type(exc).__name__
            with warnings.catch_warnings(record=True) as theirs_warned:
                warnings.simplefilter("always")
                try:
                    theirs = (field.get_db_prep_save(field.pre_save(row, True), connection=connection),)
                except Exception as exc:
                    theirs = type(exc).__name__
            assert _same(ours, theirs), (model.__name__, field.name, probe)
            assert [str(w.message) for w in ours_warned] == [str(w.message) for w in theirs_warned]


def test_statements_are_logged_and_wrapped_where_django_would_log_or_wrap_them():
    """With a query log (CaptureQueriesContext, as django_assert_num_queries uses) or an execute
    wrapper, every INSERT of a call goes through Django's cursor and is seen; without them the
    rows are the same."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        tags = Forge(seed=11).create_batch(Tag, 3)
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 3
    seen: list[str] = []

    def wrapper(execute: Any, sql_text: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(sql_text)
        return execute(sql_text, params, many, context)

    with connection.execute_wrapper(wrapper):
        more = Forge(seed=12).create_batch(Tag, 2)
    assert sum(1 for text in seen if text.startswith("INSERT")) == 2
    plain = Forge(seed=11).create_batch(Person, 2)
    assert all(Tag.objects.filter(pk=t.pk).exists() for t in [*tags, *more])
    assert all(Person.objects.filter(pk=p.pk).exists() for p in plain)


def test_a_refused_insert_is_djangos_integrity_error():
    """On the driver's cursor too, a database refusal is Django's error class (as its cursor raises)."""
    from django.db import IntegrityError, transaction

    Tag.objects.create(name="taken")
    inserter = Inserter()
    try:
        with pytest.raises(IntegrityError), transaction.atomic():
            inserter.insert(Tag(name="taken"))
    finally:
        inserter.close()
