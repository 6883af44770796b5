"""`<!-- md:calculator -->`: the server-side half of the cost calculator.

A pure function of (data, language, build date, page folder) → HTML holding
  1. the form and the results area, hidden by CSS while the page's root has the class `no-js` (without
     JavaScript the form would do nothing). The page head swaps that class before anything is drawn, so
     with JavaScript the form is there from the first paint and nothing below it moves (no layout shift);
  2. the no-JavaScript fallback: a <noscript> note, the ratios the calculator uses and the full comparison
     table (render.price_comparison, folded in a <details>); the tables stay with JavaScript too, as the
     figures behind the results;
  3. `<script type="application/json" id="calc-data">`: exactly what the script needs, derived from the
     same data (current prices, ratios with their kind, free quotas, the page's labels);
  4. `<script src=… defer>` for calculator.js, so the script is loaded on this page only.

The arithmetic itself lives in calculator.js and is described on the page; this module only decides
which figures the script gets: the price in force on the build date, the ratio each platform's sources
give (the lower end of a range: more tokens, so a cautious estimate), or a stated default when unknown.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from aiguide import languages
from aiguide.labels import translator

from . import money, query, render
from .model import English, Model, Price, TokenRatio, Vendor, VendorData
from .table import Html, Link, Provenance, Row, Table, freshness

SCRIPT = "assets/javascripts/calculator.js"  # site-relative; linked relative to the page
DAYS_PER_MONTH = 30
# Assumed when a platform's sources give no ratio: one token per character / per word. An assumption,
# not a figure from any source; the page and every affected row say so.
DEFAULT_PER_TOKEN = {"zh": 1.0, "en": 1.0}
# The same in both languages, so a link without parameters shows the same figures on either page.
DEFAULTS = {"text": 1000, "unit": "zh", "in": 70, "req": 100, "per": "day", "ctx": 0, "cache": 0,
            "think": 0, "hour": -1, "day": "weekday"}
UNITS = ("zh", "en", "tok")
CONTEXT_MINIMUMS = (8_000, 32_000, 128_000, 256_000, 1_000_000)

# Labels of the form (rendered here): key → (zh, en).
FORM_LABELS: dict[str, tuple[str, str]] = {
    "workload": ("你的用量", "Your workload"),
    "text": ("每次请求的文本量", "Text per request"),
    "text_hint": ("输入与输出合计。", "Input and output together."),
    "unit": ("单位", "Unit"),
    "unit_zh": ("汉字", "Chinese characters"),
    "unit_en": ("英文单词", "English words"),
    "unit_tok": ("tokens", "tokens"),
    "share": ("输入占比（%）", "Input share (%)"),
    "share_hint": ("发送给模型的部分（提示）；其余为模型生成的输出。",
                   "The part you send (the prompt); the rest is the model's output."),
    "requests": ("请求次数", "Requests"),
    "per": ("计数周期", "Counted"),
    "per_day": ("每天", "per day"),
    "per_month": ("每月", "per month"),
    "filters": ("筛选", "Filters"),
    "platforms": ("平台", "Platforms"),
    "context": ("最短上下文长度", "Minimum context length"),
    "context_hint": ("按价格数据中记录的上下文窗口；没有记录的模型算作未知。",
                     "The context window recorded in the price data; models without one count as unknown."),
    "cache": ("缓存命中比例（%）", "Cache-hit share (%)"),
    "cache_hint": ("输入中命中平台上下文缓存的部分，按缓存命中价计费（模型没有缓存价时按输入价）。",
                   "The part of the input served from the platform's context cache, at the cache-hit price (the "
                   "input price where a model has none)."),
    "thinking": ("思考模式", "Thinking mode"),
    "thinking_hint": ("对思考模式单独定价的模型，输出按思考模式价格计。",
                      "For models that price thinking mode separately, output is charged at that price."),
    "hour": ("请求时段（北京时间）", "Time of the requests (Beijing time)"),
    "hour_any": ("不指定（按时段价以外的价格）", "not given (prices outside time windows)"),
    "hour_hint": ("只影响按时段定价的模型（如高峰、非高峰价格），按整点计。",
                  "Only matters for models priced by time of day (e.g. peak and off-peak), by the hour."),
    "daytype": ("日期类型", "Day"),
    "weekday": ("工作日", "weekday"),
    "weekend": ("周末", "weekend"),
    "ctx_any": ("不限", "any"),
    "nojs_title": ("费用计算器需要 JavaScript", "The calculator needs JavaScript"),
    "nojs": ("你的浏览器没有运行 JavaScript，所以无法在这里计算费用。下面列出计算器使用的换算比例；展开“计算所用的全部当前价格”"
             "可查看全部当前价格，再按本页的公式自行计算。",
             "Your browser is not running JavaScript, so the costs cannot be calculated here. Below are the ratios "
             "the calculator uses; open “Every current price the calculator uses” for all current prices, and the "
             "formula on this page lets you work the costs out yourself."),
    "prices_used": ("计算所用的全部当前价格", "Every current price the calculator uses"),
    "cap_ratios": ("计算器使用的 token 换算比例", "Token ratios the calculator uses"),
    "zh_per_token": ("每 token 汉字数", "Chinese characters per token"),
    "en_per_token": ("每 token 英文单词数", "English words per token"),
    "ratio_missing": ("没有找到换算比例的平台：{v}。计算器对它们假定每 token {zh} 个汉字、{en} 个英文单词，并在结果中注明“未知”。",
                      "Platforms with no ratio found: {v}. For them the calculator assumes {zh} Chinese character(s) "
                      "or {en} English word(s) per token, and says “unknown” in the results."),
    "ratio_low": ("{r}，取 {v}", "{r}; {v} used"),
    "quota_unconfirmed": ("，未经证实", ", unconfirmed"),
    "excluded": ("未计入没有输出 token 的模型（向量模型）：{v}。", "Models without output tokens (embeddings) are not included: {v}."),
}
# Labels of the results, which the script builds (it fills in the {placeholders}): key → (zh, en).
RESULT_LABELS: dict[str, tuple[str, str]] = {
    "caption": ("按当前价格估算的费用（最便宜的在前）", "Estimated cost at current prices (cheapest first)"),
    "col_model": ("模型（平台）", "Model (platform)"),
    "col_tokens": ("每次请求的 tokens（输入 / 输出）", "Tokens per request (input / output)"),
    "col_ratio_zh": ("每 token 汉字数", "Chinese characters per token"),
    "col_ratio_en": ("每 token 英文单词数", "English words per token"),
    "col_ratio_tok": ("换算比例", "Ratio used"),
    "col_request": ("每次请求", "Per request"),
    "col_day": ("每天", "Per day"),
    "col_month": ("每月", "Per month"),
    "col_quota": ("免费额度", "Free quota"),
    "col_as_of": ("价格截至", "Price as of"),
    "free": ("免费", "Free"),
    "tokens": ("{i} / {o}", "{i} / {o}"),
    "ratio_range": ("（来源给出 {r}，取较小值）", " (the source gives {r}; the lower figure is used)"),
    "ratio_unknown": ("未知，假定为 {v}", "unknown; {v} assumed"),
    "ratio_tok": ("不需要（直接按 tokens 计）", "not needed (amount given in tokens)"),
    "combined": ("输入输出同价", "one price for input and output"),
    "used_tier": ("所用价格：{c}", "Price used: {c}"),
    "used_think": ("思考模式", "thinking mode"),
    "summary": ("共 {n} 个模型（{p} 个平台），按每月费用从低到高排列。最便宜：{cheap}；最贵：{dear}（每月）。",
                "{n} models on {p} platforms, cheapest first. Cheapest: {cheap}; most expensive: {dear} (per month)."),
    "hidden_ctx": ("另有 {n} 个模型因上下文长度未知而未显示。", "{n} more models are hidden because their context length is unknown."),
    "none": ("没有符合筛选条件的模型。", "No model matches the filters."),
    "show_all": ("显示全部 {n} 个模型", "Show all {n} models"),
    "invalid": ("请输入有效的数字：文本量和请求次数不能为负，输入占比在 0 到 100 之间。",
                "Enter valid numbers: text and requests of 0 or more, an input share from 0 to 100."),
    "month_note": ("每月按 {d} 天计；免费额度只列出，未从费用中扣除。",
                   "A month counts as {d} days; free quotas are noted, not deducted."),
}


t = translator("calculator", FORM_LABELS, RESULT_LABELS)


# --- the figures ------------------------------------------------------------------------------------

def chars_ratio(vendor: Vendor) -> TokenRatio | None:
    return query.chars_ratio(vendor)


def words_ratio(vendor: Vendor) -> TokenRatio | None:
    """The first ratio giving English *words* per token (letters per token cannot convert words)."""
    return next((r for r in vendor.token_ratio if r.status != "not_found" and isinstance(r.english, English)
                 and r.english.unit == "words"), None)


def current_prices(data: VendorData, today: dt.date) -> list[tuple[Vendor, Model, Price]]:
    """(vendor, model, price in force) for every model on sale on `today`, in the comparison's order."""
    return [(o.vendor, o.model, o.price) for o in query.current(data, today)]


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _line(r: query.Rate, cond: str) -> dict:
    line = {"in": r.input, "out": r.output, "cond": _plain(cond)}
    for key, value in (("hit", r.cache_hit), ("think", r.thinking_output), ("inTo", r.input_up_to),
                       ("outTo", r.output_up_to)):
        if value is not None:
            line[key] = value
    if r.window is not None:
        line["hours"] = [list(query.minutes(h)) for h in r.window.hours]
        line["weekdays"] = r.window.days == "weekdays"
    return line


def lines(price: Price, lang: str) -> tuple[list[dict], list[dict]]:
    """The price's tiers (or its one flat line) and its time windows, as the script reads them."""
    tiers, windows = [], []
    for r, cond in render.labelled_lines(price, lang):
        (tiers if r.window is None else windows).append(_line(r, cond))
    return tiers, windows


def _sources(ids, index, lang: str) -> list[dict]:
    out = []
    for sid in dict.fromkeys(ids):
        src = index[sid]
        short = src.label or src.title  # the short name tables use; the full title as a tooltip
        entry = {"t": languages.text(short, lang), "title": languages.text(src.title, lang)}
        if src.url:
            entry["u"] = src.url
        out.append(entry)
    return out


def _ratio(ratio: TokenRatio | None, pair, index, lang: str) -> dict | None:
    if ratio is None or pair is None:
        return None
    low, high = pair
    return {"value": low, "range": [low, high] if low != high else None,
            "kind": money.confidence(ratio.sources, index), "sources": _sources(ratio.sources, index, lang)}


def _quota(vendor: Vendor, lang: str) -> str | None:
    parts = []
    for q in vendor.free_quota:
        if q.status == "not_found" or q.tokens is None:
            continue
        text = render.tokens(q.tokens, lang)
        detail = [languages.text(x, lang) for x in (q.applies_to, q.validity) if x is not None]
        if detail:
            text += languages.language(lang).parenthesized(languages.language(lang).comma.join(detail))
        if q.status == "unconfirmed":
            text += t("quota_unconfirmed", lang)
        parts.append(text)
    return languages.language(lang).clause_sep.join(parts) or None


def payload(data: VendorData, lang: str, *, today: dt.date, page_dir: str) -> dict:
    """What calculator.js needs, as plain JSON-ready values in the page's language (texts, not HTML)."""
    index = money.sources_by_id(data)
    vendors, models = [], []
    for v in data.vendors:
        zh, en = chars_ratio(v), words_ratio(v)
        vendors.append({
            "id": v.id,
            "name": languages.text(v.name, lang),
            "href": render.rel(page_dir, render.vendor_dir(v.id, lang)),
            "ratio": {"zh": _ratio(zh, zh.chars_per_token if zh else None, index, lang),
                      "en": _ratio(en, en.english.per_token if en else None, index, lang)},
            "quota": _quota(v, lang),
        })
    for o in query.current(data, today):
        v, model, price = o.vendor, o.model, o.price
        tiers, windows = lines(price, lang)
        if any(line["in"] is None or line["out"] is None for line in tiers):  # embeddings: named under the tables
            continue
        as_of = money.price_as_of(price)
        entry = {
            "id": f"{v.id}/{model.id}", "name": model.name, "vendor": v.id, "lines": tiers,
            "combined": price.combined is not None, "ctx": model.limits.context if model.limits else None,
            "asOf": as_of.text(), "stale": freshness(as_of, today) != "fresh",
            "conf": money.confidence(price.sources, index), "sources": _sources(price.sources, index, lang),
        }
        if windows:
            entry["windows"] = windows
        models.append(entry)
    return {
        "lang": lang, "defaults": DEFAULTS,
        "perToken": DEFAULT_PER_TOKEN, "daysPerMonth": DAYS_PER_MONTH,
        "vendors": vendors, "models": models,
        "labels": {
            **{key: t(key, lang) for key in RESULT_LABELS},
            # shared with the tables, so the calculator says "official", "stale", … in the same words
            **{kind: render.t(kind, lang) for kind in money.CONFIDENCE_RANK},
            "stale": render.t("stale_badge", lang),
            "stale_title": render.t("stale_title", lang, m=render.STALE_MONTHS, d=today.isoformat()),
        },
    }


def payload_json(value: dict) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor "<!--" can occur."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- the HTML ---------------------------------------------------------------------------------------

def _described(fid: str, hint: str) -> str:
    return f' aria-describedby="{fid}-hint"' if hint else ""


def _field(fid: str, label: str, control: str, hint: str = "") -> str:
    """A label, its control and an optional hint the control is described by."""
    out = f'<div class="aiguide-calc-field"><label for="{fid}">{render.esc(label)}</label>{control}'
    if hint:
        out += f'<small id="{fid}-hint">{render.esc(hint)}</small>'
    return out + "</div>"


def _select(fid: str, name: str, options: list[tuple[str, str]], selected: str, hint: str = "") -> str:
    opts = "".join(f'<option value="{render.esc(value)}"{" selected" if value == selected else ""}>'
                   f"{render.esc(text)}</option>" for value, text in options)
    return f'<select id="{fid}" name="{name}"{_described(fid, hint)}>{opts}</select>'


def _number(fid: str, name: str, value: float, hint: str = "", **attrs: object) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return (f'<input id="{fid}" name="{name}" type="number" inputmode="decimal" value="{value:g}"'
            f'{extra}{_described(fid, hint)}>')


def form(data: VendorData, lang: str, p: dict) -> str:
    d = p["defaults"]
    units = [(u, t(f"unit_{u}", lang)) for u in UNITS]
    pers = [("day", t("per_day", lang)), ("month", t("per_month", lang))]
    # Round minimums (a 131,072-token window counts as ≥ 128K), up to the largest window on sale.
    largest = max((m["ctx"] for m in p["models"] if m["ctx"]), default=0)
    sizes = [s for s in CONTEXT_MINIMUMS if s <= largest]
    contexts = [("0", t("ctx_any", lang))] + [(str(s), f"≥ {render.tokens_short(s)}") for s in sizes]
    hours = [("-1", t("hour_any", lang))] + [(str(h), f"{h:02d}:00–{h + 1:02d}:00") for h in range(24)]
    days = [("weekday", t("weekday", lang)), ("weekend", t("weekend", lang))]
    workload = "".join((
        f'<fieldset><legend>{t("workload", lang)}</legend>',
        _field("calc-text", t("text", lang),
               _number("calc-text", "text", d["text"], t("text_hint", lang), min=0, step="any"), t("text_hint", lang)),
        _field("calc-unit", t("unit", lang), _select("calc-unit", "unit", units, d["unit"])),
        _field("calc-in", t("share", lang),
               _number("calc-in", "in", d["in"], t("share_hint", lang), min=0, max=100, step="any"),
               t("share_hint", lang)),
        _field("calc-req", t("requests", lang), _number("calc-req", "req", d["req"], min=0, step="any")),
        _field("calc-per", t("per", lang), _select("calc-per", "per", pers, d["per"])),
        _field("calc-cache", t("cache", lang),
               _number("calc-cache", "cache", d["cache"], t("cache_hint", lang), min=0, max=100, step="any"),
               t("cache_hint", lang)),
        f'<div class="aiguide-calc-field"><label class="aiguide-calc-check"><input id="calc-think" type="checkbox" '
        f'name="think" value="1" aria-describedby="calc-think-hint"> {t("thinking", lang)}</label>'
        f'<small id="calc-think-hint">{t("thinking_hint", lang)}</small></div>',
        _field("calc-hour", t("hour", lang), _select("calc-hour", "hour", hours, str(d["hour"]), t("hour_hint", lang)),
               t("hour_hint", lang)),
        _field("calc-day", t("daytype", lang), _select("calc-day", "day", days, d["day"])),
        "</fieldset>",
    ))
    boxes = "".join(
        f'<label class="aiguide-calc-check"><input type="checkbox" name="v" value="{render.esc(v["id"])}" checked> '
        f'{render.esc(v["name"])}</label>' for v in p["vendors"])
    filters = "".join((
        f'<fieldset><legend>{t("filters", lang)}</legend>',
        f'<fieldset class="aiguide-calc-platforms"><legend>{t("platforms", lang)}</legend>{boxes}</fieldset>',
        _field("calc-ctx", t("context", lang), _select("calc-ctx", "ctx", contexts, "0", t("context_hint", lang)),
               t("context_hint", lang)),
        "</fieldset>",
    ))
    return f'<form id="calc-form" class="aiguide-calc-form">{workload}{filters}</form>'


def ratio_table(data: VendorData, lang: str, p: dict, today: dt.date) -> str:
    """The ratios the calculator uses, per platform that has any, with source, as-of date and confidence
    like every generated table; then the platforms with none, which get the stated default."""
    index = money.sources_by_id(data)
    rows, missing = [], []
    for v, entry in zip(data.vendors, p["vendors"]):
        used = [(unit, ratio) for unit, ratio in (("zh", chars_ratio(v)), ("en", words_ratio(v))) if ratio]
        if not used:
            missing.append(render.esc(entry["name"]))
            continue
        cells = []
        for unit in ("zh", "en"):
            r = entry["ratio"][unit]
            if r is None:
                cells.append(Html(t("ratio_unknown", lang, v=render.num(DEFAULT_PER_TOKEN[unit]))))
            elif r["range"]:
                cells.append(Html(t("ratio_low", lang, r=render.span(tuple(r["range"])), v=render.num(r["value"]))))
            else:
                cells.append(render.num(r["value"]))
        ids = [sid for _, ratio in used for sid in ratio.sources]
        dates = [money.claim_as_of(ratio.as_of, ratio.sources, index) for _, ratio in used]
        oldest = min(dates, key=lambda a: (a.day is not None, a.day or dt.date.min))
        weakest = min((money.confidence(ratio.sources, index) for _, ratio in used),
                      key=money.CONFIDENCE_RANK.__getitem__)
        rows.append(Row(Link(entry["href"], entry["name"]), cells,
                        Provenance.of(ids, oldest, index, today, confidence=weakest)))
    head = [render.t("platform", lang), t("zh_per_token", lang), t("en_per_token", lang)]
    out = Table("calc-ratios", t("cap_ratios", lang), head, rows, searched=False).html(lang) if rows else ""
    if missing:
        sep = languages.language(lang).list_sep
        defaults = {unit: render.num(value) for unit, value in DEFAULT_PER_TOKEN.items()}
        out += render.paragraph("note", t("ratio_missing", lang, v=sep.join(missing), **defaults))
    return out


def calculator(data: VendorData, lang: str, *, today: dt.date, page_dir: str) -> str:
    p = payload(data, lang, today=today, page_dir=page_dir)
    nojs = (f'<noscript><div class="admonition warning aiguide-calc-nojs"><p class="admonition-title">'
            f'{t("nojs_title", lang)}</p><p>{t("nojs", lang)}</p></div></noscript>')
    excluded = ""
    skipped = [o.model.name for o in query.current(data, today) if None in money.in_out_1m(o.price)]
    if skipped:
        names = languages.language(lang).list_sep.join(render.esc(n) for n in skipped)
        excluded = render.paragraph("note", t("excluded", lang, v=names))
    # Only the one-line summary is a live region: a screen reader hears the outcome of each change
    # ("35 models … cheapest: …") rather than the whole table again.
    results = ('<div id="calc-results" class="aiguide-calc-results">'
               '<p id="calc-status" class="aiguide-calc-status" role="status" aria-live="polite" aria-atomic="true">'
               '</p><div id="calc-table"></div></div>')
    # Folded: the results already list every model, and a closed <details> is neither styled nor laid out
    # at load (its ~450 elements were a third of this page's blocking time). One click opens it, script or not.
    table = (f'<details class="aiguide-calc-prices"><summary>{t("prices_used", lang)}</summary>'
             f'{render.price_comparison(data, lang, today=today, page_dir=page_dir, headings=False)}</details>')
    src = render.esc(render.rel(page_dir, SCRIPT))
    return (f'<div class="aiguide-calculator">{nojs}{form(data, lang, p)}{results}{ratio_table(data, lang, p, today)}'
            f'{excluded}{table}'
            f'<script type="application/json" id="calc-data">{payload_json(p)}</script>'
            f'<script src="{src}" defer></script></div>')
