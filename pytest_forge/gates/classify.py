"""Classify a model's fields as safe, sensitive or dangerous: by explicit marker, type and name.

Per field, the first that applies decides:

1. an explicit marker: ``Annotated[..., Sensitive | Dangerous | Safe]`` or
   ``Field(json_schema_extra={"forge": "safe" | "sensitive" | "dangerous"})``;
2. otherwise the higher of the type rule (``SecretStr``, ``SecretBytes``,
   ``PaymentCardNumber`` anywhere in the type) and the name rules (``rules.py``), where a
   name rule counts only when the field's type can hold what it names: a bool, a datetime,
   an enum, a Literal, a URL or a nested model holds no secret, card number or payload
   (``xss_protection: bool``, ``api_key_last_used_at: datetime``), and a name whose last
   token says it is about the data (``api_key_id``, ``secret_type``) is not the data.
   Health, income and other special categories stay sensitive in any scalar type
   (``has_diabetes: bool``, ``salary: float``);
3. otherwise safe, with personal data (birth dates, IP addresses) noted as such: it gets
   fake-by-construction values but is never gated.

Nested models, list items and dict values are classified too, under dotted paths
(``profile.ssn``, ``cards.number``). Each leaf is classified by its own name and type: a list
called ``secrets`` holds secret metadata, and its ``name`` is no secret. Only an explicit
marker on a model-valued field covers what is inside it (``Sensitive`` raises every field
below to at least sensitive, ``Safe`` makes the whole subtree safe). Recursive models stop
at a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import Dangerous, Safe, Sensitive
from pytest_forge.gates.levels import DANGEROUS, SAFE, SENSITIVE, Level, highest, rank
from pytest_forge.gates.rules import NameMatch, NameRules, default_rules
from pytest_forge.generation.budget import MAX_MODELS
from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["Classification", "FieldVerdict", "classify", "field_verdict"]

_MARKERS: tuple[tuple[Any, Level], ...] = ((Dangerous, DANGEROUS), (Sensitive, SENSITIVE), (Safe, SAFE))
_SENSITIVE_TYPES = {
    "secret_str": "SecretStr",
    "secret_bytes": "SecretBytes",
    "payment_card": "PaymentCardNumber",
}
_TYPE_CATEGORY = {"secret_str": "secret_token", "secret_bytes": "secret_token", "payment_card": "card_number"}
_KIND_CATEGORY = {"email": "email", "name_email": "email", "url": "url", "ip_address": "ip_address"}
#: kinds that can hold a credential or a hostile payload: text and what may be text
_TEXT_KINDS = frozenset({"str", "bytes", "secret_str", "secret_bytes", "payment_card", "any"})
#: identity and account numbers may also be stored as ints
_NUMBER_CATEGORIES = frozenset(
    {"ssn", "nino", "document_number", "card_number", "card_security", "iban", "bank_account", "pin"}
)
#: health, income and special categories: sensitive in any scalar type
_CONTENT_CATEGORIES = frozenset({"money", "credit_score", "medical", "special_category"})
_CONTAINER_KINDS = frozenset({"optional", "union", "list", "set", "frozenset", "deque", "tuple", "json"})


@dataclass(frozen=True, slots=True)
class FieldVerdict:
    """One field's level, why, the generator category for its values, and whether it was marked."""

    level: Level
    reason: str
    category: str | None = None
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class Classification:
    """A model's fields by dotted path, each with its level; the model's level is the highest."""

    model: Any
    name: str
    verdicts: Mapping[str, FieldVerdict]

    @property
    def level(self) -> Level:
        """The highest level of any field, nested ones included."""
        return highest(v.level for v in self.verdicts.values())

    @property
    def fields(self) -> dict[str, Level]:
        """``{"profile.ssn": "sensitive", ...}`` for every field, safe ones included."""
        return {path: verdict.level for path, verdict in self.verdicts.items()}

    @property
    def reasons(self) -> dict[str, str]:
        """Why each field has its level (``name token "ssn"``, ``type SecretStr`` ...)."""
        return {path: verdict.reason for path, verdict in self.verdicts.items()}

    def at(self, level: str) -> dict[str, str]:
        """``{path: reason}`` of the fields at exactly ``level``."""
        rank(level)
        return {path: v.reason for path, v in self.verdicts.items() if v.level == level}

    def level_of(self, path: str) -> Level:
        """The level of ``path`` or of the nearest field above it (list indexes are skipped:
        ``cards.0.number`` reads as ``cards.number``, ``notes.0`` as ``notes``)."""
        parts = [part for part in path.split(".") if not part.isdigit()]
        for end in range(len(parts), 0, -1):
            verdict = self.verdicts.get(".".join(parts[:end]))
            if verdict is not None:
                return verdict.level
        raise KeyError(f"{self.name} has no field {path!r}")


def classify(model_or_spec: Any, rules: NameRules | None = None) -> Classification:
    """Classify a model class (or a ``ModelSpec``) and every model nested in it."""
    from pytest_forge.adapters import model_spec

    spec = model_or_spec if isinstance(model_or_spec, ModelSpec) else model_spec(model_or_spec)
    budget = [2 * MAX_MODELS]
    walked: set[Any] = {spec.model}
    verdicts = dict(_walk(spec, "", None, (spec.model,), rules or default_rules(), {}, budget, walked))
    return Classification(spec.model, spec.name, verdicts)


def field_verdict(field: FieldSpec, rules: NameRules | None = None) -> FieldVerdict:
    """One field on its own (no parents): marker, else the higher of type and name rules."""
    rules = rules or default_rules()
    matches = _name_matches(field, rules)
    explicit = _explicit(field)
    if explicit is not None:
        level, reason = explicit
        return FieldVerdict(level, reason, _category(level, field, matches, rules), explicit=True)
    candidates: list[tuple[int, str, Level]] = []
    set_aside: list[str] = []
    for match in matches.values():
        why_not = _why_not(match, field.type, rules)
        if why_not is None:
            candidates.append((rank(match.level), match.reason, match.level))
        else:
            set_aside.append(f"{match.reason} set aside: {why_not}")
    typed = _sensitive_type(field.type)
    if typed is not None:
        candidates.append((rank(SENSITIVE), f"type {_SENSITIVE_TYPES[typed]}", SENSITIVE))
    if not candidates:
        return _safe_verdict(field, rules, set_aside)
    _, reason, level = max(candidates, key=lambda c: c[0])
    kept = {m.level: m for m in matches.values() if m.level == level}
    return FieldVerdict(level, reason, _category(level, field, kept, rules))


def _safe_verdict(field: FieldSpec, rules: NameRules, set_aside: list[str]) -> FieldVerdict:
    """Safe; personal data keeps its category so it still gets fake-by-construction values."""
    personal = rules.personal(field.name)
    if personal is not None and rules.set_aside(personal) is None:
        reason = f"personal data ({personal.reason}): fake by construction, not gated"
        return FieldVerdict(SAFE, reason, personal.category)
    return FieldVerdict(SAFE, "; ".join(set_aside) or "no rule matched")


def _why_not(match: NameMatch, spec: TypeSpec, rules: NameRules) -> str | None:
    """Why a name match does not make the field sensitive or dangerous (None: it does)."""
    aside = rules.set_aside(match)
    if aside is not None:
        return aside
    if match.level == SENSITIVE and match.category in _CONTENT_CATEGORIES:
        kinds: frozenset[str] | None = None
    elif match.level == SENSITIVE and match.category in _NUMBER_CATEGORIES:
        kinds = _TEXT_KINDS | {"int"}
    else:
        kinds = _TEXT_KINDS
    if _can_hold(spec, kinds):
        return None
    return f"a {spec.inner().label or spec.inner().kind} cannot hold one"


def _can_hold(spec: TypeSpec, kinds: frozenset[str] | None) -> bool:
    """Whether a value of ``spec`` can be one of ``kinds`` (None: any scalar); models are containers.

    An unsupported type's values come from the user (an override or a provider), never from us.
    """
    if spec.kind in ("model", "none", "unsupported"):
        return False
    if spec.kind == "dict":
        return not spec.args or _can_hold(spec.args[-1], kinds)
    if spec.kind in _CONTAINER_KINDS:
        return not spec.args or any(_can_hold(arg, kinds) for arg in spec.args)
    return kinds is None or spec.kind in kinds


def _walk(
    spec: ModelSpec,
    prefix: str,
    parent: tuple[str, FieldVerdict] | None,
    seen: tuple[Any, ...],
    rules: NameRules,
    own: dict[int, FieldVerdict],
    budget: list[int],
    walked: set[Any],
) -> Iterator[tuple[str, FieldVerdict]]:
    for field in spec.fields:
        path = prefix + field.name
        found = own.get(id(field))  # a field reached by many paths is judged once (specs are shared)
        if found is None:
            found = own[id(field)] = field_verdict(field, rules)
        verdict = _inherit(found, parent)
        yield path, verdict
        if verdict.explicit and verdict.level == SAFE:
            continue  # a Safe marker covers the whole subtree
        carried = (path, verdict) if verdict.explicit and verdict.level != SAFE else None
        for nested in _models_in(field.type):
            if nested in seen or (budget[0] <= 0 and (field.has_default or nested in walked)):
                # past its size budget the engine leaves optional models out (generation/budget.py); a
                # required model already walked on another path is not walked again (recursive unions
                # of required models have factorially many paths: qdrant's expressions never ended)
                continue
            budget[0] -= 1
            walked.add(nested)
            below = (*seen, nested)
            yield from _walk(_spec_of(nested), path + ".", carried, below, rules, own, budget, walked)


def _inherit(own: FieldVerdict, parent: tuple[str, FieldVerdict] | None) -> FieldVerdict:
    if parent is None or own.explicit or rank(own.level) >= rank(parent[1].level):
        return own
    path, verdict = parent
    category = own.category if verdict.level == SENSITIVE else "any"
    return FieldVerdict(verdict.level, f'inside "{path}" ({verdict.reason})', category, explicit=True)


def _spec_of(model: Any) -> ModelSpec:
    from pytest_forge.adapters import model_spec

    return model_spec(model)


def _explicit(field: FieldSpec) -> tuple[Level, str] | None:
    for marker, level in _MARKERS:
        if any(tag == marker for tag in field.tags):
            return level, f"marked {marker!r}"
    if field.level is not None:
        return highest([field.level]), f'json_schema_extra={{"forge": "{field.level}"}}'
    return None


def _name_matches(field: FieldSpec, rules: NameRules) -> dict[Level, NameMatch]:
    """Matches of the field's name, and of its alias when it has another."""
    found = dict(rules.match(field.name))
    alias = field.input_path[0] if field.input_path else None
    if isinstance(alias, str) and alias != field.name:
        for level, match in rules.match(alias).items():
            found.setdefault(level, match)
    return found


def _category(level: Level, field: FieldSpec, matches: Mapping[Level, Any], rules: NameRules) -> str | None:
    """Which generator suits the field's values at ``level`` (None: keep the generic one)."""
    if level == SAFE:
        return None
    match = matches.get(level)
    if match is not None:
        return str(match.category)
    if level == DANGEROUS:
        return "any"
    typed = _sensitive_type(field.type)
    if typed is not None:
        return _TYPE_CATEGORY[typed]
    kind = field.type.inner().kind
    return _KIND_CATEGORY.get(kind) or rules.contact_hint(field.name)


def _children(spec: TypeSpec) -> tuple[TypeSpec, ...]:
    return () if spec.kind == "model" else spec.args


def _sensitive_type(spec: TypeSpec) -> str | None:
    """The first SecretStr / SecretBytes / PaymentCardNumber kind inside ``spec`` (not inside models)."""
    if spec.kind in _SENSITIVE_TYPES:
        return spec.kind
    for child in _children(spec):
        found = _sensitive_type(child)
        if found is not None:
            return found
    return None


def _models_in(spec: TypeSpec) -> Iterator[Any]:
    """Model classes a value of ``spec`` can hold: directly, in optionals, unions and collections."""
    if spec.kind == "model":
        yield spec.model
        return
    for child in spec.args:
        yield from _models_in(child)
