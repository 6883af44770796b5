"""The price chart (`<!-- md:price-chart -->`, issue 8) on the built compare pages, and its scale rules.

Checked against the published data (site/data/vendors.json): every model with a price in force on the
build date is named, with bars whose length follows its prices; no script, a title and a description,
labels in the page's language, colours from the page (currentColor) so both palettes work.
"""

from __future__ import annotations

import json
import math
import re

import pytest
from bs4 import BeautifulSoup

from aiguide.pricing import chart

from test_calculator import build_day, in_force, lines

LANG_DIR = {"zh": "", "en": "en/"}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data" / "vendors.json").read_text(encoding="utf-8"))


def current(data: dict) -> dict[str, tuple[str, float | None, float | None]]:
    """model key → (name, input, output) per 1M tokens, for the models on sale on the build date."""
    out = {}
    for vendor in data["vendors"]:
        for model in vendor.get("models", []):
            price = in_force(model, build_day())
            if price is not None:
                out[f'{vendor["id"]}/{model["id"]}'] = (model["name"], lines(price)[0][0]["in"], lines(price)[0][0]["out"])
    return out


def chart_block(site, lang: str):
    doc = BeautifulSoup((site / LANG_DIR[lang] / "vendors/compare/index.html").read_text(encoding="utf-8"),
                        "html.parser")
    blocks = doc.select("article .aiguide-price-chart")
    assert len(blocks) == 1, f"expected one chart on the {lang} compare page, found {len(blocks)}"
    return doc, blocks[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_is_an_accessible_static_svg(site, lang):
    doc, block = chart_block(site, lang)
    assert block.find("script") is None, "no script inside the chart"
    svg = block.find("svg")
    assert svg.get("role") == "img"
    ids = svg["aria-labelledby"].split()
    title, desc = svg.find("title"), svg.find("desc")
    assert [title.get("id"), desc.get("id")] == ids
    assert title.get_text().strip() and len(desc.get_text()) > 80
    # Nothing loaded from elsewhere: the only references are to the chart's own pattern.
    for tag in svg.find_all(True):
        for name, value in tag.attrs.items():
            if name in ("href", "xlink:href", "src"):
                pytest.fail(f"<{tag.name} {name}={value!r}> in the chart")
            if "url(" in str(value):
                assert re.fullmatch(r"url\(#[\w-]+\)", value), value
                assert svg.find(id=value[5:-1]) is not None
    # Colours come from the page, so the light and the dark palette both work.
    for tag in svg.find_all(True):
        for name in ("fill", "stroke"):
            value = tag.get(name)
            if value is not None:
                assert value in ("currentColor", "none") or value.startswith("url(#"), f"{tag.name} {name}={value}"
    # A table alternative with the numbers.
    details = block.find("details")
    assert details is not None and details.find("summary").get_text().strip()
    assert details.find("table").find("caption")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_names_every_model_with_a_current_price(site, data, lang):
    _, block = chart_block(site, lang)
    svg = block.find("svg")
    want = current(data)
    groups = {g["data-model"]: g for g in svg.select("g[data-model]")}
    assert set(groups) == set(want)
    table_names = {tr.th.get_text() for tr in block.select("details tbody tr")}
    for key, (name, inp, out) in want.items():
        group = groups[key]
        assert group.find("text", class_="name").get_text() == name
        assert name in table_names
        values = [t.get_text() for t in group.find_all("text", class_="value")]
        words = [t.get_text() for t in group.find_all("text", class_="word")]
        bars = group.find_all("rect")
        drawn = [x for x in (inp, out) if x]  # zero (free) and None (no output tokens) get a word, not a bar
        assert len(bars) == len(drawn) == len(values), key
        assert len(words) == 2 - len(drawn), key
        free = {"zh": "免费", "en": "free"}[lang]
        if inp == 0:
            assert free in words, f"{key} is free but not labelled so"
        assert [float(v.replace(",", "")) for v in values] == pytest.approx(drawn)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bar_lengths_follow_the_prices_on_the_stated_scale(site, data, lang):
    _, block = chart_block(site, lang)
    svg = block.find("svg")
    want = current(data)
    positive = [x for _, i, o in want.values() for x in (i, o) if x]
    log = max(positive) / min(positive) > 100
    scale_word = {("zh", True): "对数刻度", ("en", True): "log scale",
                  ("zh", False): "元 / 百万 tokens", ("en", False): "CNY per 1M tokens"}[(lang, log)]
    assert scale_word in svg.get_text()
    # Tick labels give the axis: x of 1st and last tick → value at a bar's end.
    ticks = {}
    for text in svg.find_all("text", class_="tick"):
        ticks.setdefault(float(text.get_text().replace(",", "")), float(text["x"]))
    (lo, x_lo), (hi, x_hi) = min(ticks.items()), max(ticks.items())
    for key, (_, inp, out) in want.items():
        for bar, value in zip(svg.select_one(f'g[data-model="{key}"]').find_all("rect"), [x for x in (inp, out) if x]):
            share = ((math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) if log
                     else (value - lo) / (hi - lo))
            end = float(bar["x"]) + float(bar["width"])
            assert float(bar["x"]) == pytest.approx(x_lo)
            assert end == pytest.approx(max(x_lo + share * (x_hi - x_lo), x_lo + 2), abs=0.11), (key, value)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_labels_are_in_the_pages_language(site, data, lang):
    _, block = chart_block(site, lang)
    text = " ".join(block.find("svg").stripped_strings) + " " + block.find("figcaption").get_text()
    vendors = [v["name"][lang] for v in data["vendors"]]
    assert all(name in text for name in vendors)
    if lang == "zh":
        assert "输入价格" in text and "输出价格" in text and "input price" not in text
    else:
        assert "input price" in text and "output price" in text
        assert not CJK.search(text), CJK.findall(text)


def test_scale_is_logarithmic_only_beyond_two_orders_of_magnitude():
    log, lo, hi, ticks = chart.scale([0.3, 2, 100])
    assert log and (lo, hi) == (0.1, 100.0) and ticks == [0.1, 1.0, 10.0, 100.0]
    log, lo, hi, ticks = chart.scale([1, 100])  # exactly two orders: linear
    assert not log and lo == 0 and hi == 100 and ticks == [0, 20, 40, 60, 80, 100]
    log, lo, _, _ = chart.scale([1, 1000])  # a value on the start of a log axis still gets a bar
    assert log and lo == 0.1


def test_chart_escapes_names():
    from aiguide.pricing import query
    from aiguide.pricing.load import load
    from conftest import ROOT
    import datetime as dt

    real = load(ROOT / "data" / "vendors.yml")
    vendor = real.vendors[0]
    on_sale = next(m for m in vendor.models if query.in_force(m, dt.date(2026, 11, 29)))
    model = on_sale.model_copy(update={"name": "<script>x</script> & co"})
    patched = real.model_copy(update={"vendors": [vendor.model_copy(update={"models": [model]})]})
    html = chart.price_chart(patched, "en", today=dt.date(2026, 11, 29))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html
