"""The engine's options and gates apply to Django models exactly as to pydantic ones."""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from pytest_forge.errors import ForgePermissionError
from tests.django_adapter.project.blog.models import Category, Entry, Patient

pytestmark = pytest.mark.django_db


def test_none_p_applies_where_a_field_is_null_and_blank():
    entries = Forge(seed=1).create_batch(Entry, 8, none_p=1.0)
    assert all(e.published is None and e.category_id is None for e in entries)
    never = Forge(seed=1).create_batch(Entry, 8, none_p=0.0)
    assert all(e.published is not None for e in never)


def test_field_values_and_callables_override_fields():
    entries = Forge(seed=1).create_batch(
        Entry, 3, title=lambda: "Fixed title", field_values={"body": "Body text."}
    )
    assert {(e.title, e.body) for e in entries} == {("Fixed title", "Body text.")}
    assert Entry.objects.filter(title="Fixed title").count() == 3


def test_the_sensitive_gate_closes_on_django_models_too():
    with pytest.raises(ForgePermissionError, match="ssn"):
        Forge(seed=1).create(Patient)
    assert Patient.objects.count() == 0
    patient = Forge(seed=1, allow_pii=True).create(Patient)
    assert Patient.objects.filter(pk=patient.pk).exists()


def test_values_are_realistic_by_field_name():
    category = Forge(seed=1).create(Category)
    assert category.name[:1].isupper()
    assert " " not in category.slug
