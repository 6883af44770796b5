"""The renderers: a golden table per language, escaping, provenance on every row, ordering, and marker
errors that name the page and the marker.

Regenerate the golden files after an intended change with:
    AIGUIDE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_pricing_render.py
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aiguide import ROOT, search_index
from aiguide.pricing import handlers, money, query, render, table
from aiguide.pricing.load import load
from aiguide.pricing.model import VendorData
from aiguide.shortcodes import Context, MarkerError, expand

HERE = Path(__file__).parent
FIXTURE = HERE / "data" / "pricing-fixture.yml"
GOLDEN = HERE / "golden"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def fixture() -> VendorData:
    return load(FIXTURE)


@pytest.fixture(scope="module")
def real() -> VendorData:
    return load(ROOT / "data" / "vendors.yml")


def _readable(html: str) -> list[str]:
    return html.replace("><", ">\n<").splitlines()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_prices_table(fixture, lang):
    html = render.prices(fixture, "alpha", lang, today=TODAY)
    golden = GOLDEN / f"prices-alpha.{lang}.html"
    if os.environ.get("AIGUIDE_REGEN_GOLDEN"):
        golden.write_text(html + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").rstrip("\n")
    if html != expected:
        diff = "\n".join(difflib.unified_diff(_readable(expected), _readable(html), "golden", "now", lineterm=""))
        pytest.fail(f"{golden.name} differs (AIGUIDE_REGEN_GOLDEN=1 to accept):\n{diff}")


def test_the_golden_table_says_what_the_data_says(fixture):
    # Guards the golden file itself: 0.012 ¥/1K became 12 ¥/1M and then 4 (the later price) is current.
    soup = BeautifulSoup(render.prices(fixture, "alpha", "en", today=TODAY), "html.parser")
    rows = {tr.th.find(string=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup.tbody.find_all("tr")}
    # conditions, input, cache-hit input, output, per 10k characters, context
    assert rows["Alpha-Pro"][:5] == ["—", "4", "—", "12", "0.0267 / 0.08"]  # 4 / (100 × 1.5), 12 / 150
    assert rows["Alpha-Lite"][:5] == ["—", "0 (free)", "—", "0 (free)", "0 / 0"]
    assert rows["Alpha-Embed"][3] == "n/a (no output tokens)"
    assert "Alpha V1" not in rows  # offline since 2024-08-16
    assert soup.caption.get_text() == "Alpha: current prices (CNY per 1M tokens)"
    assert [th["scope"] for th in soup.find_all("th")] == ["col"] * 10 + ["row"] * 3


def test_data_strings_are_escaped(fixture):
    evil = fixture.model_copy(deep=True)
    vendor = evil.vendors[0]
    note = vendor.billing[0].note.model_copy(update={"en": '<script>alert("x")</script> & "quotes"'})
    billing = [vendor.billing[0].model_copy(update={"note": note})]
    name = vendor.name.model_copy(update={"en": "<b>Alpha</b>"})
    evil.vendors[0] = vendor.model_copy(update={"billing": billing, "name": name})
    html = render.billing(evil, "alpha", "en", today=TODAY)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert "&lt;b&gt;Alpha&lt;/b&gt;" in html


def test_stale_and_undated_figures_carry_a_visible_badge(fixture):
    html = render.prices(fixture, "alpha", "en", today=TODAY)
    assert html.count("⚠ stale") == 3 and "more than 12 months old" in html
    fresh = render.prices(fixture, "alpha", "en", today=dt.date(2025, 6, 2))
    assert "⚠" not in fresh


def test_a_combined_price_spans_the_input_and_output_columns(fixture):
    html = render.price_history(fixture, "alpha", "zh", today=TODAY)
    assert '<td colspan="2">18（输入输出合计，同一单价）</td>' in html
    assert "2024-08-16" in html  # the explicit end of that period


def test_the_comparison_groups_models_by_class_cheapest_input_first(real):
    soup = BeautifulSoup(render.price_comparison(real, "en", today=TODAY, page_dir="en/vendors/compare/"),
                         "html.parser")
    tables = soup.select("div.aiguide-price-comparison table")
    assert tables, "no comparison table"
    shown = []
    for table in tables:
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
        values = [0 if r[3].startswith("0 (free)") else float(re.match(r"[\d.,]+", r[3]).group().replace(",", ""))
                  for r in rows if re.match(r"[\d.,]+|0 \(free\)", r[3])]
        assert values == sorted(values), (table.caption.get_text(), values)
        shown += [tr.th.find(string=True) for tr in table.tbody.find_all("tr")]
    on_sale = [o.model.name for o in query.current(real, TODAY)]
    assert sorted(shown) == sorted(on_sale)
    captions = [t.caption.get_text() for t in tables]
    order = [render.t(f"cls_{c}", "en") for c in render.CLASSES]
    assert [c.split(":")[0] for c in captions] == [o for o in order if any(c.startswith(o) for c in captions)]


def _tables(html: str):
    return BeautifulSoup(html, "html.parser").find_all("table")


def test_every_row_of_every_table_shows_source_date_and_confidence(real):
    index = money.sources_by_id(real)
    unlinked = {render.tx(s.label or s.title, lang) for s in real.sources if not s.url for lang in ("zh", "en")}
    confidences = {render.t(k, lang) for k in money.CONFIDENCE_RANK for lang in ("zh", "en")}
    for lang in ("zh", "en"):
        html = [render.vendor_overview(real, lang, page_dir="vendors/"),
                render.price_comparison(real, lang, today=TODAY, page_dir="vendors/compare/")]
        for v in real.vendors:
            html += [render.vendor_facts(real, v.id, lang)] + [
                fn(real, v.id, lang, today=TODAY) for fn in
                (render.prices, render.billing, render.free_quota, render.token_ratio, render.price_history)]
        undated = render.t("undated", lang)
        for table in (t for h in html for t in _tables(h)):
            head = [th.get_text() for th in table.thead.find_all("th")]
            assert head[-3:] == [render.t(k, lang) for k in ("source", "as_of", "confidence")], head
            for tr in table.tbody.find_all("tr"):
                source, as_of, conf = tr.find_all("td")[-3:]
                links = source.find_all("a", href=True)
                assert all(a["href"].startswith("https://") for a in links)
                assert links or source.get_text() in unlinked, source
                text = as_of.get_text()
                assert re.match(r"\d{4}(-\d\d){0,2}\b", text) or text.startswith(("⚠", undated)), as_of
                assert conf.get_text() in confidences
    assert index  # the registry is not empty


def test_links_to_pages_and_downloads_are_relative_to_the_page(real):
    overview = render.vendor_overview(real, "en", page_dir="en/vendors/")
    assert 'href="qianfan/"' in overview
    compare = render.price_comparison(real, "zh", today=TODAY, page_dir="vendors/compare/")
    assert 'href="../qianfan/"' in compare
    downloads = render.downloads(real, "en", page_dir="en/vendors/compare/")
    assert 'href="../../../data/vendors.json"' in downloads
    assert 'href="../data/prices.csv"' in render.downloads(real, "zh", page_dir="vendors/")


def test_non_ascii_urls_are_percent_encoded(real):
    html = render.vendor_facts(real, "spark", "zh")
    assert "https://www.xfyun.cn/doc/spark/HTTP%E8%B0%83%E7%94%A8%E6%96%87%E6%A1%A3.html" in html


# --- marker glue ------------------------------------------------------------------------------------

def test_page_dir_of_a_page():
    assert handlers.page_dir(Context("zh", "vendors/qianfan.zh.md", ROOT)) == "vendors/qianfan/"
    assert handlers.page_dir(Context("en", "vendors/index.en.md", ROOT)) == "en/vendors/"
    assert handlers.page_dir(Context("en", "index.en.md", ROOT)) == "en/"


def test_an_unknown_platform_in_a_marker_names_the_page_and_the_marker():
    ctx = Context("en", "vendors/qianfan.en.md", ROOT)
    with pytest.raises(MarkerError) as info:
        expand("# x\n\n<!-- md:prices qianfen -->\n", ctx, handlers.HANDLERS)
    listed = yaml.safe_load((ROOT / "data" / "vendors.yml").read_text(encoding="utf-8"))["vendors"]
    assert str(info.value) == ("vendors/qianfan.en.md: marker '<!-- md:prices qianfen -->': unknown platform id "
                               f"'qianfen' (known: {', '.join(listed)})")


@pytest.mark.parametrize("marker, problem", [
    ("<!-- md:prices -->", "expected one platform id"),
    ("<!-- md:billing ark spark -->", "found 2 argument(s): ark spark"),
    ("<!-- md:price-comparison ark -->", "expected no arguments"),
])
def test_wrong_marker_arguments_are_reported(marker, problem):
    with pytest.raises(MarkerError, match=re.escape(problem)):
        expand(marker, Context("zh", "vendors/compare.zh.md", ROOT), handlers.HANDLERS)


# --- downloads --------------------------------------------------------------------------------------

def test_downloads_are_the_linked_files_and_are_rewritten_only_when_changed(fixture, tmp_path):
    from aiguide.pricing import export

    files = export.downloads(fixture)
    assert tuple(files) == render.DOWNLOADS
    assert export.write_files(tmp_path, files) == [tmp_path / name for name in render.DOWNLOADS]
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in files}
    assert export.write_files(tmp_path, files) == []  # same content: nothing touched
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in files} == stamps
    changed = {**files, "prices.csv": files["prices.csv"] + "x\n"}
    assert export.write_files(tmp_path, changed) == [tmp_path / "prices.csv"]


def test_an_unknown_language_is_an_error_not_english(fixture):
    from aiguide.languages import UnknownLanguage

    with pytest.raises(UnknownLanguage, match=r"unknown language 'fr' \(known: zh, en"):
        render.prices(fixture, "alpha", "fr", today=TODAY)
    with pytest.raises(UnknownLanguage):
        render.t("model", "fr")


def test_the_language_registry_matches_the_sites_languages(monkeypatch):
    # aiguide/languages.py and mkdocs.yml's static-i18n languages must name the same languages, default first.
    import yaml

    from aiguide import labels, languages

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text.replace("!ENV ", ""))  # the tag's value is a plain list without it
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    codes = [lang["locale"] for lang in sorted(i18n["languages"], key=lambda lang: not lang.get("default"))]
    assert [lang.code for lang in languages.all()] == codes
    assert [lang.prefix for lang in languages.all()] == ["" if c == codes[0] else f"{c}/" for c in codes]
    assert all(len(pair) == len(codes) for pair in render.LABELS.values())
    monkeypatch.setattr(labels, "TABLES", dict(labels.TABLES))  # the table below is not one of the site's
    assert labels.translator("test", {"x": ("甲", "A")})("x", "en") == "A"


# --- tables as typed rows (pricing/table.py) ---------------------------------------------------------

def _prov(fixture, day: dt.date | None, judged_on: dt.date | None) -> table.Provenance:
    index = money.sources_by_id(fixture)
    return table.Provenance.of([fixture.sources[0].id], money.AsOf(day), index, judged_on)


def test_a_stale_row_makes_its_table_stale_and_the_note_appear(fixture):
    old = table.Row("Alpha-Pro", [table.Money(4.0)], _prov(fixture, dt.date(2024, 1, 1), TODAY))
    fresh = table.Row("Alpha-Lite", [table.Money(0.0)], _prov(fixture, TODAY, TODAY))
    unjudged = table.Row("Alpha V1", [table.Money(1.0)], _prov(fixture, dt.date(2020, 1, 1), None))  # e.g. ended
    undated = table.Row("Alpha-X", [table.Money(1.0)], _prov(fixture, None, TODAY))

    def make(*rows):
        return table.Table("prices", "caption", ["Model", "Input"], rows)

    assert old.provenance.stale and undated.provenance.stale
    assert not fresh.provenance.stale and not unjudged.provenance.stale
    assert make(fresh, unjudged).stale is False
    assert make(fresh, old).stale is True and make(undated).stale is True
    assert render.stale_note("en", TODAY, [make(fresh, unjudged)]) == ""
    note = render.stale_note("en", TODAY, [make(fresh), make(unjudged, old)])
    assert "more than 12 months old" in note and TODAY.isoformat() in note
    # The badge and the note follow from the same judgement.
    assert "⚠ stale" in make(old).html("en") and "⚠" not in make(fresh, unjudged).html("en")


def test_provenance_cells_are_unindexed_because_the_row_has_provenance(fixture):
    plain = table.Table("vendor-list", "c", ["Platform", "Company"], [table.Row("A", ["B"])]).html("en")
    assert search_index.UNINDEXED not in plain and plain.count("<td>") == 1
    sourced = table.Table("billing", "c", ["Component", "Note"],
                          [table.Row("A", ["B"], _prov(fixture, TODAY, TODAY))], vendor="alpha").html("en")
    soup = BeautifulSoup(sourced, "html.parser")
    marked = [c.get_text() for c in soup.find_all(["th", "td"]) if c.has_attr(search_index.UNINDEXED)]
    assert marked[:3] == ["Source", "As of", "Confidence"] and len(marked) == 6
    assert [td.has_attr(search_index.UNINDEXED) for td in soup.tbody.find_all("td")] == [False, True, True, True]
    assert soup.div["data-vendor"] == "alpha"
    # In a block search leaves out whole, the same row carries no marks.
    quiet = table.Table("chart-data", "c", ["Model", "Note"], [table.Row("A", ["B"], _prov(fixture, TODAY, TODAY))],
                        searched=False).html("en")
    assert search_index.UNINDEXED not in quiet and "Confidence" in quiet


def test_cells_are_rendered_by_their_type(fixture):
    text = fixture.vendors[0].name.model_copy(update={"en": "<b>A</b>", "zh": "甲"})
    row = table.Row(table.Link("../a b/", text), ["<i>", table.Html("<i>x</i>"), table.Label("free"),
                                                  table.Wide(table.Money(None))])
    html = table.Table("t", "c", ["1", "2", "3", "4", "5", "6"], [row]).html("en")
    assert '<th scope="row"><a href="../a%20b/">&lt;b&gt;A&lt;/b&gt;</a></th>' in html
    assert "<td>&lt;i&gt;</td><td><i>x</i></td><td>0 (free)</td>" in html
    assert '<td colspan="2">n/a (no output tokens)</td>' in html
    zh = table.Table("t", "c", ["1"], [table.Row(table.Link("../a b/", text))]).html("zh")
    assert '<a href="../a%20b/">甲</a>' in zh


def test_a_row_that_does_not_fit_the_heads_is_a_clear_error(fixture):
    with pytest.raises(ValueError, match=r"table 'prices': row 2 \('B'\) spans 3 columns, the heads name 2"):
        table.Table("prices", "c", ["Model", "Input"], [table.Row("A", ["1"]), table.Row("B", ["1", "2"])])
    with pytest.raises(ValueError, match="spans 3 columns, the heads name 2"):  # a wide cell counts twice
        table.Table("prices", "c", ["Model", "Input"], [table.Row("A", [table.Wide("1")])])
    with pytest.raises(ValueError, match="spans 6 columns, the heads name 5"):  # provenance adds three to both
        table.Table("prices", "c", ["Model", "Input"], [table.Row("A", ["1", "2"], _prov(fixture, TODAY, TODAY))])
    with pytest.raises(ValueError, match="some rows have provenance and some do not"):
        table.Table("prices", "c", ["Model", "Input"], [table.Row("A", ["1"], _prov(fixture, TODAY, TODAY)),
                                                        table.Row("B", ["1"])])


@pytest.mark.parametrize("change, expected", [
    (lambda text: text.replace("  comma: \"，\"\n", "  comma: \"，\"\n  prefix: zh/\n", 1),
     r"data/languages.yml, line \d+: \[0\]\.prefix: expected one of the fields code, html_lang, .*; "
     r"found an unknown field 'prefix'"),
    (lambda text: text.replace("- code: en", "- code: zh", 1),
     r"data/languages.yml, line \d+: \[1\]\.code: expected each language once; found 'zh'"),
    (lambda text: text.replace("  paren: \" ({})\"\n", "  paren: \" ()\"\n", 1),
     r"data/languages.yml, line \d+: \[1\]\.paren: expected text matching"),
])
def test_a_bad_language_registry_is_a_clear_error(tmp_path, monkeypatch, change, expected):
    from aiguide import build, datafile, languages

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "languages.yml").write_text(change((ROOT / "data" / "languages.yml").read_text(encoding="utf-8")),
                                          encoding="utf-8")
    monkeypatch.setattr(build.STATE, "data_dir", folder)
    monkeypatch.setattr(datafile, "display", lambda path: f"data/{path.name}")
    with pytest.raises(datafile.DataError, match=expected):
        languages.all()
