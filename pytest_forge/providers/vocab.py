"""Real vocabularies for the fields every schema has: status, priority, role, plan, size, unit ...,
short subject lines, and dictionary words of the locale for a ``str`` whose name we do not know.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import DEFAULT_LOCALE, load_data
from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, joined

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["VOCABULARIES", "dictionary", "listed", "status_pool", "subject", "words", "words_draw"]

#: vocabularies in ``data/vocab.json`` under "words" (plus ``status``, which depends on the model)
VOCABULARIES = (
    "priority", "severity", "level", "tier", "plan", "role", "industry", "size", "unit", "gender",
    "frequency", "environment", "platform", "visibility", "stage", "mood",
)  # fmt: skip
#: scripts written without spaces between words
_UNSPACED = ("ja", "zh")


def _pool(values: Any) -> Pool:
    return Pool.of({str(k): float(v) for k, v in values.items()} if isinstance(values, dict) else values)


def listed(name: str) -> Callable[[TypeSpec, ProviderContext], Draw | None]:
    """The maker of one vocabulary (``priority`` -> low, medium, high, urgent)."""

    def make(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
        shape = Shape.of(spec)
        return None if shape is None else from_pool(_pool(load_data("vocab")["words"][name]), shape)

    return make


@lru_cache(maxsize=64)
def status_pool(model_tokens: tuple[str, ...]) -> Pool:
    """The statuses a model of this name goes through (an Order is shipped, a Ticket resolved)."""
    data = load_data("vocab")
    for token in reversed(model_tokens):
        for kind, words in data["status_models"].items():
            if token in words:
                return _pool(data["status"][kind])
    return _pool(data["status"]["default"])


def status(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A lifecycle status: ``active``, ``pending``, ``archived`` (per model through the record scheme)."""
    shape = Shape.of(spec)
    return None if shape is None else from_pool(status_pool(()), shape)


def subject(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A subject line: short, no trailing period (``Refund for order``)."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    subjects = Pool(tuple(load_data("vocab")["subjects"]))
    return fitted(shape, subjects.draw, extend=lambda v, rng: f"{v} ({rng.randint(2, 9)})", short=None)


@lru_cache(maxsize=32)
def dictionary(locale: str) -> Pool:
    """Real words of the locale's language (Faker's word lists; our own for pt_BR)."""
    if locale == "pt_BR":
        return Pool(tuple(load_data("vocab")["words_pt_BR"].split()))
    for candidate in (locale, f"{locale.split('_')[0]}_{locale.split('_')[0].upper()}", DEFAULT_LOCALE):
        try:
            module = importlib.import_module(f"faker.providers.lorem.{candidate}")
        except ImportError:
            continue
        unspaced = candidate.startswith(_UNSPACED)
        kept = [w for w in module.Provider.word_list if w.isalpha() and (unspaced or len(w) >= 2)]
        if kept:
            return Pool(tuple(dict.fromkeys(kept)))
    return Pool(("data",))  # pragma: no cover - Faker always has en_US


def words_draw(locale: str) -> Draw:
    """Two or three words of the locale, joined as the language writes them."""
    pool, sep = dictionary(locale), "" if locale.startswith(_UNSPACED) else " "

    def draw(rng: random.Random) -> str:
        count = 2 + int(rng.random() * 1.6)  # a phrase, not one common word that any text contains
        return sep.join(pool.draw(rng) for _ in range(count))

    return draw


def words(spec: TypeSpec, locale: str) -> Draw | None:
    """Dictionary words fitted to a plain str field (cut at a word boundary when long)."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    draw, pool = words_draw(locale), dictionary(locale)
    sep = "" if locale.startswith(_UNSPACED) else " "
    return fitted(shape, draw, extend=joined(pool.draw, sep))
