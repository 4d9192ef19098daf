"""Cycles of required foreign keys: closed after the rows are saved where a column accepts NULL.

dj-stripe's ``Charge.invoice`` ↔ ``Invoice.charge`` and django-post-office's
``EmailTemplate.default_template`` (tests/django_adapter/project/patterns: Payment ↔ Receipt,
MailTemplate); Lease ↔ Deposit, where only the lease's column accepts NULL; Shelf ↔ Volume is a
cycle whose columns are NOT NULL, which no row can start.
"""

from __future__ import annotations

import pytest

from pytest_forge import ConstraintError, Forge, RelationError, UsageError
from pytest_forge.relations.auto_parents import ParentCycle
from tests.django_adapter.project.patterns.models import (
    Deposit,
    Lease,
    MailTemplate,
    Payment,
    Preview,
    Receipt,
    Refund,
    Shelf,
    Volume,
)

pytestmark = pytest.mark.django_db


def _stored_and_valid(rows):
    stored = [type(row)._default_manager.get(pk=row.pk) for row in rows]
    for row in stored:
        row.full_clean()
    return stored


def test_a_two_model_cycle_of_required_keys_is_closed_after_both_rows_are_saved():
    payment = Forge(seed=1).create(Payment)
    (stored,) = _stored_and_valid([payment])
    receipt = stored.receipt
    assert receipt is not None
    _stored_and_valid([receipt])
    assert receipt.payment_id == payment.pk  # the receipt made for the payment points back at it
    assert Payment.objects.count() == 1
    assert Receipt.objects.count() == 1


def test_the_cycle_closes_from_either_side_and_for_a_batch():
    receipts = Forge(seed=2).create_batch(Receipt, 3)
    for receipt in _stored_and_valid(receipts):
        assert receipt.payment is not None
        assert receipt.payment.receipt_id is not None
        _stored_and_valid([receipt.payment])
    assert len({r.payment_id for r in Receipt.objects.all()}) == Receipt.objects.count()  # one-to-one


def test_a_batch_of_the_other_side_gets_distinct_one_to_one_parents():
    payments = Forge(seed=3).create_batch(Payment, 4)
    _stored_and_valid(payments)
    _stored_and_valid(list(Receipt.objects.all()))
    payment_ids = list(Receipt.objects.values_list("payment_id", flat=True))
    assert None not in payment_ids
    assert len(set(payment_ids)) == len(payment_ids)


def test_existing_rows_stay_the_preferred_parents_once_the_cycle_is_closed():
    Forge(seed=4).create(Payment)
    later = Forge(seed=5).create_batch(Payment, 3)  # a new Forge: the stored rows are its candidates
    _stored_and_valid(later)
    assert Receipt.objects.count() == 1  # only the first payment needed a new receipt
    assert {p.receipt_id for p in later} == {Receipt.objects.get().pk}


def test_the_same_seed_closes_the_cycle_the_same_way():
    first = Forge(seed=7).create(Payment)
    amounts = (first.amount, first.receipt.number)
    Payment.objects.all().delete()
    again = Forge(seed=7).create(Payment)
    assert (again.amount, again.receipt.number) == amounts


def test_a_bulk_batch_closes_the_cycle_after_its_rows_are_saved():
    payments = Forge(seed=6).create_batch(Payment, 3, bulk=True)
    _stored_and_valid(payments)
    receipts = Forge(seed=7).create_batch(Receipt, 2, bulk=True)  # the parents held back
    _stored_and_valid(receipts)
    _stored_and_valid(list(Receipt.objects.all()) + list(Payment.objects.all()))
    assert Receipt.objects.filter(payment=None).count() == 0
    assert Payment.objects.filter(receipt=None).count() == 0


def test_a_cycle_among_the_parents_a_bulk_batch_holds_back_is_refused_and_saves_nothing():
    with pytest.raises(UsageError, match=r"saved one by one: drop bulk=True"):
        Forge(seed=8).create_batch(Refund, 2, bulk=True)
    assert Refund.objects.count() == Payment.objects.count() == Receipt.objects.count() == 0
    refunds = Forge(seed=8).create_batch(Refund, 2)  # one by one, the same rows close their cycle
    _stored_and_valid([*refunds, *Payment.objects.all(), *Receipt.objects.all()])


def test_a_required_self_reference_points_the_first_row_at_itself():
    first = Forge(seed=1).create(MailTemplate)
    (stored,) = _stored_and_valid([first])
    assert stored.default_template_id == stored.pk
    second = Forge(seed=2).create(MailTemplate)
    (stored,) = _stored_and_valid([second])
    assert stored.default_template_id == first.pk  # an existing row is preferred to itself


def test_a_batch_of_a_required_self_reference_is_valid():
    templates = Forge(seed=2).create_batch(MailTemplate, 3)
    for template in _stored_and_valid(templates):
        assert template.default_template_id is not None


def test_when_only_the_first_key_accepts_null_its_row_is_saved_first_and_its_parent_made_after():
    leases = Forge(seed=1).create_batch(Lease, 2)
    for lease in _stored_and_valid(leases):
        deposit = lease.deposit
        assert deposit is not None
        assert deposit.lease_id == lease.pk  # the deposit made after the lease points back at it
        _stored_and_valid([deposit])
    assert Deposit.objects.count() == 2


def test_the_other_side_of_a_half_nullable_cycle_closes_too():
    deposit = Forge(seed=2).create(Deposit)
    (stored,) = _stored_and_valid([deposit])
    (lease,) = _stored_and_valid([stored.lease])
    assert lease.deposit_id == deposit.pk


def test_a_cycle_whose_columns_are_not_null_is_a_clear_error_and_saves_nothing():
    with pytest.raises(ParentCycle, match=r"does not accept NULL") as caught:
        Forge(seed=1).create(Shelf)
    assert "Shelf" in str(caught.value)
    assert "Volume" in str(caught.value)
    assert isinstance(caught.value, RelationError)
    assert caught.value.field is not None
    assert Shelf.objects.count() == 0
    assert Volume.objects.count() == 0


def test_building_links_the_cycle_in_memory_and_saves_nothing():
    payment = Forge(seed=1).build(Payment)
    assert payment.pk is None
    assert payment.receipt.pk is None
    assert payment.receipt.payment is payment
    assert Payment.objects.count() == 0
    assert Receipt.objects.count() == 0
    template = Forge(seed=1).build(MailTemplate)
    assert template.default_template is template
    lease = Forge(seed=1).build(Lease)
    assert lease.deposit.lease is lease
    assert MailTemplate.objects.count() == Lease.objects.count() == Deposit.objects.count() == 0


def test_a_model_whose_save_stores_nothing_is_a_clear_error_not_a_row_that_is_not_there():
    with pytest.raises(ConstraintError, match=r"Preview.save\(\) stored nothing.*use build\(Preview\)"):
        Forge(seed=1).create(Preview)
    assert Forge(seed=1).build(Preview).title  # built in memory, as the model is meant to be used
