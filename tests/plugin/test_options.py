"""--forge-seed, --forge-ci, --forge-locale, their ini twins, FORGE_CI, and the header line."""

from __future__ import annotations

import re

import pytest

from tests.plugin.inner import header_seed

SHOW_SETTINGS = """
def test_show(forge, forge_session):
    print("SETTINGS", forge.settings.ci, forge.use_ai, forge.locale, forge_session.locale)
"""


def settings_line(result: pytest.RunResult) -> str:
    match = re.search(r"SETTINGS [^\n]*?(?=\.?$)", result.stdout.str(), re.M)
    assert match, result.stdout.str()
    return match.group(0)


def test_the_header_line_starts_with_a_copyable_seed_flag_then_the_modes(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--forge-seed=1234", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["forge: --forge-seed=1234 (ci=off, ai=off)"])


def test_a_random_seed_is_chosen_when_none_is_given(pytester: pytest.Pytester) -> None:
    seeds = {header_seed(pytester.runpytest("-p", "no:randomly").outlines) for _ in range(3)}
    assert len(seeds) > 1


def test_the_ci_flag_shows_ci_on_in_the_header(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--forge-seed=5", "--forge-ci")
    result.stdout.fnmatch_lines(["forge: --forge-seed=5 --forge-ci (ci=on, ai=off)"])


@pytest.mark.parametrize("value", ["1", "true", "YES", "On"])
def test_forge_ci_environment_values_that_mean_on_turn_ci_mode_on(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FORGE_CI", value)
    pytester.runpytest("--forge-seed=5").stdout.fnmatch_lines(["forge: --forge-seed=5 --forge-ci (ci=on, *"])


@pytest.mark.parametrize("value", ["0", "false", "No", "OFF"])
def test_forge_ci_environment_values_that_mean_off_leave_ci_mode_off(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FORGE_CI", value)
    pytester.runpytest("--forge-seed=5").stdout.fnmatch_lines(["forge: --forge-seed=5 (ci=off, *"])


def test_an_unreadable_forge_ci_value_is_a_usage_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGE_CI", "maybe")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: FORGE_CI='maybe' is not a boolean*"])
    assert "Traceback" not in result.stderr.str()


def test_the_forge_ci_ini_key_turns_ci_mode_on(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nforge_ci = true\n")
    pytester.runpytest("--forge-seed=5").stdout.fnmatch_lines(["forge: --forge-seed=5 --forge-ci (ci=on, *"])


def test_the_forge_seed_ini_key_sets_the_session_seed(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nforge_seed = 77\n")
    assert header_seed(pytester.runpytest().outlines) == 77


def test_the_command_line_seed_wins_over_the_ini_seed(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nforge_seed = 77\n")
    assert header_seed(pytester.runpytest("--forge-seed=78").outlines) == 78


def test_a_bad_ini_seed_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nforge_seed = abc\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: ini forge_seed: 'abc' is not a seed*"])


@pytest.mark.parametrize("bad", ["abc", "-3", "1.5"])
def test_a_seed_that_is_not_a_non_negative_integer_is_a_usage_error(
    pytester: pytest.Pytester, bad: str
) -> None:
    result = pytester.runpytest(f"--forge-seed={bad}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*argument --forge-seed: *is not a seed*"])
    assert "Traceback" not in result.stderr.str()


def test_last_reuses_the_seed_of_the_previous_run(pytester: pytest.Pytester) -> None:
    first = header_seed(pytester.runpytest("-p", "no:randomly").outlines)
    result = pytester.runpytest("--forge-seed=last", "-p", "no:randomly")
    result.stdout.fnmatch_lines([f"forge: --forge-seed={first} (ci=off, ai=off, seed of the last run)"])


def test_last_with_no_previous_run_falls_back_to_a_random_seed_and_says_so(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--forge-seed=last")
    result.stdout.fnmatch_lines(
        ["forge: --forge-seed=* (ci=off, ai=off, no previous run for --forge-seed=last*)"]
    )


def test_without_the_cache_provider_a_random_seed_still_works(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW_SETTINGS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-s")
    result.assert_outcomes(passed=1)
    header_seed(result.outlines)


def test_without_the_cache_provider_last_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("-p", "no:cacheprovider", "--forge-seed=last")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: --forge-seed=last reads the previous run's seed from pytest's cache*"]
    )


def test_the_locale_option_reaches_every_forge(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW_SETTINGS)
    result = pytester.runpytest("--forge-locale=de_DE", "-s")
    assert settings_line(result) == "SETTINGS False False de_DE de_DE"
    result.stdout.fnmatch_lines(["forge: --forge-seed=* --forge-locale=de_DE (ci=off, ai=off)"])


def test_the_locale_ini_key_reaches_every_forge(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nforge_locale = fr_FR\n")
    pytester.makepyfile(SHOW_SETTINGS)
    assert settings_line(pytester.runpytest("-s")) == "SETTINGS False False fr_FR fr_FR"


def test_the_options_are_listed_in_help_with_their_ini_twins(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "*--forge-seed=SEED*",
            "*--forge-ci*",
            "*--forge-locale=LOCALE*",
            "*forge_seed (string)*",
            "*forge_ci (bool)*",
            "*forge_locale (string)*",
        ]
    )


AI_STATE = """
import pytest

@pytest.mark.forge(ai=False)
def test_marker_off(forge):
    print("AI", forge.use_ai, forge.settings.auto_detect)

def test_default(forge, forge_session):
    print("AI", forge.use_ai, forge.settings.auto_detect, forge_session.use_ai)
"""


def ai_lines(result: pytest.RunResult) -> list[str]:
    return re.findall(r"^.*?(AI [^\n]*?)\.?$", result.stdout.str(), re.M)


def test_with_a_model_configured_the_header_says_ai_on_and_forges_use_it(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGE_MODEL", "openai/gpt-4o-mini")
    pytester.makepyfile(AI_STATE)
    result = pytester.runpytest("--forge-seed=5", "-s", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["forge: --forge-seed=5 (ci=off, ai=on via FORGE_MODEL)"])
    assert ai_lines(result) == ["AI False False", "AI True False True"]


@pytest.mark.parametrize("variable", ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"])
def test_a_provider_key_alone_leaves_ai_off_and_the_header_says_why(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "sk-test-not-a-real-key-000000")
    pytester.makepyfile(AI_STATE)
    result = pytester.runpytest("--forge-seed=5", "-s", "-p", "no:randomly")
    result.stdout.fnmatch_lines(
        [f"forge: --forge-seed=5 (ci=off, ai=off: {variable} alone does not turn it on under pytest: *)"]
    )
    assert ai_lines(result) == ["AI False False", "AI False False False"]


@pytest.mark.parametrize(
    ("args", "ini", "shown"),
    [(["--forge-ai"], "", "--forge-ai"), ([], "[pytest]\nforge_ai = true\n", "ini forge_ai")],
)
def test_forge_ai_or_its_ini_twin_turns_ai_on_with_a_provider_key(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, args: list[str], ini: str, shown: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-000000")
    if ini:
        pytester.makeini(ini)
    pytester.makepyfile(AI_STATE)
    result = pytester.runpytest("--forge-seed=5", "-s", "-p", "no:randomly", *args)
    result.stdout.fnmatch_lines([f"forge: --forge-seed=5 (ci=off, ai=on via {shown})"])
    assert ai_lines(result) == ["AI False False", "AI True False True"]


def test_a_marker_asking_for_ai_turns_it_on_for_that_test_only(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-000000")
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.forge(ai=True)
        def test_asked(forge):
            print("AI", forge.use_ai)

        def test_not_asked(forge):
            print("AI", forge.use_ai)
        """
    )
    result = pytester.runpytest("-s", "-p", "no:randomly")
    assert ai_lines(result) == ["AI True", "AI False"]


def test_without_a_model_configured_ai_is_off_and_no_local_llm_is_probed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(AI_STATE)
    result = pytester.runpytest("-s", "-p", "no:randomly")
    assert ai_lines(result) == ["AI False False", "AI False False False"]


def test_ci_mode_turns_off_ai_a_configured_model_would_turn_on(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGE_MODEL", "openai/gpt-4o-mini")
    pytester.makepyfile(AI_STATE)
    result = pytester.runpytest("--forge-seed=5", "--forge-ci", "-s", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["forge: --forge-seed=5 --forge-ci (ci=on, ai=off)"])
    assert ai_lines(result) == ["AI False False", "AI False False False"]
