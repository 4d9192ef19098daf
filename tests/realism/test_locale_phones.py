"""Phones of each locale (issue 13): they parse for the country with Google's libphonenumber (the
``phonenumbers`` package), are written exactly as it formats them (national, or international when they
start with ``+``), lie in the range docs/realism.md names for the country, and their area code is the
record's city's where the country's plan ties one to the other."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat
from pydantic import BaseModel, Field

from pytest_forge import Forge

TABLES = json.loads(
    (Path(__file__).parents[2] / "pytest_forge/providers/data/place_tables.json").read_text(encoding="utf-8")
)["locales"]

REGION = {
    "en_GB": "GB", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT", "pt_BR": "BR", "nl_NL": "NL",
    "pl_PL": "PL", "ja_JP": "JP", "zh_CN": "CN",
}  # fmt: skip
#: the published fiction ranges (GB, FR) and the unassigned blocks (the rest), as docs/realism.md lists
#: them: national significant numbers (no trunk 0, no country code)
RANGES = {
    "GB": r"(7700900|1632960|2079460|1(1[3-8]|21|31|41|51|61)4960|1914980|2920180)\d{3}",
    "FR": r"(19900|26191|35301|46571|53649|63998)\d{4}",
    "ES": r"77\d{7}",
    "IT": r"304\d{7}",
    "BR": r"[1-9][1-9]6\d{8}",
    "NL": r"69\d{7}",
    "PL": r"20\d{7}",
    "JP": r"[79]00\d{7}",
    "CN": r"164\d{8}",
}
#: regulators' fiction ranges are the only ones libphonenumber may know as valid numbers
FICTION = {"GB", "FR"}
#: Ofcom's city ranges (its "numbers for drama" page)
OFCOM = {
    "Leeds": "113", "Sheffield": "114", "Nottingham": "115", "Leicester": "116", "Bristol": "117",
    "Reading": "118", "Birmingham": "121", "Edinburgh": "131", "Glasgow": "141", "Liverpool": "151",
    "Manchester": "161", "London": "20", "Newcastle upon Tyne": "191", "Sunderland": "191",
    "Durham": "191", "Gateshead": "191", "Cardiff": "29",
}  # fmt: skip
#: ARCEP's zones: the first digit of a French geographic number by region (Occitanie: see below)
FR_ZONE = {
    "FR-IDF": "1", "FR-NOR": "2", "FR-BRE": "2", "FR-PDL": "2", "FR-CVL": "2", "FR-HDF": "3", "FR-GES": "3",
    "FR-BFC": "3", "FR-ARA": "4", "FR-PAC": "4", "FR-20R": "4", "FR-NAQ": "5",
}  # fmt: skip
FORMER_MIDI_PYRENEES = {"09", "12", "31", "32", "46", "65", "81", "82"}


class Phone(BaseModel):
    phone: str


class Resident(BaseModel):
    first_name: str
    city: str
    state: str
    postcode: str
    phone: str


class Short(BaseModel):
    mobile: str = Field(max_length=13)


def parsed(phone: str, region: str) -> phonenumbers.PhoneNumber:
    number = phonenumbers.parse(phone, region)
    assert phonenumbers.is_possible_number(number), phone
    if re.fullmatch(r"\+?\d+", phone):  # a field too short for the written form: E.164 or bare digits
        form = PhoneNumberFormat.E164 if phone.startswith("+") else PhoneNumberFormat.NATIONAL
        expected = re.sub(r"[^+\d]", "", phonenumbers.format_number(number, form))
    else:
        form = PhoneNumberFormat.INTERNATIONAL if phone.startswith("+") else PhoneNumberFormat.NATIONAL
        expected = phonenumbers.format_number(number, form)
    assert expected == phone, f"{phone} is not written as {region} writes it ({expected})"
    national = phonenumbers.national_significant_number(number)
    assert re.fullmatch(RANGES[region], national), f"{phone} is outside the documented range"
    if region not in FICTION:
        assert not phonenumbers.is_valid_number(number), f"{phone} is in an assigned range"
    return number


@pytest.mark.parametrize("locale", sorted(REGION))
def test_phones_parse_are_written_as_the_country_writes_them_and_lie_in_the_documented_range(locale):
    region = REGION[locale]
    forge = Forge(seed=13, locale=locale)
    phones = [p.phone for p in forge.create_batch(Phone, count=200)]
    phones += [r.phone for r in forge.create_batch(Resident, count=200)]
    phones += [s.mobile for s in forge.create_batch(Short, count=50)]
    numbers = [parsed(phone, region) for phone in phones]
    assert all(n.country_code == phonenumbers.country_code_for_region(region) for n in numbers)
    assert any(p.startswith("+") for p in phones)
    assert any(not p.startswith("+") for p in phones)


def test_a_british_phone_is_the_city_s_drama_range_or_a_mobile_or_no_area_number():
    in_ofcom_city = 0
    for r in Forge(seed=13, locale="en_GB").create_batch(Resident, count=400):
        national = phonenumbers.national_significant_number(parsed(r.phone, "GB"))
        if r.city in OFCOM:
            in_ofcom_city += 1
            assert national.startswith(OFCOM[r.city]), (r.city, r.phone)
        else:
            assert national.startswith(("7700", "1632")), (r.city, r.phone)
    assert in_ofcom_city >= 20


def test_a_french_phone_is_in_the_zone_of_the_city_s_region_or_a_mobile():
    places = {row[0]: (row[1], row[4].split("-")[1][:2]) for row in TABLES["fr_FR"]["cities"]}
    zones = set()
    for r in Forge(seed=13, locale="fr_FR").create_batch(Resident, count=400):
        national = phonenumbers.national_significant_number(parsed(r.phone, "FR"))
        region, department = places[r.city]
        zone = FR_ZONE.get(region) or ("5" if department in FORMER_MIDI_PYRENEES else "4")  # Occitanie
        assert national[0] in (zone, "6"), (r.city, r.state, r.phone)
        zones.add(national[0])
    assert zones == {"1", "2", "3", "4", "5", "6"}


def test_a_brazilian_phone_has_a_ddd_of_the_city_s_state():
    """The DDD's place by libphonenumber's own geocoder is in the record's state."""
    state_of = {row[0]: row[1] for row in TABLES["pt_BR"]["cities"]}
    states = set()
    for r in Forge(seed=13, locale="pt_BR").create_batch(Resident, count=300):
        ddd = phonenumbers.national_significant_number(parsed(r.phone, "BR"))[:2]
        assert f"BR-{ddd_state(ddd)}" == state_of[r.city], (r.city, r.phone)
        states.add(state_of[r.city])
    assert len(states) >= 15


@functools.cache
def ddd_state(ddd: str) -> str:
    """The state most numbers of a DDD are placed in by libphonenumber's geocoder ("Campinas - SP")."""
    from collections import Counter

    from phonenumbers import geocoder

    votes: Counter[str] = Counter()
    for prefix in range(2000, 6000, 7):
        number = phonenumbers.parse(f"+55{ddd}{prefix}5678")
        place = geocoder.description_for_number(number, "pt")
        if phonenumbers.is_valid_number(number) and " - " in place:
            votes[place.rpartition(" - ")[2]] += 1
    return votes.most_common(1)[0][0]
