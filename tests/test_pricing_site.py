"""The pricing tables and downloads on the real built site (both languages)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aiguide.pricing import export, money, render
from aiguide.pricing.load import load

from conftest import ROOT

DATA = load(ROOT / "data" / "vendors.yml")
VENDORS = [v.id for v in DATA.vendors]
PER_VENDOR = ("facts", "prices", "billing", "free-quota", "token-ratio", "price-history")
LANG_DIRS = {"zh": "", "en": "en/"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, lang: str, rel: str) -> BeautifulSoup:
    return soup(site / LANG_DIRS[lang] / rel / "index.html")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("vendor", VENDORS)
def test_each_platform_page_shows_its_tables(site, vendor, lang):
    doc = page(site, lang, f"vendors/{vendor}")
    content = doc.select_one("article")
    for kind in PER_VENDOR:
        block = content.select_one(f'div.aiguide-{kind}[data-vendor="{vendor}"]')
        empty = content.select("p.aiguide-empty")
        assert block is not None or empty, f"{lang} {vendor}: no {kind} table"
        if block is not None:
            table = block.table
            assert table.caption and table.caption.get_text().strip()
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
            assert table.tbody.find("tr"), f"{lang} {vendor} {kind}: empty table"
    assert "aiguide-pending" not in str(content), "a pricing marker still prints its placeholder"
    assert doc.html["lang"].startswith(lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_are_in_the_pages_language(site, lang):
    doc = page(site, lang, "vendors/tongyi")
    caption = doc.select_one("div.aiguide-prices caption").get_text()
    assert caption == render.t("cap_prices", lang, v=DATA.vendors[2].name.zh if lang == "zh" else DATA.vendors[2].name.en)
    other = "en" if lang == "zh" else "zh"
    assert render.t("confidence", other) not in doc.select_one("div.aiguide-prices").get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_comparison_and_downloads_are_on_their_pages(site, lang):
    overview = page(site, lang, "vendors").select_one("div.aiguide-overview table")
    assert len(overview.tbody.find_all("tr")) == len(VENDORS)
    compare = page(site, lang, "vendors/compare")
    rows = compare.select("div.aiguide-price-comparison tbody tr")
    today = dt.date.today()
    in_force = sum(1 for v in DATA.vendors for m in v.models if money.price_on(m.prices, today))
    assert len(rows) == in_force
    for doc, rel in ((compare, "vendors/compare"), (page(site, lang, "vendors"), "vendors")):
        links = [a["href"] for a in doc.select("ul.aiguide-downloads a")]
        assert [h.rsplit("/", 1)[-1] for h in links] == list(render.DOWNLOADS)
        for href in links:
            target = (site / LANG_DIRS[lang] / rel / href).resolve()
            assert target.is_file() and target.parent == (site / "data").resolve(), href


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_registry_of_sources_is_on_one_page_and_the_comparison_links_to_it(site, lang):
    pages = {path: soup(path) for path in (site / LANG_DIRS[lang] / "vendors").rglob("index.html")
             if lang == "en" or "/en/" not in path.as_posix()}
    holding = [path for path, doc in pages.items() if doc.select("div.aiguide-sources")]
    assert holding == [site / LANG_DIRS[lang] / "vendors" / "index.html"]
    registry = pages[holding[0]].select_one("#data-sources ~ div.aiguide-sources table")
    # Each row starts with the short name that the tables' Source column shows.
    assert [row.th.get_text() for row in registry.tbody.find_all("tr")] == [
        getattr(s.label or s.title, lang) for s in DATA.sources]
    compare = page(site, lang, "vendors/compare")
    assert "../#data-sources" in [a["href"] for a in compare.select("article a")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_columns_are_shown_but_not_indexed_for_search(site, lang):
    # Source, as-of and confidence repeat on every row; search skips them (the registry is indexed once).
    doc = page(site, lang, "vendors/qianfan")
    for block in doc.select("div.aiguide-prices, div.aiguide-price-history, div.aiguide-facts"):
        head = [th for th in block.thead.find_all("th")]
        assert [th.has_attr("data-pagefind-ignore") for th in head] == [False] * (len(head) - 3) + [True] * 3
        assert [th.get_text() for th in head[-3:]] == [render.t(k, lang) for k in ("source", "as_of", "confidence")]
        for row in block.tbody.find_all("tr"):
            cells = row.find_all("td")
            assert all(td.has_attr("data-pagefind-ignore") for td in cells[-3:])
            assert not any(td.has_attr("data-pagefind-ignore") for td in cells[:-3]), row
    assert not page(site, lang, "vendors").select("div.aiguide-sources [data-pagefind-ignore]")


# The tables this feature generates (other features' tables, e.g. the calculator's, have their own tests;
# the registry of sources is itself the list of sources).
TABLES = ", ".join(f"div.aiguide-{k} table" for k in (*PER_VENDOR, "overview", "price-comparison"))


def test_every_generated_row_has_a_source_a_date_and_a_confidence(site):
    unlinked = {render.tx(s.label or s.title, lang) for s in DATA.sources if not s.url for lang in ("zh", "en")}
    tables = 0
    for lang, prefix in LANG_DIRS.items():
        confidences = {render.t(k, lang) for k in ("official", "corroborated", "third-party", "guide")}
        undated = render.t("undated", lang)
        for path in sorted((site / prefix / "vendors").glob("*/index.html")) + [site / prefix / "vendors/index.html"]:
            for table in soup(path).select(TABLES):
                tables += 1
                for tr in table.tbody.find_all("tr"):
                    source, as_of, conf = tr.find_all("td")[-3:]
                    assert source.find("a", href=re.compile("^https://")) or source.get_text() in unlinked, tr
                    text = as_of.get_text()
                    assert re.match(r"\d{4}", text) or text.startswith(("⚠", undated)), tr
                    assert conf.get_text() in confidences, tr
    assert tables >= 2 * (len(VENDORS) * 5 + 2)


def test_stale_figures_are_flagged_on_the_page(site):
    # The site fixture is built on today's date: every current price older than 12 months has a badge.
    today = dt.date.today()
    for vendor in DATA.vendors:
        rows = soup(site / f"vendors/{vendor.id}/index.html").select(f'div.aiguide-prices[data-vendor="{vendor.id}"] tbody tr')
        by_name = {tr.th.get_text(): tr for tr in rows}
        for model in vendor.models:
            period = money.price_on(model.prices, today)
            if period is None:
                continue
            stale = money.freshness(money.price_as_of(period.price), today) != "fresh"
            assert (by_name[model.name].find("mark", class_="aiguide-stale") is not None) == stale, model.name


def test_downloads_validate_against_the_published_schema(site):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((site / "data/vendors.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "data/vendors.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert schema["additionalProperties"] is False
    # …and the schema is strict: an unknown field or a negative price is refused.
    data["vendors"][0]["models"][0]["prices"][0]["input"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["vendors"][0]["models"][0]["prices"][0]["input"] = 1
    data["vendors"][0]["surprise"] = True
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_csv_has_every_price_period_per_1m_tokens(site):
    rows = list(csv.DictReader(io.StringIO((site / "data/prices.csv").read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == export.CSV_COLUMNS
    assert len(rows) == sum(len(m.prices) for v in DATA.vendors for m in v.models)
    ernie = next(r for r in rows if r["model"] == "ernie-bot")
    assert (ernie["quoted_unit"], ernie["quoted_input"], ernie["input_cny_per_1m"]) == ("per_1k_tokens", "0.012", "12")
    assert all(r["sources"] and r["confidence"] for r in rows)


def test_downloads_are_the_same_bytes_as_the_export(site):
    assert (site / "data/vendors.json").read_text(encoding="utf-8") == export.data_json(DATA)
    assert (site / "data/prices.csv").read_text(encoding="utf-8") == export.prices_csv(DATA)


OURS = ", ".join(f"div.aiguide-{k}" for k in (*PER_VENDOR, "overview", "price-comparison", "sources")) + \
    ", p.aiguide-note, p.aiguide-empty, p.aiguide-stale-note, ul.aiguide-downloads"


def test_generated_blocks_hold_no_markup_from_the_data(site):
    # Data strings are escaped, so the generated blocks contain only the elements the renderer writes.
    allowed = {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "span", "mark", "small", "br",
               "p", "ul", "li", "code"}
    for path in (site / "vendors").rglob("index.html"):
        for block in soup(path).select(OURS):
            names = {el.name for el in block.find_all(True)}
            assert names <= allowed, (path, names - allowed)
            assert not any(attr.startswith("on") for el in block.find_all(True) for attr in el.attrs), path
