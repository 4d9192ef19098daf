"""A company record describes one company: name, domain, website, email, industry, catch phrase,
country and VAT/tax numbers agree.

``Harbor Logistics`` lives at ``harborlogistics.example.com`` (a subdomain of a reserved name, RFC
2606), writes from ``info@harborlogistics.example.com``, is in Logistics, says "Your partner in
logistics", and its ``vat_number`` is one python-stdnum accepts for the record's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.distinct import Distinct
from pytest_forge.providers.fixed import call_for
from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.persona import ascii_spelling
from pytest_forge.providers.shaping import Shape, pick
from pytest_forge.providers.tax_numbers import COUNTRIES, LOCALE_COUNTRY, tax_number
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["Company", "company_members"]

_COMPANY_MODELS = frozenset(
    [
        "company",
        "companies",
        "organization",
        "organisation",
        "org",
        "business",
        "vendor",
        "supplier",
        "employer",
        "firm",
        "merchant",
        "tenant",
        "partner",
        "brand",
        "manufacturer",
        "publisher",
        "agency",
        "client",
        "account",
        "store",
        "shop",
    ]
)
_OWNER_WORDS = frozenset(
    {"company", "organization", "organisation", "business", "vendor", "supplier", "employer"}
)
_PHRASE_WORDS = frozenset({"slogan", "tagline", "motto"})
_TAX_WORDS = frozenset({"id", "number", "no", "num", "code", "nr", "registration"})
_LEGAL = re.compile(
    r"\b(inc|llc|ltd|plc|gmbh|mbh|ag|kg|kgaa|ohg|ug|se|sa|sas|sarl|srl|spa|snc|bv|nv|vof|sl|ltda|me|eireli|sp|"
    r"zoo|co|corp|group|& ?sons)\b\.?",
    re.I,
)
_MAILBOXES = ("info", "info", "contact", "hello", "sales", "office")
_SOURCES = {
    "company.name": "name",
    "internet.domain": "domain",
    "internet.website": "website",
    "internet.email": "email",
    "vocab.industry": "industry",
    "address.country": "country",
    "address.country_code": "country",
}


@dataclass(frozen=True, slots=True)
class Company:
    """One company: what each of its fields reads from."""

    name: str
    domain: str
    industry: str | None
    country: str  # ISO alpha-2 the VAT and tax numbers belong to
    country_value: Any  # what the record's country field says (its own format)
    mailbox: str
    phrase_roll: float


@lru_cache(maxsize=1)
def _industry_words() -> dict[str, str]:
    return dict(load_data("vocab")["company_industries"])


def _phrases(locale: str) -> tuple[str, ...]:
    phrases = load_data("vocab")["catch_phrases"]
    return tuple(phrases.get(locale[:2], phrases["en"]))


def _role(fspec: FieldSpec, source: str | None, company_model: bool) -> str | None:
    tokens = split_name(fspec.name)
    if Shape.of(fspec.type) is None:
        return None
    owner = [t for t in tokens if t in _OWNER_WORDS]
    if "vat" in tokens or ("tax" in tokens and _TAX_WORDS & set(tokens)) or tokens in (("tin",), ("ein",)):
        return "vat" if "vat" in tokens else "tax"
    if ("catch" in tokens and "phrase" in tokens) or _PHRASE_WORDS & set(tokens):
        return "phrase"
    role = _SOURCES.get(source or "")
    if role is None:
        return None
    if role in ("email", "domain", "website"):
        plain = tokens in (("email",), ("domain",), ("website",), ("url",), ("homepage",))
        return role if owner or (company_model and plain) else None
    if role == "country":
        return role if len(tokens) <= 2 and (company_model or owner or len(tokens) == 1) else None
    return role


def company_members(
    spec: ModelSpec, sources: dict[str, str | None], locale: str, has_person: bool
) -> dict[str, Member]:
    """The company fields of a model, bound to one shared company (empty when it names none)."""
    company_model = bool(_COMPANY_MODELS & set(split_name(spec.name)))
    roles = {}
    for fspec in spec.fields:
        role = _role(fspec, sources.get(fspec.name), company_model)
        if role == "email" and has_person and not _OWNER_WORDS & set(split_name(fspec.name)):
            continue  # a person's record: the email is theirs
        if role is not None:
            roles[fspec.name] = role
    if not ({"name", "vat", "tax"} & set(roles.values())):
        return {}
    order = [f for f in spec.fields if f.name in roles]
    draft = Draft(_maker(spec, order, roles, locale))
    return {
        fspec.name: Member(
            draft,
            index,
            None if roles[fspec.name] in ("vat", "tax", "phrase", "country") else sources.get(fspec.name),
            _renderer(roles[fspec.name], fspec, locale, unique=roles[fspec.name] == "email", model=spec.name),
            gated=roles[fspec.name] in ("vat", "tax"),
        )
        for index, fspec in enumerate(order)
    }


def _maker(
    spec: ModelSpec, order: list[FieldSpec], roles: dict[str, str], locale: str
) -> Callable[[Draft, random.Random], Company]:
    from pytest_forge.providers.business import company_draw

    index = {roles[f.name]: i for i, f in enumerate(order)}
    positions = [i for i, f in enumerate(spec.fields) if f.name in roles]
    names = {role: f.name for f in order if (role := roles[f.name])}
    fallback_name = company_draw(locale)
    home = LOCALE_COUNTRY.get(locale, "US")
    model = spec.model

    def own(draft: Draft, role: str, rng: random.Random) -> Any:
        gen = draft.originals.get(index[role]) if role in index else None
        return None if gen is None else gen(rng)

    def make(draft: Draft, rng: random.Random) -> Company:
        call = call_for(model)
        fixed = {} if call is None else call.before(positions[draft.maker])
        name = own(draft, "name", rng)
        name = fixed.get(names.get("name", ""), name)
        if not isinstance(name, str) or not name:
            name = fallback_name(rng)
        industry = own(draft, "industry", rng)
        industry = _industry_of(name) or industry
        country_value = own(draft, "country", rng)
        country, country_value = _country(country_value, home, locale, rng)
        mailbox, roll = pick(rng, _MAILBOXES), rng.random()
        company = Company(name, _domain(name, rng), industry, country, country_value, mailbox, roll)
        if call is not None:
            call.note("company", _describe, company)
        return company

    return make


def _describe(company: Company) -> dict[str, Any]:
    facts = {"company": company.name, "country": company.country}
    return facts if company.industry is None else {**facts, "industry": company.industry}


def _industry_of(name: str) -> str | None:
    """The industry a name's own words say (``Harbor Logistics`` is in Logistics)."""
    words = _industry_words()
    return next((words[w] for w in name.replace("&", " ").split() if w in words), None)


def _domain(name: str, rng: random.Random) -> str:
    """``harborlogistics.example.com`` from ``Harbor Logistics Inc``: a subdomain of a reserved name."""
    brand = ascii_spelling(_LEGAL.sub(" ", name))[:24]
    if len(brand) < 3:  # a name in a script NFKD cannot spell (株式会社山田): a made-up brand
        from pytest_forge.providers.internet import _brand

        brand = _brand(rng)
    return f"{brand}.example.{pick(rng, ('com', 'com', 'net', 'org'))}"


def _country(value: Any, home: str, locale: str, rng: random.Random) -> tuple[str, Any]:
    """(alpha-2 of the numbers, the country field's value): codes are drawn among the countries we
    have number formats for (the locale's own weighted up); a name field names the locale's country."""
    import pycountry

    if not isinstance(value, str) or not value:
        return home, value
    if value.isupper() and len(value) in (2, 3):
        code = home if rng.random() < 0.6 else pick(rng, tuple(COUNTRIES))
        return code, code if len(value) == 2 else pycountry.countries.lookup(code).alpha_3
    return home, local_country_name(home, locale)


@lru_cache(maxsize=256)
def local_country_name(code: str, locale: str) -> str:
    """The country's name in the locale's language (pycountry's iso-codes translations; English else)."""
    import gettext

    import pycountry

    english: str = pycountry.countries.lookup(code).name
    for language in (locale, locale.split("_")[0]):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        return translation.gettext(english)
    return english


def _renderer(role: str, fspec: FieldSpec, locale: str, *, unique: bool, model: str) -> Render:
    shape = Shape.of(fspec.type)
    assert shape is not None
    value_of = _VALUES[role]
    distinct = Distinct(shape, ".", key=(model, fspec.name)) if unique else None

    def render(company: Company, original: Gen, rng: random.Random, again: bool) -> Any:
        if again:
            return original(rng)
        value = value_of(company, locale, rng)
        if value is None:
            return original(rng)
        if not isinstance(value, str):
            return value
        value = shape.apply(value)
        if not shape.fits(value):
            return original(rng)
        return value if distinct is None or distinct.admit(value) else distinct.first_new([value])

    return render


def _phrase(company: Company, locale: str) -> str:
    templates = _phrases(locale)
    template = templates[int(company.phrase_roll * len(templates))]
    industry = company.industry or "service"
    lowered = industry if industry.isupper() else industry.lower()
    return template.format(name=company.name, industry=industry, industry_lc=lowered)


_VALUES: dict[str, Callable[[Company, str, random.Random], Any]] = {
    "name": lambda c, _, __: c.name,
    "domain": lambda c, _, __: c.domain,
    "website": lambda c, _, __: f"https://www.{c.domain}",
    "email": lambda c, _, __: f"{c.mailbox}@{c.domain}",
    "industry": lambda c, _, __: c.industry,
    "country": lambda c, _, __: c.country_value,
    "phrase": lambda c, locale, __: _phrase(c, locale),
    "vat": lambda c, _, rng: tax_number(c.country, "vat", rng),
    "tax": lambda c, _, rng: tax_number(c.country, "tax", rng),
}
