"""`<!-- md:price-chart -->`: current input and output prices per model as an inline SVG bar chart.

A pure function of (data, language, build date). Horizontal bars grouped by platform, two per model:
input solid, output hatched (told apart by pattern and by a text tag, not by colour alone), each with
its value written at the end. The axis is logarithmic when the prices span more than two orders of
magnitude; a free model gets the word "free" instead of a bar (zero has no place on a log axis).

Everything is drawn in `currentColor`, the page's text colour, so it reads in the light and the dark
palette alike. The SVG has role="img" with <title> and <desc>; a <details> table below it gives the
numbers. No script, no external reference.
"""

from __future__ import annotations

import datetime as dt
import math

from aiguide import languages
from aiguide.labels import translator

from . import calculator, money, render
from .model import VendorData
from .table import Provenance, Row, Table

# Layout, in SVG user units (the drawing scales to the column width; see extra.css).
WIDTH = 760
NAME_RIGHT = 232  # model names end here
TAG_X = 240  # "in" / "out" tags
X0, X1 = 282, 676  # the bar area
TOP = 62  # legend and axis labels above the first group
GROUP_H, ROW_H, BAR_H, GAP = 28, 34, 12, 2
BOTTOM = 30
LOG_SPAN = 100  # log scale when max / min positive price exceeds this (two orders of magnitude)
ID = "aiguide-chart"

LABELS: dict[str, tuple[str, str]] = {
    "title": ("各模型当前 API 价格（元 / 百万 tokens）", "Current API prices per model (CNY per 1M tokens)"),
    "input": ("输入价格", "input price"),
    "output": ("输出价格", "output price"),
    "tag_in": ("输入", "in"),
    "tag_out": ("输出", "out"),
    "free": ("免费", "free"),
    "none": ("不适用", "n/a"),
    "axis_log": ("元 / 百万 tokens（对数刻度）", "CNY per 1M tokens (log scale)"),
    "axis_linear": ("元 / 百万 tokens", "CNY per 1M tokens"),
    "desc": ("横向条形图，截至 {d} 仍在售的 {n} 个模型按平台分组，每个模型两条：实心条为输入价格，斜线条为输出价格，条末写有数值。"
             "横轴{scale}，从 {lo} 到 {hi} 元 / 百万 tokens。输入价格最低的是 {cheap}，最高的是 {dear}。"
             "免费的模型标为“免费”，没有输出 token 的模型标为“不适用”。各价格的日期和来源见价格表。",
             "Horizontal bar chart of the {n} models on sale on {d}, grouped by platform, two bars per model: a solid "
             "bar for the input price and a hatched bar for the output price, each with its value at the end. The "
             "axis is {scale}, from {lo} to {hi} CNY per 1M tokens. The lowest input price is {cheap}, the highest "
             "{dear}. Free models are labelled “free”; models without output tokens “n/a”. The dates and sources "
             "of the prices are in the price table."),
    "scale_log": ("为对数刻度", "logarithmic"),
    "scale_linear": ("为线性刻度", "linear"),
    "caption": ("各模型当前的输入与输出价格（元 / 百万 tokens，按 {d} 的构建）。{scale}",
                "Current input and output prices per model (CNY per 1M tokens, as built on {d}). {scale}"),
    "caption_log": ("价格跨越多个数量级，横轴采用对数刻度：每一格是前一格的 10 倍。",
                    "Prices span several orders of magnitude, so the axis is logarithmic: each step is ten times "
                    "the last."),
    "caption_linear": ("", ""),
    "table": ("图表数据（表格）", "The chart's data as a table"),
    "cap_table": ("图表中的价格（元 / 百万 tokens）", "Prices in the chart (CNY per 1M tokens)"),
    "no_prices": ("暂无当前价格数据。", "No current prices are recorded."),
}


t = translator("chart", LABELS)


# --- scale ------------------------------------------------------------------------------------------

def scale(values: list[float]) -> tuple[bool, float, float, list[float]]:
    """(log?, low, high, ticks) for the positive values: decades on a log axis, else 0…a round number."""
    low, high = min(values), max(values)
    if high / low > LOG_SPAN:
        lo_exp = math.floor(math.log10(low))
        if 10 ** lo_exp == low:  # a value on the axis' start would have no bar
            lo_exp -= 1
        hi_exp = math.ceil(math.log10(high))
        return True, 10.0 ** lo_exp, 10.0 ** hi_exp, [10.0 ** e for e in range(lo_exp, hi_exp + 1)]
    step = _nice_step(high / 5)
    top = step * math.ceil(high / step)
    return False, 0.0, top, [step * i for i in range(round(top / step) + 1)]


def _nice_step(raw: float) -> float:
    base = 10 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw)


def position(value: float, log: bool, low: float, high: float) -> float:
    if log:
        share = (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
    else:
        share = (value - low) / (high - low)
    return X0 + share * (X1 - X0)


# --- drawing ----------------------------------------------------------------------------------------

def _text(x: float, y: float, body: str, **attrs: object) -> str:
    # class_="tag" → class="tag", text_anchor="end" → text-anchor="end"
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{body}</text>'


def _bar(series: str, value: float | None, y: float, lang: str, axis) -> str:
    """One bar with its tag and value, or the word "free" / "n/a" where there is no bar to draw."""
    log, low, high = axis
    mid = y + BAR_H / 2
    out = _text(TAG_X, mid, t("tag_" + series, lang), class_="tag", font_size="10")
    if value is None or value == 0:
        return out + _text(X0 + 4, mid, t("none" if value is None else "free", lang), class_="word")
    end = max(position(value, log, low, high), X0 + 2)
    fill = "currentColor" if series == "in" else f"url(#{ID}-hatch)"
    out += (f'<rect class="{series}" x="{X0}" y="{y:g}" width="{end - X0:.1f}" height="{BAR_H}" fill="{fill}"'
            + (' fill-opacity="0.55"' if series == "in" else ' stroke="currentColor" stroke-width="1"') + "/>")
    return out + _text(end + 4, mid, render.num(value), class_="value", font_size="11")


def _axis(y_top: float, y_bottom: float, axis, ticks: list[float]) -> str:
    log, low, high = axis
    out = []
    for tick in ticks:
        x = position(tick, log, low, high) if (tick > 0 or not log) else X0
        out.append(f'<line x1="{x:.1f}" y1="{y_top:g}" x2="{x:.1f}" y2="{y_bottom:g}" stroke="currentColor" '
                   f'stroke-opacity="0.2"/>')
        label = render.num(tick)
        out.append(_text(x, y_top - 6, label, text_anchor="middle", class_="tick"))
        out.append(_text(x, y_bottom + 14, label, text_anchor="middle", class_="tick"))
    return "".join(out)


def _body(prices, lang: str, axis) -> tuple[str, float]:
    """The groups (a platform's name, then its models' bars); returns the SVG and the y below it."""
    body, y, last_vendor = [], TOP, None
    for vendor, model, inp, out in prices:
        if vendor.id != last_vendor:
            last_vendor = vendor.id
            body.append(_text(8, y + GROUP_H / 2 + 2, render.tx(vendor.name, lang), class_="group", font_weight="700"))
            y += GROUP_H
        top = y + (ROW_H - 2 * BAR_H - GAP) / 2
        body.append(f'<g class="model" data-model="{render.esc(vendor.id + "/" + model.id)}">'
                    + _text(NAME_RIGHT, y + ROW_H / 2, render.esc(model.name), text_anchor="end", class_="name")
                    + _bar("in", inp, top, lang, axis) + _bar("out", out, top + BAR_H + GAP, lang, axis) + "</g>")
        y += ROW_H
    return "".join(body), y


def _legend(lang: str, log: bool) -> str:
    mid = 8 + BAR_H / 2
    return (f'<rect x="{X0}" y="8" width="18" height="{BAR_H}" fill="currentColor" fill-opacity="0.55"/>'
            + _text(X0 + 24, mid, t("input", lang), class_="legend")
            + f'<rect x="{X0 + 150}" y="8" width="18" height="{BAR_H}" fill="url(#{ID}-hatch)" stroke="currentColor"/>'
            + _text(X0 + 174, mid, t("output", lang), class_="legend")
            + _text(8, mid, t("axis_log" if log else "axis_linear", lang), class_="legend"))


def _description(prices, lang: str, today: dt.date, log: bool, ticks: list[float]) -> str:
    """What the chart shows, for screen readers: its structure, scale and extremes."""
    priced = [(i, m.name) for _, m, i, _ in prices if i is not None]
    cheap, dear = min(priced, key=lambda p: p[0]), max(priced, key=lambda p: p[0])

    def show(pair: tuple[float, str]) -> str:
        value = t("free", lang) if pair[0] == 0 else render.num(pair[0])
        return pair[1] + languages.language(lang).parenthesized(value)

    return t("desc", lang, d=today.isoformat(), n=len(prices), scale=t("scale_log" if log else "scale_linear", lang),
             lo=render.num(ticks[0]), hi=render.num(ticks[-1]), cheap=show(cheap), dear=show(dear))


def price_chart(data: VendorData, lang: str, *, today: dt.date) -> str:
    rows = calculator.current_prices(data, today)
    if not rows:
        return render.paragraph("empty", t("no_prices", lang))
    prices = [(v, m, *money.in_out_1m(p)) for v, m, p in rows]
    positive = [x for _, _, i, o in prices for x in (i, o) if x]
    log, low, high, ticks = scale(positive or [1.0])  # all free: any axis will do, only words are drawn
    body, bottom = _body(prices, lang, (log, low, high))
    height = bottom + BOTTOM
    defs = (f'<defs><pattern id="{ID}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="currentColor" '
            f'stroke-width="2"/></pattern></defs>')
    # Fill, size and baseline are set once on the root and inherited: text in the page's own colour.
    svg = (f'<svg class="aiguide-chart-svg" role="img" viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" '
           f'height="{height:g}" aria-labelledby="{ID}-title {ID}-desc" xmlns="http://www.w3.org/2000/svg" '
           f'fill="currentColor" font-size="12" dominant-baseline="central">'
           f'<title id="{ID}-title">{t("title", lang)}</title>'
           f'<desc id="{ID}-desc">{render.esc(_description(prices, lang, today, log, ticks))}</desc>'
           f'{defs}{_legend(lang, log)}{_axis(TOP - 18, bottom + 4, (log, low, high), ticks)}{body}</svg>')
    caption = t("caption", lang, d=today.isoformat(), scale=t("caption_log" if log else "caption_linear", lang))
    return (f'<div class="aiguide-price-chart"><figure class="aiguide-chart">{svg}'
            f'<figcaption>{caption.strip()}</figcaption></figure>{_data_table(data, rows, lang, today)}</div>')


def _data_table(data: VendorData, rows, lang: str, today: dt.date) -> str:
    """The chart's numbers, each row with its source, as-of date and confidence like every price table."""
    index = money.sources_by_id(data)
    cells = [Row(m.name, [v.name, *render.in_out_cells(p, lang)],
                 Provenance.of(p.sources, money.price_as_of(p), index, today)) for v, m, p in rows]
    head = [render.t(k, lang) for k in ("model", "platform", "input", "output")]
    table = Table("chart-data", t("cap_table", lang), head, cells, searched=False).html(lang)
    return f'<details class="aiguide-chart-data"><summary>{t("table", lang)}</summary>{table}</details>'
