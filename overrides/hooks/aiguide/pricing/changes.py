"""Price changes, derived from the price periods (nothing here is typed by hand): a model's first price is
"new", each later period a cut, a rise or a change (some parts up, some down, or the shape changed, e.g.
tiers introduced), and a model that stops being sold is "retired". Rendered as the changes page
(`<!-- md:price-changes -->`) and as one Atom feed per language (price-changes.xml at the language's root).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from aiguide import languages
from aiguide.labels import translator

from . import money, query, render
from .model import Model, Price, Vendor, VendorData
from .table import Html, Label, Link, Row, Table

Kind = Literal["new", "cut", "rise", "change", "retired"]
# At each language's root, not beside the changes page: Material fetches sitemap.xml from the folder of every
# <link rel="alternate"> in a page's head, and the language roots are where the sitemaps are.
FEED = "price-changes.xml"
FEED_ENTRIES = 60

LABELS: dict[str, tuple[str, str]] = {
    "new": ("新模型", "new model"),
    "cut": ("降价", "price cut"),
    "rise": ("涨价", "price rise"),
    "change": ("价格调整", "price change"),
    "retired": ("下线", "retired"),
    "date": ("日期", "Date"),
    "what": ("变动", "Change"),
    "before": ("之前", "Before"),
    "after": ("之后", "After"),
    "cap": ("价格变动（元 / 百万 tokens，输入 / 输出，最新的在前）",
            "Price changes (CNY per 1M tokens, input / output, newest first)"),
    "feed_title": ("AI 与大模型指南：国内大模型 API 价格变动", "AI & LLM Guide: Chinese LLM API price changes"),
    "feed_sub": ("本站价格数据中每一次新模型、降价、涨价和下线，附来源。",
                 "Every new model, price cut, price rise and retirement in this site's price data, with sources."),
    "entry": ("{v} {m}：{k}", "{v} {m}: {k}"),
    "entry_body": ("{d}起：{b} → {a}（元 / 百万 tokens，输入 / 输出）。来源：{s}。",
                   "From {d}: {b} → {a} (CNY per 1M tokens, input / output). Sources: {s}."),
    "feed_link": ("订阅这些变动：<a href=\"{f}\" type=\"application/atom+xml\">Atom 源</a>（每种语言一个）。",
                  "Follow these changes: <a href=\"{f}\" type=\"application/atom+xml\">Atom feed</a> (one per language)."),
    "none": ("—", "—"),
    "tiered": ("（分档，最低一档）", " (tiered, lowest tier)"),
}
t = translator("changes", LABELS)


@dataclass(frozen=True)
class Change:
    day: dt.date
    kind: Kind
    vendor: Vendor
    model: Model
    before: Price | None
    after: Price | None
    sources: tuple[str, ...]


def _compare(old: Price, new: Price) -> Kind:
    a, b = query.base(old), query.base(new)
    if len(query.rates(old)) != len(query.rates(new)) or a.combined != b.combined:
        return "change"
    pairs = [(x, y) for x, y in ((a.input, b.input), (a.output, b.output)) if x is not None and y is not None]
    down = any(y < x for x, y in pairs)
    up = any(y > x for x, y in pairs)
    return "change" if down == up else ("cut" if down else "rise")


def changes(data: VendorData) -> list[Change]:
    """Every change, newest first (then by platform order and model name)."""
    out: list[Change] = []
    for vendor in data.vendors:
        for model in vendor.models:
            periods = money.periods(model.prices)
            previous = None
            for period in periods:
                p = period.price
                if previous is None:
                    out.append(Change(period.start, "new", vendor, model, None, p, tuple(p.sources)))
                elif previous.end is not None and previous.end < period.start:  # a gap: sold again
                    out.append(Change(period.start, "new", vendor, model, None, p, tuple(p.sources)))
                else:
                    out.append(Change(period.start, _compare(previous.price, p), vendor, model, previous.price, p,
                                      tuple(p.sources)))
                previous = period
            life = model.lifecycle
            if life is not None and life.status == "retired" and life.date is not None:
                out.append(Change(life.date, "retired", vendor, model, periods[-1].price, None, tuple(life.sources)))
            elif previous is not None and previous.end is not None:  # ended without a successor period
                out.append(Change(previous.end, "retired", vendor, model, previous.price, None,
                                  tuple(previous.price.sources)))
    order = {v.id: i for i, v in enumerate(data.vendors)}
    return sorted(out, key=lambda c: (-c.day.toordinal(), order[c.vendor.id], c.model.name.lower(), c.kind))


def _figures(price: Price | None, lang: str) -> str:
    if price is None:
        return t("none", lang)
    r = query.base(price)
    text = f"{render.money_cell(r.input, lang)} / {render.money_cell(r.output, lang)}"
    return text + (t("tiered", lang) if len(query.rates(price)) > 1 else "")


def page(data: VendorData, lang: str, *, page_dir: str) -> str:
    index = money.sources_by_id(data)
    rows = []
    for c in changes(data):
        history = render.rel(page_dir, render.vendor_dir(c.vendor.id, lang)) + "#price-history"
        # No Provenance: the change's own day is the date; sources and confidence are ordinary cells.
        rows.append(Row(c.day.isoformat(), [Link(history, c.vendor.name), c.model.name, Html(t(c.kind, lang)),
                                            Html(_figures(c.before, lang)), Html(_figures(c.after, lang)),
                                            Html(render.source_links(c.sources, index, lang)),
                                            Label(money.confidence(c.sources, index))]))
    head = [t("date", lang), render.t("platform", lang), render.t("model", lang), t("what", lang),
            t("before", lang), t("after", lang), render.t("source", lang), render.t("confidence", lang)]
    table = Table("price-changes", t("cap", lang), head, rows).html(lang)
    feed_href = render.rel(page_dir, languages.language(lang).prefix + FEED)
    return table + render.paragraph("note", t("feed_link", lang, f=render.esc(feed_href)))


def feed(data: VendorData, lang: str, *, site_url: str, today: dt.date) -> str:
    """An Atom feed (RFC 4287) of the newest changes in the page's language; `site_url` ends with '/'."""
    prefix = languages.language(lang).prefix
    page_url = f"{site_url}{prefix}vendors/changes/"
    index = money.sources_by_id(data)
    items = [c for c in changes(data) if c.day <= today][:FEED_ENTRIES]
    updated = (items[0].day if items else today).isoformat() + "T00:00:00Z"
    host = site_url.split("//", 1)[-1].split("/", 1)[0]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{languages.language(lang).html_lang}">',
           f"<title>{escape(t('feed_title', lang))}</title>", f"<subtitle>{escape(t('feed_sub', lang))}</subtitle>",
           f"<id>{escape(page_url)}</id>", f"<link rel=\"self\" href={quoteattr(site_url + prefix + FEED)}/>",
           f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>",
           f"<updated>{updated}</updated>", "<author><name>AI &amp; LLM Guide</name></author>"]
    for c in items:
        vendor, kind = languages.text(c.vendor.name, lang), t(c.kind, lang)
        sources = languages.language(lang).long_list_sep.join(languages.text(index[s].label or index[s].title, lang)
                                                         for s in dict.fromkeys(c.sources))
        body = t("entry_body", lang, d=c.day.isoformat(), b=_plain(_figures(c.before, lang)),
                 a=_plain(_figures(c.after, lang)), s=sources)
        link = f"{site_url}{prefix}vendors/{c.vendor.id}/#price-history"
        uid = f"tag:{host},2026:price-change/{c.vendor.id}/{c.model.id}/{c.day.isoformat()}/{c.kind}"
        out += ["<entry>", f"<title>{escape(t('entry', lang, v=vendor, m=c.model.name, k=kind))}</title>",
                f"<id>{escape(uid)}</id>", f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
                f"<updated>{c.day.isoformat()}T00:00:00Z</updated>", f"<summary>{escape(body)}</summary>", "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _plain(text: str) -> str:
    return html.unescape(text)
