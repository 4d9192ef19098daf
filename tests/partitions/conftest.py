from __future__ import annotations

import pytest

from pytest_forge.partitions.run import RunPlan

from .models import Customer, Order, Product

SHOP = ((Customer, 40), (Product, 12), (Order, 90))


@pytest.fixture
def shop_plan(tmp_path):
    """A three-table dataset in 3 partitions, written under tmp_path/out."""

    def make(fmt="parquet", seed=11, partitions=3, models=SHOP, output=None):
        return RunPlan(models, partitions, seed, fmt, str(output or tmp_path / "out"))

    return make
