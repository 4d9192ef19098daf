"""Loading a development database: ``loadtestdata`` and ``forge load --django-settings`` share this.

``blog.Entry:20`` names a model by app label and class name; models are made parents
first (``fk_order``), all in one transaction, so a failure leaves nothing half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["LoadOptions", "load_test_data", "parse_generate_m2m", "parse_model_count"]


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """The command's options as keywords of ``create_batch``."""

    #: True: new parents for every key; a tuple: only those fields; False: parents must exist
    generate_fk: bool | tuple[str, ...] | None = None
    generate_m2m: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: a Blueprint class per model, from ``--use``
    blueprints: tuple[Any, ...] = ()

    def keywords(self, model: Any) -> dict[str, Any]:
        """What ``create_batch`` gets for ``model`` (m2m counts only for the fields it has)."""
        names = {f.name for f in model._meta.many_to_many}
        m2m = {name: count for name, count in self.generate_m2m.items() if name in names}
        found: dict[str, Any] = {"generate_m2m": m2m} if m2m else {}
        if isinstance(self.generate_fk, tuple):
            own = {f.name for f in model._meta.concrete_fields if f.is_relation}
            paths = [p for p in self.generate_fk if p.partition("__")[0] in own]
            if paths:
                found["generate_fk"] = paths
        elif self.generate_fk is not None:
            found["generate_fk"] = self.generate_fk
        return found


def parse_model_count(text: str, default: int = 10) -> tuple[Any, int]:
    """``blog.Entry:20`` → (the Entry model, 20); a clear UsageError for anything else."""
    from django.apps import apps

    label, _, count = text.partition(":")
    app_label, dot, name = label.rpartition(".")
    if not dot or not app_label or not name:
        raise UsageError(f"{text!r}: name a model as app_label.ModelName[:count], e.g. blog.Entry:20")
    try:
        model = apps.get_model(app_label, name)
    except LookupError as exc:
        raise UsageError(f"{text!r}: {exc}") from None
    if not count:
        return model, default
    if not count.isdigit():
        raise UsageError(f"{text!r}: the count after ':' must be a non-negative whole number")
    return model, int(count)


def parse_generate_m2m(text: str) -> tuple[str, tuple[int, int]]:
    """``tags:1:3`` → ("tags", (1, 3)); ``tags:2`` → ("tags", (2, 2))."""
    name, *numbers = text.split(":")
    if not name or not 1 <= len(numbers) <= 2 or not all(n.isdigit() for n in numbers):
        raise UsageError(f"--generate-m2m {text!r}: write field:min:max (or field:count), e.g. tags:1:3")
    low, high = int(numbers[0]), int(numbers[-1])
    if low > high:
        raise UsageError(f"--generate-m2m {text!r}: min {low} is greater than max {high}")
    return name, (low, high)


def load_test_data(
    forge: Any,
    requests: list[tuple[Any, int]],
    options: LoadOptions,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Make and save every requested model, parents first, in one transaction: ``{label: count}``."""
    from django.db import transaction

    from pytest_forge.relations.ordering import fk_order

    counts = dict(requests)
    for bp in options.blueprints:
        forge.register(bp)
    loaded: dict[str, int] = {}
    with transaction.atomic():
        for model in fk_order(counts):
            made = forge.create_batch(model, counts[model], **options.keywords(model))
            loaded[model._meta.label] = len(made)
            if progress is not None:
                progress(len(made))
    return loaded
