"""Every provider source name and the maker behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.providers import business, cron, internet, misc, people, phones, places, text, vocab

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.provenance import Tier
    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["MAKERS", "tier_of"]

MAKERS: dict[str, Callable[[TypeSpec, ProviderContext], Draw | None]] = {
    "person.full_name": people.full_name,
    "person.first_name": people.first_name,
    "person.last_name": people.last_name,
    "person.username": people.username,
    "person.job": people.job,
    "address.city": places.city,
    "address.street": places.street_address,
    "address.street_name": places.street_name,
    "address.secondary": places.secondary_address,
    "address.state": places.state,
    "address.state_abbr": places.state_abbr,
    "address.country": places.country,
    "address.country_code": places.country_code,
    "address.postcode": places.postcode,
    "phone.number": phones.phone_number,
    "internet.email": internet.email,
    "internet.url": internet.url,
    "internet.website": internet.website,
    "internet.image_url": internet.image_url,
    "internet.domain": internet.domain,
    "internet.slug": internet.slug,
    "internet.ip": internet.ip_address,
    "company.name": business.company,
    "commerce.product_name": business.product_name,
    "commerce.sku": business.sku,
    "commerce.code": business.code,
    "commerce.promo_code": business.promo_code,
    "commerce.order_number": business.order_number,
    "commerce.invoice_number": business.invoice_number,
    "commerce.tracking_number": business.tracking_number,
    "commerce.reference": business.reference,
    "commerce.category": business.category,
    "commerce.department": business.department,
    "commerce.currency": business.currency,
    "misc.color": misc.color,
    "misc.hex_color": misc.hex_color,
    "misc.language": misc.language,
    "misc.language_code": misc.language_code,
    "misc.timezone": misc.timezone,
    "misc.cron": cron.cron,
    "misc.word": misc.word,
    "misc.title": misc.title,
    "misc.subject": vocab.subject,
    "vocab.status": vocab.status,
    **{f"vocab.{name}": vocab.listed(name) for name in vocab.VOCABULARIES},
    "file.name": misc.file_name,
    "file.extension": misc.file_extension,
    **{f"text.{flavour}": text.free_text(flavour) for flavour in text.FLAVOURS},
}


def tier_of(source: str) -> Tier:
    """``semantic`` for free text (an LLM may write it), ``standard`` for everything else."""
    return "semantic" if source.startswith("text.") else "standard"
