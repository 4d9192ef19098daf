from __future__ import annotations

import dataclasses
import datetime
import random

import pytest

from pytest_forge.providers.catalog import Provider, ProviderContext, find_provider, numeric_hint
from pytest_forge.spec import TypeSpec

STR = TypeSpec("str")


def source_of(field: str, model: str = "") -> str | None:
    provider = find_provider(field, STR, model_name=model)
    return None if provider is None else provider.source


@pytest.mark.parametrize(
    ("field", "source"),
    [
        ("name", "person.full_name"),
        ("full_name", "person.full_name"),
        ("customer_name", "person.full_name"),
        ("author_name", "person.full_name"),
        ("display_name", "person.full_name"),
        ("first_name", "person.first_name"),
        ("givenName", "person.first_name"),
        ("fname", "person.first_name"),
        ("lastName", "person.last_name"),
        ("surname", "person.last_name"),
        ("family_name", "person.last_name"),
        ("product_name", "commerce.product_name"),
        ("company_name", "company.name"),
        ("company", "company.name"),
        ("employer", "company.name"),
        ("organization", "company.name"),
        ("file_name", "file.name"),
        ("filename", "file.name"),
        ("city", "address.city"),
        ("city_name", "address.city"),
        ("town", "address.city"),
        ("city_of_birth", "address.city"),
        ("street", "address.street"),
        ("address", "address.street"),
        ("shipping_address", "address.street"),
        ("billingAddress", "address.street"),
        ("address_line1", "address.street"),
        ("address_line2", "address.secondary"),
        ("shippingAddress2", "address.secondary"),
        ("state", "address.state"),
        ("province", "address.state"),
        ("region", "address.state"),
        ("country", "address.country"),
        ("country_code", "address.country_code"),
        ("zip", "address.postcode"),
        ("zipcode", "address.postcode"),
        ("ZIPCode", "address.postcode"),
        ("postcode", "address.postcode"),
        ("postal_code", "address.postcode"),
        ("phone", "phone.number"),
        ("phone_number", "phone.number"),
        ("mobile", "phone.number"),
        ("telephone", "phone.number"),
        ("phone_home", "phone.number"),
        ("email", "internet.email"),
        ("email_address", "internet.email"),
        ("e_mail", "internet.email"),
        ("contactEmail", "internet.email"),
        ("username", "person.username"),
        ("user_name", "person.username"),
        ("login", "person.username"),
        ("handle", "person.username"),
        ("url", "internet.url"),
        ("website", "internet.website"),
        ("homepage", "internet.website"),
        ("link", "internet.url"),
        ("avatar_url", "internet.image_url"),
        ("domain", "internet.domain"),
        ("hostname", "internet.domain"),
        ("ip_address", "internet.ip"),
        ("job", "person.job"),
        ("job_title", "person.job"),
        ("occupation", "person.job"),
        ("position", "person.job"),
        ("color", "misc.color"),
        ("colour", "misc.color"),
        ("hex_color", "misc.hex_color"),
        ("currency", "commerce.currency"),
        ("currency_code", "commerce.currency"),
        ("language", "misc.language"),
        ("timezone", "misc.timezone"),
        ("time_zone", "misc.timezone"),
        ("slug", "internet.slug"),
        ("sku", "commerce.sku"),
        ("code", "commerce.code"),
        ("promo_code", "commerce.promo_code"),
        ("order_number", "commerce.order_number"),
        ("title", "misc.title"),
        ("word", "misc.word"),
        ("tag", "misc.word"),
        ("tags", "misc.word"),
        ("category", "commerce.category"),
        ("department", "commerce.department"),
        ("bio", "text.bio"),
        ("description", "text.description"),
        ("summary", "text.summary"),
        ("review", "text.review"),
        ("review_text", "text.review"),
        ("comment", "text.comment"),
        ("message", "text.message"),
        ("email_body", "text.message"),
        ("notes", "text.note"),
        ("note", "text.note"),
        ("body", "text.post"),
        ("content", "text.post"),
        ("text", "text.post"),
        ("about", "text.bio"),
        ("feedback", "text.feedback"),
        ("details", "text.description"),
        ("remarks", "text.note"),
        ("reason", "text.reason"),
        ("explanation", "text.reason"),
    ],
)
def test_field_names_pick_the_realistic_provider(field, source):
    assert source_of(field) == source


@pytest.mark.parametrize(
    "field",
    [
        "capacity", "usage", "ssn", "iban", "card_number", "credit_card", "password",
        "password_hash", "secret", "api_key", "access_token", "token", "cvv", "passport_number",
        "mac_address", "ipv6_address", "uuid", "id", "kind", "type", "namespace", "citizen",
        "addressee_id", "phone_type", "email_template", "statement", "cityscape",
    ],
)  # fmt: skip
def test_names_that_only_contain_a_known_word_get_no_provider(field):
    assert source_of(field) is None


@pytest.mark.parametrize(
    ("field", "model", "source"),
    [
        ("name", "Product", "commerce.product_name"),
        ("name", "Company", "company.name"),
        ("name", "City", "address.city"),
        ("name", "User", "person.full_name"),
        ("name", "Customer", "person.full_name"),
        ("name", "Document", "file.name"),
        ("display_name", "Product", "commerce.product_name"),
        ("owner_name", "Product", "person.full_name"),
        ("title", "BlogPost", "misc.title"),
        ("title", "Book", "misc.title"),
        ("title", "Employee", "person.job"),
        ("description", "Product", "text.product"),
        ("description", "Task", "text.description"),
        ("text", "Review", "text.review"),
        ("body", "EmailMessage", "text.message"),
        ("code", "Coupon", "commerce.promo_code"),
    ],
)
def test_the_model_name_settles_a_bare_field_name(field, model, source):
    assert source_of(field, model) == source


def test_only_string_specs_are_matched():
    assert find_provider("name", TypeSpec("int")) is None
    assert find_provider("city", TypeSpec("list", args=(STR,))) is None


def test_optional_strings_are_matched_by_their_inner_spec():
    provider = find_provider("city", TypeSpec("optional", args=(STR,)))
    assert provider is not None
    assert provider.source == "address.city"


def test_email_specs_get_reserved_emails_whatever_the_name():
    provider = find_provider("contact", TypeSpec("email"))
    assert provider is not None
    assert provider.source == "internet.email"


def test_free_text_is_semantic_and_everything_else_standard():
    assert find_provider("bio", STR).tier == "semantic"
    assert find_provider("city", STR).tier == "standard"


def test_a_pattern_leaves_the_value_to_the_pattern_generator():
    provider = find_provider("city", STR)
    assert provider.make(TypeSpec("str", pattern=r"^[A-Z]{3}$"), ProviderContext()) is None


def test_impossible_bounds_give_no_generator():
    provider = find_provider("city", STR)
    assert provider.make(TypeSpec("str", min_length=10, max_length=5), ProviderContext()) is None


def test_make_returns_a_generator_drawing_from_the_given_rng():
    provider = find_provider("full_name", STR)
    draw = provider.make(STR, ProviderContext())
    assert draw is not None
    value = draw(random.Random(3))
    assert isinstance(value, str)
    assert " " in value


def test_provider_and_context_are_frozen_with_the_documented_defaults():
    ctx = ProviderContext()
    assert ctx.locale == "en_US"
    assert ctx.reference_date == datetime.date(2025, 1, 1)
    provider = find_provider("city", STR)
    assert isinstance(provider, Provider)
    with pytest.raises(dataclasses.FrozenInstanceError):
        provider.tier = "semantic"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "bounds"),
    [
        ("age", (18, 90)),
        ("birth_year", (1950, 2030)),
        ("year", (1950, 2030)),
        ("price", (1, 1000)),
        ("unit_price", (1, 1000)),
        ("price_usd", (1, 1000)),
        ("amount", (1, 1000)),
        ("total", (1, 1000)),
        ("cost", (1, 1000)),
        ("quantity", (1, 20)),
        ("qty", (1, 20)),
        ("item_count", (1, 20)),
        ("rating", (1, 5)),
        ("stars", (1, 5)),
        ("percent", (0, 100)),
        ("percentage", (0, 100)),
        ("latitude", (-90, 90)),
        ("lat", (-90, 90)),
        ("longitude", (-180, 180)),
        ("lng", (-180, 180)),
        ("lon", (-180, 180)),
        ("score", (0, 100)),
    ],
)
def test_numeric_hints_give_realistic_ranges(field, bounds):
    assert numeric_hint(field) == (float(bounds[0]), float(bounds[1]))


@pytest.mark.parametrize("field", ["usage", "page_id", "stage", "x", "language", ""])
def test_numeric_hints_match_whole_tokens_only(field):
    assert numeric_hint(field) is None


def test_weight_and_height_have_hints():
    for field in ("weight", "height"):
        low, high = numeric_hint(field)
        assert 0 < low < high
