"""Fields only PostgreSQL has: ArrayField and HStoreField."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField, HStoreField
from django.db import models


class Survey(models.Model):
    labels = ArrayField(models.CharField(max_length=10), size=4)
    scores = ArrayField(models.IntegerField(), blank=True)
    extra = HStoreField()
