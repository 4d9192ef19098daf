"""A blueprint given to ``loadtestdata --use`` (not discovered: it is not in forge_blueprints.py)."""

from __future__ import annotations

from pytest_forge.blueprints import Blueprint
from tests.django_adapter.project.blog.models import Person


class LoudPerson(Blueprint, model=Person):
    name = "ADA"
