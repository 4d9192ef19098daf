"""The proven-equivalent validation (adapters/pydantic_proven.py): for every record it takes, the
instance is the one the model's own validation makes (law 1), and every model it cannot prove goes
back to the full validation, for a reason named by ``refusal``."""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path
from typing import Annotated, Any

import email_validator
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    PlainValidator,
    PrivateAttr,
    RootModel,
    ValidationError,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from pydantic import dataclasses as pydantic_dataclasses
from pydantic.networks import EmailStr as NetworksEmailStr

from pytest_forge import Forge
from pytest_forge.adapters import model_spec
from pytest_forge.adapters.pydantic_proven import is_normal_email, proven_validator, refusal
from pytest_forge.errors import ForgeError
from pytest_forge.generation.builder import draw_record, to_input
from pytest_forge.providers import text_pool
from tests.engine import models as engine_models
from tests.engine.test_model_fuzz import field_types
from tests.realism import models as realism_models

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from models import User as BenchUser


def _state(value: Any) -> Any:
    """Everything validation decides about a value, types included (instances all the way down)."""
    if isinstance(value, BaseModel):
        return (
            type(value),
            {k: _state(v) for k, v in value.__dict__.items()},
            value.__pydantic_fields_set__,
            _state(value.__pydantic_extra__),
            value.__pydantic_private__,
        )
    if isinstance(value, dict):
        return (dict, {k: _state(v) for k, v in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return (type(value), [_state(v) for v in value])
    return (type(value), value)


def _models_of(module: Any) -> list[type[BaseModel]]:
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == module.__name__
    ]


def _outcome(forge: Forge, model: type[BaseModel], count: int) -> Any:
    try:
        return [_state(item) for item in forge.create_batch(model, count=count)]
    except ForgeError as error:
        return f"{type(error).__name__}: {error}"


def _check_model(model: type[BaseModel], count: int, seed: int = 11, strict_round_trip: bool = True) -> bool:
    """The Forge with the proven path and one with ``full_validation=True`` make the same instances
    (or the same error); each record's input gives the same instance (or error) both ways; every
    instance survives re-validation of its dump with the same fields set. True: it had the path."""
    spec = model_spec(model)
    fast = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False)
    full = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False, full_validation=True)
    assert _outcome(fast, model, count) == _outcome(full, model, count), model.__name__
    if spec.proven is None:
        return False
    try:
        plan = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False).plan(model)
        inputs = [to_input(plan, draw_record(plan, {})) for _ in range(count)]
    except ForgeError:
        return True
    for data in inputs:
        assert _result(spec.proven, data) == _result(model.model_validate, data)
        if isinstance(_result(model.model_validate, data), list):  # refused alike (compared above)
            continue
        made, expected = spec.proven(data), model.model_validate(data)
        if strict_round_trip:
            again = model.model_validate(made.model_dump(by_alias=True))
            assert again == made
            assert again.model_fields_set == made.model_fields_set
        else:  # a config such as str_to_lower beside a pattern can refuse its own output: as pydantic does
            assert _revalidated(model, made) == _revalidated(model, expected)
    return True


def _result(validate: Any, data: dict[str, Any]) -> Any:
    """The instance's state, or the ValidationError's errors (a list)."""
    try:
        return _state(validate(data))
    except ValidationError as error:
        return error.errors(include_url=False)


def _revalidated(model: type[BaseModel], instance: BaseModel) -> Any:
    try:
        again = model.model_validate(instance.model_dump(by_alias=True))
    except ValidationError as error:
        return error.errors(include_url=False)
    return (_state(again), again.model_fields_set)


def test_the_benchmark_user_takes_the_proven_path_and_full_validation_turns_it_off() -> None:
    assert refusal(BenchUser) is None
    assert Forge(seed=1, allow_pii=True).plan(BenchUser).validate is model_spec(BenchUser).proven
    spec = model_spec(BenchUser)
    assert Forge(seed=1, allow_pii=True, full_validation=True).plan(BenchUser).validate is spec.validate
    assert _check_model(BenchUser, 300)


@pytest.mark.parametrize("module", [engine_models, realism_models], ids=["engine", "realism"])
def test_every_model_of_the_suites_gives_the_full_validations_instances(
    module: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_pool, "POOLS", text_pool.PoolRegistry())
    proven = [model.__name__ for model in _models_of(module) if _check_model(model, 40)]
    assert proven  # the suites' models with an EmailStr field and no code of their own take it
    assert (
        ("User" in proven) if module is engine_models else ({"Customer", "Account", "Mailing"} <= set(proven))
    )


def test_forge_emails_are_nearly_all_normal_so_the_path_pays_off() -> None:
    users = Forge(seed=5, allow_pii=True).create_batch(BenchUser, count=2000)
    normal = sum(is_normal_email(user.email) for user in users)
    assert normal >= 0.99 * len(users)


_LOWER = r"[a-z0-9][a-z0-9._+\-]{0,66}@[a-z0-9\-]{1,64}(\.[a-z0-9\-]{1,64}){0,3}"
_TLDS = r"\.(com|org|test|local|localhost|arpa|onion|invalid|xn--p1ai|[a-z]{1,64}|[0-9]{1,3})"
addresses = st.one_of(
    st.emails(),
    st.from_regex(_LOWER + _TLDS, fullmatch=True),
    st.from_regex(r"[A-Za-z0-9._+\-@<> \"]{0,80}", fullmatch=True),
    st.from_regex(r"[a-z0-9.]{1,70}@[a-zé0-9.\-]{1,300}", fullmatch=True),
)


@settings(max_examples=3000, deadline=None)
@given(addresses)
def test_a_normal_address_is_what_emailstr_returns(value: str) -> None:
    """The proof's claim, tried on addresses near and far from the normal shape."""
    if is_normal_email(value):
        assert NetworksEmailStr._validate(value) == value


def test_special_use_domains_are_read_at_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_normal_email("ann.lee@example.com")
    monkeypatch.setattr(
        email_validator, "SPECIAL_USE_DOMAIN_NAMES", [*email_validator.SPECIAL_USE_DOMAIN_NAMES, "com"]
    )
    assert not is_normal_email("ann.lee@example.com")
    validate = proven_validator(BenchUser)
    assert validate is not None
    data = BenchUser.model_validate(Forge(seed=1, allow_pii=True).create(BenchUser).model_dump()).model_dump()
    data["email"] = "ann.lee@example.com"
    with pytest.raises(ValidationError, match="special-use"):
        validate(data)


def test_a_patched_email_check_is_called_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import networks

    calls: list[str] = []
    real = networks.validate_email

    def counting(value: str) -> tuple[str, str]:
        calls.append(value)
        return real(value)

    validate = proven_validator(BenchUser)
    assert validate is not None
    data = Forge(seed=2, allow_pii=True).create(BenchUser).model_dump()
    validate(data)
    monkeypatch.setattr(networks, "validate_email", counting)
    validate(data)
    assert calls == [data["email"]]


@pytest.mark.parametrize(
    "options",
    [
        {"str_to_lower": True},
        {"str_strip_whitespace": True, "str_max_length": 40},
        {"extra": "allow"},
        {"extra": "forbid"},
        {"strict": True, "frozen": True},
        {"populate_by_name": True},
    ],
)
def test_config_is_pydantics_own_on_the_proven_path(options: dict[str, Any]) -> None:
    """Config is applied by pydantic-core inside the fields validator: tricky inputs come out alike."""
    model = create_model(
        "Configured", __config__=ConfigDict(**options), email=(EmailStr, ...), name=(str, Field(alias="Name"))
    )
    assert refusal(model) is None
    validate = proven_validator(model)
    assert validate is not None
    for data in (
        {"email": "ann@example.com", "Name": "Ann"},
        {"email": "  Ann@Example.COM ", "Name": "  Ann  ", "other": 1},
        {"email": "ann@example.com", "name": "Ann"},
        {"email": "ann@example", "Name": "Ann"},
        {"email": "ann@example.com", "Name": "x" * 50},
    ):
        assert _result(validate, data) == _result(model.model_validate, data)


# ---- refusals: each kind of model that must go back to full validation ----------------------------


def _checked(value: str) -> str:
    return value


def _beside_email(name: str, annotation: Any) -> type[BaseModel]:
    model: type[BaseModel] = create_model(name, email=(EmailStr, ...), n=(annotation, ...))
    return model


class AfterModel(BaseModel):
    email: EmailStr

    @model_validator(mode="after")
    def fine(self) -> AfterModel:
        return self


class BeforeModel(BaseModel):
    email: EmailStr

    @model_validator(mode="before")
    @classmethod
    def fine(cls, data: Any) -> Any:
        return data


class WrapModel(BaseModel):
    email: EmailStr

    @model_validator(mode="wrap")
    @classmethod
    def fine(cls, data: Any, handler: Any) -> Any:
        return handler(data)


class FieldValidated(BaseModel):
    email: EmailStr
    name: str

    @field_validator("name")
    @classmethod
    def fine(cls, value: str) -> str:
        return value


class PostInit(BaseModel):
    email: EmailStr

    def model_post_init(self, context: Any, /) -> None:
        pass


class Private(BaseModel):
    email: EmailStr
    _seen: int = PrivateAttr(0)


class OwnInit(BaseModel):
    email: EmailStr

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)


class OwnNew(BaseModel):
    email: EmailStr

    def __new__(cls, *args: Any, **kwargs: Any) -> OwnNew:
        return super().__new__(cls)


class OwnModelValidate(BaseModel):
    email: EmailStr

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> OwnModelValidate:  # type: ignore[override]
        return super().model_validate(obj, **kwargs)


class CustomType(str):
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(cls, core_schema.str_schema())


class WithCustomType(BaseModel):
    email: EmailStr
    code: CustomType


class Inner(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def fine(cls, value: str) -> str:
        return value


class NestedValidated(BaseModel):
    email: EmailStr
    inner: Inner


class InnerPostInit(BaseModel):
    name: str
    _seen: int = PrivateAttr(0)


class NestedPostInit(BaseModel):
    email: EmailStr
    inner: InnerPostInit


@pydantic_dataclasses.dataclass
class Point:
    x: int


class WithDataclass(BaseModel):
    email: EmailStr
    point: Point


@dataclasses.dataclass
class PlainPoint:
    x: int

    def __post_init__(self) -> None:
        pass


class WithPlainDataclass(BaseModel):
    email: EmailStr
    point: PlainPoint


class NoEmail(BaseModel):
    name: str


class Recursive(BaseModel):
    email: EmailStr
    children: list[Recursive] = []


class EmailRoot(RootModel[EmailStr]):
    pass


REFUSED = [
    (AfterModel, "core schema is a 'function-after'"),
    (BeforeModel, "before or wrap"),
    (WrapModel, "core schema is a 'function-wrap'"),
    (FieldValidated, "function-after FieldValidated.fine"),
    (_beside_email("A1", Annotated[int, AfterValidator(_checked)]), "function-after"),
    (_beside_email("B1", Annotated[str, BeforeValidator(_checked)]), "function-before"),
    (_beside_email("P1", Annotated[str, PlainValidator(_checked)]), "function-plain"),
    (_beside_email("W1", Annotated[str, WrapValidator(lambda v, h: h(v))]), "function-wrap"),
    (PostInit, "post_init"),
    (Private, "post_init"),
    (OwnInit, "custom __init__"),
    (OwnNew, "defines __new__"),
    (OwnModelValidate, "overrides model_validate"),
    (WithCustomType, "function-after CustomType"),
    (NestedValidated, "Inner.fine"),
    (NestedPostInit, "nested model InnerPostInit"),
    (WithDataclass, "dataclass"),
    (WithPlainDataclass, "dataclass"),
    (NoEmail, "no EmailStr field"),
    (Recursive, "'definitions' node"),
    (EmailRoot, "RootModel"),
]  # fmt: skip


@pytest.mark.parametrize(("model", "reason"), REFUSED, ids=[m.__name__ for m, _ in REFUSED])
def test_each_refusal_sends_the_model_to_full_validation(model: type[BaseModel], reason: str) -> None:
    why = refusal(model)
    assert why is not None
    assert reason in why, why
    assert proven_validator(model) is None
    spec = model_spec(model)
    assert spec.proven is None
    assert Forge(seed=3, allow_pii=True).plan(model).validate is spec.validate


def test_a_pydantic_plugins_validator_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Wrapped:  # what a pydantic plugin puts in place of pydantic-core's validator
        def __init__(self, inner: Any) -> None:
            self.inner = inner

    model = create_model("Plugged", email=(EmailStr, ...))
    monkeypatch.setattr(model, "__pydantic_validator__", Wrapped(model.__pydantic_validator__))
    assert "not pydantic-core's own" in (refusal(model) or "")


def test_a_rebuilt_model_is_validated_in_full() -> None:
    model = create_model("Rebuilt", email=(EmailStr, ...))
    validate = proven_validator(model)
    assert validate is not None
    model.model_rebuild(force=True)
    data = {"email": "Ann@Example.com"}  # not normal: either way pydantic's own result
    assert _state(validate(data)) == _state(model.model_validate(data))


# ---- Hypothesis-built models: the fuzzer's fields beside an EmailStr, under random configs --------

configs = st.fixed_dictionaries(
    {},
    optional={
        "str_to_lower": st.booleans(),
        "str_strip_whitespace": st.booleans(),
        "extra": st.sampled_from(["ignore", "allow", "forbid"]),
        "strict": st.booleans(),
        "frozen": st.booleans(),
        "str_max_length": st.integers(8, 80),
    },
)


@st.composite
def email_models(draw: st.DrawFn) -> type[BaseModel]:
    nested: tuple[type[BaseModel], ...] = ()
    if draw(st.booleans()):
        nested = (create_model("Part", email=(EmailStr, ...), label=(draw(field_types(())), ...)),)
    names = draw(
        st.lists(
            st.sampled_from(["name", "city", "count", "price", "tags", "x", "note"]), max_size=4, unique=True
        )
    )
    fields: dict[str, Any] = {name: (draw(field_types(nested)), ...) for name in names}
    fields[draw(st.sampled_from(["email", "contact", "login"]))] = (EmailStr, ...)
    model: type[BaseModel] = create_model("Fuzzed", __config__=ConfigDict(**draw(configs)), **fields)  # type: ignore[call-overload]
    return model


def test_random_models_give_the_full_validations_instances(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzzer's fields (validators, nesting, unions, constraints) beside an EmailStr under random
    configs; a good share of the models must take the proven path (else this proves little)."""
    took: list[bool] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(model=email_models(), seed=st.integers(0, 50))
    def check(model: type[BaseModel], seed: int) -> None:
        monkeypatch.setattr(text_pool, "POOLS", text_pool.PoolRegistry())
        took.append(_check_model(model, 5, seed, strict_round_trip=False))

    check()
    assert sum(took) >= len(took) // 4, (sum(took), len(took))


class TypedContact(BaseModel):
    type: str
    email: EmailStr


def test_a_field_named_type_is_a_field_not_a_schema_node() -> None:
    Contact = TypedContact
    made = Forge(seed=1).create_batch(Contact, count=5)
    assert made == Forge(seed=1, full_validation=True).create_batch(Contact, count=5)
