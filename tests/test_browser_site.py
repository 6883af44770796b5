"""The site in a real Chromium: pages load cleanly, and the language switcher lands on the twin page."""

from __future__ import annotations

import pytest


PAGES = ["", "en/", "neural-networks/rnn/", "en/neural-networks/rnn/", "vendors/qianfan/", "en/vendors/compare/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_with_no_console_error_and_no_failed_request(page, server, path):
    page.goto(server + path, wait_until="networkidle")
    assert page.title()
    assert page.console_errors == []
    assert page.failed_requests == []


@pytest.mark.parametrize(
    "start, lang, expected",
    [("llm/training/", "en", "en/llm/training/"), ("en/llm/training/", "zh", "llm/training/"),
     ("", "en", "en/"), ("en/", "zh", "")],
)
def test_clicking_the_language_switcher_lands_on_the_twin(page, server, start, lang, expected):
    page.goto(server + start)
    page.locator(".md-header .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang={lang}]").first.click()
    page.wait_for_url(server + expected)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.failed_requests == []


def test_switching_language_keeps_the_section(page, server):
    page.goto(server + "neural-networks/rnn/")
    heading_id = page.locator("article h2[id]").first.get_attribute("id")
    assert heading_id and not heading_id.startswith("_"), heading_id
    page.goto(server + f"neural-networks/rnn/#{heading_id}")
    page.locator(".md-header .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").first.click()
    page.wait_for_url(server + f"en/neural-networks/rnn/#{heading_id}")
    assert page.locator(f"[id='{heading_id}']").count() == 1
