"""Build a model's :class:`RecordScheme`: which of its fields share a person, a product, a review,
a timeline, and which natural keys stay unique.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.providers.coherence import Draft, RecordScheme

if TYPE_CHECKING:
    import datetime
    import random
    from typing import Any

    from pytest_forge.providers.coherence import Gen, Wrapper
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["record_scheme", "vocabulary_singles"]


_PERSON_SOURCES = frozenset({"person.first_name", "person.last_name", "person.full_name", "person.username"})


def _sources(spec: ModelSpec) -> dict[str, str | None]:
    """The provider source each str field's name asks for (what the engine compiled it with)."""
    from pytest_forge.providers.catalog import find_provider

    found: dict[str, str | None] = {}
    for fspec in spec.fields:
        provider = find_provider(fspec.name, fspec.type, model_name=spec.name)
        found[fspec.name] = None if provider is None else provider.source
    return found


def record_scheme(spec: ModelSpec, locale: str, reference: datetime.date) -> RecordScheme:
    """Every group and single-field rule of one model."""
    from pytest_forge.providers.company_group import company_members
    from pytest_forge.providers.keys_unique import unique_singles
    from pytest_forge.providers.person_group import person_members
    from pytest_forge.providers.place_group import place_members
    from pytest_forge.providers.product_group import product_members
    from pytest_forge.providers.review_group import review_members
    from pytest_forge.providers.timeline import timeline_members

    sources = _sources(spec)
    scheme = RecordScheme()
    persons: dict[tuple[str, ...], Draft] = {}
    scheme.members.update(person_members(spec, sources, locale, reference, persons))
    scheme.members.update(place_members(spec, sources, locale, persons))
    has_person = bool(_PERSON_SOURCES & set(sources.values()))
    scheme.members.update(company_members(spec, sources, locale, has_person))
    scheme.members.update(product_members(spec, sources, locale, reference))
    scheme.members.update(review_members(spec, sources, locale, reference))
    scheme.members.update(timeline_members(spec))
    scheme.single.update(vocabulary_singles(spec, sources, locale))
    for name, rule in unique_singles(spec, sources).items():
        if name not in scheme.members:
            scheme.single[name] = rule
    return scheme


_CONTAINERS = frozenset({"list", "set", "frozenset", "tuple"})
_SEQUENCES = (list, tuple)
_COLLECTIONS = (list, tuple, set, frozenset)


def _container_words(spec: ModelSpec, fspec: FieldSpec, locale: str) -> Wrapper | None:
    """``notes: list[str]`` under a name we do not know: each str item becomes dictionary words
    (the container's own generator still decides how many items; a repeat in a set keeps its item)."""
    from pytest_forge.providers.catalog import find_provider
    from pytest_forge.providers.shaping import Shape
    from pytest_forge.providers.vocab import words

    container = fspec.type.inner()
    if container.kind not in _CONTAINERS or len(container.args) != 1:
        return None
    item = container.args[0]
    if Shape.of(item) is None or find_provider(fspec.name, item, model_name=spec.name) is not None:
        return None
    draw = words(item, locale)
    if draw is None:
        return None

    def wrapper(original: Gen) -> Gen:
        def gen(rng: random.Random) -> Any:
            drawn = original(rng)
            if not isinstance(drawn, _COLLECTIONS):
                return drawn
            if isinstance(drawn, _SEQUENCES):
                replaced = [draw(rng) if isinstance(v, str) else v for v in drawn]
                return replaced if type(drawn) is list else type(drawn)(replaced)
            kept: set[Any] = set()
            for value in drawn:
                word = draw(rng) if isinstance(value, str) else value
                kept.add(value if word in kept or word in drawn else word)
            return type(drawn)(kept)

        return gen

    return wrapper  # an optional container's None passes through: only lists, tuples and sets change


def _replaced(draw: Draw | None, optional: bool) -> Wrapper | None:
    """A wrapper giving ``draw``'s values (an optional field keeps its own chance of None)."""
    if draw is None:
        return None
    if not optional:
        return lambda original: draw
    return lambda original: lambda rng: None if original(rng) is None else draw(rng)


def _has_address(spec: ModelSpec, sources: dict[str, str | None]) -> bool:
    return any((s or "").startswith("address.") and s != "address.state" for s in sources.values())


def vocabulary_singles(
    spec: ModelSpec, sources: dict[str, str | None], locale: str
) -> dict[str, tuple[str | None, Wrapper]]:
    """Statuses by model, a workflow ``state`` outside addresses, dictionary words for unknown names."""
    from pytest_forge.providers.shaping import Shape, from_pool
    from pytest_forge.providers.tokens import split_name
    from pytest_forge.providers.vocab import status_pool, words

    found: dict[str, tuple[str | None, Wrapper]] = {}
    model_tokens = split_name(spec.name)
    for fspec in spec.fields:
        source, shape = sources.get(fspec.name), Shape.of(fspec.type)
        if shape is None:
            items = _container_words(spec, fspec, locale) if source is None else None
            if items is not None:
                found[fspec.name] = (None, items)
            continue
        optional = fspec.type.kind == "optional"
        if source == "vocab.status" or (
            source == "address.state"
            and split_name(fspec.name) == ("state",)
            and not _has_address(spec, sources)
        ):
            wrapper = _replaced(from_pool(status_pool(model_tokens), shape), optional)
        elif source is None:
            wrapper, source = _replaced(words(fspec.type, locale), optional), "text.string"
        else:
            continue
        if wrapper is not None:
            found[fspec.name] = (source, wrapper)
    return found
