"""Read a price dataset into `Entry`s: one per model the dataset lists, its figure in ¥ per 1M tokens.

A file that is not the expected shape (malformed, truncated, unknown keys missing, a figure that is not
a number, negative, or an output price 1000× the input) is rejected as a whole with `DatasetError`,
naming the file and the entry: a dataset with one impossible figure is not trusted for the others.
An entry whose figure cannot be expressed exactly in our model (a tier bound written as an open interval,
a time-of-day price, a missing figure) is kept with a `problem` instead, so the report can list it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass

# An output price this many times the input price is taken for a unit or decimal error in the dataset.
MAX_OUTPUT_RATIO = 1000


class DatasetError(ValueError):
    """The dataset cannot be used; str() is the whole message."""


@dataclass(frozen=True)
class Rates:
    input: float | None
    output: float | None
    cache_hit: float | None = None


@dataclass(frozen=True)
class Tier:
    input_up_to: int | None  # inclusive; None on the last tier
    rates: Rates


@dataclass(frozen=True)
class Figure:
    """A model's price in ¥ per 1M tokens: flat rates, or tiers by input tokens per request."""

    flat: Rates | None = None
    tiers: tuple[Tier, ...] | None = None


@dataclass(frozen=True)
class Entry:
    key: str  # the dataset's id for the model (what data/price-sources.yml maps)
    vendor: str  # the dataset's vendor label, for listing unmapped entries
    currency: str
    figure: Figure | None
    problem: str | None = None  # why `figure` is None
    checked: dt.date | None = None  # the day the dataset last checked this entry, where it says


@dataclass(frozen=True)
class Snapshot:
    date: dt.date  # the dataset's own date (overridden by --date)
    entries: dict[str, Entry]


def _fail(name: str, where: str, expected: str, found: object) -> DatasetError:
    shown = found if isinstance(found, str) and found.startswith(("a ", "an ", "nothing", "no ")) else repr(found)
    return DatasetError(f"Invalid dataset {name}: {where}: expected {expected}; found {shown}")


def _json(text: str, name: str, offset: int = 0) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = text.count("\n", 0, exc.pos) + 1 + offset
        if not text.rstrip().endswith(("}", "]")):  # a JSON document ends with its object or list
            raise DatasetError(f"Invalid dataset {name}: line {line}: the file ends before its data does "
                               f"(truncated download?): {exc.msg}") from None
        raise DatasetError(f"Invalid dataset {name}: line {line}, column {exc.colno}: not valid JSON: "
                           f"{exc.msg}") from None


def _price(name: str, where: str, value: object, *, optional: bool = True) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(name, where, "a number" + (" or null" if optional else ""), value)
    if value < 0:
        raise _fail(name, where, "a price ≥ 0", value)
    return float(value)


def _check_ratio(name: str, where: str, rates: Rates) -> None:
    if rates.input and rates.output is not None and rates.output > MAX_OUTPUT_RATIO * rates.input:
        raise _fail(name, where, f"an output price at most {MAX_OUTPUT_RATIO}× the input price ({rates.input:g})",
                    rates.output)
    if rates.cache_hit is not None and rates.input is not None and rates.cache_hit > rates.input:
        raise _fail(name, where, f"a cache-hit price at most the input price ({rates.input:g})", rates.cache_hit)


def _date(name: str, where: str, value: object) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise _fail(name, where, "a date YYYY-MM-DD", value)


def _text(name: str, where: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, where, "non-empty text", value)
    return value.strip()


# --- LLM Abacus: szp2005/llm-prices-cn prices.json ------------------------------------------------

def read_abacus(text: str, name: str) -> Snapshot:
    """prices.json: {last_updated, pricing_unit: per_million_tokens, model_count, models: [...]}; each model
    gives its billing currency and the prices in it (`*_orig_per_m`), plus optional `price_tiers`."""
    raw = _json(text, name)
    if not isinstance(raw, dict) or not isinstance(raw.get("models"), list):
        raise _fail(name, "the whole file", "an object with a list `models`", _shape(raw))
    if raw.get("pricing_unit") != "per_million_tokens":
        raise _fail(name, "pricing_unit", "'per_million_tokens'", raw.get("pricing_unit"))
    date = _date(name, "last_updated", raw.get("last_updated"))
    models = raw["models"]
    if "model_count" in raw and raw["model_count"] != len(models):
        raise _fail(name, "model_count", f"the number of entries in `models` ({len(models)}) "
                    "(a shorter list means a truncated or partial file)", raw["model_count"])
    entries: dict[str, Entry] = {}
    for i, model in enumerate(models):
        where = f"models[{i}]"
        if not isinstance(model, dict):
            raise _fail(name, where, "an object", _shape(model))
        key = _text(name, f"{where}.id", model.get("id"))
        where = f"models[{i}] ({key})"
        if key in entries:
            raise _fail(name, f"{where}.id", "each id once", f"{key!r} again")
        currency = _text(name, f"{where}.billing_currency", model.get("billing_currency"))
        for field in ("input_price_orig_per_m", "output_price_orig_per_m"):
            if field not in model:
                raise _fail(name, f"{where}.{field}", "a price (the field is required)", "nothing")
        flat = _abacus_rates(name, where, model)
        tiers = model.get("price_tiers")
        figure = Figure(flat=flat)
        if tiers:
            if not isinstance(tiers, list):
                raise _fail(name, f"{where}.price_tiers", "a list", _shape(tiers))
            out = []
            for t, tier in enumerate(tiers):
                tw = f"{where}.price_tiers[{t}]"
                if not isinstance(tier, dict) or "up_to_input_tokens" not in tier:
                    raise _fail(name, tw, "an object with up_to_input_tokens", _shape(tier))
                bound = tier["up_to_input_tokens"]
                if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int) or bound <= 0):
                    raise _fail(name, f"{tw}.up_to_input_tokens", "a whole number of tokens > 0 or null", bound)
                last = t == len(tiers) - 1
                if (bound is None) != last or (out and bound is not None and bound <= out[-1].input_up_to):
                    raise _fail(name, f"{tw}.up_to_input_tokens", "rising bounds, null only on the last tier", bound)
                out.append(Tier(bound, _abacus_rates(name, tw, tier)))
            figure = Figure(tiers=tuple(out))
        checked = _date(name, f"{where}.last_verified", model["last_verified"]) if "last_verified" in model else None
        entries[key] = Entry(key, str(model.get("vendor_id", "")), currency, figure, checked=checked)
    # The snapshot is as new as its newest check (last_updated is when a price last changed).
    return Snapshot(max([date] + [e.checked for e in entries.values() if e.checked]), entries)


def _abacus_rates(name: str, where: str, obj: dict) -> Rates:
    rates = Rates(_price(name, f"{where}.input_price_orig_per_m", obj.get("input_price_orig_per_m"), optional=False),
                  _price(name, f"{where}.output_price_orig_per_m", obj.get("output_price_orig_per_m"), optional=False),
                  _price(name, f"{where}.cached_input_price_orig_per_m", obj.get("cached_input_price_orig_per_m")))
    _check_ratio(name, where, rates)
    return rates


# --- gufe-zeng/llm-price-cn data/prices.js ---------------------------------------------------------

_JS = re.compile(r"\A\s*window\.PRICE_DATA\s*=\s*(?P<body>\{.*\})\s*;?\s*\Z", re.S)
FLAT_CONDITIONS = {"", "-", "无阶梯计价"}
_K = r"(\d+(?:\.\d+)?)\s*[kK]"
# Tier conditions whose bounds are exact: an inclusive upper bound, or "above N" for the last tier.
# Open upper bounds ("（0, 16k）") are not: whether 16k itself belongs to the tier is unknown.
_UPTO = [re.compile(p) for p in (
    rf"^输入(?:长度)?\s*<=\s*{_K}$",
    rf"^{_K}\s*<\s*输入(?:长度)?\s*<=\s*{_K}$",
    rf"^输入长度\s*(?:\[\s*0|\(\s*(?:0|{_K}))\s*,\s*{_K}\s*\]$",
)]
_ABOVE = [re.compile(p) for p in (rf"^输入(?:长度)?\s*\[?\s*{_K}\s*\+\s*\)?$", rf"^输入(?:长度)?\s*>\s*{_K}$")]
KILO = 1000  # "32k" in these tables is 32,000 tokens, as the vendors' own tables and LLM Abacus write it


def read_gufe(text: str, name: str) -> Snapshot:
    """prices.js: `window.PRICE_DATA = {generatedAt, records: [...]};`, one record per price row
    (provider, platform, model, currency, input, output, cacheHit, condition) in ¥ or $ per 1M tokens.
    The rows of one model (key "provider | platform | model") are its tiers when their conditions are
    input-length bounds."""
    match = _JS.match(text)
    if not match:
        raise _fail(name, "the whole file", "`window.PRICE_DATA = {…};` (a JavaScript file holding one object)",
                    f"a file starting {text[:40]!r}" if text.strip() else "nothing")
    raw = _json(match.group("body"), name, text.count("\n", 0, match.start("body")))
    if not isinstance(raw, dict) or not isinstance(raw.get("records"), list):
        raise _fail(name, "the whole file", "an object with a list `records`", _shape(raw))
    date = _date(name, "generatedAt", raw.get("generatedAt"))
    groups: dict[str, list[tuple[str, dict]]] = {}
    vendors: dict[str, str] = {}
    for i, rec in enumerate(raw["records"]):
        where = f"records[{i}]"
        if not isinstance(rec, dict):
            raise _fail(name, where, "an object", _shape(rec))
        parts = [_text(name, f"{where}.{f}", rec.get(f)) for f in ("provider", "platform", "model")]
        key = " | ".join(parts)
        where = f"records[{i}] ({key})"
        _text(name, f"{where}.currency", rec.get("currency"))
        rates = Rates(_price(name, f"{where}.input", rec.get("input")), _price(name, f"{where}.output", rec.get("output")),
                      _price(name, f"{where}.cacheHit", rec.get("cacheHit")))
        _check_ratio(name, where, rates)
        condition = rec.get("condition", "")
        if not isinstance(condition, str):
            raise _fail(name, f"{where}.condition", "text", condition)
        groups.setdefault(key, []).append((where, rec | {"_rates": rates}))
        vendors[key] = parts[0]
    entries = {key: _gufe_entry(name, key, vendors[key], rows) for key, rows in groups.items()}
    return Snapshot(date, entries)


def _gufe_entry(name: str, key: str, vendor: str, rows: list[tuple[str, dict]]) -> Entry:
    currencies = {rec["currency"] for _, rec in rows}
    if len(currencies) > 1:
        raise _fail(name, rows[0][0], "one currency per model", f"{sorted(currencies)}")
    currency = currencies.pop()
    missing = [f for _, rec in rows for f in ("input", "output") if getattr(rec["_rates"], f) is None]
    if missing:
        return Entry(key, vendor, currency, None, f"no {missing[0]} price in the dataset")
    if len(rows) == 1 and rows[0][1].get("condition", "").strip() in FLAT_CONDITIONS:
        return Entry(key, vendor, currency, Figure(flat=rows[0][1]["_rates"]))
    bands = []
    for _, rec in rows:
        condition = rec.get("condition", "").strip()
        band = _band(condition)
        if band is None:
            return Entry(key, vendor, currency, None, f"condition not understood exactly: {condition!r}")
        bands.append((*band, rec["_rates"]))
    bands.sort(key=lambda b: (b[0], math.inf if b[1] is None else b[1]))
    lower = 0
    for low, high, _ in bands:
        if low != lower:
            return Entry(key, vendor, currency, None, "input-length tiers with a gap or an overlap")
        lower = high
    if any(high is None for _, high, _ in bands[:-1]):
        return Entry(key, vendor, currency, None, "input-length tiers with a gap or an overlap")
    return Entry(key, vendor, currency, Figure(tiers=tuple(Tier(high, rates) for _, high, rates in bands)))


def _band(condition: str) -> tuple[int, int | None] | None:
    """'输入长度（32k, 128k]' → (32000, 128000); '输入长度 32k+' → (32000, None); None if not exact."""
    text = (condition.replace("输入Token数：", "输入长度").replace("，", ",").replace("（", "(").replace("）", ")").replace("［", "[").replace("］", "]")
            .replace("＜", "<").replace("＝", "=").replace("=<", "<=").replace("≤", "<="))
    for rx in _UPTO:
        m = rx.match(text)
        if m:
            numbers = [float(g) for g in m.groups() if g is not None]
            low = numbers[0] if len(numbers) == 2 else 0
            return round(low * KILO), round(numbers[-1] * KILO)
    for rx in _ABOVE:
        m = rx.match(text)
        if m:
            return round(float(m.group(1)) * KILO), None
    return None


def _shape(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "an object with " + (", ".join(list(map(str, value))[:6]) or "no keys")
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return f"a {type(value).__name__} {value!r}"[:80]


READERS = {"llm-abacus-json": read_abacus, "gufe-prices-js": read_gufe}
