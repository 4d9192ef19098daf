"""The built site, checked as a reader would: served on 127.0.0.1 and opened in real headless Chromium.

Debian's ``chromium`` and ``chromium-driver`` packages, driven by Selenium's WebDriver client: Debian ships
the driver built for exactly its browser, and Selenium needs nothing else (Playwright would want a browser
build of its own, which it downloads). Without them these tests skip and say how to install them.
Screenshots go to the test's temporary folder, or to ``$FORGE_DOCS_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.docs.runner import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's Chromium and its driver: apt-get install -y chromium chromium-driver",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """``mkdocs build --strict`` into a fresh folder, served over HTTP (search needs http, not file://)."""
    site = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert built.returncode == 0, built.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=site)
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("FORGE_DOCS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser, url):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")  # drop what an earlier page logged
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")


def _console_errors(browser):
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _save(browser, path):
    assert browser.save_screenshot(str(path))
    png = path.read_bytes()
    assert png.startswith(b"\x89PNG")
    assert len(png) > 20_000  # a rendered page, not a blank image
    return png


def test_the_home_page_renders_with_no_console_errors(site_url, browser, screenshots):
    from selenium.webdriver.common.by import By

    _open(browser, f"{site_url}/index.html")
    assert browser.title.startswith("pytest-forge")
    assert browser.find_element(By.TAG_NAME, "h1").text == "pytest-forge"
    assert browser.find_elements(By.CSS_SELECTOR, ".md-nav__link")  # the navigation is there
    assert browser.find_elements(By.CSS_SELECTOR, ".highlight code")  # the example, highlighted
    _save(browser, screenshots / "home.png")
    assert _console_errors(browser) == []


def test_a_guide_renders_with_no_console_errors(site_url, browser, screenshots):
    from selenium.webdriver.common.by import By

    _open(browser, f"{site_url}/pytest-plugin.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "The pytest plugin"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table")) >= 3
    _save(browser, screenshots / "guide-pytest-plugin.png")
    assert _console_errors(browser) == []


def test_search_finds_the_relationships_guide(site_url, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, f"{site_url}/index.html")
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "input.md-search__input")
    )
    box.send_keys("foreign key")
    # read the links in one script: the result list is re-rendered as each key arrives
    hrefs = "return [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)"
    links = WebDriverWait(browser, 30).until(
        lambda b: [link for link in b.execute_script(hrefs) if "relationships.html" in link] or False
    )
    assert links
    _save(browser, screenshots / "search.png")
    assert _console_errors(browser) == []


def test_the_reference_pages_hold_the_api_and_every_command(site_url, browser):
    import click
    from selenium.webdriver.common.by import By

    from pytest_forge.cli import main

    _open(browser, f"{site_url}/reference/api.html")
    assert browser.find_elements(By.ID, "pytest_forge.forge.Forge.create_batch")
    _open(browser, f"{site_url}/reference/cli.html")
    text = browser.find_element(By.TAG_NAME, "article").text
    commands = [f"forge {name}" for name in main.commands]
    commands += [
        f"forge {name} {sub}"
        for name, group in main.commands.items()
        if isinstance(group, click.Group)
        for sub in group.commands
    ]
    assert [command for command in commands if command not in text] == []
    assert _console_errors(browser) == []
