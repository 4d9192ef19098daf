"""ArrayField, HStoreField and range fields, on PostgreSQL only."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only fields"),
]


def test_array_and_hstore_fields_are_saved_and_valid():
    from pytest_forge import Forge
    from tests.django_adapter.project.pgapp.models import Survey

    surveys = Forge(seed=1).create_batch(Survey, 10)
    for survey in Survey.objects.filter(pk__in=[s.pk for s in surveys]):
        survey.full_clean()
        assert 1 <= len(survey.labels) <= 4
        assert all(isinstance(label, str) and 1 <= len(label) <= 10 for label in survey.labels)
        assert all(isinstance(score, int) for score in survey.scores)
        assert isinstance(survey.extra, dict)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in survey.extra.items())


def test_range_fields_get_ordered_ranges_of_their_bound_type():
    import datetime
    from decimal import Decimal

    from pytest_forge import Forge
    from tests.django_adapter.project.pgapp.models import Booking

    bookings = Forge(seed=2).create_batch(Booking, 10, bulk=True)
    for booking in Booking.objects.filter(pk__in=[b.pk for b in bookings]):
        booking.full_clean()
        for name, kind in (("seats", int), ("prices", Decimal), ("days", datetime.date)):
            value = getattr(booking, name)
            assert value.isempty or (isinstance(value.lower, kind) and value.lower <= value.upper), name
        during = booking.during
        assert during.isempty or (during.lower.tzinfo is not None and during.lower <= during.upper)
