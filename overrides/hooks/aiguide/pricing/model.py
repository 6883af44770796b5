"""The schema of data/vendors.yml: pydantic models (unknown fields forbidden) plus `check()`, the rules
that span several fields or entries (unique ids, source references, date order, overlapping periods).

The JSON Schema published with the site is generated from these models; field docstrings become its
descriptions. Custom errors carry the *expected* value as their message, so load.py can say
"expected …, found …" without knowing each rule.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from aiguide import languages
from aiguide.datafile import Problem

# --- field types --------------------------------------------------------------------------------

VENDOR_ID = r"^[a-z][a-z0-9-]*$"
MODEL_ID = r"^[a-z0-9][a-z0-9._-]*$"
SOURCE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
HTTPS = r"^https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$"

# What each pattern means, for error messages ("expected an https:// URL" rather than a regex).
PATTERN_MEANING = {
    VENDOR_ID: "a platform id of lowercase letters, digits and '-', e.g. 'qianfan'",
    MODEL_ID: "a model id of lowercase letters, digits, '.', '_' or '-', e.g. 'qwen-max'",
    SOURCE_ID: "a source id of letters, digits, '.', '_' or '-', e.g. 'S1'",
    HTTPS: "an https:// URL (http and other schemes are not allowed)",
}

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
VendorId = Annotated[str, StringConstraints(pattern=VENDOR_ID)]
ModelId = Annotated[str, StringConstraints(pattern=MODEL_ID)]
SourceId = Annotated[str, StringConstraints(pattern=SOURCE_ID)]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS)]
Sources = Annotated[list[SourceId], Field(min_length=1)]
Money = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, strict=True, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, strict=True)]


def _date(value: object) -> object:
    # The loader keeps dates as text (no YAML timestamps), so `2024-02-30` arrives here and gets a
    # clear message instead of a YAML constructor crash; numbers are refused, not read as epochs.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_impossible", "a real calendar date (YYYY-MM-DD)") from None
    raise PydanticCustomError("date_format", "a date written YYYY-MM-DD")


Date = Annotated[dt.date, BeforeValidator(_date)]


def _range(value: object) -> object:
    # One number is an exact ratio; [low, high] is a range the source gives. Stored as a pair.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (value, value)
    if not isinstance(value, (list, tuple)):
        raise PydanticCustomError("range_type", "a number or a list [low, high]")
    return value


def _ordered(value: tuple[float, float]) -> tuple[float, float]:
    if value[0] > value[1]:
        raise PydanticCustomError("range_order", "[low, high] with low ≤ high")
    return value


Range = Annotated[
    tuple[Positive, Positive],
    BeforeValidator(_range, json_schema_input_type=Union[Positive, tuple[Positive, Positive]]),
    AfterValidator(_ordered),
]


class Strict(BaseModel):
    # defer_build: the validator is built once, for VendorData, on first use (not once per class).
    # Field docstrings below are documentation; export.py copies them into the published schema
    # (pydantic's use_attribute_docstrings would cost every build ~30 ms of source inspection).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A text in both languages of the site."""

    # (The published schema describes this site's two languages; a further language of data/languages.yml
    # is written under its code beside zh and en, kept in other_languages: aiguide/languages.py.)

    zh: NonEmpty
    """简体中文."""
    en: NonEmpty
    """English."""
    other_languages: SkipJsonSchema[dict[str, NonEmpty]] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data):
        return languages.split_texts(data, ("zh", "en"))

    @model_validator(mode="after")
    def _complete(self) -> "Text":
        languages.missing_texts(("zh", "en"), self.other_languages)
        return self


# --- sources --------------------------------------------------------------------------------------

SourceKind = Literal["official", "third-party", "guide"]


class Source(Strict):
    """Where figures were seen. Every figure in the file names one or more of these by id."""

    id: SourceId
    kind: SourceKind
    """official: the vendor's own page; third-party: a price tracker; guide: the original guide."""
    title: Text
    label: Text | None = None
    """A short name for table cells (default: the title), e.g. "S1 LLM-Price"."""
    url: HttpsUrl | None = None
    """Omit only when the source has no known address, and say why in `note`."""
    seen: Date | None = None
    """When the source was read or dated; omit when the source gives no date."""
    seen_precision: Literal["day", "month", "year"] = "day"
    """How much of `seen` is known: 'year' shows 2024, not 2024-01-01."""
    note: Text | None = None


# --- vendor facts ---------------------------------------------------------------------------------

class Fact(Strict):
    """A yes/no fact, e.g. whether fine-tuning is offered."""

    value: Literal["yes", "no", "unknown"]
    note: Text | None = None
    sources: Sources
    as_of: Date | None = None
    """Defaults to the latest `seen` date of the sources."""


class Doc(Strict):
    """An official documentation link; its title, URL and date come from the source entry."""

    kind: Literal["api", "pricing", "billing", "docs", "naming"]
    source: SourceId


class Overview(Strict):
    """The vendor's row of the guide's overview table."""

    models: Text
    """Which models the platform offers (its own only, or third-party ones too)."""
    note: Text | None = None
    """The guide's "补充" (notes) column."""
    sources: Sources


class BillingItem(Strict):
    """One component of what the platform charges for."""

    name: Text
    note: Text | None = None
    sources: Sources
    as_of: Date | None = None


Status = Literal["confirmed", "unconfirmed", "not_found"]
STATUS_DOC = (
    "confirmed: stated by the cited source; unconfirmed: stated by the cited source only (e.g. the"
    " guide) and not found elsewhere; not_found: no figure was found (say what was looked for in note)."
)


class FreeQuota(Strict):
    """A free allowance of tokens."""

    status: Status = "confirmed"
    tokens: Count | None = None
    """Number of free tokens (required unless status is not_found)."""
    applies_to: Text | None = None
    validity: Text | None = None
    note: Text | None = None
    sources: Sources
    as_of: Date | None = None


class English(Strict):
    per_token: Range
    """English letters or words per token: a number or [low, high]."""
    unit: Literal["letters", "words"]


class TokenRatio(Strict):
    """How much text one token stands for."""

    status: Status = "confirmed"
    chars_per_token: Range | None = None
    """Chinese characters per token: a number or [low, high]."""
    english: English | None = None
    use_for_prices: bool = Field(default=False, strict=True)
    """Use this ratio for the ¥ per 10,000 characters columns (at most one per platform)."""
    note: Text | None = None
    sources: Sources
    as_of: Date | None = None


Tokens = Annotated[int, Field(gt=0, strict=True)]
PriceFactor = Annotated[float, Field(gt=0, le=1, strict=True, allow_inf_nan=False)]
HOURS = r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$"
PATTERN_MEANING[HOURS] = "hours written HH:MM-HH:MM in Beijing time, e.g. '09:00-12:00'"
Hours = Annotated[str, StringConstraints(pattern=HOURS)]


class Rates(Strict):
    """Prices for one kind of request, per `unit` of the period: what a tier or a time window charges."""

    input: Money | None = None
    """Price of input tokens (for a cache miss, where the platform prices cache hits)."""
    output: Money | None = None
    """Price of output tokens; `output: null` for models that produce no tokens (embeddings)."""
    cache_hit: Money | None = None
    """Price of input tokens served from the platform's context cache (never above `input`)."""
    thinking_output: Money | None = None
    """Output price in thinking (reasoning) mode, where it differs from `output`."""


class Tier(Rates):
    """One band of a price that depends on the request's size. A request pays the first tier whose bounds
    it fits (tiers are listed from the smallest bound up)."""

    input_up_to: Tokens | None = None
    """Largest number of input tokens per request this tier covers (inclusive); omit on the last tier."""
    output_up_to: Tokens | None = None
    """Largest number of output tokens this tier covers, where the platform also prices by output length."""


class Window(Rates):
    """A time-of-day price (e.g. DeepSeek's peak hours): replaces the period's rates during `hours`."""

    name: Text
    """What the platform calls the window, e.g. {zh: 高峰时段, en: peak hours}."""
    hours: Annotated[list[Hours], Field(min_length=1)]
    """Beijing time (UTC+8), start inclusive, end exclusive, e.g. ['09:00-12:00', '14:00-18:00']."""
    days: Literal["daily", "weekdays"] = "daily"
    """weekdays: Monday to Friday (the note says how public holidays count)."""
    note: Text | None = None


FromIs = Literal["effective", "first_seen"]


class Price(Rates):
    """One period of a model's price. Periods of one model must not overlap; a later period ends an
    open earlier one. Flat prices give input/output here; prices that depend on the request's size give
    `tiers` instead."""

    combined: Money | None = None
    """One price for input and output tokens together, when the source quotes only that."""
    tiers: list[Tier] | None = None
    """Bands by input (and output) tokens per request, smallest first; replaces input/output here."""
    windows: list[Window] = Field(default_factory=list)
    """Time-of-day prices; the period's own rates apply outside every window."""
    batch: PriceFactor | None = None
    """Batch (offline) calls cost this fraction of the price, e.g. 0.5 for half price."""
    promotion: bool = Field(default=False, strict=True)
    """A limited-time price; needs `to`, the day the promotion ends."""
    currency: Literal["CNY"]
    unit: Literal["per_1k_tokens", "per_1m_tokens"]
    """The unit the source quotes; the site converts to per 1M tokens."""
    from_: Date = Field(alias="from")
    """First day of the period (inclusive); see `from_is`."""
    from_is: FromIs = "first_seen"
    """effective: `from` is the date the source says the price took effect; first_seen: the earliest day a
    source showed the price (it may have started earlier)."""
    to: Date | None = None
    """First day after the period (exclusive), when known, e.g. the day a model went offline."""
    last_seen: Date | None = None
    """The latest date a source still showed this price (the as-of date; defaults to `from`)."""
    sources: Sources
    note: Text | None = None


ModelClass = Literal["flagship", "standard", "small", "embedding", "other"]


class Limits(Strict):
    """How much text a request may hold, in tokens."""

    context: Tokens
    """Context window: input and output tokens of one request together."""
    max_output: Tokens | None = None
    """Most output tokens one request may ask for."""
    sources: Sources


class Lifecycle(Strict):
    """Whether the platform still sells the model."""

    status: Literal["active", "deprecated", "retired"]
    """deprecated: still callable but being phased out; retired: no longer callable."""
    date: Date | None = None
    """The day it was (or will be) deprecated or retired; required unless active."""
    successor: ModelId | None = None
    """The id of the model (same platform) the platform recommends instead."""
    sources: Sources
    note: Text | None = None


class Model(Strict):
    id: ModelId
    name: NonEmpty
    """The model's name as the vendor writes it (the same in both languages)."""
    class_: ModelClass = Field(default="other", alias="class")
    """The model's place in the platform's line-up (editorial): flagship (the platform's most capable),
    standard, small (its cheapest/fastest), embedding, other. The comparison groups models by it."""
    limits: Limits | None = None
    lifecycle: Lifecycle | None = None
    released: Date | None = None
    """The day the platform released the model, where a source gives it."""
    note: Text | None = None
    prices: Annotated[list[Price], Field(min_length=1)]


class Api(Strict):
    """How to call the platform's chat API (the quickstart on its page is built from this)."""

    base_url: HttpsUrl
    """The OpenAI-compatible base URL, e.g. https://api.deepseek.com."""
    style: Literal["openai"] = "openai"
    """The request format; only OpenAI-compatible chat completions for now."""
    chat_path: Annotated[str, StringConstraints(pattern=r"^/[A-Za-z0-9/_.-]*$")] = "/chat/completions"
    """Appended to base_url."""
    key_env: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
    """The environment variable the snippets read the API key from, e.g. DEEPSEEK_API_KEY."""
    model: NonEmpty
    """The model name sent in the request."""
    sources: Sources
    """The documentation stating the base URL and the authentication."""


class Vendor(Strict):
    """One platform."""

    id: VendorId
    name: Text
    company: Text
    consumer_product: Text | None = None
    """The consumer (toC) chat product, e.g. 文心一言."""
    platform: Text
    """The business (toB) platform, e.g. 千帆大模型平台."""
    sources: Sources
    """Sources for the names, company and products."""
    overview: Overview
    own_training: Fact
    fine_tuning: Fact
    api: Api | None = None
    docs: list[Doc] = Field(default_factory=list)
    billing: list[BillingItem] = Field(default_factory=list)
    free_quota: list[FreeQuota] = Field(default_factory=list)
    token_ratio: list[TokenRatio] = Field(default_factory=list)
    models: list[Model] = Field(default_factory=list)
    notes: Text | None = None


class VendorData(Strict):
    """The platforms' facts and prices, each figure with its sources (data/vendors.yml with the platform
    files it lists, merged; the published vendors.json)."""

    sources: Annotated[list[Source], Field(min_length=1)]
    vendors: Annotated[list[Vendor], Field(min_length=1)]


class VendorIndex(Strict):
    """data/vendors.yml: the shared sources and the platforms in the site's order. A platform is its id
    (kept in data/vendors/<id>.yml) or a whole entry (as in the published vendors.json)."""

    sources: Annotated[list[Source], Field(min_length=1)]
    vendors: Annotated[list[Union[VendorId, Vendor]], Field(min_length=1)]


class VendorFile(Strict):
    """data/vendors/<id>.yml: one platform and the sources only it cites (ids unique across all files)."""

    sources: list[Source] = Field(default_factory=list)
    vendor: Vendor


# --- rules across fields and entries ------------------------------------------------------------

Path = tuple[Union[str, int], ...]


def _show(value: object) -> str:
    return repr(value.isoformat()) if isinstance(value, dt.date) else repr(value)


def check(data: VendorData) -> list[Problem]:
    """Every rule the models alone cannot express, in file order."""
    problems: list[Problem] = []
    add = lambda path, expected, found: problems.append(Problem(tuple(path), expected, found))  # noqa: E731

    sources: dict[str, int] = {}
    for i, src in enumerate(data.sources):
        if src.id in sources:
            add(("sources", i, "id"), "a source id not used before",
                f"{src.id!r} again (first at sources[{sources[src.id]}])")
        sources.setdefault(src.id, i)
        if src.url is None and src.note is None:
            add(("sources", i, "url"), "an https:// URL, or a note saying why there is none", "neither")
        if src.seen is None and src.seen_precision != "day":
            add(("sources", i, "seen"), "a date, since seen_precision is given", "nothing")
    known = ", ".join(sorted(sources)[:12]) + (", …" if len(sources) > 12 else "")

    def refs(path: Path, ids: list[str]) -> None:
        for k, ref in enumerate(ids):
            if ref not in sources:
                add((*path, "sources", k), f"the id of an entry under `sources:` ({known})", repr(ref))

    vendors: dict[str, int] = {}
    for v, vendor in enumerate(data.vendors):
        vp: Path = ("vendors", v)
        if vendor.id in vendors:
            add((*vp, "id"), "a platform id not used before",
                f"{vendor.id!r} again (first at vendors[{vendors[vendor.id]}])")
        vendors.setdefault(vendor.id, v)
        refs(vp, vendor.sources)
        refs((*vp, "overview"), vendor.overview.sources)
        refs((*vp, "own_training"), vendor.own_training.sources)
        refs((*vp, "fine_tuning"), vendor.fine_tuning.sources)
        for d, doc in enumerate(vendor.docs):
            src = data.sources[sources[doc.source]] if doc.source in sources else None
            if src is None:
                add((*vp, "docs", d, "source"), f"the id of an entry under `sources:` ({known})", repr(doc.source))
            elif src.url is None:
                add((*vp, "docs", d, "source"), "a source with a url (a doc link needs one)", repr(doc.source))
        for b, item in enumerate(vendor.billing):
            refs((*vp, "billing", b), item.sources)
        for q, quota in enumerate(vendor.free_quota):
            qp = (*vp, "free_quota", q)
            refs(qp, quota.sources)
            _check_claim(add, qp, quota.status, {"tokens": quota.tokens}, required="tokens")
        chosen = None
        for r, ratio in enumerate(vendor.token_ratio):
            rp = (*vp, "token_ratio", r)
            refs(rp, ratio.sources)
            figures = {"chars_per_token": ratio.chars_per_token, "english": ratio.english}
            _check_claim(add, rp, ratio.status, figures, required="chars_per_token or english")
            if ratio.use_for_prices:
                if chosen is not None:
                    add((*rp, "use_for_prices"), "at most one ratio per platform with use_for_prices",
                        f"a second one (the first is token_ratio[{chosen}])")
                elif ratio.chars_per_token is None or ratio.status == "not_found":
                    add((*rp, "use_for_prices"), "a ratio with chars_per_token", "none")
                chosen = r if chosen is None else chosen
        models: dict[str, int] = {}
        for m, model in enumerate(vendor.models):
            mp = (*vp, "models", m)
            if model.id in models:
                add((*mp, "id"), "a model id not used before on this platform",
                    f"{model.id!r} again (first at models[{models[model.id]}])")
            models.setdefault(model.id, m)
            for p, price in enumerate(model.prices):
                refs((*mp, "prices", p), price.sources)
                _check_price(add, (*mp, "prices", p), price)
            _check_periods(add, mp, model.prices)
            if model.limits is not None:
                refs((*mp, "limits"), model.limits.sources)
                if model.limits.max_output is not None and model.limits.max_output > model.limits.context:
                    add((*mp, "limits", "max_output"), f"at most the context window ({model.limits.context})",
                        repr(model.limits.max_output))
            if model.lifecycle is not None:
                refs((*mp, "lifecycle"), model.lifecycle.sources)
        for m, model in enumerate(vendor.models):  # successors may come later in the list
            if model.lifecycle is not None:
                _check_lifecycle(add, (*vp, "models", m), model, models)
        if vendor.api is not None:
            refs((*vp, "api"), vendor.api.sources)
    return problems


def _check_lifecycle(add, path: Path, model: Model, models: dict[str, int]) -> None:
    life, lp = model.lifecycle, (*path, "lifecycle")
    if life.status != "active" and life.date is None:
        add((*lp, "date"), f"the day the model is {life.status}", "nothing")
    if life.successor is not None and (life.successor not in models or life.successor == model.id):
        known = ", ".join(sorted(i for i in models if i != model.id)[:8])
        add((*lp, "successor"), f"the id of another model of this platform ({known})", repr(life.successor))
    if life.status == "retired" and life.date is not None:
        # A retired model must not show a price in force after it went offline.
        order = sorted(range(len(model.prices)), key=lambda i: model.prices[i].from_)
        last = model.prices[order[-1]]
        if last.from_ >= life.date:
            add((*path, "prices", order[-1], "from"), f"a day before the retirement ({life.date.isoformat()})",
                _show(last.from_))
        elif last.to is None or last.to > life.date:
            add((*path, "prices", order[-1], "to"),
                f"an end on or before the retirement ({life.date.isoformat()}): a retired model has no current price",
                _show(last.to) if last.to else "no end")


def _check_claim(add, path: Path, status: str, figures: dict, required: str) -> None:
    given = [name for name, value in figures.items() if value is not None]
    if status == "not_found":
        for name in given:
            add((*path, name), "no figure, since status is not_found", "a figure")
    elif not given:
        add(path, f"{required} (or status: not_found)", "no figure")


def _check_rates(add, path: Path, rates: Rates, *, needs: bool = True) -> None:
    """Input and output given (output may be null), and a cache-hit price no higher than the input price."""
    if needs and rates.input is None:
        add((*path, "input"), "an input price", "nothing")
    elif needs and "output" not in rates.model_fields_set:
        add((*path, "output"), "an output price (write `output: null` if the model has no output tokens)",
            "nothing")
    if rates.cache_hit is not None and rates.input is not None and rates.cache_hit > rates.input:
        add((*path, "cache_hit"), f"a cache-hit price ≤ the input price ({rates.input:g})", f"{rates.cache_hit:g}")


def _check_price(add, path: Path, price: Price) -> None:
    flat = [name for name in ("input", "output", "cache_hit", "thinking_output") if name in price.model_fields_set]
    if price.combined is not None:
        for name in ("input", "output"):
            if name in price.model_fields_set:
                add((*path, name), "either `combined` or `input`/`output`, not both", f"{name} as well")
    elif price.tiers is not None:
        for name in flat:
            add((*path, name), "prices inside `tiers` only (a tiered price has no flat rates)", f"{name} as well")
        _check_tiers(add, (*path, "tiers"), price.tiers)
    elif price.input is None:
        add((*path, "input"), "an input price (or `combined` for one in+out price, or `tiers`)", "nothing")
    else:
        _check_rates(add, path, price)
    for w, window in enumerate(price.windows):
        wp = (*path, "windows", w)
        if price.tiers is not None or price.combined is not None:
            add(wp, "time windows only on a flat input/output price", "a window on a tiered or combined price")
        _check_rates(add, wp, window)
        for h, span in enumerate(window.hours):
            start, end = span.split("-")
            if end <= start:
                add((*wp, "hours", h), "an end later than the start (split a window that crosses midnight)",
                    repr(span))
    if price.promotion and price.to is None:
        add((*path, "to"), "the day the promotion ends (a promotion needs `to`)", "nothing")
    if price.to is not None and price.to <= price.from_:
        add((*path, "to"), f"a date after from ({price.from_.isoformat()})", _show(price.to))
    if price.last_seen is not None:
        if price.last_seen < price.from_:
            add((*path, "last_seen"), f"a date on or after from ({price.from_.isoformat()})", _show(price.last_seen))
        elif price.to is not None and price.last_seen >= price.to:
            add((*path, "last_seen"), f"a date before to ({price.to.isoformat()})", _show(price.last_seen))


def _bound(value: int | None) -> float:
    return math.inf if value is None else value


def _check_tiers(add, path: Path, tiers: list[Tier]) -> None:
    if not tiers:
        add(path, "at least one tier", "an empty list")
    previous = None
    for t, tier in enumerate(tiers):
        _check_rates(add, (*path, t), tier)
        key = (_bound(tier.input_up_to), _bound(tier.output_up_to))
        if previous is not None and key <= previous:
            shown = tier.input_up_to if key[0] != previous[0] or tier.output_up_to is None else tier.output_up_to
            field = "input_up_to" if key[0] != previous[0] or tier.output_up_to is None else "output_up_to"
            add((*path, t, field),
                f"a bound above the previous tier's (tiers go from the smallest bound up; the last may omit it)",
                "no bound" if shown is None else repr(shown))
        previous = key


def _check_periods(add, path: Path, prices: list[Price]) -> None:
    # Sorted by start; an open period is closed by the next one, an explicit `to` must not reach past it.
    order = sorted(range(len(prices)), key=lambda i: prices[i].from_)
    for a, b in zip(order, order[1:]):
        first, second = prices[a], prices[b]
        if second.from_ == first.from_:
            add((*path, "prices", b, "from"), f"a start different from prices[{a}] (one price per period)",
                _show(second.from_))
        elif first.to is not None and first.to > second.from_:
            add((*path, "prices", b, "from"),
                f"a start on or after {first.to.isoformat()}, where prices[{a}] ends (periods must not overlap)",
                _show(second.from_))
