"""Formulas typeset as MathML at build time (aiguide/mathml.py, hooks/math_hook.py).

The converter on its own; the real site and a test build whose About pages carry the formulas of
tests/data/math/ (the real pages get their formulas from the chapters; this build has some whatever
the chapters hold): no LaTeX delimiter left in any page's text, every <math> with its accessible text,
no script; a bad formula stops the build naming page and formula; in Chromium, in both languages and
both palettes, every formula has a size, the text colour, and at 390 px scrolls instead of widening
the page; search indexes the prose around formulas, not the formulas.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from aiguide.mathml import MathError, check_braces, to_mathml, typeset
from conftest import ROOT, build_site, html_pages, mount, page_lang, project_copy, serve

FIXTURE = Path(__file__).parent / "data" / "math"
FIXTURE_PAGE = "about/"  # the page of the test build that carries the fixture's formulas
FIXTURE_COUNTS = {"inline": 7, "block": 5}  # per language, as written in tests/data/math/formulas.*.md
LONG_FORMULA = r"\mathcal{L}_{\mathrm{DPO}}"  # the start of the fixture's widest formula (DPO's loss)


def arithmatex_html(source: str) -> str:
    """Markdown → HTML with pymdownx.arithmatex configured as in mkdocs.yml."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        extensions = yaml_load(f)["markdown_extensions"]
    config = next(e["pymdownx.arithmatex"] for e in extensions if isinstance(e, dict) and "pymdownx.arithmatex" in e)
    assert config == {"generic": True}, "the converter reads arithmatex's generic output"
    return markdown.markdown(source, extensions=["pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": config})


def math_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- the converter ------------------------------------------------------------------------------

def test_an_inline_formula_is_inline_mathml_with_its_source_as_alttext():
    m = math_of(to_mathml(r"e^{z_i}", block=False)).math
    assert m is not None and m.get("display") is None
    assert m["alttext"] == r"e^{z_i}"
    assert m.find("msup") is not None


def test_a_display_formula_is_block_mathml_and_its_alttext_is_one_line():
    m = math_of(to_mathml("\\frac{a}{b}\n  + c", block=True)).math
    assert m["display"] == "block"
    assert m["alttext"] == r"\frac{a}{b} + c"
    assert m.find("mfrac") is not None


def test_text_and_alttext_are_escaped():
    html = to_mathml(r'\text{a<b & "c"} < d', block=False)
    m = math_of(html).math
    assert m.find("b") is None, html  # latex2mathml alone would open a <b> element here
    assert m.find("mtext").get_text() == 'a<b\xa0&\xa0"c"'  # spaces in \text are kept (no-break)
    assert m["alttext"] == r'\text{a<b & "c"} < d'
    assert 'alttext="\\text{a&lt;b &amp; &quot;c&quot;} &lt; d"' in html


def test_characters_are_written_as_characters_not_references():
    html = to_mathml(r"\sum_j \sigma", block=False)
    assert "∑" in html and "σ" in html and "&#x" not in html


def test_a_function_name_is_followed_by_a_thin_space_except_before_a_bracket():
    spaced = math_of(to_mathml(r"\log \sigma", block=False)).mrow
    assert [c.name for c in spaced.children] == ["mi", "mspace", "mi"]
    tight = math_of(to_mathml(r"\exp(x)", block=False)).mrow
    assert "mspace" not in [c.name for c in tight.children]
    sub = math_of(to_mathml(r"\log_2 x", block=False)).msub
    assert [c.name for c in sub.children] == ["mi", "mn"], "nothing may go inside <msub>"


def test_standard_latex_that_latex2mathml_lacks_is_supported():
    m = math_of(to_mathml(r"\arg\max_{x} f(x)", block=True)).math
    assert [c.get_text() for c in m.mrow.find_all("mo", recursive=False)][0] == "arg"
    assert m.find("munder").mo["movablelimits"] == "true", "limits go under max in a display formula"
    assert math_of(to_mathml(r"\max_{x} f", block=False)).find("msub") is not None, "but beside it inline"


@pytest.mark.parametrize("latex, reason", [
    (r"\frac{1}{2", "1 '{' not closed"),
    (r"x}", "a '}' without its '{'"),
    (r"x^", "missing super script or subscript"),
    (r"\left( x", "extra left or missing right"),
    (r"\farc{1}{2}", r"unknown command \farc"),
    (" ", "the formula is empty"),
])
def test_a_bad_formula_is_an_error_saying_what_is_wrong(latex, reason):
    with pytest.raises(MathError) as info:
        to_mathml(latex, block=True)
    assert str(info.value).startswith(reason), str(info.value)


def test_escaped_braces_are_not_counted():
    check_braces(r"\{ x \} \\ {y}")
    with pytest.raises(MathError):
        check_braces(r"\{ x }")


def test_typeset_replaces_both_forms_and_names_page_and_formula_on_error():
    html = arithmatex_html("Inline $a<b$ here.\n\n$$\n\\frac{1}{2}\n$$\n")
    out = typeset(html, "basics/ai.en.md")
    soup = math_of(out)
    assert [m.get("display") for m in soup.find_all("math")] == [None, "block"]
    assert soup.find("div", class_="arithmatex").math is not None
    assert soup.find("span", class_="arithmatex").math["alttext"] == "a<b"
    assert "\\(" not in out and "\\[" not in out

    bad = arithmatex_html("Text.\n\n$$\n\\frac{1}{2\n$$\n")
    with pytest.raises(MathError) as info:
        typeset(bad, "basics/ai.en.md")
    assert str(info.value) == r"basics/ai.en.md: formula $$\frac{1}{2$$: 1 '{' not closed"


@pytest.mark.parametrize("source", [
    "Text\n$$\nx = 1\n$$\n",  # no blank line before the block: arithmatex leaves it as text
    "A sentence with $$x$$ inside.",  # read as $ + inline formula + $
])
def test_dollars_arithmatex_did_not_take_stop_the_build(source):
    with pytest.raises(MathError, match=r"^llm/index.zh.md: '\$' signs left in the text near"):
        typeset(arithmatex_html(source), "llm/index.zh.md")


def test_dollars_in_code_are_left_alone():
    html = arithmatex_html("Use `$$` for blocks.\n\n```\nprint('$$')\n```\n")
    assert typeset(html, "about.en.md") == html


def test_a_bad_formula_fails_the_build_naming_page_and_formula(tmp_path):
    project = project_copy(tmp_path)
    page = project / "docs" / "about.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n$$\n\\frac{a}{b\n$$\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert r"about.en.md: formula $$\frac{a}{b$$: 1 '{' not closed" in output, output
    assert "Traceback" not in output


# --- the built sites ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def math_site(tmp_path_factory) -> Path:
    """The site built with the fixture's formulas appended to the About page, both languages."""
    project = project_copy(tmp_path_factory.mktemp("math"))
    for lang in ("zh", "en"):
        page = project / "docs" / f"about.{lang}.md"
        extra = (FIXTURE / f"formulas.{lang}.md").read_text(encoding="utf-8")
        page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return build_site(project / "site", config_file=project / "mkdocs.yml")


@pytest.fixture(params=["site", "math_site"])
def any_site(request) -> Path:
    return request.getfixturevalue(request.param)


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text as a reader sees it, without code (where `$$` or `\\(` may be meant) and scripts."""
    body = soup.body
    for el in body.find_all(["pre", "code", "script", "style", "math"]):
        el.decompose()
    return body.get_text(" ")


def test_no_latex_delimiter_is_left_in_any_page(any_site):
    left = []
    for path in html_pages(any_site):
        text = visible_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        left += [f"{path.relative_to(any_site)}: {d}" for d in ("\\(", "\\)", "\\[", "\\]", "$$") if d in text]
    assert left == []


def test_every_formula_is_mathml_with_an_accessible_text(any_site):
    for path in html_pages(any_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(any_site)
        for m in soup.find_all("math"):
            assert m.get("alttext", "").strip(), f"{where}: a <math> without alttext"
            assert m.parent.has_attr("data-pagefind-ignore"), f"{where}: a formula indexed for search"
        for block in soup.find_all("div", class_="arithmatex"):
            assert [m.get("display") for m in block.find_all("math")] == ["block"], f"{where}: {block}"
        raw = [el for el in soup.find_all(class_="arithmatex") if el.find("math") is None]
        assert raw == [], f"{where}: formulas left unconverted"


def test_no_math_script_stylesheet_or_font_is_loaded(any_site):
    for path in html_pages(any_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = [el.get("src") or el.get("href") or "" for el in soup.find_all(["script", "link"])]
        math_libs = [url for url in loaded if any(name in url.lower() for name in ("mathjax", "katex", "polyfill"))]
        assert math_libs == [], f"{path.relative_to(any_site)}"


def test_the_test_build_carries_the_fixture_formulas(math_site, site):
    for prefix in ("", "en/"):
        soup = BeautifulSoup((math_site / prefix / FIXTURE_PAGE / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        maths = soup.find_all("math")
        assert len([m for m in maths if m.get("display") == "block"]) == FIXTURE_COUNTS["block"]
        assert len([m for m in maths if m.get("display") is None]) == FIXTURE_COUNTS["inline"]
        # the same page without the fixture has the same scripts: formulas add none
        real = BeautifulSoup((site / prefix / FIXTURE_PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert [s.get("src") for s in soup.find_all("script")] == [s.get("src") for s in real.find_all("script")]


# --- search -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def math_server(math_site, tmp_path_factory):
    with serve(mount(math_site, tmp_path_factory.mktemp("math-mount"))) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_finds_the_prose_around_formulas_but_not_the_formulas(page, math_server, lang):
    from test_search import open_search, path_of, run_query

    open_search(page, math_server, lang)
    found = [path_of(r["href"], math_server) for r in run_query(page, "quokkaprose")]
    assert found == [("en/" if lang == "en" else "") + FIXTURE_PAGE]
    assert run_query(page, "zanzibarium") == [], "the text inside a formula was indexed"
    assert page.console_errors == [] and page.failed_requests == []


# --- in the browser -----------------------------------------------------------------------------

PROBE = """() => {
  document.querySelectorAll('.md-content details').forEach((d) => { d.open = true; });  // answers too
  const para = document.querySelector('.md-typeset p');
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    text: getComputedStyle(para).color,
    pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
    maths: [...document.querySelectorAll('.md-content math')].map((m) => {
      const b = m.getBoundingClientRect();
      return {alt: m.getAttribute('alttext'), width: b.width, height: b.height, color: getComputedStyle(m).color};
    }),
    blocks: [...document.querySelectorAll('.md-content div.arithmatex')].map((w) => {
      const box = w.getBoundingClientRect(), m = w.querySelector('math').getBoundingClientRect();
      return {alt: w.querySelector('math').getAttribute('alttext'), scrolls: w.scrollWidth > w.clientWidth + 1,
              overflowX: getComputedStyle(w).overflowX, tabindex: w.getAttribute('tabindex'),
              upDown: getComputedStyle(w).overflowY !== 'hidden' && w.scrollHeight > w.clientHeight + 1,
              cutLeft: box.left - m.left, right: box.right};
    }),
  };
}"""


def open_formulas(page, url: str, dark: bool, width: int) -> dict:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme="dark" if dark else "light")
    page.add_init_script("try { localStorage.clear() } catch (error) {}")  # follow the emulated setting
    page.goto(url)
    page.wait_for_timeout(50)  # the scroll-frame fix runs in a timeout after DOMContentLoaded (a11y.py)
    return page.evaluate(PROBE)


def assert_formulas_render(probe: dict, where: str) -> None:
    assert probe["maths"], f"{where}: no formula"
    empty = [m["alt"] for m in probe["maths"] if m["width"] <= 0 or m["height"] <= 0]
    assert empty == [], f"{where}: formulas drawn with no size"
    off = [m["alt"] for m in probe["maths"] if m["color"] != probe["text"]]
    assert off == [], f"{where}: formulas not in the text colour {probe['text']}"
    assert probe["pageWidth"] <= probe["viewport"], f"{where}: the page scrolls sideways"
    for block in probe["blocks"]:
        assert block["overflowX"] == "auto" and block["cutLeft"] <= 1 and not block["upDown"], f"{where}: {block}"
        assert (block["tabindex"] == "0") == block["scrolls"], f"{where}: a scrolling formula must take focus: {block}"


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_formulas_render_in_both_palettes_and_scroll_on_a_phone(page, math_server, lang, dark):
    url = math_server + ("en/" if lang == "en" else "") + FIXTURE_PAGE
    wide = open_formulas(page, url, dark, 1280)
    assert wide["scheme"] == ("slate" if dark else "default")
    assert_formulas_render(wide, f"{lang} 1280px")
    assert len(wide["maths"]) == sum(FIXTURE_COUNTS.values())
    assert not any(b["scrolls"] for b in wide["blocks"]), "every fixture formula fits a desktop column"

    phone = open_formulas(page, url, dark, 390)
    assert_formulas_render(phone, f"{lang} 390px")
    long = [b for b in phone["blocks"] if b["alt"].startswith(LONG_FORMULA)]
    assert len(long) == 1 and long[0]["scrolls"], "the long formula should scroll in its frame at 390px"
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
def test_the_palettes_give_formulas_different_colours(page, math_server):
    url = math_server + "en/" + FIXTURE_PAGE
    colours = {dark: {m["color"] for m in open_formulas(page, url, dark, 1280)["maths"]} for dark in (False, True)}
    assert len(colours[False]) == len(colours[True]) == 1 and colours[False] != colours[True]


def pages_with_formulas(site: Path) -> list[tuple[str, str]]:
    found = []
    for path in html_pages(site):
        if "<math" in path.read_text(encoding="utf-8"):
            rel = path.parent.relative_to(site).as_posix()
            found.append((page_lang(site, path), "" if rel == "." else rel + "/"))
    return found


@pytest.mark.browser
def test_the_sites_own_formulas_render_on_a_phone_in_both_palettes(page, server, site):
    pages = pages_with_formulas(site)
    if not pages:
        pytest.skip("no page of the site has a formula yet (the fixture build covers the mechanism)")
    assert {lang for lang, _ in pages} == {"zh", "en"}, f"formulas in one language only: {pages}"
    for lang, rel in pages:
        for dark in (False, True):
            assert_formulas_render(open_formulas(page, server + rel, dark, 390), f"{rel} ({'dark' if dark else 'light'})")
    assert page.console_errors == [] and page.failed_requests == []
