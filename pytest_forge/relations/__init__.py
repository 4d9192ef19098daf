"""Relationships between models: foreign keys, many-to-many, uniqueness, blueprints' use, swarms.

``fk_order(models)`` sorts models parents-first (``forge load`` inserts in that order).
"""

from __future__ import annotations

from pytest_forge.relations.ordering import fk_levels, fk_order

__all__ = ["fk_levels", "fk_order"]
