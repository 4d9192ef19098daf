"""@pytest.mark.forge: registration, validation, merging, and the settings it gives a test's Forge."""

from __future__ import annotations

import pytest

SHOW = """
import pytest

def show(forge):
    s = forge.settings
    print(f"\\nFORGE seed={forge.seed} locale={forge.locale} pii={s.allow_pii} "
          f"dangerous={s.allow_dangerous} ai={forge.use_ai} context={s.context} verbose={forge.verbose}")
"""


def forge_lines(result: pytest.RunResult) -> list[str]:
    return [line for line in result.outlines if line.startswith("FORGE ")]


def test_the_marker_is_registered_with_its_full_signature(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.forge(seed=None, locale=None, allow_pii=False, allow_dangerous=False, ai=None, "
            "context=None, verbose=False): *"
        ]
    )


def test_the_marker_passes_strict_markers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("import pytest\n@pytest.mark.forge(seed=1)\ndef test_a(): pass\n")
    pytester.runpytest("--strict-markers").assert_outcomes(passed=1)


def test_every_marker_keyword_reaches_the_tests_forge(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SHOW
        + """
@pytest.mark.forge(seed=7, locale="de_DE", allow_pii=True, allow_dangerous=True, ai=False,
                   context="holiday shoppers", verbose=True)
def test_kyc(forge):
    show(forge)
"""
    )
    result = pytester.runpytest("-s")
    assert forge_lines(result) == [
        "FORGE seed=7 locale=de_DE pii=True dangerous=True ai=False context=holiday shoppers verbose=True"
    ]


def test_without_a_marker_the_gates_stay_closed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW + "\ndef test_plain(forge):\n    show(forge)\n")
    (line,) = forge_lines(pytester.runpytest("-s", "--forge-locale=en_GB"))
    assert line.endswith("locale=en_GB pii=False dangerous=False ai=False context=None verbose=False")


def test_a_class_marker_applies_to_its_tests_and_the_nearest_marker_wins_per_keyword(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        SHOW
        + """
pytestmark = pytest.mark.forge(context="module", locale="fr_FR", verbose=True)

@pytest.mark.forge(seed=3, context="class")
class TestGroup:
    @pytest.mark.forge(context="test", allow_pii=True)
    def test_nearest(self, forge):
        show(forge)

    def test_class_level(self, forge):
        show(forge)
"""
    )
    result = pytester.runpytest("-s", "-p", "no:randomly")
    assert forge_lines(result) == [
        "FORGE seed=3 locale=fr_FR pii=True dangerous=False ai=False context=test verbose=True",
        "FORGE seed=3 locale=fr_FR pii=False dangerous=False ai=False context=class verbose=True",
    ]


@pytest.mark.parametrize(
    ("marker", "complaint"),
    [
        ("forge(sede=7)", "forge got unknown keyword 'sede'"),
        ("forge(seed='7')", "forge(seed='7'): seed must be an int >= 0"),
        ("forge(seed=-1)", "forge(seed=-1): seed must be an int >= 0"),
        ("forge(seed=True)", "forge(seed=True): seed must be an int >= 0"),
        ("forge(allow_pii='yes')", "forge(allow_pii='yes'): allow_pii must be a bool"),
        ("forge(locale=5)", "forge(locale=5): locale must be a str such as 'de_DE'"),
        ("forge(7)", "forge takes keywords only, got positional 7"),
    ],
)
def test_a_misused_marker_errors_the_test_at_setup_naming_the_test_the_keyword_and_the_accepted_ones(
    pytester: pytest.Pytester, marker: str, complaint: str
) -> None:
    pytester.makepyfile(test_kyc=f"import pytest\n@pytest.mark.{marker}\ndef test_kyc():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_kyc*",
            f"*test_kyc.py::test_kyc: @pytest.mark.{complaint}*; accepted keywords: ai, allow_dangerous, "
            "allow_pii, context, locale, seed, verbose",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_misused_module_marker_errors_every_test_it_covers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "import pytest\npytestmark = pytest.mark.forge(colour=1)\n"
        "def test_a():\n    pass\n"
        "def test_b():\n    pass\n"
    )
    pytester.runpytest().assert_outcomes(errors=2)


def test_a_marker_seed_is_used_as_is_whatever_the_session_seed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW + "\n@pytest.mark.forge(seed=7)\ndef test_a(forge):\n    show(forge)\n")
    first = forge_lines(pytester.runpytest("-s", "--forge-seed=1"))
    second = forge_lines(pytester.runpytest("-s", "--forge-seed=2"))
    assert first == second
    assert first[0].startswith("FORGE seed=7 ")
