"""The inline SVG diagrams (`<!-- md:diagram NAME -->`): present on their pages in both languages,
accessible (role=img, title and desc in the page's language), self-contained and small, and legible
in both colour palettes in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aiguide import diagrams
from aiguide.shortcodes import Context, MarkerError, expand
from conftest import ROOT

PAGES = {  # diagram -> the page (path under each language's root) that shows it
    "transformer": "neural-networks/transformer/",
    "rnn": "neural-networks/rnn/",
    "cnn": "neural-networks/cnn/",
    "llm-training": "llm/training/",
}
CASES = [(name, lang) for name in PAGES for lang in ("zh", "en")]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def built_page(site: Path, name: str, lang: str) -> Path:
    return site / ("en/" if lang == "en" else "") / PAGES[name] / "index.html"


def ctx(lang: str = "zh", page: str = "test.zh.md", root: Path = ROOT) -> Context:
    return Context(lang=lang, page=page, root=root)


# --- the handler ---------------------------------------------------------------------------------

def test_the_label_table_and_the_drawings_match():
    assert sorted(diagrams.load(ROOT)) == sorted(PAGES)


def test_an_unknown_diagram_is_an_error_naming_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown diagram 'nope' \(known: cnn, llm-training, rnn, transformer\)"):
        diagrams.diagram(["nope"], ctx())


def test_an_unknown_diagram_fails_the_marker_with_the_page_named():
    from markers import HANDLERS

    with pytest.raises(MarkerError, match=r"^basics/ai\.en\.md: marker .*md:diagram nope.*known: cnn, llm-training"):
        expand("Text\n\n<!-- md:diagram nope -->\n", ctx("en", "basics/ai.en.md"), HANDLERS)


def test_the_marker_needs_exactly_one_name():
    with pytest.raises(ValueError, match="expected one diagram name"):
        diagrams.diagram([], ctx())
    with pytest.raises(ValueError, match="expected one diagram name"):
        diagrams.diagram(["rnn", "cnn"], ctx())


def test_ids_are_unique_within_a_page_and_stable_across_pages():
    page = ctx()
    first, second = diagrams.diagram(["rnn"], page), diagrams.diagram(["rnn"], page)
    assert 'id="aiguide-dgm-rnn-title"' in first and 'id="aiguide-dgm-rnn-2-title"' in second
    assert 'id="aiguide-dgm-rnn-title"' in diagrams.diagram(["rnn"], ctx())  # a new page starts again


@pytest.mark.parametrize("name, lang", CASES)
def test_the_output_is_one_line_of_html_with_every_placeholder_filled(name, lang):
    out = diagrams.diagram([name], ctx(lang))
    assert "\n" not in out and "{{" not in out and "<!--" not in out
    assert out.startswith('<figure class="aiguide-diagram"><svg role="img"') and out.endswith("</figure>")


def write_diagram_folder(tmp_path: Path, labels: str, svg: str = '<svg viewBox="0 0 9 9"><text>{{a}}</text></svg>') -> Path:
    folder = tmp_path / "data" / "diagrams"
    folder.mkdir(parents=True)
    (folder / "labels.yml").write_text(labels, encoding="utf-8")
    (folder / "x.svg").write_text(svg, encoding="utf-8")
    return tmp_path


GOOD = "x:\n  title: {zh: 标题, en: T}\n  desc: {zh: 描述, en: D}\n  caption: {zh: 图, en: C}\n"


def test_a_tiny_diagram_renders_with_escaped_labels(tmp_path):
    root = write_diagram_folder(tmp_path, GOOD + "  a: {zh: 甲, en: A & B}\n")
    out = diagrams.diagram(["x"], ctx("en", root=root))
    assert "<text>A &amp; B</text>" in out and '<desc id="aiguide-dgm-x-desc">D</desc>' in out


@pytest.mark.parametrize(
    "labels, svg, message",
    [
        (GOOD + "  a: {zh: 甲}\n", None, r"labels\.yml, line \d+: x\.a: expected exactly the languages \['zh', 'en'\]; found \['zh'\]"),
        (GOOD + "  a: {zh: 甲, en: ''}\n", None, r"x\.a\.en: expected a non-empty string; found ''"),
        (GOOD, None, r"labels\.yml, line 1: x: expected labels for every placeholder of x\.svg; found none for \['a'\]"),
        (GOOD + "  a: {zh: 甲, en: A}\n  b: {zh: 乙, en: B}\n", None, r"found unused \['b'\]"),
        ("x:\n  a: {zh: 甲, en: A}\n", None, r"x: expected the keys \['title', 'desc', 'caption'\]"),
        (GOOD + "  a: {zh: 甲, en: A}\n", "<g>{{a}}</g>", r"x\.svg: \(the whole file\): expected one <svg"),
    ],
)
def test_bad_labels_or_drawings_are_reported_by_file_and_entry(tmp_path, labels, svg, message):
    root = write_diagram_folder(tmp_path, labels, *([svg] if svg else []))
    with pytest.raises(ValueError, match=message):
        diagrams.diagram(["x"], ctx(root=root))


def test_a_diagram_over_the_size_budget_is_refused(tmp_path):
    root = write_diagram_folder(tmp_path, GOOD + "  a: {zh: 甲, en: " + "A" * 9000 + "}\n")
    with pytest.raises(ValueError, match=r"x\.svg: expected at most 8192 bytes inline \(en\), found \d+"):
        diagrams.diagram(["x"], ctx("en", root=root))


# --- the built site --------------------------------------------------------------------------------

def page_soup(site: Path, name: str, lang: str) -> BeautifulSoup:
    return BeautifulSoup(built_page(site, name, lang).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("name, lang", CASES)
def test_the_diagram_is_on_its_page_and_accessible_in_the_page_language(site, name, lang):
    soup = page_soup(site, name, lang)
    figures = soup.select("figure.aiguide-diagram")
    assert len(figures) == 1, f"{PAGES[name]} ({lang}): expected one diagram, found {len(figures)}"
    figure = figures[0]
    assert figure.parent.name != "p", "the figure was wrapped in a paragraph by Markdown"
    svg = figure.find("svg")
    assert svg is not None and f"aiguide-dgm--{name}" in svg["class"]
    assert svg["role"] == "img"
    assert svg["lang"] == soup.html["lang"] == lang
    title_id, desc_id = svg["aria-labelledby"].split()
    title, desc = svg.find("title", id=title_id), svg.find("desc", id=desc_id)
    assert title is not None and desc is not None
    assert title.parent is svg and svg.contents[0] is title, "<title> must be the svg's first child"
    caption = figure.figcaption.get_text(strip=True)
    texts = {"title": title.get_text(strip=True), "desc": desc.get_text(strip=True), "caption": caption}
    assert all(texts.values()), texts
    assert len(texts["desc"]) > len(texts["title"]) + 20, "the desc should describe the flow, not repeat the title"
    if lang == "zh":
        assert all(CJK.search(t) for t in texts.values()), texts
    else:
        everything = figure.get_text(" ", strip=True)
        assert not CJK.search(everything), CJK.findall(everything)
    # Every id on the page is unique (the svg's own ones included).
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert sorted(set(ids)) == sorted(ids), [i for i in ids if ids.count(i) > 1]


@pytest.mark.parametrize("name, lang", CASES)
def test_the_svg_is_small_and_self_contained(site, name, lang):
    figure = page_soup(site, name, lang).select_one("figure.aiguide-diagram")
    svg = str(figure.find("svg"))
    assert len(svg.encode("utf-8")) <= 8 * 1024
    assert figure.find(["script", "image", "img", "foreignobject", "a", "style"]) is None
    assert not [tag for tag in figure.find_all(True) for attr in tag.attrs if attr.lower().endswith("href")]
    assert not re.search(r"https?:|//|@import|\bon[a-z]+=", svg), "an external reference or event handler"
    assert re.findall(r"url\(([^)]*)\)", svg) == [f"#{figure.find('marker')['id']}"] * svg.count("url(")


# --- in the browser ------------------------------------------------------------------------------

# For every <text>: its colour, and the fills painted under its centre (document order), so that the
# test can compose them over the page background the way the browser does. Also its box, the box of
# the node it sits in (if any) and the drawing's own box, to catch labels that do not fit.
PROBE = """(svg) => {
  const opacity = (el) => { let o = 1; for (; el && el !== svg.parentElement; el = el.parentElement)
    o *= parseFloat(getComputedStyle(el).opacity); return o; };
  const paint = (el) => { const s = getComputedStyle(el);
    return {color: s.fill, alpha: parseFloat(s.fillOpacity) * opacity(el)}; };
  const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const shapes = [...svg.querySelectorAll('rect, circle')].filter((el) => !el.closest('defs'));
  const vb = svg.viewBox.baseVal;
  let bg = null;
  for (let el = svg.parentElement; el && !bg; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') bg = c;
  }
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'), background: bg,
    viewbox: [vb.x, vb.y, vb.x + vb.width, vb.y + vb.height],
    texts: [...svg.querySelectorAll('text')].map((t) => {
      const b = box(t), cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
      const under = shapes.filter((s) => { const r = box(s); return r[0] <= cx && cx <= r[2] && r[1] <= cy && cy <= r[3]; });
      const nodes = under.filter((s) => !s.matches('.g, .bd'));
      return {text: t.textContent, box: b, paint: paint(t), under: under.map(paint),
              node: nodes.length ? box(nodes[nodes.length - 1]) : null};
    }),
  };
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(numbers) in (3, 4), f"unexpected colour {css!r}"
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)


def over(top: tuple, alpha: float, bottom: tuple) -> tuple:
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3]))


def luminance(rgb: tuple) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple, b: tuple) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_contrasts(probe: dict) -> list[tuple[str, float]]:
    """(label, contrast ratio against what is painted under it) for every text of the drawing."""
    page = rgba(probe["background"])
    assert page[3] == 1, f"the page background is not opaque: {probe['background']}"
    result = []
    for text in probe["texts"]:
        ground = page[:3]
        for layer in text["under"]:
            colour = rgba(layer["color"])
            ground = over(colour, colour[3] * layer["alpha"], ground)
        colour = rgba(text["paint"]["color"])
        result.append((text["text"], contrast(over(colour, colour[3] * text["paint"]["alpha"], ground), ground)))
    return result


def layout_problems(probe: dict) -> list[str]:
    """Labels that stick out of their box or of the drawing, or that overlap another label."""
    problems, slack = [], 1.5
    x0, y0, x1, y1 = probe["viewbox"]
    boxes = [(t["text"], t["box"]) for t in probe["texts"]]
    for text in probe["texts"]:
        b = text["box"]
        if b[0] < x0 - slack or b[1] < y0 - slack or b[2] > x1 + slack or b[3] > y1 + slack:
            problems.append(f"{text['text']!r} leaves the drawing")
        n = text["node"]
        if n and (b[0] < n[0] - slack or b[2] > n[2] + slack or b[1] < n[1] - slack or b[3] > n[3] + slack):
            problems.append(f"{text['text']!r} does not fit its box ({b[2] - b[0]:.0f} > {n[2] - n[0]:.0f} wide)")
    for i, (label_a, a) in enumerate(boxes):
        for label_b, b in boxes[i + 1:]:
            if min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack:
                problems.append(f"{label_a!r} overlaps {label_b!r}")
    return problems


def open_diagram(page, server: str, name: str, lang: str, dark: bool):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server + ("en/" if lang == "en" else "") + PAGES[name])
    if dark:  # the reader's way: the palette toggle in the header
        page.locator("label[for=__palette_1]").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    figure = page.locator("figure.aiguide-diagram").first
    figure.scroll_into_view_if_needed()
    return figure


def save_screenshot(figure, tmp_path: Path, filename: str) -> bytes:
    png = figure.screenshot(path=str(tmp_path / filename))
    if os.environ.get("AIGUIDE_SCREENSHOTS"):  # keep them to look at: AIGUIDE_SCREENSHOTS=/tmp/shots
        folder = Path(os.environ["AIGUIDE_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / filename, folder / filename)
    return png


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_transformer_diagram_follows_the_palette(page, server, tmp_path, lang):
    shots, fills = {}, {}
    for dark in (False, True):
        figure = open_diagram(page, server, "transformer", lang, dark)
        probe = figure.locator("svg").evaluate(PROBE)
        scheme = probe["scheme"]
        assert scheme == ("slate" if dark else "default")
        shots[scheme] = save_screenshot(figure, tmp_path, f"transformer-{lang}-{scheme}.png")
        fills[scheme] = {t["paint"]["color"] for t in probe["texts"]}
        assert len(fills[scheme]) == 1, "every label should have the page's text colour"
        assert rgba(next(iter(fills[scheme])))[:3] != rgba(probe["background"])[:3]
    assert fills["default"] != fills["slate"], "the text colour did not change with the palette"
    assert shots["default"] != shots["slate"]
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name, lang", CASES)
def test_every_label_is_legible_and_fits(page, server, name, lang, dark):
    figure = open_diagram(page, server, name, lang, dark)
    probe = figure.locator("svg").evaluate(PROBE)
    assert len(probe["texts"]) >= 8
    low = [(label, round(ratio, 2)) for label, ratio in text_contrasts(probe) if ratio < 4.5]
    assert low == [], f"text contrast below 4.5:1 ({probe['scheme']})"
    assert layout_problems(probe) == []
    width, room = figure.locator("svg").bounding_box()["width"], figure.bounding_box()["width"]
    assert abs(width - room) < 1 and width <= 720, f"the drawing should fill its column up to 720px: {width} in {room}"


@pytest.mark.browser
def test_on_a_phone_the_drawing_keeps_a_readable_size_and_scrolls(page, server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + "en/" + PAGES["transformer"])
    figure = page.locator("figure.aiguide-diagram").first
    assert figure.locator("svg").bounding_box()["width"] >= 540  # 13px text drawn at 9.75px or more
    assert figure.evaluate("(f) => f.scrollWidth > f.clientWidth && getComputedStyle(f).overflowX === 'auto'")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page itself scrolls sideways"
