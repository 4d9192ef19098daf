"""Discovered by ``'pytest_forge.django'``: blueprints of the blog app."""

from __future__ import annotations

from pytest_forge.blueprints import Blueprint
from tests.django_adapter.project.blog.models import Place


class PlaceBlueprint(Blueprint, model=Place):
    address = "1 Forge Street"
