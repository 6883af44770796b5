"""The Content-Security-Policy (aiguide/csp.py): written into every page, hashing exactly the page's
inline scripts; in a real Chromium, every page type in both languages loads, searches, switches
palette and language (and calculates) without one violation, and an injected inline script is blocked.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from aiguide.csp import POLICY, PolicyError, add_policy, inline_scripts, policy_for, script_hash
from conftest import html_pages
from test_404 import page_problems

CSP_META = 'meta[http-equiv="Content-Security-Policy"]'


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


# --------------------------------------------------------------------------- the policy, unit by unit

def test_script_hash_is_the_csp_sha256_of_the_exact_text():
    # The example of the CSP Level 2 specification / MDN: <script>alert('Hello, world.');</script>
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert script_hash("alert('Hello, world.'); ") != script_hash("alert('Hello, world.');")


def test_only_scripts_the_browser_runs_are_inline_scripts():
    html = ('<script>a()</script><script src="x.js"></script><script defer src=y.js></script>'
            '<script type="application/json" id="__config">{"a": 1}</script><script type="module">b()</script>'
            '<script data-src="z">c()</script><SCRIPT type="text/javascript">d()</SCRIPT >')
    assert inline_scripts(html) == ["a()", "b()", "c()", "d()"]


def test_the_policy_allows_the_pages_scripts_by_hash_and_nothing_unsafe():
    policy = directives(policy_for("<script>a()</script><script>a()</script><script>b()</script>"))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", *sorted([script_hash("a()"), script_hash("b()")])]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("unsafe-inline" in s or s == "'unsafe-eval'" for sources in policy.values() for s in sources)
    assert "frame-ancestors" not in policy  # ignored in a <meta>


def test_the_live_reload_server_gets_inline_scripts_allowed_instead_of_hashes():
    """`mkdocs serve` injects a script that differs on every request; a built site never allows inline scripts."""
    policy = directives(policy_for("<script>a()</script>", live_reload=True))
    assert policy["script-src"] == [*POLICY["script-src"], "'unsafe-inline'"]
    assert {k: v for k, v in policy.items() if k != "script-src"} == {
        k: list(v) for k, v in POLICY.items() if k != "script-src"}


def test_a_page_without_charset_meta_is_an_error_naming_it():
    with pytest.raises(PolicyError, match=r"vendors/x\.md: no <meta charset"):
        add_policy("<html><head><title>x</title></head></html>", "vendors/x.md")
    once = add_policy('<head><meta charset="utf-8"><script>a()</script>', "x.md")
    with pytest.raises(PolicyError, match="already has a Content-Security-Policy"):
        add_policy(once, "x.md")


# --------------------------------------------------------------------------- the built site

def test_every_page_carries_its_policy_before_any_script(site):
    problems = []
    for path in [*html_pages(site), site / "404.html"]:
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        doc = BeautifulSoup(text, "html.parser")
        metas = doc.select(CSP_META)
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} policies")
            continue
        head = [el for el in doc.head.children if getattr(el, "name", None)]
        if head[:2] != [doc.head.find("meta", charset=True), metas[0]]:
            problems.append(f"{rel}: the policy is not the first element after <meta charset>")
        wanted = sorted({script_hash(s) for s in inline_scripts(text)})
        expected = {**{name: list(sources) for name, sources in POLICY.items()},
                    "script-src": [*POLICY["script-src"], *wanted]}
        if not wanted or directives(metas[0]["content"]) != expected:
            problems.append(f"{rel}: policy {metas[0]['content']!r}, inline script hashes {wanted}")
    assert problems == [], "\n".join(problems[:20])


def test_no_page_has_inline_styles_or_event_handler_attributes(site):
    """What lets style-src stay 'self' and script-src free of 'unsafe-hashes'."""
    found = []
    for path in [*html_pages(site), site / "404.html"]:
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<style\b", r"\sstyle=", r"\son[a-z]+="):
            if re.search(pattern, text):
                found.append(f"{path.relative_to(site).as_posix()}: {pattern}")
    assert found == []


# --------------------------------------------------------------------------- in the browser

# Every violation the page reports, also across navigations (an exposed function outlives them).
RECORD_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e => window.__cspViolation(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""


def watch_policy(page) -> list[str]:
    """Start recording the page's CSP violations (events and the browser's console reports)."""
    violations: list[str] = []
    page.expose_function("__cspViolation", lambda text: violations.append(text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    return violations


PAGE_TYPES = {
    "home": "",
    "diagram": "neural-networks/transformer/",
    "vendor": "vendors/qianfan/",
    "compare": "vendors/compare/",
    "calculator": "vendors/calculator/",
    "glossary": "glossary/",
    "404": "missing-page",  # the test server answers with 404.html, as GitHub Pages does
}
QUERY = {"zh": ("注意力", "neural-networks/transformer/"), "en": ("attention", "en/neural-networks/transformer/")}


def search(page, lang: str) -> list[str]:
    """Open the header search with its shortcut, type a query, wait for the results: their links."""
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(QUERY[lang][0])
    page.wait_for_function(
        "() => document.querySelector('[data-aiguide-search]').getAttribute('data-search-state') === 'ready'")
    links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.pathname)")
    page.keyboard.press("Escape")
    return links


def switch_palette(page) -> None:
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=before)


def calculate(page) -> None:
    page.wait_for_selector("#calc-table tbody tr")
    page.fill("#calc-req", "250")
    page.wait_for_function("() => location.search.includes('req=250')")


def switch_language(page, server: str, lang: str) -> None:
    other = "zh" if lang == "en" else "en"
    page.locator(".md-header .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang={other}]").first.click()
    page.wait_for_function("l => document.documentElement.lang === l", arg=other)
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_works_under_the_policy(page, server, kind, lang):
    violations = watch_policy(page)
    path = ("en/" if lang == "en" else "") + PAGE_TYPES[kind]
    page.goto(server + path, wait_until="networkidle")
    assert page.locator(CSP_META).count() == 1
    assert page.evaluate("document.documentElement.className").startswith("js")  # main.html's inline script ran
    assert page.evaluate("document.documentElement.lang") == lang  # on the 404 page, set by its inline script
    links = search(page, lang)
    assert any(link.endswith(QUERY[lang][1]) for link in links), links
    switch_palette(page)
    if kind == "calculator":
        calculate(page)
    switch_language(page, server, lang)
    assert violations == [], "\n".join(violations)
    assert page_problems(page, server, path) == []


@pytest.mark.browser
def test_search_in_the_page_itself_when_pagefinds_worker_fails(page, server):
    """Pagefind compiles its WebAssembly in the page when its worker fails: what 'wasm-unsafe-eval' is for."""
    violations = watch_policy(page)
    warnings: list[str] = []
    page.on("console", lambda msg: msg.type == "warning" and warnings.append(msg.text))
    page.route("**/pagefind-worker.js", lambda route: route.abort())
    page.goto(server + "en/", wait_until="networkidle")
    links = search(page, "en")
    assert any(link.endswith(QUERY["en"][1]) for link in links), links
    assert any("falling back to main thread" in w for w in warnings), warnings
    assert violations == []
    assert [r for r in page.failed_requests if "pagefind-worker.js" not in r] == []


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(page, server):
    """A copy of a built page with a script injected into its content (what unescaped data could do)."""
    violations = watch_policy(page)
    url = server + "vendors/qianfan/"

    def serve_injected_copy(route):
        body = route.fetch().text()
        injected = body.replace("</article>", "<script>window.__injected = true</script></article>", 1)
        assert injected != body
        route.fulfill(body=injected, content_type="text/html; charset=utf-8")

    page.route(url, serve_injected_copy)
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("document.documentElement.className").startswith("js")  # the page's own scripts ran
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
