"""The page served for a missing address (overrides/404.html): both languages, English first under
<base>/en/, links to both home pages, search, no console error; at any depth under the site's base
path. The test server answers a missing address with the root 404.html, as GitHub Pages does
(conftest.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import BASE_PATH

TEXTS = '[data-aiguide-not-found] > [lang]'


def test_the_404_page_offers_both_languages_chinese_first_without_script(site):
    doc = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    texts = doc.select(TEXTS)
    assert [t["lang"] for t in texts] == ["zh", "en"]
    assert [t.h1.get_text() for t in texts] == ["页面不存在", "Page not found"]
    homes = {a["hreflang"]: a["href"] for t in texts for a in t.select("a[hreflang]")}
    assert homes == {"zh": BASE_PATH, "en": BASE_PATH + "en/"}
    assert all(t.select_one('label[for="__search"]') for t in texts)


# Chromium logs a document's own 404 status as a console error; GitHub Pages answers a missing
# address with that status, so this one message is expected (any other failed request is listed
# with its URL in page.failed_requests, checked too).
DOCUMENT_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def page_problems(page, server, path: str) -> list[str]:
    return ([r for r in page.failed_requests if not r.startswith(f"{server}{path} (HTTP 404)")]
            + [e for e in page.console_errors if e != DOCUMENT_404])


def open_missing(page, server, path: str):
    """Load a missing address: it answers 404 with the site's 404 page, and nothing else fails."""
    page.failed_requests.clear()
    page.console_errors.clear()
    response = page.goto(server + path, wait_until="networkidle")
    assert response.status == 404
    assert page_problems(page, server, path) == []


@pytest.mark.browser
@pytest.mark.parametrize("path, lang, first_heading", [
    ("missing", "zh", "页面不存在"),
    ("basics/no-such-page/", "zh", "页面不存在"),
    ("english/", "zh", "页面不存在"),  # only <base>/en/ is English
    ("en/missing", "en", "Page not found"),
    ("en/llm/no/such/page.html", "en", "Page not found"),
])
def test_a_missing_address_gets_the_404_in_its_language_first(page, server, path, lang, first_heading):
    open_missing(page, server, path)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(TEXTS).evaluate_all("els => els.map(e => e.lang)") == [lang, "en" if lang == "zh" else "zh"]
    assert page.locator(f"{TEXTS} h1").first.inner_text() == first_heading
    assert page.title().startswith("404 - " + first_heading)
    # The stylesheets and scripts came from the site's base path, whatever the depth of the address.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


@pytest.mark.browser
@pytest.mark.parametrize("path, home", [("missing", ""), ("en/missing", "en/")])
def test_home_links_lead_home_in_each_language(page, server, path, home):
    open_missing(page, server, path)
    page.locator(f"{TEXTS} a[hreflang]").first.click()
    page.wait_for_url(server + home)
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == ("en" if home else "zh")
    for other in ("", "en/"):
        open_missing(page, server, path)
        page.locator(f'{TEXTS} a[href="{BASE_PATH + other}"]').click()
        page.wait_for_url(server + other)
        page.wait_for_load_state("networkidle")  # nothing left to abort when the next page loads


@pytest.mark.browser
@pytest.mark.parametrize("path, query, expected", [
    ("missing", "注意力", "neural-networks/transformer/"),
    ("en/missing", "attention", "en/neural-networks/transformer/"),
])
def test_search_from_the_404_finds_pages_in_its_language(page, server, path, query, expected):
    open_missing(page, server, path)
    page.locator(f'{TEXTS} label[for="__search"]').first.click()
    field = page.locator(".md-search__input")
    field.wait_for(state="visible")
    field.fill(query)
    page.wait_for_function(
        "() => document.querySelector('[data-aiguide-search]').getAttribute('data-search-state') === 'ready'")
    found = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.pathname)")
    assert BASE_PATH + expected in found, found
    assert all(p.startswith(BASE_PATH + "en/") == (expected.startswith("en/")) for p in found), found
    assert page_problems(page, server, path) == []
