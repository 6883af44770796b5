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
import posixpath
from typing import Iterable

from aiguide import languages

from . import money, query
from .model import Model, Price, Text, Vendor, VendorData
from .table import STALE_MONTHS, Html, Label, Link, Money, Provenance, Row, Table, Wide
from .words import LABELS, esc, money_cell, num, source_links, span, t, tx  # noqa: F401 - LABELS re-exported

DOWNLOADS = ("vendors.json", "prices.csv", "vendors.schema.json")  # under site/data/


def vendor_of(data: VendorData, vendor_id: str) -> Vendor:
    for vendor in data.vendors:
        if vendor.id == vendor_id:
            return vendor
    known = ", ".join(v.id for v in data.vendors)
    raise ValueError(f"unknown platform id {vendor_id!r} (known: {known})")


# --- building blocks ------------------------------------------------------------------------------

def paragraph(kind: str, body: str) -> str:
    return f'<p class="aiguide-{kind}">{body}</p>'


def stale_note(lang: str, today: dt.date, tables: Iterable[Table]) -> str:
    """The explanation of the ⚠ badges, once per page: under the current prices (other tables rely on the
    badge's tooltip)."""
    if not any(table.stale for table in tables):
        return ""
    return paragraph("stale-note", t("stale_note", lang, m=STALE_MONTHS, d=today.isoformat()))


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
