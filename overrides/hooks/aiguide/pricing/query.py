"""The questions every view asks of the price data, each answered once: which models are on sale on a day
(and at what price), what a price charges for a request of a given size, and which token ratio a platform's
figures use. The tables, the chart, the calculator's payload, the downloads and the changes feed all ask here,
so they cannot disagree. Pure functions, no HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from . import money
from .model import Model, Price, Rates, Text, TokenRatio, Vendor, VendorData, Window


# --- what a price charges -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Rate:
    """One line of a price, in CNY per 1M tokens: the whole price when it is flat, else one tier or one
    time window. `None` means the price does not say (no cache-hit price: cache hits pay `input`)."""

    input: float | None
    output: float | None
    cache_hit: float | None = None
    thinking_output: float | None = None
    input_up_to: int | None = None  # tier bounds (inclusive), None = no bound
    output_up_to: int | None = None
    window: Window | None = None  # a time-of-day window; None = the period's own rates
    combined: bool = False  # one price for input and output alike


def _rate(rates: Rates, unit: str, **extra) -> Rate:
    return Rate(money.per_1m(rates.input, unit), money.per_1m(rates.output, unit),
                money.per_1m(rates.cache_hit, unit), money.per_1m(rates.thinking_output, unit), **extra)


def rates(price: Price) -> list[Rate]:
    """Every line of a price: its tiers in order, or its flat rates followed by its time windows."""
    if price.combined is not None:
        value = money.per_1m(price.combined, price.unit)
        return [Rate(value, value, combined=True)]
    if price.tiers is not None:
        return [_rate(tier, price.unit, input_up_to=tier.input_up_to, output_up_to=tier.output_up_to)
                for tier in price.tiers]
    return [_rate(price, price.unit)] + [_rate(w, price.unit, window=w) for w in price.windows]


def base(price: Price) -> Rate:
    """The line a reader compares first: the smallest tier, or the rates outside any time window."""
    return rates(price)[0]


def tier_for(price: Price, tokens_in: float, tokens_out: float) -> tuple[int, Rate]:
    """The tier a request of this size pays (the first whose bounds it fits), and its position; a request
    larger than every bound pays the last tier. Flat prices have one line, returned as tier 0."""
    lines = [r for r in rates(price) if r.window is None]
    for i, r in enumerate(lines):
        if ((r.input_up_to is None or tokens_in <= r.input_up_to)
                and (r.output_up_to is None or tokens_out <= r.output_up_to)):
            return i, r
    return len(lines) - 1, lines[-1]


def minutes(span: str) -> tuple[int, int]:
    """'09:00-12:00' → (540, 720): minutes after midnight, Beijing time."""
    start, end = (int(part[:2]) * 60 + int(part[3:]) for part in span.split("-"))
    return start, end


def window_at(price: Price, hour: int | None, weekday: bool = True) -> Rate | None:
    """The window whose hours contain the start of `hour` (0–23, Beijing time) on a weekday or not; None
    when no window applies (the period's own rates do) or no hour is given."""
    if hour is None:
        return None
    for r in rates(price):
        w = r.window
        if w is not None and (weekday or w.days == "daily") and any(
                a <= hour * 60 < b for a, b in map(minutes, w.hours)):
            return r
    return None


@dataclass(frozen=True)
class Cost:
    amount: float  # CNY for one request
    tier: int  # which tier was used (0 for flat prices)
    window: Text | None  # which time window was used, if any
    thinking: bool  # whether a thinking-mode output price was used


def cost(price: Price, tokens_in: float, tokens_out: float, *, cached: float = 0.0, thinking: bool = False,
         hour: int | None = None, weekday: bool = True) -> Cost:
    """What one request costs: `cached` is the share (0–1) of input tokens that hit the cache (priced at
    the cache-hit rate where the price gives one, else at the input rate), `thinking` asks for the
    thinking-mode output price where one is given, `hour` (Beijing time) picks a time window.
    The calculator (calculator.js) does the same arithmetic; tests hold the two together."""
    tier, line = tier_for(price, tokens_in, tokens_out)
    timed = window_at(price, hour, weekday)
    line = timed or line
    hit = line.cache_hit if line.cache_hit is not None else line.input
    think = thinking and line.thinking_output is not None
    out = line.thinking_output if think else line.output
    amount = (tokens_in * (1 - cached) * (line.input or 0) + tokens_in * cached * (hit or 0)
              + tokens_out * (out or 0)) / 1e6
    return Cost(amount, tier, timed.window.name if timed else None, think)


# --- what is on sale ----------------------------------------------------------------------------------

def retired_on(model: Model, day: dt.date) -> bool:
    life = model.lifecycle
    return life is not None and life.status == "retired" and life.date is not None and life.date <= day


def in_force(model: Model, day: dt.date) -> money.Period | None:
    """The period in force on `day`; None before the first price, after the last, or once retired."""
    if retired_on(model, day):
        return None
    return money.price_on(model.prices, day)


@dataclass(frozen=True)
class Offer:
    """A model on sale on a day, with the period in force."""

    vendor: Vendor
    model: Model
    period: money.Period

    @property
    def price(self) -> Price:
        return self.period.price


def _order(offer: Offer) -> tuple:
    first = base(offer.price).input
    return (first if first is not None else float("inf"), offer.model.name.lower())


def offers(vendor: Vendor, day: dt.date) -> list[Offer]:
    """The platform's models on sale on `day`, cheapest input first (the smallest tier), then by name."""
    found = [Offer(vendor, m, p) for m in vendor.models if (p := in_force(m, day)) is not None]
    return sorted(found, key=_order)


def current(data: VendorData, day: dt.date) -> list[Offer]:
    """Every model on sale on `day`: platforms in the data's order, each cheapest first."""
    return [offer for vendor in data.vendors for offer in offers(vendor, day)]


# --- figures readers rely on today -------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """A figure readers may rely on today: a price in force, a free quota or a token ratio."""

    vendor: str
    kind: Literal["price", "free-quota", "token-ratio"]
    label: str
    as_of: money.AsOf
    sources: tuple[str, ...]


def current_figures(data: VendorData, today: dt.date) -> list[Figure]:
    index = money.sources_by_id(data)
    out: list[Figure] = []
    for vendor in data.vendors:
        for model in vendor.models:
            period = in_force(model, today)
            if period is not None:
                out.append(Figure(vendor.id, "price", model.name, money.price_as_of(period.price),
                                  tuple(period.price.sources)))
        for q in vendor.free_quota:
            if q.status != "not_found":
                label = f"{q.tokens:,} tokens" + (f" ({q.applies_to.en})" if q.applies_to else "")
                out.append(Figure(vendor.id, "free-quota", label, money.claim_as_of(q.as_of, q.sources, index),
                                  tuple(q.sources)))
        for r in vendor.token_ratio:
            if r.status != "not_found":
                label = (f"{_span(r.chars_per_token)} characters per token" if r.chars_per_token
                         else f"{_span(r.english.per_token)} English {r.english.unit} per token")
                out.append(Figure(vendor.id, "token-ratio", label, money.claim_as_of(r.as_of, r.sources, index),
                                  tuple(r.sources)))
    return out


def _span(pair: tuple[float, float]) -> str:
    return f"{pair[0]:g}" if pair[0] == pair[1] else f"{pair[0]:g}–{pair[1]:g}"


def stale_figures(data: VendorData, today: dt.date, months: int = 12) -> list[tuple[Figure, money.Freshness]]:
    """Figures older than `months` months (or undated), oldest first."""
    rows = [(f, money.freshness(f.as_of, today, months)) for f in current_figures(data, today)]
    rows = [(f, state) for f, state in rows if state != "fresh"]
    return sorted(rows, key=lambda row: (row[0].as_of.day or dt.date.min, row[0].vendor, row[0].label))


# --- token ratios ---------------------------------------------------------------------------------------

def chars_ratio(vendor: Vendor) -> TokenRatio | None:
    """The one ratio of Chinese characters per token the site uses for a platform, everywhere: the one
    marked `use_for_prices`, else the first with a characters-per-token figure; None when none is given."""
    found = [r for r in vendor.token_ratio if r.status != "not_found" and r.chars_per_token]
    return next((r for r in found if r.use_for_prices), found[0] if found else None)
