"""Every built page is valid HTML for the Nu Html Checker (vnu, the W3C validator), 404 included.

vnu.jar comes from npm (`vnu-jar`, pinned in tests/package-lock.json; scripts/test.sh runs
`npm ci --prefix tests`) and runs on the system's Java: without Java the test is skipped, except
in CI (CI=true), where it fails. One Java process checks the whole site (about 3 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from aiguide.valid_html import TOGGLES_FORM, TOGGLES_FORM_ID, drop_dangling_label_for, own_toggles

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Checked in the same run as the site: it must come back with its error, or the run proves nothing.
CANARY = "<!doctype html><html lang=en><title>canary</title><label for=nowhere>x</label>"


def _java() -> str:
    java = shutil.which("java")
    if not java:
        if os.environ.get("CI"):
            pytest.fail("Java is missing, and CI must run the HTML checker (.ci/run installs default-jre-headless)")
        pytest.skip("Java is not installed: the Nu Html Checker needs it (apt install default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail("vnu.jar is not installed: run `npm ci --prefix tests` (scripts/test.sh does)")
    return java


@pytest.fixture(scope="session")
def vnu_messages(site, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's messages per checked file: the site's pages by site-relative path, the canary as 'canary'."""
    java = _java()
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site), str(canary)],
        capture_output=True, text=True, timeout=300, check=False)
    try:  # vnu writes its JSON report to stderr; exit status 1 only means "messages found"
        messages = json.loads(proc.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu Html Checker did not run (exit {proc.returncode}): {proc.stderr[-2000:]}")
    by_file: dict[str, list[dict]] = {}
    for message in messages:
        path = Path(unquote(urlparse(message.get("url", "")).path))
        key = "canary" if path == canary else path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
        by_file.setdefault(key, []).append(message)
    return by_file


def _errors(messages: list[dict]) -> list[dict]:
    # "non-document-error" is vnu failing to read a file: as bad as an error in it.
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_the_checker_reports_an_error_it_is_shown(vnu_messages):
    errors = _errors(vnu_messages.get("canary", []))
    assert any("for" in m["message"] for m in errors), vnu_messages.get("canary")


def test_every_page_in_both_languages_has_no_html_error(vnu_messages, site):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "404.html" in pages and "en/index.html" in pages, pages
    errors = [(file, m) for file, messages in sorted(vnu_messages.items()) if file != "canary"
              for m in _errors(messages)]
    warnings = [m["message"] for file, ms in vnu_messages.items() if file != "canary" for m in ms
                if m.get("subType") == "warning"]
    # vnu checks the Content-Security-Policy too, but of files: a file: page's 'self' matches no URL, and
    # it counts JSON data blocks (never run, not governed by a policy) as inline scripts. The browser
    # tests (test_csp.py) are the judge of the policy; these warnings are shown apart.
    csp = sum("Content Security Policy" in w for w in warnings)
    print(f"vnu: {len(pages)} pages, {len(errors)} error(s), {len(warnings) - csp} warning(s) "
          f"(+ {csp} about the Content-Security-Policy of pages read from files)")
    report = [f"{file}:{m.get('lastLine', '?')}: {m['message']}\n    {' '.join(m.get('extract', '').split())[:160]}"
              for file, m in errors]
    assert errors == [], f"{len(errors)} HTML error(s) (Nu Html Checker):\n" + "\n".join(report[:60])


# --------------------------------------------------------------------------- Material's markup, fixed

# The Material partials that overrides/partials/ copies, with the SHA-256 of the upstream file each copy
# was made from (Material 9.8.2). A Material upgrade that changes one fails here: redo the copy from
# the new file, re-apply the changes its header comment lists, then record the new hash.
COPIED_PARTIALS = {
    "header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
}


@pytest.mark.parametrize("name", sorted(COPIED_PARTIALS))
def test_overridden_partial_was_copied_from_the_installed_material(name):
    import material
    from importlib.metadata import version

    upstream = Path(material.__file__).parent / "templates" / "partials" / name
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert digest == COPIED_PARTIALS[name], (
        f"Material's partials/{name} (mkdocs-material {version('mkdocs-material')}) is not the file "
        f"overrides/partials/{name} was copied from: redo the copy from it, re-apply the changes listed in "
        f"the copy's header comment, and record the new SHA-256 {digest} in COPIED_PARTIALS")


def test_toggles_are_owned_by_a_form_with_autocomplete_off():
    html = ('<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
    assert own_toggles(html) == (
        f'<body>{TOGGLES_FORM}'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">')
    assert own_toggles(own_toggles(html)) == own_toggles(html)
    text_field = '<input class="md-toggle" type="text" autocomplete="off">'
    assert own_toggles(text_field) == text_field


def test_a_label_keeps_its_for_only_when_the_control_exists():
    html = '<input id="a"><label class="x" for="a">A</label><label class="md-nav__title" for="__toc">B</label>'
    assert drop_dangling_label_for(html) == '<input id="a"><label class="x" for="a">A</label><label class="md-nav__title">B</label>'


def test_built_toggles_keep_their_state_out_of_history(site):
    """Material's intent (no drawer restored open on coming back) kept by the form that owns the toggles."""
    for path in [site / "404.html", site / "index.html", site / "en" / "vendors" / "index.html"]:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        form = doc.find("form", id=TOGGLES_FORM_ID)
        assert form is not None and form.get("autocomplete") == "off", path
        for toggle in ("__drawer", "__search"):
            assert doc.find("input", id=toggle).get("form") == TOGGLES_FORM_ID, (path, toggle)


@pytest.mark.browser
def test_coming_back_to_a_page_does_not_reopen_the_drawer(page, server):
    """What Material's autocomplete="off" was for, in a browser: a page left with the drawer open comes back
    with it closed (Chromium restores a checkbox's state from history unless its form has autocomplete off)."""
    page.goto(server + "vendors/", wait_until="networkidle")
    page.evaluate("document.getElementById('__drawer').checked = true")
    page.goto(server + "glossary/", wait_until="networkidle")
    page.go_back(wait_until="networkidle")
    assert page.url == server + "vendors/"
    assert page.evaluate("document.getElementById('__drawer').checked") is False
