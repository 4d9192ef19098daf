"""Fields only PostgreSQL has: ArrayField, HStoreField and the range fields."""

from __future__ import annotations

from django.contrib.postgres.fields import (
    ArrayField,
    BigIntegerRangeField,
    DateRangeField,
    DateTimeRangeField,
    DecimalRangeField,
    HStoreField,
    IntegerRangeField,
)
from django.db import models


class Survey(models.Model):
    labels = ArrayField(models.CharField(max_length=10), size=4)
    scores = ArrayField(models.IntegerField(), blank=True)
    extra = HStoreField()


class Booking(models.Model):
    seats = IntegerRangeField()
    ids = BigIntegerRangeField(null=True, blank=True)
    prices = DecimalRangeField()
    days = DateRangeField()
    during = DateTimeRangeField()
