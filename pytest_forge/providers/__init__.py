"""Realistic value providers picked by field name: people, places, contact details, business
values and offline free text, always fitted to the field's constraints.

The entry point is :func:`pytest_forge.providers.catalog.find_provider`; nothing here imports
Faker until a provider is first built.
"""

from __future__ import annotations
