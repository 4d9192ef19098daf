"""A product-named model whose category or description is not text keeps its own values (FHIR's
CoverageEligibilityResponseInsuranceItem has a ``category`` that is a CodeableConcept model)."""

from __future__ import annotations

from pydantic import BaseModel

from pytest_forge import Forge


class Concept(BaseModel):
    text: str | None = None


class InsuranceItem(BaseModel):
    name: str
    category: Concept | None = None
    description: str | None = None


def test_a_category_that_is_a_model_is_left_to_its_own_generator():
    items = Forge(seed=1).create_batch(InsuranceItem, count=20)  # was an AssertionError in product_group
    assert all(isinstance(item.name, str) and item.name for item in items)
    assert all(item.category is None or isinstance(item.category, Concept) for item in items)


def test_product_members_leave_out_text_roles_without_a_text_shape():
    # FHIR's stand-in types reach the group with text sources on fields that are models; the group
    # must leave such fields out instead of failing (an AssertionError before)
    import datetime

    from pytest_forge.adapters import model_spec
    from pytest_forge.providers.product_group import product_members

    spec = model_spec(InsuranceItem)
    sources = {"name": "commerce.product_name", "category": "commerce.category", "description": None}
    members = product_members(spec, sources, "en_US", datetime.date(2026, 1, 1))
    assert "name" in members
    assert "category" not in members
