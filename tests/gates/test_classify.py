"""Classification: whole name tokens and phrases, types, explicit markers, nested models."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, Field, SecretBytes, SecretStr, create_model

from pytest_forge import Dangerous, Forge, Safe, Sensitive
from pytest_forge.adapters import model_spec
from pytest_forge.gates import classify, field_verdict


def level_of_field(name: str, annotation: object = str) -> str:
    model = create_model("Probe", **{name: (annotation, ...)})
    return classify(model).fields[name]


@pytest.mark.parametrize(
    "name",
    [
        "shipping_address", "opinion", "dining_room", "planning_notes", "tokenizer", "pinned",
        "payload_size", "fuzzy_match", "shell_color", "attack_speed", "description", "spinner",
        "secretary", "zip_code", "passenger", "ship_date", "skip", "adobe_id",
    ],
)  # fmt: skip
def test_names_that_only_contain_a_rule_as_a_substring_stay_safe(name):
    assert level_of_field(name) == "safe"


@pytest.mark.parametrize(
    "name",
    [
        "ssn", "social_security_number", "passport_number", "tax_id", "national_id", "credit_card",
        "card_number", "cvv", "iban", "account_number", "salary", "annual_income", "password",
        "client_secret", "api_key", "access_token", "medical_history", "diagnosis", "pin",
    ],
)  # fmt: skip
def test_sensitive_names_and_phrases_are_sensitive(name):
    assert level_of_field(name) == "sensitive"


@pytest.mark.parametrize(
    "name",
    ["socialSecurityNumber", "apiKey", "creditCardNumber", "accessToken", "userPasswords"],
)
def test_camel_case_and_plural_names_are_split_into_the_same_tokens(name):
    assert level_of_field(name) == "sensitive"


@pytest.mark.parametrize("name", ["apikey", "secretkey", "cardnumber"])
def test_multi_word_rules_also_match_their_joined_spelling(name):
    assert level_of_field(name) == "sensitive"


@pytest.mark.parametrize(
    "name",
    [
        "sql_injection", "xss_probe", "attack_payload", "shellcode", "command_injection", "path_traversal",
        "fuzz_input", "exploit", "malformed_json", "sqlInjection", "attack_payloads",
    ],
)  # fmt: skip
def test_dangerous_names_and_phrases_are_dangerous(name):
    assert level_of_field(name) == "dangerous"


def test_a_bare_payload_is_the_data_an_api_carries_and_stays_safe():
    assert (level_of_field("payload"), level_of_field("attack_payload")) == ("safe", "dangerous")


@pytest.mark.parametrize("annotation", [SecretStr, SecretBytes, SecretStr | None, list[SecretStr]])
def test_secret_types_are_sensitive_whatever_the_name(annotation):
    assert level_of_field("value", annotation) == "sensitive"


@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince20")
def test_payment_card_numbers_are_sensitive_by_type():
    from pydantic.types import PaymentCardNumber

    assert level_of_field("value", PaymentCardNumber) == "sensitive"


def test_a_type_rule_gives_the_generator_category_of_the_type():
    from pytest_forge.spec import FieldSpec, TypeSpec

    field = FieldSpec(name="number", type=TypeSpec("payment_card"))
    assert (field_verdict(field).level, field_verdict(field).category) == ("sensitive", "card_number")


class Marked(BaseModel):
    note: Annotated[str, Sensitive]
    blob: Annotated[str, Dangerous]
    ssn: Annotated[str, Safe]
    salary: int = Field(json_schema_extra={"forge": "safe"})
    summary: str = Field(default="", json_schema_extra={"forge": "dangerous"})


@pytest.mark.parametrize(
    ("field", "level"),
    [
        ("note", "sensitive"),
        ("blob", "dangerous"),
        ("ssn", "safe"),
        ("salary", "safe"),
        ("summary", "dangerous"),
    ],
)
def test_explicit_markers_override_the_name_rules(field, level):
    assert classify(Marked).fields[field] == level


def test_an_alias_that_names_sensitive_data_makes_the_field_sensitive():
    class Aliased(BaseModel):
        value: str = Field(alias="socialSecurityNumber")

    assert classify(Aliased).fields["value"] == "sensitive"


class Profile(BaseModel):
    ssn: str
    nickname: str


class Card(BaseModel):
    number: str
    card_number: str


class Customer(BaseModel):
    name: str
    profile: Profile
    cards: list[Card]
    backup: Profile | None = None


def test_nested_fields_are_reported_under_dotted_paths():
    fields = classify(Customer).fields
    assert fields["profile.ssn"] == "sensitive"
    assert fields["profile.nickname"] == "safe"
    assert fields["cards.card_number"] == "sensitive"
    assert fields["backup.ssn"] == "sensitive"


def test_a_model_whose_only_sensitive_field_is_nested_is_sensitive():
    class Wrapper(BaseModel):
        title: str
        inner: Profile

    assert classify(Wrapper).level == "sensitive"


def test_the_model_level_is_the_highest_over_all_fields():
    class Mixed(BaseModel):
        name: str
        ssn: str
        probe: Annotated[str, Dangerous]

    assert classify(Mixed).level == "dangerous"


def test_a_model_without_rules_is_safe():
    class Plain(BaseModel):
        title: str
        shipping_address: str
        count: int

    result = classify(Plain)
    assert (result.level, set(result.fields.values())) == ("safe", {"safe"})


class Node(BaseModel):
    label: str
    password: str | None = None
    children: list[Node] = []


def test_recursive_models_stop_at_the_first_repeat():
    fields = classify(Node).fields
    assert fields == {"label": "safe", "password": "sensitive", "children": "safe"}


def test_fields_inside_a_field_marked_sensitive_are_at_least_sensitive():
    class Patient(BaseModel):
        record: Annotated[Profile, Sensitive]

    result = classify(Patient)
    assert result.fields["record.nickname"] == "sensitive"
    assert "record" in result.reasons["record.nickname"]


def test_a_sensitive_sounding_parent_name_does_not_make_its_leaves_sensitive():
    class Patient(BaseModel):
        medical_record: Profile

    result = classify(Patient)
    assert result.fields["medical_record.nickname"] == "safe"
    assert result.fields["medical_record.ssn"] == "sensitive"


def test_a_safe_marker_on_a_nested_model_covers_everything_inside_it():
    class Reviewed(BaseModel):
        profile: Annotated[Profile, Safe]

    result = classify(Reviewed)
    assert (result.level, list(result.fields)) == ("safe", ["profile"])


def test_level_of_a_path_below_a_field_reads_the_field():
    assert classify(Customer).level_of("cards.0.card_number") == "sensitive"


def test_reasons_say_which_rule_matched():
    reasons = classify(Marked).reasons
    assert reasons["note"] == "marked Sensitive"
    assert reasons["salary"] == 'json_schema_extra={"forge": "safe"}'
    assert level_of_field("api_key") == "sensitive"
    assert 'name phrase "api key"' in classify(create_model("K", api_key=(str, ...))).reasons["api_key"]


def test_classify_accepts_a_model_spec_as_well_as_a_class():
    assert classify(model_spec(Customer)).fields == classify(Customer).fields


def test_forge_classify_gives_the_same_result_as_the_pure_function():
    assert Forge(seed=1).classify(Customer).fields == classify(Customer).fields


def test_classifying_something_that_is_not_a_model_raises_type_error():
    with pytest.raises(TypeError):
        classify(int)
