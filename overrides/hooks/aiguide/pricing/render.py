"""Pure functions (data, language, …) → the HTML of each pricing marker.

Every table row carries its provenance: source link(s), as-of date and confidence (the strongest kind
of its sources: official > third-party > the guide's claim). Figures older than 12 months on the build
date, or undated, get a visible badge. Every string from the data is HTML-escaped (in tables, by its cell type).

Each table is built as typed rows and rendered last (pricing/table.py: Row, Provenance, Table): a row's
provenance cells are shown but not indexed for search, and a table says whether any of its figures is
stale. Tables are plain <table>s with a <caption> and scoped <th>s and no class, framed at build time like
Markdown's tables (aiguide/tables.py). Output is one line per marker: a blank line would end Markdown's
raw-HTML block.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import posixpath
import re
from typing import Iterable, Sequence
from urllib.parse import quote

from aiguide import languages
from aiguide.labels import translator

from . import money, query
from .model import Model, Price, Source, Text, Vendor, VendorData
from .table import STALE_MONTHS, Html, Label, Link, Money, Provenance, Row, Table, Wide

DOWNLOADS = ("vendors.json", "prices.csv", "vendors.schema.json")  # under site/data/

# Every label of both languages, in one place: key → (zh, en).
LABELS: dict[str, tuple[str, str]] = {
    "model": ("模型", "Model"),
    "input": ("输入", "Input"),
    "output": ("输出", "Output"),
    "per_10k": ("每万汉字（输入 / 输出）", "Per 10k Chinese characters (input / output)"),
    "as_of": ("截至", "As of"),
    "source": ("来源", "Source"),
    "confidence": ("可信度", "Confidence"),
    "platform": ("平台", "Platform"),
    "company": ("出品方", "Company"),
    "models": ("可选模型", "Models offered"),
    "own_training": ("独立训练模型", "Train your own model"),
    "fine_tuning": ("模型微调", "Fine-tuning"),
    "notes": ("补充", "Notes"),
    "item": ("项目", "Item"),
    "value": ("内容", "Details"),
    "consumer_product": ("面向个人的产品（toC）", "Consumer product (toC)"),
    "business_platform": ("面向企业的平台（toB）", "Business platform (toB)"),
    "component": ("计费组成", "Component"),
    "note": ("说明", "Note"),
    "quota": ("免费额度", "Free quota"),
    "applies_to": ("适用范围", "Applies to"),
    "validity": ("有效期", "Validity"),
    "zh_per_token": ("每 token 汉字数", "Chinese characters per token"),
    "en_per_token": ("每 token 英文", "English per token"),
    "from": ("起（含）", "From (incl.)"),
    "to": ("止（不含）", "To (excl.)"),
    "quoted": ("原始报价", "As quoted"),
    "title": ("标题", "Title"),
    "kind": ("类型", "Kind"),
    "date": ("日期", "Date"),
    "short_name": ("简称", "Short name"),
    "yes": ("支持", "yes"),
    "no": ("不支持", "no"),
    "unknown": ("未知", "unknown"),
    "official": ("官方", "official"),
    "third-party": ("仅一个第三方", "one tracker only"),
    "corroborated": ("两个第三方一致", "two trackers agree"),
    "guide": ("原指南的说法", "the guide's claim"),
    "free": ("0（免费）", "0 (free)"),
    "none": ("—", "—"),
    "no_output": ("不适用（无输出 token）", "n/a (no output tokens)"),
    "combined": ("{v}（输入输出合计，同一单价）", "{v} (one price for input and output tokens)"),
    "undated": ("未注明日期", "undated"),
    "stale_badge": ("⚠ 可能过时", "⚠ stale"),
    "undated_badge": ("⚠ 日期不明", "⚠ date unknown"),
    # tooltips for the badges (used by the calculator's script; the tables explain once in stale_note)
    "stale_title": ("已超过 {m} 个月（以构建日期 {d} 计）", "more than {m} months old on the build date, {d}"),
    "undated_title": ("来源未注明日期，无法判断是否过时", "the source gives no date, so its age is unknown"),
    "no_link": ("（无公开链接）", " (no public link)"),
    "open": ("—（未见更新价格）", "— (no later price seen)"),
    "per_1k": ("每千 tokens", "per 1K tokens"),
    "per_1m": ("每百万 tokens", "per 1M tokens"),
    "tokens": ("{n} tokens", "{n} tokens"),
    "letters": ("{v} 个字母", "{v} letters"),
    "words": ("{v} 个单词", "{v} words"),
    "not_found": ("未找到", "not found"),
    "unconfirmed": ("未获其他来源证实。", "Not confirmed by any other source."),
    "used_for_prices": ("本站据此换算每万汉字价格。", "This site uses this ratio for prices per 10k characters."),
    "doc_api": ("API 文档", "API docs"),
    "doc_pricing": ("价格文档", "Pricing docs"),
    "doc_billing": ("计费说明", "Billing docs"),
    "doc_docs": ("文档导航", "Documentation"),
    "doc_naming": ("官方名称参考", "Official naming"),
    "colon": ("：", ": "),
    "cache_hit": ("缓存命中输入", "Cache-hit input"),
    "conditions": ("条件", "Conditions"),
    "context": ("上下文", "Context"),
    "tier_in": ("输入 ≤ {n}", "input ≤ {n}"),
    "tier_in_over": ("输入 > {n}", "input > {n}"),
    "tier_out": ("输出 ≤ {n}", "output ≤ {n}"),
    "tier_out_over": ("输出 > {n}", "output > {n}"),
    "window": ("{name}：{hours}（北京时间{days}）", "{name}: {hours} (Beijing time{days})"),
    "window_other": ("其他时段", "other times"),
    "weekdays": ("，工作日", ", weekdays"),
    "thinking": ("思考模式 {v}", "thinking mode {v}"),
    "batch": ("批量调用按 {v} 计价", "batch calls at {v} of the price"),
    "promotion": ("限时价格，至 {d}（不含）", "limited-time price, until {d} (excl.)"),
    "tiered_note": ("按请求的输入长度分档，此处为最低一档；", "priced by input length; this is the lowest tier; "),
    "windowed_note": ("分时段计价，此处为{w}；", "priced by time of day; these are {w}; "),
    "all_tiers": ("全部价格", "all tiers"),
    "retired": ("已下线", "retired"),
    "successor": ("（后继：{m}）", " (successor: {m})"),
    "cls_flagship": ("旗舰模型", "Flagship models"),
    "cls_standard": ("标准模型", "Standard models"),
    "cls_small": ("小模型（低价、快速）", "Small models (cheap, fast)"),
    "cls_embedding": ("向量模型", "Embedding models"),
    "cls_other": ("其他模型", "Other models"),
    "cheapest": ("最便宜的{c}：{m}（{v}），输入 {i}、输出 {o} 元 / 百万 tokens（最低一档）。",
                 "Cheapest {c}: {m} ({v}), input {i}, output {o} CNY per 1M tokens (lowest tier)."),
    "cheapest_cls": ("旗舰模型", "flagship model"),
    "cheapest_small": ("小模型", "small model"),
    "history_links": ("各平台的价格历史（含已下线的模型）：{v}。", "Each platform's price history (retired models included): {v}."),
    # captions
    "cap_vendor_list": ("本指南介绍的 {n} 个平台", "The {n} platforms this guide covers"),
    "cap_class": ("{c}：当前价格（元 / 百万 tokens，按输入价格从低到高）",
                  "{c}: current prices (CNY per 1M tokens, cheapest input first)"),
    "cap_overview": ("原指南的平台总览", "The guide's overview of the platforms"),
    "cap_facts": ("{v}：平台概况", "{v}: platform facts"),
    "cap_prices": ("{v}：当前价格（元 / 百万 tokens）", "{v}: current prices (CNY per 1M tokens)"),
    "cap_billing": ("{v}：计费组成", "{v}: billing components"),
    "cap_quota": ("{v}：免费额度", "{v}: free quota"),
    "cap_ratio": ("{v}：token 与字数换算", "{v}: tokens and characters"),
    "cap_history": ("{v}：价格历史（元 / 百万 tokens）", "{v}: price history (CNY per 1M tokens)"),
    "cap_compare": ("各平台当前价格（元 / 百万 tokens；按平台、输入价格排序）",
                    "Current prices of all platforms (CNY per 1M tokens; by platform, then input price)"),
    "cap_sources": ("数据来源", "Sources of the data"),
    # sentences
    "ratio_used": ("每万汉字价格按 1 token ≈ {r} 个汉字换算（来源：{s}）。",
                   "Prices per 10k characters assume 1 token ≈ {r} Chinese characters (source: {s})."),
    "ratio_none": ("未找到可靠的 token 与汉字换算比例，因此不给出每万汉字价格。",
                   "No reliable token-to-character ratio was found, so no price per 10k characters is given."),
    "stale_note": ("标有“⚠”的数字已超过 {m} 个月或未注明日期（以构建日期 {d} 计），可能已经过时；使用前请查看官方价格页。",
                   "Figures marked “⚠” are more than {m} months old or undated (on the build date, {d}) and may be "
                   "out of date; check the official price page before relying on them."),
    "overview_note": ("每行合并了多项信息：来源全部列出，日期取最早的一项，可信度取最低的一项。",
                      "Each row combines several facts: all sources are listed, the date is the earliest and "
                      "the confidence the lowest of them."),
    "compare_ratio": ("每万汉字价格所用的换算比例：{v}。", "Ratios used for prices per 10k characters: {v}."),
    "compare_ratio_none": ("无", "none"),
    "no_prices": ("暂无当前价格数据。", "No current prices are recorded."),
    "no_billing": ("数据中没有记录计费组成。", "No billing components are recorded."),
    "no_quota": ("原指南和已查阅的来源都没有给出免费额度。",
                 "Neither the guide nor the sources checked give a free quota."),
    "no_ratio": ("原指南和已查阅的来源都没有给出 token 与字数的换算比例。",
                 "Neither the guide nor the sources checked give a token-to-character ratio."),
    "no_history": ("暂无价格记录。", "No prices are recorded."),
    "dl_json": ("全部数据（JSON，与数据文件结构相同）", "all data (JSON, the same structure as the data file)"),
    "dl_csv": ("所有价格时段（CSV，每行一个时段，已换算为元 / 百万 tokens）",
               "every price period (CSV, one period per row, converted to CNY per 1M tokens)"),
    "dl_schema": ("数据格式说明（JSON Schema）", "the data format (JSON Schema)"),
}


t = translator("prices", LABELS)


_ESCAPED = re.compile(r"[&<>\"']")


def esc(value: object) -> str:
    text = str(value)
    # Most data strings need no escaping; checking first is several times faster than escaping.
    return html.escape(text, quote=True) if _ESCAPED.search(text) else text


def tx(text: Text | None, lang: str) -> str:
    """A bilingual data text, escaped."""
    return "" if text is None else esc(languages.text(text, lang))


# The helpers below are pure and see the same few values on hundreds of rows (a handful of dates,
# sources and prices), so they remember their results: rendering is much of what the hook costs a build.
@functools.lru_cache(maxsize=4096)
def num(value: float, digits: int = 4) -> str:
    """A price for reading: at most `digits` significant digits below 100, no trailing zeros, no exponent."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        out = f"{value:,.2f}"
    else:
        out = f"{value:.{max(0, digits - 1 - math.floor(math.log10(abs(value))))}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def span(pair: tuple[float, float], digits: int = 4) -> str:
    low, high = (num(x, digits) for x in pair)
    return low if low == high else f"{low}–{high}"


@functools.lru_cache(maxsize=1024)
def href(url: str) -> str:
    # Non-ASCII paths (e.g. …/HTTP调用文档.html) are percent-encoded; the rest of the URL is kept.
    return esc(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))


def vendor_of(data: VendorData, vendor_id: str) -> Vendor:
    for vendor in data.vendors:
        if vendor.id == vendor_id:
            return vendor
    known = ", ".join(v.id for v in data.vendors)
    raise ValueError(f"unknown platform id {vendor_id!r} (known: {known})")


# --- building blocks ------------------------------------------------------------------------------

def paragraph(kind: str, body: str) -> str:
    return f'<p class="aiguide-{kind}">{body}</p>'


def source_links(ids: list[str] | tuple[str, ...], index: dict[str, Source], lang: str) -> str:
    return links([index[sid] for sid in dict.fromkeys(ids)], lang)  # unique, in order


def links(sources: Sequence[Source], lang: str) -> str:
    parts = []
    for src in sources:
        label = tx(src.label or src.title, lang)
        # No title attributes on the links: the kind is in the confidence column and the full titles
        # in the list of sources; every byte here is repeated on hundreds of rows.
        if src.url:
            parts.append(f'<a href="{href(src.url)}">{label}</a>')
        else:  # a source with no address (the guide, an unidentified README): named, not linked
            parts.append(f'<span title="{tx(src.title, lang)}{t("no_link", lang)}">{label}</span>')
    return languages.language(lang).long_list_sep.join(parts)


def stale_note(lang: str, today: dt.date, tables: Iterable[Table]) -> str:
    """The explanation of the ⚠ badges, once per page: under the current prices (other tables rely on the
    badge's tooltip)."""
    if not any(table.stale for table in tables):
        return ""
    return paragraph("stale-note", t("stale_note", lang, m=STALE_MONTHS, d=today.isoformat()))


def money_cell(value: float | None, lang: str) -> str:
    if value is None:
        return t("no_output", lang)
    return t("free", lang) if value == 0 else num(value)


def _combined(r: query.Rate, lang: str) -> Wide:
    return Wide(Html(t("combined", lang, v=money_cell(r.input, lang))))


def in_out_cells(price: Price, lang: str) -> list[Money | Wide]:
    """Input and output cells of a price's first line; a combined price spans both."""
    r = query.base(price)
    return [_combined(r, lang)] if r.combined else [Money(r.input), Money(r.output)]


def rate_cells(r: query.Rate, lang: str) -> list[Money | Wide | Html | str]:
    """Input, cache-hit input and output of one line; a thinking-mode output price under the output."""
    if r.combined:
        return [_combined(r, lang), "—"]
    out: Money | Html = Money(r.output)
    if r.thinking_output is not None:
        out = Html(money_cell(r.output, lang)
                   + f"<br><small>{t('thinking', lang, v=money_cell(r.thinking_output, lang))}</small>")
    return [Money(r.input), "—" if r.cache_hit is None else Money(r.cache_hit), out]


@functools.lru_cache(maxsize=256)
def tokens_short(n: int) -> str:
    """128K for 131,072 or 128,000 tokens, 1M for 1,048,576 or 1,000,000; the exact number otherwise."""
    for size in (1000, 1024):
        if n % (size * size) == 0:
            return f"{n // (size * size):,}M"
    for size in (1000, 1024):
        if n % size == 0:
            return f"{n // size:,}K"
    return f"{n:,}"


def condition(r: query.Rate, previous: query.Rate | None, lang: str) -> str:
    """When a line applies: its tier bounds or its time window ("—" for a flat price)."""
    if r.window is not None:
        w = r.window
        days = t("weekdays", lang) if w.days == "weekdays" else ""
        hours = languages.language(lang).list_sep.join(h.replace("-", "–") for h in w.hours)
        return t("window", lang, name=tx(w.name, lang), hours=hours, days=days)
    parts = []
    if r.input_up_to is not None:
        parts.append(t("tier_in", lang, n=tokens_short(r.input_up_to)))
    elif previous is not None and previous.input_up_to is not None:
        parts.append(t("tier_in_over", lang, n=tokens_short(previous.input_up_to)))
    if r.output_up_to is not None:
        parts.append(t("tier_out", lang, n=tokens_short(r.output_up_to)))
    elif previous is not None and previous.output_up_to is not None and previous.input_up_to == r.input_up_to:
        parts.append(t("tier_out_over", lang, n=tokens_short(previous.output_up_to)))
    return languages.language(lang).comma.join(parts) or "—"


def price_terms(price: Price, lang: str) -> str:
    """What holds for a whole period: batch discount, promotion end, the note."""
    parts = []
    if price.batch is not None:
        parts.append(t("batch", lang, v=num(price.batch)))
    if price.promotion and price.to is not None:
        parts.append(t("promotion", lang, d=price.to.isoformat()))
    if price.note:
        parts.append(tx(price.note, lang))
    return languages.language(lang).clause_sep.join(parts)


def model_cell(model: Model, price: Price | None, lang: str, first: bool = True) -> Html:
    terms = price_terms(price, lang) if (price is not None and first) else ""
    return Html(esc(model.name) + (f"<br><small>{terms}</small>" if terms else ""))


def context_cell(model: Model) -> str:
    if model.limits is None:
        return "—"
    return tokens_short(model.limits.context)


def ratio_of(vendor: Vendor):
    return query.chars_ratio(vendor)


def chars_cell(r: query.Rate, ratio) -> str:
    if ratio is None:
        return "—"
    cells = [span(v, 3) if v is not None else "—"  # derived figures: 3 significant digits are plenty
             for v in (money.per_10k_chars(r.input, ratio.chars_per_token),
                       money.per_10k_chars(r.output, ratio.chars_per_token))]
    return " / ".join(cells)


def labelled_lines(price: Price, lang: str) -> list[tuple[query.Rate, str]]:
    """Each line of a price with when it applies: its tier bounds, its time window, "other times" for the
    rates outside the windows, "—" for a flat price. The tables, the history and the calculator say the same."""
    lines = query.rates(price)
    windowed = any(r.window for r in lines)
    out, previous = [], None
    for r in lines:
        if r.window is not None:
            out.append((r, condition(r, None, lang)))
        else:
            out.append((r, t("window_other", lang) if windowed else condition(r, previous, lang)))
            previous = r
    return out


def line_rows(model: Model, price: Price, ratio, lang: str, prov: Provenance) -> list[Row]:
    """One row per line of the price (tier or time window), each complete in itself."""
    return [Row(model_cell(model, price, lang, i == 0), [Html(cond), *rate_cells(r, lang), chars_cell(r, ratio),
                                                         context_cell(model)], prov)
            for i, (r, cond) in enumerate(labelled_lines(price, lang))]


def rel(page_dir: str, target: str) -> str:
    """A link from the page at site-relative directory `page_dir` (e.g. 'en/vendors/') to `target`."""
    out = posixpath.relpath(target.rstrip("/") or ".", page_dir.rstrip("/") or ".")
    return out + "/" if target.endswith("/") and out != "." else ("./" if out == "." else out)


def vendor_dir(vendor_id: str, lang: str) -> str:
    return languages.language(lang).prefix + f"vendors/{vendor_id}/"


# --- markers ----------------------------------------------------------------------------------------

def vendor_link(v: Vendor, lang: str, page_dir: str) -> Link:
    return Link(rel(page_dir, vendor_dir(v.id, lang)), v.name)


def vendor_overview(data: VendorData, lang: str, *, page_dir: str) -> str:
    index = money.sources_by_id(data)
    rows = []
    for v in data.vendors:
        facts = [v.overview, v.own_training, v.fine_tuning]
        ids = [*v.overview.sources, *v.own_training.sources, *v.fine_tuning.sources]
        dates = [money.claim_as_of(getattr(f, "as_of", None), f.sources, index) for f in facts]
        oldest = min(dates, key=lambda a: (a.day is not None, a.day or dt.date.min))
        weakest = min((money.confidence(f.sources, index) for f in facts), key=money.CONFIDENCE_RANK.__getitem__)
        rows.append(Row(vendor_link(v, lang, page_dir),
                        [v.company, v.overview.models, _fact(v.own_training, lang), _fact(v.fine_tuning, lang),
                         v.overview.note or "—"],
                        Provenance.of(ids, oldest, index, confidence=weakest)))
    head = [t(k, lang) for k in ("platform", "company", "models", "own_training", "fine_tuning", "notes")]
    return Table("overview", t("cap_overview", lang), head, rows).html(lang) + paragraph(
        "note", t("overview_note", lang))


def vendor_list(data: VendorData, lang: str, *, page_dir: str) -> str:
    """Every platform with its company and its page, in the data's order (the platforms' overview page)."""
    rows = [Row(vendor_link(v, lang, page_dir), [v.company, v.platform]) for v in data.vendors]
    head = [t(k, lang) for k in ("platform", "company", "business_platform")]
    return Table("vendor-list", t("cap_vendor_list", lang, n=len(rows)), head, rows).html(lang)


def _fact(fact, lang: str) -> Html:
    note = tx(fact.note, lang)
    return Html(f"{t(fact.value, lang)}" + (f"<br><small>{note}</small>" if note else ""))


def vendor_facts(data: VendorData, vendor_id: str, lang: str) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    ident = Provenance.of(v.sources, money.claim_as_of(None, v.sources, index), index)
    rows = [Row(Label("company"), [v.company], ident)]
    if v.consumer_product:
        rows.append(Row(Label("consumer_product"), [v.consumer_product], ident))
    rows.append(Row(Label("business_platform"), [v.platform], ident))
    for key in ("own_training", "fine_tuning"):
        fact = getattr(v, key)
        rows.append(Row(Label(key), [_fact(fact, lang)],
                        Provenance.of(fact.sources, money.claim_as_of(fact.as_of, fact.sources, index), index)))
    for doc in v.docs:
        src = index[doc.source]
        rows.append(Row(Label(f"doc_{doc.kind}"), [Link(src.url or "", src.title)],
                        Provenance.of([doc.source], money.claim_as_of(None, [doc.source], index), index)))
    head = [t("item", lang), t("value", lang)]
    out = Table("facts", t("cap_facts", lang, v=tx(v.name, lang)), head, rows, v.id).html(lang)
    return out + (paragraph("note", tx(v.notes, lang)) if v.notes else "")


def prices(data: VendorData, vendor_id: str, lang: str, *, today: dt.date) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    ratio = ratio_of(v)
    rows = []
    for offer in query.offers(v, today):
        p = offer.price
        rows += line_rows(offer.model, p, ratio, lang, Provenance.of(p.sources, money.price_as_of(p), index, today))
    if not rows:
        return paragraph("empty", t("no_prices", lang))
    table = Table("prices", t("cap_prices", lang, v=tx(v.name, lang)), price_head(lang), rows, v.id)
    out = table.html(lang) + paragraph("note", _ratio_sentence(ratio, index, lang))
    return out + stale_note(lang, today, [table])


def price_head(lang: str, platform: bool = False) -> list[str]:
    head = [t("model", lang)] + ([t("platform", lang)] if platform else []) + [t("conditions", lang)]
    return head + [t(k, lang) for k in ("input", "cache_hit", "output", "per_10k", "context")]


def _ratio_sentence(ratio, index, lang: str) -> str:
    if ratio is None:
        return t("ratio_none", lang)
    return t("ratio_used", lang, r=span(ratio.chars_per_token), s=source_links(ratio.sources, index, lang))


def billing(data: VendorData, vendor_id: str, lang: str, *, today: dt.date) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    if not v.billing:
        return paragraph("empty", t("no_billing", lang))
    rows = [Row(b.name, [b.note or "—"], Provenance.of(b.sources, money.claim_as_of(b.as_of, b.sources, index),
                                                       index, today))
            for b in v.billing]
    head = [t("component", lang), t("note", lang)]
    return Table("billing", t("cap_billing", lang, v=tx(v.name, lang)), head, rows, v.id).html(lang)


def tokens(n: int, lang: str) -> str:
    if languages.language(lang).wan and n >= 10_000 and n % 10_000 == 0:
        return t("tokens", lang, n=f"{n // 10_000:,} 万")
    return t("tokens", lang, n=f"{n:,}")


def _status_note(status: str, note: Text | None, lang: str, extra: str = "") -> Html:
    parts = [t("unconfirmed", lang)] if status == "unconfirmed" else []
    parts += [x for x in (tx(note, lang), extra) if x]
    return Html(languages.language(lang).join.join(parts) or "—")


def free_quota(data: VendorData, vendor_id: str, lang: str, *, today: dt.date) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    if not v.free_quota:
        return paragraph("empty", t("no_quota", lang))
    rows = []
    for q in v.free_quota:
        found = q.status != "not_found"
        amount = Html(tokens(q.tokens or 0, lang)) if found else Label("not_found")
        rows.append(Row(amount, [q.applies_to or "—", q.validity or "—", _status_note(q.status, q.note, lang)],
                        Provenance.of(q.sources, money.claim_as_of(q.as_of, q.sources, index), index,
                                      today if found else None)))
    head = [t("quota", lang), t("applies_to", lang), t("validity", lang), t("note", lang)]
    return Table("free-quota", t("cap_quota", lang, v=tx(v.name, lang)), head, rows, v.id).html(lang)


def token_ratio(data: VendorData, vendor_id: str, lang: str, *, today: dt.date) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    if not v.token_ratio:
        return paragraph("empty", t("no_ratio", lang))
    rows = []
    for r in v.token_ratio:
        found = r.status != "not_found"
        zh = span(r.chars_per_token) if r.chars_per_token else (Label("not_found") if not found else "—")
        en = Html(t(r.english.unit, lang, v=span(r.english.per_token))) if r.english else "—"
        extra = t("used_for_prices", lang) if r.use_for_prices else ""
        rows.append(Row(zh, [en, _status_note(r.status, r.note, lang, extra)],
                        Provenance.of(r.sources, money.claim_as_of(r.as_of, r.sources, index), index,
                                      today if found else None)))
    head = [t("zh_per_token", lang), t("en_per_token", lang), t("note", lang)]
    return Table("token-ratio", t("cap_ratio", lang, v=tx(v.name, lang)), head, rows, v.id).html(lang)


def price_history(data: VendorData, vendor_id: str, lang: str, *, today: dt.date) -> str:
    v = vendor_of(data, vendor_id)
    index = money.sources_by_id(data)
    rows = []
    for model in v.models:
        life = model.lifecycle
        name = esc(model.name)
        if life is not None and life.status == "retired":
            succ = next((m.name for m in v.models if m.id == life.successor), None)
            name += f"<br><small>{t('retired', lang)} {life.date.isoformat() if life.date else ''}"
            name += (t("successor", lang, m=esc(succ)) if succ else "") + "</small>"
        for period in money.periods(model.prices):
            p = period.price
            end = period.end.isoformat() if period.end else Html(t("open", lang))
            still_open = (period.end is None or period.end > today) and not query.retired_on(model, today)
            prov = Provenance.of(p.sources, money.price_as_of(p), index, today if still_open else None)
            for i, (r, cond) in enumerate(labelled_lines(p, lang)):
                terms = price_terms(p, lang) if i == 0 else ""
                cell = Html(name + (f"<br><small>{terms}</small>" if terms else ""))
                rows.append(Row(cell, [period.start.isoformat(), end, Html(cond), *rate_cells(r, lang),
                                       _quoted(p, lang)], prov))
    if not rows:
        return paragraph("empty", t("no_history", lang))
    head = [t("model", lang), t("from", lang), t("to", lang), t("conditions", lang), t("input", lang),
            t("cache_hit", lang), t("output", lang), t("quoted", lang)]
    return Table("price-history", t("cap_history", lang, v=tx(v.name, lang)), head, rows, v.id).html(lang)


def _quoted(p: Price, lang: str) -> Html:
    """The unit the source used, with its figures when they differ from the converted ones."""
    unit = t("per_1k" if p.unit == "per_1k_tokens" else "per_1m", lang)
    if p.unit == "per_1m_tokens":
        return Html(unit)
    if p.combined is not None:
        figures = num(p.combined)
    elif p.tiers is not None:
        figures = " · ".join(f"{num(x.input)} / {'—' if x.output is None else num(x.output)}" for x in p.tiers)
    else:
        figures = " / ".join("—" if x is None else num(x) for x in (p.input, p.output))
    return Html(f"{figures} {unit}")


CLASSES = ("flagship", "standard", "small", "embedding", "other")


def price_comparison(data: VendorData, lang: str, *, today: dt.date, page_dir: str, headings: bool = True) -> str:
    """Every model on sale, one table per class (flagship, standard, small, …), cheapest input first across
    platforms, one row per model (its lowest tier); the full tiers and the history are a click away."""
    index = money.sources_by_id(data)
    offers = query.current(data, today)
    if not offers:
        return paragraph("empty", t("no_prices", lang))
    ratios, platforms, history = {}, {}, []
    for v in data.vendors:
        ratios[v.id] = ratio_of(v)
        platforms[v.id] = vendor_link(v, lang, page_dir)
        history.append(f'<a href="{esc(platforms[v.id].href)}#price-history">{tx(v.name, lang)}</a>')
    out, cheapest, tables = [], [], []
    for cls in CLASSES:
        group = sorted((o for o in offers if o.model.class_ == cls), key=query._order)
        if not group:
            continue
        rows = []
        for o in group:
            p, v = o.price, o.vendor
            lines = query.rates(p)
            r = lines[0]
            notes = []
            if len(lines) > 1:  # the lowest tier, or the rates outside time windows: the rest a click away
                kind = t("windowed_note", lang, w=t("window_other", lang)) if any(x.window for x in lines) \
                    else t("tiered_note", lang)
                notes.append(f'{kind}<a href="{esc(platforms[v.id].href)}#current-prices">{t("all_tiers", lang)}</a>')
            terms = price_terms(p, lang)
            notes += [terms] if terms else []
            name = Html(esc(o.model.name) + "".join(f"<br><small>{n}</small>" for n in notes))
            rows.append(Row(name, [platforms[v.id], Html(condition(r, None, lang)), *rate_cells(r, lang),
                                   chars_cell(r, ratios[v.id]), context_cell(o.model)],
                            Provenance.of(p.sources, money.price_as_of(p), index, today)))
        caption = t("cap_class", lang, c=t(f"cls_{cls}", lang))
        if headings:  # a heading per class where the comparison is a section of its own (not in the calculator)
            out.append(f'<h3 id="class-{cls}">{t(f"cls_{cls}", lang)}</h3>')
        tables.append(Table("price-comparison", caption, price_head(lang, platform=True), rows))
        out.append(tables[-1].html(lang))
        if cls in ("flagship", "small"):
            first = next((o for o in group if query.base(o.price).input is not None), None)
            if first is not None:
                r = query.base(first.price)
                cheapest.append(t("cheapest", lang, c=t("cheapest_cls" if cls == "flagship" else "cheapest_small", lang),
                                  m=esc(first.model.name), v=tx(first.vendor.name, lang), i=money_cell(r.input, lang),
                                  o=money_cell(r.output, lang)))
    sep = languages.language(lang).clause_sep
    used = [f"{tx(v.name, lang)} {span(ratios[v.id].chars_per_token)}" for v in data.vendors if ratios[v.id]]
    note = t("compare_ratio", lang, v=sep.join(used) or t("compare_ratio_none", lang))
    lead = "".join(paragraph("cheapest", c) for c in cheapest)
    tail = paragraph("note", note) + paragraph("note", t("history_links", lang, v=" · ".join(history)))
    return lead + "".join(out) + tail + stale_note(lang, today, tables)


def downloads(data: VendorData, lang: str, *, page_dir: str) -> str:
    labels = ("dl_json", "dl_csv", "dl_schema")
    items = "".join(
        f'<li><a href="{esc(rel(page_dir, "data/" + name))}"><code>{name}</code></a>{t("colon", lang)}{t(label, lang)}</li>'
        for name, label in zip(DOWNLOADS, labels)
    )
    return f'<ul class="aiguide-downloads">{items}</ul>'


def sources(data: VendorData, lang: str) -> str:
    """The registry of sources (one page shows it; every table row links its own sources directly)."""
    rows = []
    for src in data.sources:
        title = Link(src.url, src.title) if src.url else Html(tx(src.title, lang) + t("no_link", lang))
        date = money.AsOf(src.seen, src.seen_precision).text() or Label("undated")
        # First the short name the tables' Source column shows, so a reader can look it up here.
        rows.append(Row(src.label or src.title, [title, Label(src.kind), date, src.note or "—"]))
    head = [t("short_name", lang), t("title", lang), t("kind", lang), t("date", lang), t("note", lang)]
    return Table("sources", t("cap_sources", lang), head, rows).html(lang)
