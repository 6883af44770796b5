"""The words and single values of the pricing pages, shared by the renderers (render.py) and the tables
(table.py): the label table, escaping, numbers, prices, addresses and source links."""

from __future__ import annotations

import functools
import html
import math
import re
from typing import Sequence
from urllib.parse import quote

from aiguide import languages
from aiguide.labels import translator

from .model import Source, Text

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


def money_cell(value: float | None, lang: str) -> str:
    if value is None:
        return t("no_output", lang)
    return t("free", lang) if value == 0 else num(value)
