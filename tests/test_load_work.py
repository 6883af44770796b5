"""Less work for the browser at page load (issue 7): what the theme's script would otherwise redo.

- Content tables arrive framed and classed (aiguide/tables.py), so Material's script does not move
  them at load (which made the browser style every cell twice) and they still look like Material's.
- The root classes `js js-focus-visible` are set in <head>, before <body> exists, so the bundle's own
  swap later changes nothing and costs no document-wide restyle.
- Material's palette-switch rule on `*` is not shipped (aiguide/assets.py).
The blocking-time figures themselves: scripts/bench.py.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from aiguide.assets import drop_color_scheme_meta, drop_palette_switch_rule
from aiguide.material_compat import PATCHES, PatchError

COLOR_SCHEME_META = PATCHES["color-scheme-meta"].pattern
PALETTE_SWITCH_RULE = PATCHES["palette-switch-rule"].pattern
from aiguide.tables import FRAME_CLOSE, FRAME_OPEN, TABLE_CLASS, wrap_tables
from conftest import html_pages

# --------------------------------------------------------------------------- units


def test_a_plain_table_is_framed_and_classed():
    html = "<p>a</p><table><tr><td>1</td></tr></table><p>b</p>"
    assert wrap_tables(html) == (f'<p>a</p>{FRAME_OPEN}<table class="{TABLE_CLASS}"><tr><td>1</td></tr></table>'
                                 f"{FRAME_CLOSE}<p>b</p>")


def test_attributes_are_kept_and_classed_tables_are_left_alone():
    html = ('<table style="width:100%"><tr><td>x</td></tr></table>'
            '<table class="highlighttable"><tr><td>code</td></tr></table>')
    out = wrap_tables(html)
    assert f'{FRAME_OPEN}<table class="{TABLE_CLASS}" style="width:100%">' in out
    assert '<table class="highlighttable"><tr><td>code</td></tr></table>' in out
    assert out.count(FRAME_OPEN) == 1 and out.count(FRAME_CLOSE) == 1


def test_nested_tables_close_their_own_frames():
    html = '<table><tr><td><table class="x"><tr><td>i</td></tr></table></td></tr></table>'
    out = wrap_tables(html)
    assert out == (f'{FRAME_OPEN}<table class="{TABLE_CLASS}"><tr><td><table class="x"><tr><td>i</td></tr>'
                   f"</table></td></tr></table>{FRAME_CLOSE}")


def test_wrapping_twice_changes_nothing_and_pages_without_tables_are_untouched():
    once = wrap_tables("<table><tr><th>h</th></tr></table>")
    assert wrap_tables(once) == once
    assert wrap_tables("<p>&lt;table&gt; in text</p>") == "<p>&lt;table&gt; in text</p>"


def test_the_palette_switch_rule_is_dropped_and_nothing_else(tmp_path):
    css = tmp_path / "assets" / "stylesheets" / "palette.css"
    css.parent.mkdir(parents=True)
    keep = "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
    rule = ("[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
            "{transition-duration:0s!important}")
    css.write_text(keep + rule + ".a{color:red}}")
    report = drop_palette_switch_rule(tmp_path)
    assert css.read_text() == keep + ".a{color:red}}"
    assert report.cleaned == ["assets/stylesheets/palette.css"]


def test_the_bundles_color_scheme_meta_is_patched_out_and_only_that(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.0123abcd.min.js"
    bundle.parent.mkdir(parents=True)
    before = 'function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
    after = 'let n=Wt("(prefers-color-scheme: light)");return o.content=a.colorScheme}'
    bundle.write_text(before + 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);' + after)
    assert drop_color_scheme_meta(tmp_path)
    assert bundle.read_text() == before + "let o={};" + after
    # A bundle without the statement (a second run, or a Material release that changed it) fails loudly.
    with pytest.raises(PatchError, match=r"'color-scheme-meta' matched 0 time\(s\) in bundle.0123abcd.min.js"):
        drop_color_scheme_meta(tmp_path)


# --------------------------------------------------------------------------- the built site


def test_every_content_table_is_framed_and_classed(site):
    """Nothing left for Material's `table:not([class])`: it would move the table and restyle it."""
    problems, framed = [], 0
    for page in html_pages(site):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = doc.find("article")
        for table in article.find_all("table") if article else []:
            if not table.get("class"):
                problems.append(f"{page.relative_to(site)}: a table without a class")
            elif TABLE_CLASS in table["class"]:
                framed += 1
                frame = table.parent
                if "md-typeset__table" not in frame.get("class", []) or \
                        "md-typeset__scrollwrap" not in frame.parent.get("class", []):
                    problems.append(f"{page.relative_to(site)}: a classed table outside Material's frame")
    assert not problems, "\n".join(problems)
    assert framed > 100, f"only {framed} framed tables: are the vendor tables still rendered?"


def test_the_root_classes_are_set_in_the_head(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("<body")]
        assert '<script>document.documentElement.className="js js-focus-visible"</script>' in head, page


def test_the_published_bundle_adds_no_color_scheme_meta(site):
    """With the pinned Material release the patch applies; after an upgrade this says to look again."""
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert 'name:"color-scheme"' not in text and not COLOR_SCHEME_META.search(text)
    assert 'name:"theme-color"' in text, "the theme-color meta stays"


def test_no_palette_switch_rule_is_published(site):
    for css in (site / "assets" / "stylesheets").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "[data-md-color-switching]" not in text and not PALETTE_SWITCH_RULE.search(text), css.name


# --------------------------------------------------------------------------- in the browser

# Computed properties that make a table look like Material's.
STYLE_PROBE = """(table) => {
  const pick = (el, props) => props.map((p) => getComputedStyle(el).getPropertyValue(p));
  const td = table.querySelector('td'), th = table.querySelector('th');
  return {
    table: pick(table, ['display', 'font-size', 'border-top-width', 'border-top-style', 'border-radius',
                        'background-color', 'width']),
    th: pick(th, ['padding-top', 'padding-left', 'font-weight', 'vertical-align', 'min-width', 'text-align']),
    td: pick(td, ['padding-top', 'padding-left', 'vertical-align', 'border-top-width', 'border-top-style',
                  'text-align']),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_generated_tables_look_like_materials_and_are_not_moved(page, server, palette):
    page.emulate_media(color_scheme=palette)
    page.goto(server + "vendors/qianfan/")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")
    page.wait_for_load_state("load")
    # Material's script has run: no table framed twice, every table in exactly one frame.
    frames = page.evaluate("""() => [...document.querySelectorAll('article table')].map((t) =>
        [t.parentElement.className, t.closest('.md-typeset__scrollwrap .md-typeset__scrollwrap') !== null])""")
    assert frames and all(cls == "md-typeset__table" and not nested for cls, nested in frames), frames
    # A table exactly as Material styles one (no class, framed by Material's own markup) next to ours.
    reference = page.evaluate("""() => {
      const frame = document.createElement('div');
      frame.innerHTML = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>' +
        '<thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table></div></div>';
      document.querySelector('article').append(frame);
      return true;
    }""")
    assert reference
    ours = page.evaluate(STYLE_PROBE, page.locator(f"article table.{TABLE_CLASS}").first.element_handle())
    theirs = page.evaluate(STYLE_PROBE, page.locator("article table:not([class])").last.element_handle())
    ours["table"].pop(), theirs["table"].pop()  # width depends on the content
    assert ours == theirs


@pytest.mark.browser
@pytest.mark.parametrize("palette, scheme", [("light", "normal"), ("dark", "dark")])
def test_the_root_follows_the_palettes_color_scheme_without_a_meta(page, server, palette, scheme):
    page.emulate_media(color_scheme=palette)
    page.goto(server + "vendors/compare/")
    page.wait_for_load_state("load")
    assert page.evaluate("() => getComputedStyle(document.documentElement).colorScheme") == scheme
    assert page.locator("meta[name=color-scheme]").count() == 0
    assert page.locator("meta[name=theme-color]").count() == 1


@pytest.mark.browser
def test_the_palette_toggle_still_switches_and_the_root_classes_hold(page, server):
    page.emulate_media(color_scheme="light")
    page.goto(server)
    page.wait_for_load_state("load")
    classes = page.evaluate("() => document.documentElement.className")
    assert re.fullmatch(r"js js-focus-visible", classes), classes
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.locator("label[for='__palette_0']").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    assert not page.console_errors


# The page types the performance budget names (scripts/bench.py audits the same ones).
PAGE_TYPES = ["", "neural-networks/transformer/", "vendors/qianfan/", "vendors/compare/", "vendors/calculator/"]
RECORD_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shifts.push(
  {value: e.value, nodes: e.sources.map((s) => s.node && (s.node.id || s.node.className || s.node.nodeName))})))
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("lang_dir", ["", "en/"])
def test_nothing_moves_while_a_page_loads(browser, server, lang_dir):
    """Cumulative layout shift at load, on a phone-sized screen: what a reader sees jump. The calculator's
    form used to appear only once its script ran and pushed the page down (a shift of 0.5). Every shift
    counts: the test gives no input, although Chromium may flag a load-time shift as `hadRecentInput`."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=1.75)
    try:
        page = context.new_page()
        page.add_init_script(RECORD_SHIFTS)
        moved = {}
        for path in PAGE_TYPES:
            page.goto(server + lang_dir + path, wait_until="load")
            page.wait_for_timeout(1000)  # late work: the calculator's first results, Material's components
            shifts = page.evaluate("window.__shifts")
            if sum(s["value"] for s in shifts) > 0.01:
                moved[lang_dir + path] = shifts
        assert not moved, moved
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang_dir", ["", "en/"])
def test_the_calculator_form_is_laid_out_before_any_script_file_runs(browser, server, lang_dir):
    """Whether a late form shifts the page depends on when the browser paints, so the shift test above
    can miss it on a fast machine. The cause is checked directly: with JavaScript on but no script file
    loaded (the theme bundle and calculator.js blocked), the form already takes its place."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    try:
        page = context.new_page()
        page.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
        page.goto(server + lang_dir + "vendors/calculator/", wait_until="load")
        assert page.locator("#calc-form").is_visible()
        assert page.locator("#calc-form").bounding_box()["height"] > 100
    finally:
        context.close()
