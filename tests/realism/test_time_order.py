"""Ordered times read from names: 100% in order, and validators that check it never re-draw (issue 13)."""

from __future__ import annotations

from pytest_forge import Forge
from tests.realism.models import Order, Stay, Ticket


def test_record_times_are_always_in_order():
    for order in Forge(seed=13).create_batch(Order, count=1_000):
        assert order.created_at <= order.updated_at
        assert order.deleted_at is None or order.updated_at <= order.deleted_at


def test_stays_periods_and_validity_windows_are_always_in_order():
    stays = Forge(seed=13).create_batch(Stay, count=1_000)
    for stay in stays:
        assert stay.check_in <= stay.check_out
        assert stay.valid_from <= stay.valid_until
        assert stay.start_date <= stay.end_date
    assert max((s.check_out - s.check_in).days for s in stays) <= 21


def test_tickets_close_after_they_open():
    assert all(t.opened_at <= t.closed_at for t in Forge(seed=13).create_batch(Ticket, count=1_000))
