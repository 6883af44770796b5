"""Accessibility of the built site in a real Chromium: axe-core on every page type, in both languages,
both palettes and at desktop and phone widths, and the header controls used with the keyboard alone.

axe-core comes from npm, pinned in tests/package-lock.json (scripts/test.sh runs `npm ci --prefix tests`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# One page of each kind; each is checked in both languages (404.html is one page for both, Chinese first).
PAGE_TYPES = {
    "home": "",
    "text": "basics/ai/",
    "diagram": "neural-networks/transformer/",
    "training-diagram": "llm/training/",
    "vendor-overview": "vendors/",
    "vendor": "vendors/qianfan/",
    "compare": "vendors/compare/",
    "calculator": "vendors/calculator/",
    "glossary": "glossary/",
    "about": "about/",
}
LANG_PREFIX = {"zh": "", "en": "en/"}
SCHEMES = {"light": "default", "dark": "slate"}
# Lighthouse's phone (Moto G Power) and a laptop: some problems exist at one width only (a table that
# scrolls sideways on a phone; header tabs that only a wide screen shows).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 412, "height": 823}}


def _axe_path() -> Path:
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: run `npm ci --prefix tests` (scripts/test.sh does)")
    return AXE


def forget_palette(page) -> None:
    """Material stores the palette in localStorage on every load; forget it before each page's scripts
    run, so that every load follows the emulated system setting."""
    page.add_init_script("try { localStorage.clear() } catch (error) {}")


def open_page(page, url: str, palette: str) -> None:
    """Load url in the given palette. The site's palettes follow prefers-color-scheme until the reader
    picks one, so emulating the system setting selects the palette exactly as a reader's OS would."""
    page.emulate_media(color_scheme=palette)
    page.goto(url, wait_until="networkidle")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == SCHEMES[palette], f"{url}: expected the {palette} palette, body has {scheme!r}"


def run_axe(page) -> list[dict]:
    # Evaluated through DevTools, as a test harness does: the page's Content-Security-Policy (rightly) blocks
    # an injected <script> element.
    page.evaluate(_axe_path().read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                      summary: n.failureSummary}))
          }));
        }"""
    )


def describe(violations: list[dict], url: str) -> str:
    """A failure message a person can act on: rule, impact, help link, and where."""
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:6]:
            lines.append(f"    at {node['target']}\n      {node['html']}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
        if len(v["nodes"]) > 6:
            lines.append(f"    … and {len(v['nodes']) - 6} more element(s)")
    return "\n".join(lines)


CASES = [
    pytest.param(LANG_PREFIX[lang] + path, id=f"{kind}-{lang}")
    for kind, path in PAGE_TYPES.items()
    for lang in LANG_PREFIX
] + [pytest.param("404.html", id="404-zh")]


@pytest.mark.parametrize("path", CASES)
def test_no_axe_violation_in_either_palette_or_width(page, server, path):
    url = server + path
    forget_palette(page)
    reports = []
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for palette in SCHEMES:
            open_page(page, url, palette)
            violations = run_axe(page)
            if violations:
                reports.append(describe(violations, f"{url} ({palette} palette, {viewport})"))
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)
    assert page.console_errors == [] and page.failed_requests == []


def test_axe_reports_a_real_violation(page, server):
    """The check can fail: an image without alt text and low-contrast text are reported."""
    open_page(page, server, "light")
    page.evaluate(
        """() => {
          const p = document.querySelector('article p');
          p.insertAdjacentHTML('afterend', '<p>faint text</p><img src="assets/favicon.svg">');
          // Through the CSSOM: the Content-Security-Policy blocks style attributes in markup.
          Object.assign(p.nextElementSibling.style, {color: '#bbb', background: '#fff'});
        }"""
    )
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "color-contrast"} <= ids, json.dumps(sorted(ids))


# --------------------------------------------------------------------------- keyboard


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches selector; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"{selector} not reached with {limit} Tab presses (focus ended on {focused})")


@pytest.mark.parametrize("start, lang, expected", [("vendors/qianfan/", "en", "en/vendors/qianfan/"),
                                                   ("en/", "zh", "")])
def test_keyboard_reaches_and_uses_the_language_switcher(page, server, start, lang, expected):
    page.goto(server + start, wait_until="networkidle")
    selector = f"a.md-select__link[hreflang={lang}]"
    tab_to(page, selector)
    link = page.locator(selector).first
    assert link.is_visible(), "the focused language link must be visible (the menu opens on focus)"
    page.keyboard.press("Enter")
    page.wait_for_url(server + expected)
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_keyboard_toggles_the_palette_and_the_choice_is_kept(page, server, lang):
    open_page(page, server + LANG_PREFIX[lang], "light")
    tab_to(page, "input.md-option[name=__palette]")
    # The focused toggle shows a focus ring on its visible label.
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline != "none", "the palette toggle shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.keyboard.press("Enter")  # and back
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.reload(wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.parametrize("lang, query", [("zh", "注意力"), ("en", "attention")])
def test_keyboard_reaches_search_and_gets_results(page, server, lang, query):
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(server + LANG_PREFIX[lang], wait_until="networkidle")
    tab_to(page, ".md-search__input")
    page.keyboard.type(query)
    results = page.locator(".md-search-result__list li a, .md-search-result__list a")
    results.first.wait_for(state="visible")
    assert results.count() > 0


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_keyboard_focus_shows_a_glossary_tooltip(page, server, lang):
    page.goto(server + LANG_PREFIX[lang] + "basics/ai/", wait_until="networkidle")
    tab_to(page, "abbr.aiguide-term")
    term = page.evaluate("() => document.activeElement.dataset.term")
    try:  # Material attaches the tooltip on focus, asynchronously
        page.wait_for_function("() => document.activeElement.hasAttribute('aria-describedby')", timeout=5000)
    except Exception:
        pytest.fail(f"the focused term {term!r} is not described by a tooltip")
    tooltip_id = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"[id='{tooltip_id}']")
    tooltip.wait_for(state="visible")
    assert tooltip.get_attribute("role") == "tooltip"
    assert len(tooltip.inner_text().strip()) > 5, "the tooltip shows no definition"
