"""An unknown locale is a clear error naming the closest supported ones, wherever it is given."""

from __future__ import annotations

import pytest

from pytest_forge import Forge, UnknownLocaleError
from pytest_forge.locales import closest_locales, unknown_locale


def test_forge_refuses_an_unknown_locale_and_names_the_closest():
    with pytest.raises(UnknownLocaleError, match=r"Forge\(locale='de_XX'\): unknown locale 'de_XX'.*de_DE"):
        Forge(seed=1, locale="de_XX")


def test_a_locale_with_no_close_match_still_names_supported_ones():
    message = unknown_locale("xx_YY")
    assert message is not None
    assert "en_US" in message


@pytest.mark.parametrize("locale", ["de_DE", "de-de", "EN_us", "ja_JP", "de", "en_AU"])
def test_known_spellings_of_supported_locales_are_accepted(locale):
    assert unknown_locale(locale) is None
    assert Forge(seed=1, locale=locale).locale == locale


def test_the_closest_locales_of_a_known_language_put_its_usual_country_first():
    assert closest_locales("fr_XX")[0] == "fr_FR"
    assert closest_locales("jp_JP")[0] == "ja_JP"


def test_an_unknown_forge_locale_option_is_a_usage_error(pytester: pytest.Pytester):
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest("--forge-locale=xx_YY")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--forge-locale=xx_YY: unknown locale 'xx_YY'; the closest supported*en_US*"]
    )


def test_an_unknown_ini_locale_is_a_usage_error_naming_the_ini_key(pytester: pytest.Pytester):
    pytester.makeini("[pytest]\nforge_locale = fr_XX\n")
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini forge_locale = fr_XX: unknown locale*fr_FR*"])


def test_an_unknown_marker_locale_fails_the_test_naming_the_marker(pytester: pytest.Pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.forge(locale="xx_YY")
        def test_marked(forge):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.forge(locale='xx_YY'): unknown locale 'xx_YY'*"])
