"""Build ``pytest_forge/providers/data/jobs_i18n.json``: job titles for locales Faker has none for.

Faker ships job titles for de_DE, fr_FR, es_ES, pt_BR, pl_PL, ja_JP and zh_CN but not for it_IT or
nl_NL, whose persons were English "Optometrists". This copies mimesis' occupation lists (MIT licence,
mimesis is a dev dependency: ``pip install -e ".[dev]"``) for those locales into our data file, so
the core reads JSON and never imports mimesis.

Run: ``python tools/build_job_titles.py`` (writes the file), ``--check`` (fails when it is stale).
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from data_file import write_or_check  # tools/ (the script's own folder is on sys.path)

OUT = Path(__file__).resolve().parents[1] / "pytest_forge" / "providers" / "data" / "jobs_i18n.json"
#: our locale -> mimesis' dataset folder
LOCALES = {"it_IT": "it", "nl_NL": "nl"}


def build() -> dict[str, object]:
    jobs = {}
    for locale, folder in LOCALES.items():
        text = resources.files("mimesis").joinpath("datasets", folder, "person.json").read_text("utf-8")
        titles = [t.strip() for t in json.loads(text)["occupation"] if t.strip()]
        jobs[locale] = sorted(dict.fromkeys(titles))
    return {
        "about": f"Occupations from mimesis {version('mimesis')} (MIT licence), tools/build_job_titles.py",
        "jobs": jobs,
    }


def main() -> int:
    return write_or_check(
        OUT, json.dumps(build(), ensure_ascii=False, indent=1) + "\n", __doc__.splitlines()[0]
    )


if __name__ == "__main__":
    raise SystemExit(main())
