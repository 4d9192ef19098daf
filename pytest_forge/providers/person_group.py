"""The person-shaped fields of a model, grouped by whose they are, each group reading one persona.

``first_name``, ``last_name``, ``email``, ``username``, ``bio`` belong to the record's own
person; ``customer_name`` and ``customer_email`` to its customer; ``author`` and
``author_email`` to its author. Names are matched by the same provider sources that fill them,
so a field a user gave their own provider is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import NotUnique
from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.distinct import Distinct
from pytest_forge.providers.fixed import call_for
from pytest_forge.providers.persona import persona_draw, salutation, with_fixed
from pytest_forge.providers.persona_text import persona_text
from pytest_forge.providers.shaping import Shape
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import datetime
    import random
    from collections.abc import Callable

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.providers.persona import Persona
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["person_members", "role_of"]

_ROLES = {
    "person.first_name": "first",
    "person.last_name": "last",
    "person.full_name": "full",
    "person.username": "username",
    "internet.email": "email",
    "person.job": "job",
    "address.city": "city",
    "text.bio": "bio",
    "text.summary": "bio",
}
_TOKEN_ROLES = {"initials": "initials", "salutation": "salutation", "honorific": "salutation"}
#: roles that say who the person is (a group needs one of them)
_IDENTITY = frozenset({"first", "last", "full", "username", "email", "initials"})
#: roles only the record's own person has (a ``customer_city`` is not the customer's home)
_OWN_ONLY = frozenset({"job", "city", "bio", "salutation"})
_ROLE_WORDS = frozenset(
    [
        "first",
        "last",
        "full",
        "given",
        "family",
        "sur",
        "fore",
        "middle",
        "name",
        "names",
        "email",
        "mail",
        "address",
        "e",
        "user",
        "username",
        "login",
        "handle",
        "screen",
        "display",
        "initials",
        "salutation",
        "honorific",
        "prefix",
        "job",
        "title",
        "occupation",
        "city",
        "town",
        "bio",
        "biography",
        "about",
        "summary",
        "profile",
    ]
)
_SKIP = frozenset(["primary", "personal", "work", "main", "official", "preferred", "contact", "current"])


def role_of(fspec: FieldSpec, source: str | None) -> str | None:
    """The person role a field plays (``first``, ``email`` ...), or None."""
    tokens = split_name(fspec.name)
    for token in tokens:
        if token in _TOKEN_ROLES:
            return _TOKEN_ROLES[token]
    return None if source is None else _ROLES.get(source)


def _owner(fspec: FieldSpec) -> tuple[str, ...]:
    """Whose the field is: ``customer_email`` -> (customer,), ``email`` -> ()."""
    return tuple(
        t for t in split_name(fspec.name) if t not in _ROLE_WORDS and t not in _SKIP and not t.isdigit()
    )


def person_members(
    spec: ModelSpec,
    sources: dict[str, str | None],
    locale: str,
    reference: datetime.date,
    drafts: dict[tuple[str, ...], Draft] | None = None,
) -> dict[str, Member]:
    """Each person field of the model, bound to its owner's shared persona (``drafts``: filled with
    each owner's persona draft, for the groups that read the person too: their address)."""
    groups: dict[tuple[str, ...], list[tuple[FieldSpec, str]]] = {}
    for fspec in spec.fields:
        role = role_of(fspec, sources.get(fspec.name))
        if role is None or Shape.of(fspec.type) is None:
            continue
        owner = _owner(fspec)
        if owner and role in _OWN_ONLY:
            continue
        groups.setdefault(owner, []).append((fspec, role))
    from pytest_forge.providers.place_data import place_cities
    from pytest_forge.providers.place_group import PLACE_SOURCES

    draw = persona_draw(locale, place_cities(locale) if PLACE_SOURCES & set(sources.values()) else None)
    members: dict[str, Member] = {}
    for owner, fields in groups.items():
        if not any(role in _IDENTITY for _, role in fields):
            continue
        draft = Draft(_maker(spec, fields, draw, locale))
        if drafts is not None:
            drafts[owner] = draft
        for index, (fspec, role) in enumerate(fields):
            source = None if role in ("initials", "salutation") else sources.get(fspec.name)
            unique = not owner and not _may_repeat(spec.model, fspec)
            render = _renderer(
                role, fspec, unique=unique, locale=locale, reference=reference, model=spec.name
            )
            members[fspec.name] = Member(draft, index, source, render)
    return members


def _maker(
    spec: ModelSpec,
    fields: list[tuple[FieldSpec, str]],
    draw: Callable[[random.Random], Persona],
    locale: str,
) -> Callable[[Draft, random.Random], Persona]:
    """Draw the group's person, then make it agree with what the call fixed (``first_name="Ann"``)."""
    order = {f.name: i for i, f in enumerate(spec.fields)}
    positions = [order[fspec.name] for fspec, _ in fields]
    roles = {fspec.name: role for fspec, role in fields}
    model = spec.model

    owner = next((_owner(fspec) for fspec, _ in fields), ())
    group, describe = "person." + ".".join(owner), _describer(owner)

    def make(draft: Draft, rng: random.Random) -> Persona:
        person = draw(rng)
        call = call_for(model)
        if call is None:
            return person
        # a member of another group reading the person first (an address field) sees the constants only
        fixed = call.before(positions[draft.maker] if draft.maker < len(positions) else 0)
        if fixed:
            person = with_fixed(person, {roles[n]: v for n, v in fixed.items() if n in roles}, locale)
        call.note(group, describe, person)
        return person

    return make


def _describer(owner: tuple[str, ...]) -> Callable[[Persona], dict[str, Any]]:
    """What an AI prompt is told about the record's person (``customer``: only their name)."""
    if owner:
        key = "_".join(owner)
        return lambda person: {key: person.full}

    def describe(person: Persona) -> dict[str, Any]:
        gender = "female" if person.female else "male"
        return {"person": person.full, "gender": gender, "job": person.job, "city": person.city}

    return describe


def _renderer(
    role: str, fspec: FieldSpec, *, unique: bool, locale: str, reference: datetime.date, model: str
) -> Render:
    shape = Shape.of(fspec.type)
    assert shape is not None
    if role == "bio":
        return persona_text(fspec.type, locale, reference)
    value_of = _VALUES[role]
    keyed = unique and role in ("email", "username")
    distinct = Distinct(shape, ".", key=(model, fspec.name)) if keyed else None
    apply = None if not (shape.strip or shape.lower or shape.upper) else shape.apply
    fits = shape.fits

    def render(person: Persona, original: Gen, rng: random.Random, again: bool) -> Any:
        if again:
            value = original(rng)
            return value if distinct is None or not isinstance(value, str) else distinct.first_new([value])
        first = value_of(person, locale) if apply is None else apply(value_of(person, locale))
        if distinct is None:
            return first if fits(first) else original(rng)
        if fits(first) and distinct.admit(first):
            return first
        fitting = [v for v in (shape.apply(v) for v in _variants(role, person, locale)) if fits(v)]
        return distinct.first_new(fitting or [original(rng)])

    return render


def _may_repeat(model: Any, fspec: FieldSpec) -> bool:
    """True when the user tagged the field ``NotUnique``."""
    from pytest_forge.field_tags import annotation_tag

    return fspec.tag(NotUnique) is not None or annotation_tag(model, fspec.name, NotUnique) is not None


def _variants(role: str, person: Persona, locale: str) -> list[str]:
    """The person's preferred handle or address first, then other spellings of the same name."""
    styles = [(person.style + step) % 1.0 for step in (0.37, 0.61, 0.83)]
    value_of = _VALUES[role]
    return [value_of(person._replace(style=style), locale) for style in styles]


_VALUES: dict[str, Callable[[Persona, str], str]] = {
    "first": lambda p, _: p.first,
    "last": lambda p, _: p.last,
    "full": lambda p, _: p.full,
    "username": lambda p, _: p.username(),
    "email": lambda p, _: p.email(),
    "initials": lambda p, _: p.initials,
    "job": lambda p, _: p.job,
    "city": lambda p, _: p.city,
    "salutation": salutation,
}
