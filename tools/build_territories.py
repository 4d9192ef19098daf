"""Build ``pytest_forge/providers/data/territories.json``: each country's currency and languages.

From the Unicode CLDR through **Babel** (a dev dependency: ``pip install -e ".[dev]"``): the legal
tender of each territory (as of a fixed date, so the build does not change with the day it runs) and
the languages spoken there with an ISO 639-1 code and at least 1% of the population, most spoken
first, with their English names. The core reads the JSON file only and never imports Babel.

Run: ``python tools/build_territories.py`` (writes the file), ``--check`` (fails when it is stale).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib.metadata import version
from pathlib import Path

from data_file import write_or_check  # tools/ (the script's own folder is on sys.path)

OUT = Path(__file__).resolve().parents[1] / "pytest_forge" / "providers" / "data" / "territories.json"
#: the day whose legal tender is written (CLDR dates currency changes)
AS_OF = dt.date(2026, 1, 1)
#: languages spoken by fewer than this share of a territory's people are left out
MIN_PERCENT = 1.0


def build() -> dict[str, object]:
    import pycountry
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    english = Locale("en").languages
    iso_639_1 = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    spoken_in = get_global("territory_languages")
    currencies: dict[str, str] = {}
    languages: dict[str, list[list[object]]] = {}
    for country in sorted(c.alpha_2 for c in pycountry.countries):
        tender = get_territory_currencies(country, start_date=AS_OF, end_date=AS_OF, tender=True)
        if tender:
            currencies[country] = tender[0]
        spoken = [
            [code, english[code], float(info["population_percent"])]
            for code, info in spoken_in.get(country, {}).items()
            if code in iso_639_1 and code in english and float(info["population_percent"]) >= MIN_PERCENT
        ]
        if spoken:
            languages[country] = sorted(spoken, key=lambda entry: (-float(entry[2]), str(entry[0])))  # type: ignore[arg-type]
    return {
        "about": f"CLDR through Babel {version('babel')} (tender as of {AS_OF}), tools/build_territories.py",
        "currencies": currencies,
        "languages": languages,
    }


def main() -> int:
    return write_or_check(
        OUT, json.dumps(build(), ensure_ascii=False, indent=1) + "\n", __doc__.splitlines()[0]
    )


if __name__ == "__main__":
    sys.exit(main())
