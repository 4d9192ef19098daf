"""Every error class names its own entry in docs/faq/errors.md, the entry exists, and messages link to it."""

from __future__ import annotations

import inspect
import pickle
import re
import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from pytest_forge import Forge, errors

FAQ = Path(__file__).resolve().parents[1] / "docs" / "faq" / "errors.md"

ERROR_CLASSES = sorted(
    (c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.ForgeError)),
    key=lambda c: c.__name__,
)


def _slug(heading: str) -> str:
    """The id MkDocs (Python-Markdown's toc) and GitHub give a heading, for the ASCII headings used here."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors() -> set[str]:
    text = re.sub(r"```.*?```", "", FAQ.read_text(encoding="utf-8"), flags=re.DOTALL)  # no headings in code
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return {_slug(h) for h in headings} | set(re.findall(r'id="([^"]+)"', text))


def test_the_error_classes_are_the_public_ones():
    assert {c.__name__ for c in ERROR_CLASSES} == set(errors.__all__)


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_class_has_its_own_entry_in_the_faq(error_class):
    assert "docs_anchor" in vars(error_class), f"{error_class.__name__} inherits its docs_anchor"
    assert error_class.docs_anchor in _anchors(), f"no heading #{error_class.docs_anchor} in {FAQ}"


def test_no_two_error_classes_share_an_entry():
    anchors = [c.docs_anchor for c in ERROR_CLASSES]
    assert len(set(anchors)) == len(anchors)


def test_the_message_ends_with_a_link_to_the_entry_on_the_same_line():
    err = errors.RelationError("Invoice.customer_id needs a Customer", model="Invoice", field="customer_id")
    assert str(err) == "Invoice.customer_id needs a Customer (docs: docs/faq/errors.md#relationerror)"
    assert err.message == "Invoice.customer_id needs a Customer"
    assert err.docs_url == "docs/faq/errors.md#relationerror"
    assert "\n" not in str(err)


def test_a_message_quoting_another_error_keeps_its_text_and_gets_one_link_of_its_own():
    inner = errors.UnsupportedTypeError("cannot generate values of type Money")
    outer = errors.ConstraintError(f"Price.amount (Money): {inner}; pass amount=...")
    assert str(outer) == (
        "Price.amount (Money): cannot generate values of type Money; pass amount=... "
        "(docs: docs/faq/errors.md#constrainterror)"
    )


def test_an_error_raised_by_the_engine_links_to_its_entry():
    class Bad(BaseModel):
        quantity: int = Field(ge=10, le=5)

    with pytest.raises(errors.ConstraintError) as caught:
        Forge(seed=1).create(Bad)
    assert str(caught.value) == (
        "Bad.quantity (int): ge=10 is greater than le=5 (docs: docs/faq/errors.md#constrainterror)"
    )


def test_an_error_survives_pickling_with_its_message_and_link():
    err = errors.ExportError("unknown SQL dialect 'oracle'", model="Customer")
    again = pickle.loads(pickle.dumps(err))
    assert (type(again), str(again), again.model) == (errors.ExportError, str(err), "Customer")
