"""Pure arithmetic on prices and dates: units, ¥ per 10,000 Chinese characters, the price in force on a
day, as-of dates, confidence and staleness. No I/O and no HTML, so every rule is easy to test.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Literal

from .model import Price, Source, VendorData

# How many of the quoted unit make 1M tokens.
PER_1M = {"per_1k_tokens": 1000, "per_1m_tokens": 1}


def per_1m(amount: float | None, unit: str) -> float | None:
    """A price quoted per `unit` → the same price per 1M tokens."""
    if amount is None:
        return None
    # Rounded so that 0.012 ¥/1K shows as 12, not 12.000000000000002.
    return round(amount * PER_1M[unit], 9)


def per_10k_chars(price_1m: float | None, chars_per_token: tuple[float, float]) -> tuple[float, float] | None:
    """¥ per 1M tokens → ¥ per 10,000 Chinese characters, as (low, high).

    1M tokens carry about 1M × chars_per_token characters, so 10,000 characters cost
    price_1m × 10,000 / (1,000,000 × chars_per_token). More characters per token is cheaper, hence the
    high ratio gives the low price.
    """
    if price_1m is None:
        return None
    low_ratio, high_ratio = chars_per_token
    return round(price_1m / 100 / high_ratio, 9), round(price_1m / 100 / low_ratio, 9)


def in_out_1m(price: Price) -> tuple[float | None, float | None]:
    """(input, output) per 1M tokens of the price's first line (its smallest tier, or its rates outside
    any time window). A combined in+out price applies to either kind of token."""
    if price.combined is not None:
        value = per_1m(price.combined, price.unit)
        return value, value
    first = price.tiers[0] if price.tiers else price
    return per_1m(first.input, price.unit), per_1m(first.output, price.unit)


# --- price periods --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    price: Price
    index: int  # position in the model's `prices` list (for messages and stable order)
    start: dt.date  # inclusive
    end: dt.date | None  # exclusive; None = still open


def periods(prices: list[Price]) -> list[Period]:
    """The prices in date order, each ending at its own `to` or else where the next one starts."""
    order = sorted(range(len(prices)), key=lambda i: prices[i].from_)
    out = []
    for pos, i in enumerate(order):
        price = prices[i]
        nxt = prices[order[pos + 1]].from_ if pos + 1 < len(order) else None
        end = price.to if price.to is not None else nxt
        out.append(Period(price, i, price.from_, end))
    return out


def price_on(prices: list[Price], day: dt.date) -> Period | None:
    """The period in force on `day` (from inclusive, to exclusive), or None (not yet / no longer sold)."""
    for period in periods(prices):
        if period.start <= day and (period.end is None or day < period.end):
            return period
    return None


# --- provenance -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class AsOf:
    day: dt.date | None  # None: the source gives no date
    precision: Literal["day", "month", "year"] = "day"

    def text(self) -> str | None:
        if self.day is None:
            return None
        if self.precision == "year":
            return str(self.day.year)
        if self.precision == "month":
            return self.day.strftime("%Y-%m")
        return self.day.isoformat()

    def latest_day(self) -> dt.date | None:
        """The last day the date can mean ("2024" → 2024-12-31), so imprecise dates are not over-flagged."""
        if self.day is None or self.precision == "day":
            return self.day
        if self.precision == "year":
            return dt.date(self.day.year, 12, 31)
        return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])


def sources_by_id(data: VendorData) -> dict[str, Source]:
    return {source.id: source for source in data.sources}


def claim_as_of(explicit: dt.date | None, source_ids: Iterable[str], index: dict[str, Source]) -> AsOf:
    """An entry's own as_of, else the newest `seen` date among its sources."""
    if explicit is not None:
        return AsOf(explicit)
    dated = [index[s] for s in source_ids if s in index and index[s].seen is not None]
    if not dated:
        return AsOf(None)
    newest = max(dated, key=lambda s: s.seen)
    return AsOf(newest.seen, newest.seen_precision)


def price_as_of(price: Price) -> AsOf:
    return AsOf(price.last_seen or price.from_)


# Weakest first. "third-party" is one tracker alone; "corroborated" two or more trackers showing the figure.
CONFIDENCE_RANK = {"guide": 0, "third-party": 1, "corroborated": 2, "official": 3}


def origin(source: Source) -> str:
    """Who publishes a source: snapshots of one tracker at different dates are one origin. A GitHub file's
    origin is its repository; another page's, its host; a source without an address is its own."""
    if not source.url:
        return source.id
    host, _, path = source.url.split("//", 1)[1].partition("/")
    if host in ("github.com", "raw.githubusercontent.com"):
        return "github.com/" + "/".join(path.split("/")[:2]).lower()
    return host.lower()


def confidence(source_ids: Iterable[str], index: dict[str, Source]) -> str:
    """official if any source is official; corroborated if third-party sources of two or more origins
    (two trackers, not two snapshots of one) show the figure; third-party if one alone; else the guide
    (data/README.md, "Confidence")."""
    sources = [index[s] for s in dict.fromkeys(source_ids) if s in index]
    if any(s.kind == "official" for s in sources):
        return "official"
    trackers = {origin(s) for s in sources if s.kind == "third-party"}
    return "corroborated" if len(trackers) >= 2 else "third-party" if trackers else "guide"


# --- staleness ------------------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (0 when later is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


Freshness = Literal["fresh", "stale", "undated"]


def freshness(as_of: AsOf, today: dt.date, months: int = 12) -> Freshness:
    """'stale' when the figure is more than `months` months old on `today`; 'undated' when unknown."""
    last = as_of.latest_day()
    if last is None:
        return "undated"
    return "stale" if add_months(last, months) < today else "fresh"
