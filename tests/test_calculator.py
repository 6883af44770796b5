"""The cost calculator (issue 8) on the real built site, in Chromium, in both languages.

Every figure the page shows is checked against the same cost computed here, in Python, from the
published data (site/data/vendors.json) with a small independent reimplementation of the rules the page
documents: the price in force on the build date, ¥/1K × 1000 = ¥/1M, the platform's ratio (lower end of
a range; 1 when unknown), tokens × share for input, the rest for output, a month of 30 days.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages


LANG_DIR = {"zh": "", "en": "en/"}
PAGE = "vendors/calculator/"
SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "javascripts" / "calculator.js"
MAX_SCRIPT_BYTES = 15 * 1024
DAYS_PER_MONTH = 30
DEFAULT_PER_TOKEN = 1.0
FREE = {"zh": "免费", "en": "Free"}


# --- the reference arithmetic, from the published JSON ------------------------------------------------

def build_day() -> str:
    return os.environ.get("AIGUIDE_TODAY") or dt.date.today().isoformat()


def in_force(model: dict, day: str) -> dict | None:
    """The period containing `day`: from inclusive; ends at its own `to`, else where the next one starts;
    none once the model is retired."""
    life = model.get("lifecycle") or {}
    if life.get("status") == "retired" and life.get("date", "9999") <= day:
        return None
    ordered = sorted(model["prices"], key=lambda p: p["from"])
    for i, p in enumerate(ordered):
        end = p.get("to") or (ordered[i + 1]["from"] if i + 1 < len(ordered) else None)
        if p["from"] <= day and (end is None or day < end):
            return p
    return None


def lines(price: dict) -> tuple[list[dict], list[dict]]:
    """(tiers, windows) per 1M tokens: a flat price is one tier without bounds; combined is in = out."""
    factor = {"per_1k_tokens": 1000, "per_1m_tokens": 1}[price["unit"]]
    scale = lambda x: None if x is None else x * factor  # noqa: E731

    def line(r: dict) -> dict:
        return {"in": scale(r.get("input")), "out": scale(r.get("output")), "hit": scale(r.get("cache_hit")),
                "think": scale(r.get("thinking_output")), "in_to": r.get("input_up_to"),
                "out_to": r.get("output_up_to"), "hours": r.get("hours", []), "days": r.get("days", "daily")}

    if price.get("combined") is not None:
        value = scale(price["combined"])
        return [{**line({}), "in": value, "out": value}], []
    tiers = [line(t) for t in price["tiers"]] if price.get("tiers") else [line(price)]
    return tiers, [line(w) for w in price.get("windows", [])]


def pick(price: dict, tin: float, tout: float, state: dict) -> dict:
    tiers, windows = lines(price)
    hour, weekday = state.get("hour", -1), state.get("day", "weekday") == "weekday"
    for w in windows:
        spans = [(int(h[:2]) * 60 + int(h[3:5]), int(h[6:8]) * 60 + int(h[9:])) for h in w["hours"]]
        if hour >= 0 and (weekday or w["days"] == "daily") and any(a <= hour * 60 < b for a, b in spans):
            return w
    for t in tiers:
        if (t["in_to"] is None or tin <= t["in_to"]) and (t["out_to"] is None or tout <= t["out_to"]):
            return t
    return tiers[-1]


def low(value) -> float:
    return min(value) if isinstance(value, list) else value


def ratios(vendor: dict) -> dict[str, float | None]:
    found = [r for r in vendor.get("token_ratio", []) if r.get("status", "confirmed") != "not_found"]
    chars = [r for r in found if r.get("chars_per_token") is not None]
    chosen = next((r for r in chars if r.get("use_for_prices")), chars[0] if chars else None)
    words = next((r for r in found if (r.get("english") or {}).get("unit") == "words"), None)
    return {"zh": low(chosen["chars_per_token"]) if chosen else None,
            "en": low(words["english"]["per_token"]) if words else None}


def context(model: dict) -> int | None:
    return (model.get("limits") or {}).get("context")


def expected(data: dict, state: dict) -> dict[str, dict]:
    """model key → {in, out, request, day, month} for the state (text, unit, in, req, per, v, ctx, and
    optionally cache %, think, hour, day)."""
    out = {}
    for vendor in data["vendors"]:
        if vendor["id"] not in state["v"]:
            continue
        ratio = ratios(vendor)
        for model in vendor.get("models", []):
            price = in_force(model, build_day())
            if price is None:
                continue
            tiers, _ = lines(price)
            if any(t["in"] is None or t["out"] is None for t in tiers):
                continue  # no output tokens (embeddings): not in the calculator
            ctx = context(model)
            if state["ctx"] and (ctx is None or ctx < state["ctx"]):
                continue
            per_token = 1.0 if state["unit"] == "tok" else ratio[state["unit"]] or DEFAULT_PER_TOKEN
            tokens = state["text"] / per_token
            tin, tout = tokens * state["in"] / 100, tokens * (100 - state["in"]) / 100
            r = pick(price, tin, tout, state)
            cached = state.get("cache", 0) / 100
            hit = r["hit"] if r["hit"] is not None else r["in"]
            pout = r["think"] if state.get("think") and r["think"] is not None else r["out"]
            request = (tin * (1 - cached) * r["in"] + tin * cached * hit + tout * pout) / 1e6
            if state["per"] == "day":
                day, month = request * state["req"], request * state["req"] * DAYS_PER_MONTH
            else:
                day, month = request * state["req"] / DAYS_PER_MONTH, request * state["req"]
            out[f'{vendor["id"]}/{model["id"]}'] = {"in": tin, "out": tout, "request": request, "day": day,
                                                    "month": month, "vendor": vendor["id"]}
    return out


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "data" / "vendors.json").read_text(encoding="utf-8"))


# --- reading the page --------------------------------------------------------------------------------

READ_ROWS = """() => [...document.querySelectorAll('#calc-table tbody tr')].map(tr => ({
  model: tr.dataset.model, vendor: tr.dataset.vendor,
  in: Number(tr.querySelector('[data-in]').dataset.in), out: Number(tr.querySelector('[data-in]').dataset.out),
  tokensText: tr.querySelector('[data-in]').textContent,
  costs: [...tr.querySelectorAll('td[data-value]')].map(td => [Number(td.dataset.value), td.textContent]),
  href: tr.querySelector('th a').href, kind: tr.children[2].dataset.kind, ratioText: tr.children[2].textContent,
  text: tr.textContent}))"""


def rows(page) -> list[dict]:
    """Every result row: the cheapest ten are drawn first, the rest after "show all"."""
    more = page.locator("#calc-table .aiguide-calc-more")
    if more.count():
        more.click()
    return page.evaluate(READ_ROWS)


def shown_amount(text: str, lang: str) -> float:
    """The number a cost cell shows: "¥1,234.56" → 1234.56, "免费"/"Free" → 0."""
    if text == FREE[lang]:
        return 0.0
    match = re.fullmatch(r"(<\s*)?¥([\d,]+(?:\.\d+)?)", text.strip())
    assert match, f"not a CNY amount: {text!r}"
    return float(match.group(2).replace(",", ""))


def check_figures(page, data: dict, state: dict, lang: str) -> list[dict]:
    """Every row's figures equal the Python ones; the shown text rounds them as documented."""
    want = expected(data, state)
    got = rows(page)
    assert {r["model"] for r in got} == set(want), "the page shows other models than the data says"
    months = [r["costs"][2][0] for r in got]
    assert months == sorted(months), "not sorted cheapest first"
    for r in got:
        w = want[r["model"]]
        assert math.isclose(r["in"], w["in"], rel_tol=1e-9) and math.isclose(r["out"], w["out"], rel_tol=1e-9)
        for (value, text), key in zip(r["costs"], ("request", "day", "month")):
            assert math.isclose(value, w[key], rel_tol=1e-9, abs_tol=1e-12), (r["model"], key, value, w[key])
            shown = shown_amount(text, lang)
            if w[key] == 0:
                assert text == FREE[lang], (r["model"], key, text)
            elif w[key] >= 1:  # two decimals
                assert abs(shown - w[key]) <= 0.005 + 1e-9, (r["model"], key, text, w[key])
                if w[key] >= 1000:
                    assert "," in text, f"no thousands separator in {text!r}"
            elif w[key] >= 0.0001:  # two significant digits
                assert abs(shown - w[key]) <= 0.05 * w[key] + 1e-12, (r["model"], key, text, w[key])
        site_path = ("en/" if lang == "en" else "") + f"vendors/{r['vendor']}/"
        assert r["href"].endswith("/aiguide-test/" + site_path), f"{r['model']} links to {r['href']}"
    return got


def open_calculator(page, server, lang: str, query: str = "") -> None:
    page.goto(server + LANG_DIR[lang] + PAGE + query, wait_until="networkidle")
    page.wait_for_selector("#calc-table tbody tr, #calc-status:not(:empty)")


def url_state(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def no_errors(page) -> None:
    assert page.console_errors == [], page.console_errors
    assert page.failed_requests == [], page.failed_requests


def _platforms() -> tuple[str, ...]:
    from aiguide.pricing.load import load
    from conftest import ROOT

    return tuple(v.id for v in load(ROOT / "data" / "vendors.yml").vendors)


ALL = _platforms()  # every platform, in the data's order
KEPT = tuple(v for v in ALL if v not in ("qianfan", "baichuan"))


# --- tests -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("query, state", [
    ("?text=100000&unit=zh&in=70&req=100&per=day",
     {"text": 100000, "unit": "zh", "in": 70, "req": 100, "per": "day", "v": ALL, "ctx": 0}),
    ("?text=2500&unit=en&in=25&req=3000&per=month&v=spark,tongyi,qianfan",
     {"text": 2500, "unit": "en", "in": 25, "req": 3000, "per": "month", "v": ("spark", "tongyi", "qianfan"),
      "ctx": 0}),
    ("?text=12345.5&unit=tok&in=100&req=7&per=day&ctx=32000",
     {"text": 12345.5, "unit": "tok", "in": 100, "req": 7, "per": "day", "v": ALL, "ctx": 32000}),
], ids=["zh-chars-per-day", "en-words-per-month-3-platforms", "tokens-context-32k"])
def test_a_link_restores_the_inputs_and_the_results_match_python(page, server, data, lang, query, state):
    open_calculator(page, server, lang, query)
    assert page.input_value("#calc-text") == f"{state['text']:g}"
    assert page.input_value("#calc-unit") == state["unit"]
    assert page.input_value("#calc-in") == f"{state['in']:g}"
    assert page.input_value("#calc-req") == f"{state['req']:g}"
    assert page.input_value("#calc-per") == state["per"]
    assert page.input_value("#calc-ctx") == str(state["ctx"])
    checked = page.eval_on_selector_all('input[name="v"]:checked', "els => els.map(e => e.value)")
    assert set(checked) == set(state["v"])
    got = check_figures(page, data, state, lang)
    assert got, "no result rows"
    no_errors(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changing_the_inputs_updates_results_and_url(page, server, data, lang):
    open_calculator(page, server, lang)
    defaults = {"text": 1000, "unit": "zh", "in": 70, "req": 100, "per": "day", "v": ALL, "ctx": 0}
    check_figures(page, data, defaults, lang)
    assert urlparse(page.url).query == "", "the URL should change only when the reader changes something"

    page.fill("#calc-text", "54321")
    page.select_option("#calc-unit", "en")
    page.fill("#calc-in", "40")
    page.fill("#calc-req", "250")
    page.select_option("#calc-per", "month")
    page.wait_for_function("() => location.search.includes('req=250') && location.search.includes('per=month')")
    state = {"text": 54321, "unit": "en", "in": 40, "req": 250, "per": "month", "v": ALL, "ctx": 0}
    check_figures(page, data, state, lang)
    assert url_state(page) == {"text": "54321", "unit": "en", "in": "40", "req": "250", "per": "month"}

    # The URL now reproduces the result: load it afresh (a new document, state from the URL only).
    link = page.url
    page.evaluate("() => { window.__before = true; }")
    page.goto(link, wait_until="networkidle")
    assert page.evaluate("() => window.__before === undefined")
    page.wait_for_selector("#calc-table tbody tr")
    check_figures(page, data, state, lang)
    no_errors(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_platform_and_context_filters(page, server, data, lang):
    open_calculator(page, server, lang, "?text=5000&unit=zh&in=50&req=10&per=day")
    page.uncheck('input[name="v"][value="baichuan"]')
    page.uncheck('input[name="v"][value="qianfan"]')
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('v') === '{','.join(KEPT)}'")
    state = {"text": 5000, "unit": "zh", "in": 50, "req": 10, "per": "day", "v": KEPT, "ctx": 0}
    got = check_figures(page, data, state, lang)
    assert {r["vendor"] for r in got} == set(KEPT)

    page.select_option("#calc-ctx", "128000")
    page.wait_for_function("() => location.search.includes('ctx=128000')")
    got = check_figures(page, data, {**state, "ctx": 128000}, lang)
    assert got
    models = [next(m for v in data["vendors"] for m in v["models"] if f'{v["id"]}/{m["id"]}' == r["model"])
              for r in got]
    assert all((context(m) or 0) >= 128000 for m in models), [m["id"] for m in models]
    hidden = "个模型因上下文长度未知而未显示" if lang == "zh" else "hidden because their context length is unknown"
    assert hidden in page.text_content("#calc-status")

    for box in page.query_selector_all('input[name="v"]'):
        box.uncheck()
    page.wait_for_function("() => new URLSearchParams(location.search).get('v') === ''")
    assert rows(page) == []
    assert ("没有符合筛选条件的模型" if lang == "zh" else "No model matches") in page.text_content("#calc-status")
    no_errors(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ratios_are_labelled_with_their_source_kind(page, server, data, lang):
    from aiguide.pricing import money, query
    from aiguide.pricing.load import load
    from conftest import ROOT

    real = load(ROOT / "data" / "vendors.yml")
    index = money.sources_by_id(real)
    open_calculator(page, server, lang, "?text=1000&unit=zh&in=70&req=1&per=day")
    by_vendor = {r["vendor"]: r for r in rows(page)}
    assert set(by_vendor) == {v.id for v in real.vendors if query.offers(v, dt.date.fromisoformat(build_day()))}
    for vendor in real.vendors:
        if vendor.id not in by_vendor:
            continue
        ratio = query.chars_ratio(vendor)
        row = by_vendor[vendor.id]
        assert (ratios(next(v for v in data["vendors"] if v["id"] == vendor.id))["zh"] is None) == (ratio is None)
        kind = "unknown" if ratio is None else money.confidence(ratio.sources, index)
        assert row["kind"] == kind, (vendor.id, row["kind"])
        if ratio is None:
            assert ("未知，假定为 1" if lang == "zh" else "unknown; 1 assumed") in row["ratioText"]
        # Free quota and the as-of date are on every row.
        quotas = [q for q in vendor.free_quota if q.status != "not_found" and q.tokens]
        if quotas:
            from aiguide.pricing import render
            assert render.tokens(quotas[0].tokens, lang) in row["text"], vendor.id
        assert re.search(r"\d{4}-\d{2}(-\d{2})?", row["text"])


def _money_text(value: float) -> str:
    """How the page writes an amount (documented on the page): ¥1,234.56 from ¥1, two significant digits below."""
    if value == 0:
        return "free"
    if value >= 1:
        return f"¥{value:,.2f}"
    return "¥" + repr(float(f"{value:.2g}"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_are_formatted_for_the_page_language(page, server, data, lang):
    flat = _priced_models(data, lambda p: not p.get("tiers") and not p.get("windows") and p.get("combined") is None
                          and (p.get("input") or 0) > 0 and p.get("output"))
    free = _priced_models(data, lambda p: p.get("input") == 0 and p.get("output") == 0)
    open_calculator(page, server, lang, "?text=300000&unit=tok&in=50&req=1000&per=day")
    want = expected(data, {"text": 300000, "unit": "tok", "in": 50, "req": 1000, "per": "day", "v": ALL, "ctx": 0})
    got = {r["model"]: r for r in rows(page)}
    key = max(flat, key=lambda k: want[k]["request"])
    assert [text for _, text in got[key]["costs"]] == [_money_text(want[key][k]) for k in ("request", "day", "month")]
    assert "," in got[key]["costs"][2][1], "thousands separator"
    assert got[key]["tokensText"] == "150,000 / 150,000"
    if free:
        assert [text for _, text in got[free[0]]["costs"]] == [FREE[lang]] * 3
    page.fill("#calc-text", "10")
    page.fill("#calc-req", "1")
    page.wait_for_function("() => location.search.includes('text=10&') && location.search.includes('req=1&')")
    small = {r["model"]: r for r in rows(page)}[key]
    want = expected(data, {"text": 10, "unit": "tok", "in": 50, "req": 1, "per": "day", "v": ALL, "ctx": 0})[key]
    assert small["costs"][0][1] == _money_text(want["request"])  # two significant digits below ¥1


def test_invalid_numbers_are_flagged_not_calculated(page, server):
    open_calculator(page, server, "en")
    page.fill("#calc-in", "150")
    page.wait_for_function("() => document.getElementById('calc-in').getAttribute('aria-invalid') === 'true'")
    assert "Enter valid numbers" in page.text_content("#calc-status")
    assert rows(page) == []
    assert "in=150" not in page.url


def test_the_calculator_is_usable_with_the_keyboard_alone(page, server, data):
    open_calculator(page, server, "en")
    page.focus("#calc-text")
    page.keyboard.press("Control+A")
    page.keyboard.type("2000")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "calc-unit"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "calc-in"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "calc-per"
    for field in ("calc-cache", "calc-think", "calc-hour", "calc-day"):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == field
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == "qianfan"
    page.keyboard.press("Space")  # uncheck Qianfan
    page.wait_for_function("() => location.search.includes('v=hunyuan')")
    state = {"text": 2000, "unit": "zh", "in": 70, "req": 100, "per": "day", "v": ALL[1:], "ctx": 0}
    check_figures(page, data, state, "en")
    status = page.locator("#calc-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_table_and_the_note_are_visible(browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + LANG_DIR[lang] + PAGE)
        note = page.locator(".aiguide-calc-nojs")
        assert note.is_visible()
        assert ("需要 JavaScript" if lang == "zh" else "needs JavaScript") in note.text_content()
        table = page.locator(".aiguide-calculator .aiguide-price-comparison table").first
        assert not table.is_visible(), "folded until the reader opens it"
        page.locator(".aiguide-calc-prices summary").click()  # <details> needs no script
        assert table.is_visible()
        assert page.locator(".aiguide-calculator .aiguide-price-comparison tbody tr").count() > 20
        assert not page.locator("#calc-form").is_visible(), "a form that cannot work should not show"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_javascript_the_note_is_hidden(page, server, lang):
    open_calculator(page, server, lang)
    assert not page.locator(".aiguide-calc-nojs").is_visible()
    assert page.locator("#calc-form").is_visible()


# --- static checks on the built site -------------------------------------------------------------------

def test_the_script_is_small_and_loaded_on_the_calculator_pages_only(site):
    assert SCRIPT.stat().st_size <= MAX_SCRIPT_BYTES, f"calculator.js is {SCRIPT.stat().st_size} bytes"
    assert (site / "assets/javascripts/calculator.js").read_bytes() == SCRIPT.read_bytes()
    loading = sorted(p.relative_to(site).as_posix() for p in html_pages(site)
                     if "calculator.js" in p.read_text(encoding="utf-8"))
    assert loading == ["en/vendors/calculator/index.html", "vendors/calculator/index.html"]
    for rel in loading:
        scripts = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser").find_all("script", src=True)
        src = [s["src"] for s in scripts if "calculator" in s["src"]]
        assert len(src) == 1 and (site / rel).parent.joinpath(src[0]).resolve() == (
            site / "assets/javascripts/calculator.js").resolve()
    text = SCRIPT.read_text(encoding="utf-8")
    assert not re.search(r"https?://", text), "no third-party (or any absolute) URL in the script"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_embedded_data_is_json_safe_inside_html(site, data, lang):
    doc = BeautifulSoup((site / LANG_DIR[lang] / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    raw = doc.find("script", id="calc-data")
    assert raw is not None and raw.get("type") == "application/json"
    assert "<" not in raw.string, "a '<' inside the JSON could close the script element"
    payload = json.loads(raw.string)
    assert payload["lang"] == lang
    names = {v["id"]: v["name"][lang] for v in data["vendors"]}
    assert {v["id"]: v["name"] for v in payload["vendors"]} == names
    assert {m["id"] for m in payload["models"]} == set(expected(data, {
        "text": 1, "unit": "tok", "in": 50, "req": 1, "per": "day", "v": ALL, "ctx": 0}))


def test_payload_json_escapes_markup():
    from aiguide.pricing.calculator import payload_json

    value = {"name": "</script><script>alert(1)</script> <!-- & -->"}
    text = payload_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cheapest_ten_come_first_and_one_button_shows_the_rest(page, server, data, lang):
    open_calculator(page, server, lang)
    shown = page.evaluate(READ_ROWS)
    more = page.locator("#calc-table .aiguide-calc-more")
    total = len(rows(page))  # clicks the button
    assert total > 10 and len(shown) == 10
    assert shown == page.evaluate(READ_ROWS)[:10], "the first ten are the cheapest ten of the full list"
    assert more.count() == 0, "the button goes once everything is shown"
    focused = page.evaluate("() => document.activeElement.closest('tr')?.rowIndex")
    assert focused == 11, "focus lands on the first newly shown row (row 0 is the header)"
    # Later changes keep the full list.
    page.fill("#calc-req", "7")
    page.press("#calc-req", "Tab")
    page.wait_for_function("() => document.querySelectorAll('#calc-table tbody tr').length > 10")
    assert page.locator("#calc-table .aiguide-calc-more").count() == 0


def test_the_show_all_button_names_the_total(page, server):
    open_calculator(page, server, "en")
    label = page.locator("#calc-table .aiguide-calc-more").text_content()
    count = int(re.search(r"Show all (\d+) models", label).group(1))
    assert count == len(rows(page))


def _priced_models(data: dict, test) -> list[str]:
    """Keys of the models on sale whose price in force passes `test`."""
    return [f'{v["id"]}/{m["id"]}' for v in data["vendors"] for m in v.get("models", [])
            if (p := in_force(m, build_day())) is not None and test(p)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiers_cache_hits_thinking_and_time_windows_match_python(page, server, data, lang):
    tiered = _priced_models(data, lambda p: len(p.get("tiers") or []) > 1)
    assert tiered, "the data has tiered prices: the test must see them"
    # Long inputs, many of them from the cache, thinking mode, 10:00 on a weekday (peak hours where priced).
    query = "?text=200000&unit=tok&in=90&req=3&per=day&cache=40&think=1&hour=10&day=weekday"
    open_calculator(page, server, lang, query)
    assert page.input_value("#calc-cache") == "40" and page.is_checked("#calc-think")
    assert page.input_value("#calc-hour") == "10" and page.input_value("#calc-day") == "weekday"
    state = {"text": 200000, "unit": "tok", "in": 90, "req": 3, "per": "day", "v": ALL, "ctx": 0,
             "cache": 40, "think": 1, "hour": 10, "day": "weekday"}
    got = {r["model"]: r for r in check_figures(page, data, state, lang)}
    used = "所用价格" if lang == "zh" else "Price used"
    for key in tiered:
        if key in got:
            assert used in got[key]["text"], f"{key}: the row does not say which tier it used"
    # Another hour and no thinking: the figures follow again.
    page.select_option("#calc-hour", "3")
    page.uncheck("#calc-think")
    page.wait_for_function("() => location.search.includes('hour=3') && !location.search.includes('think')")
    check_figures(page, data, {**state, "think": 0, "hour": 3}, lang)
    no_errors(page)


def test_a_short_request_pays_the_lowest_tier_and_a_long_one_a_higher_tier(page, server, data):
    tiered = _priced_models(data, lambda p: len(p.get("tiers") or []) > 1 and (p["tiers"][0].get("input_up_to") or 0) >= 8000)
    assert tiered
    open_calculator(page, server, "en", "?text=1000&unit=tok&in=50&req=1&per=day")
    short = {r["model"]: r["text"] for r in rows(page)}
    page.fill("#calc-text", "400000")
    page.wait_for_function("() => location.search.includes('text=400000')")
    long = {r["model"]: r["text"] for r in rows(page)}
    changed = [k for k in tiered if k in short and k in long and short[k].split("Price used")[1:] != long[k].split("Price used")[1:]]
    assert changed, "no tiered model switched tier between a 1K-token and a 400K-token request"
