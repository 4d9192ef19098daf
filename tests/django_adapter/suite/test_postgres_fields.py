"""ArrayField and HStoreField, on PostgreSQL only."""

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
