"""Compare what the datasets show with the data in force on each dataset's date.

Rules (data/README.md): a price the data already holds moves `last_seen` forward and gains the dataset
as a source; a different price becomes a new period below the old one, `from` = the dataset's date,
proposed only when every dataset that prices the model shows the same figure; a model we do not have
becomes a new model on the same condition. Whatever cannot be compared exactly is reported, not proposed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Model, Price, VendorData
from ..money import per_1m, price_on
from .datasets import DatasetError, Entry, Figure, Rates, Snapshot, Tier
from .mapping import Dataset, split_target, source_id


@dataclass(frozen=True)
class Reading:
    """One dataset file as read: its mapping entry, snapshot and where it came from."""

    id: str
    spec: Dataset
    file: str
    snapshot: Snapshot
    commit: str | None = None

    @property
    def date(self) -> dt.date:
        return self.snapshot.date

    @property
    def source(self) -> str:
        return source_id(self.id, self.date)

    @property
    def url(self) -> str:
        return self.spec.url(self.commit)


@dataclass(frozen=True)
class Seen:
    """One dataset's figure for one of our models."""

    reading: Reading
    key: str
    figure: Figure
    date: dt.date  # the entry's own check date (LLM Abacus last_verified), else the dataset's date
    source: str  # the source id to cite: an existing source for the same file at the same commit, if any


@dataclass
class Finding:
    """What the datasets say about one model of ours (vendor/model)."""

    vendor: str
    model: str
    seen: list[Seen] = field(default_factory=list)
    kind: str = ""  # new | change | confirm | disagree | not-comparable | unusable | ended | older
    ours: Price | None = None  # the period in force on the dataset's date
    ours_index: int | None = None
    notes: list[str] = field(default_factory=list)
    # What --write does: a new period (figure, from, last_seen, sources) or a last_seen/sources update.
    new_figure: Figure | None = None
    new_from: dt.date | None = None
    new_last_seen: dt.date | None = None
    add_sources: list[str] = field(default_factory=list)

    @property
    def proposes(self) -> bool:
        return self.new_figure is not None or self.new_last_seen is not None or bool(self.add_sources)


@dataclass
class Diff:
    readings: list[Reading]
    findings: list[Finding]
    unmapped: dict[str, list[Entry]]  # dataset id → entries no mapping names
    unusable: list[tuple[Reading, str, str, str]]  # (reading, their key, our target, why)
    missing: list[tuple[Reading, str, str]]  # mapped models the dataset no longer lists: (reading, key, target)
    coverage: dict[str, tuple[int, int, int]]  # dataset id → (confirms, contradicts, does not cover)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _ours(price: Price) -> tuple[Figure | None, list[str]]:
    """Our period as a Figure in ¥ per 1M tokens, with what a dataset cannot express about it."""
    if price.windows:  # a dataset's one price cannot say which hours it is for
        return None, ["time-of-day windows"]
    extra = [name for name, value in (("a thinking-mode output price", price.thinking_output),
             ("a batch price", price.batch)) if value]
    unit = price.unit
    if price.combined is not None:
        value = per_1m(price.combined, unit)
        return Figure(flat=Rates(value, value)), extra + ["one combined in+out price"]
    if price.tiers is not None:
        if any(t.output_up_to is not None for t in price.tiers):
            return None, ["tiers by output length"]
        if any(t.thinking_output is not None for t in price.tiers):
            extra.append("a thinking-mode output price")
        return Figure(tiers=tuple(Tier(t.input_up_to, Rates(per_1m(t.input, unit), per_1m(t.output, unit),
                                                            per_1m(t.cache_hit, unit))) for t in price.tiers)), extra
    return Figure(flat=Rates(per_1m(price.input, unit), per_1m(price.output, unit), per_1m(price.cache_hit, unit))), extra


def _same_rates(ours: Rates, theirs: Rates, notes: list[str], where: str = "") -> bool:
    if not (_close(ours.input, theirs.input) and _close(ours.output, theirs.output)):
        return False
    if ours.cache_hit is not None and theirs.cache_hit is not None:
        return _close(ours.cache_hit, theirs.cache_hit)
    if theirs.cache_hit is not None:
        notes.append(f"the dataset also gives a cache-hit price{where} ({theirs.cache_hit:g}) that ours lacks: "
                     "add it by hand after checking")
    return True


def compare(ours: Figure, theirs: Figure, notes: list[str]) -> bool | None:
    """True: the same price; False: a different one; None: the dataset cannot express ours (notes say why)."""
    if ours.tiers is not None and theirs.tiers is None:
        notes.append("the dataset gives one flat price and cannot express our tiers")
        return None
    if ours.tiers is None and theirs.tiers is None:
        return _same_rates(ours.flat, theirs.flat, notes)
    if ours.tiers is None or len(ours.tiers) != len(theirs.tiers):
        return False
    same = True
    for a, b in zip(ours.tiers, theirs.tiers):
        if a.input_up_to != b.input_up_to:
            return False
        bound = f" (tier up to {a.input_up_to})" if a.input_up_to else " (last tier)"
        same = _same_rates(a.rates, b.rates, notes, bound) and same
    return same


def _key(figure: Figure) -> tuple:
    # Figures equal up to rounding noise compare equal (for "two datasets agree").
    r = lambda x: None if x is None else round(x, 6)  # noqa: E731
    rates = lambda v: (r(v.input), r(v.output), r(v.cache_hit))  # noqa: E731
    if figure.tiers is not None:
        return ("tiers",) + tuple((t.input_up_to, *rates(t.rates)) for t in figure.tiers)
    return ("flat", *rates(figure.flat))


def _model(data: VendorData, vendor: str, model: str) -> Model | None:
    for v in data.vendors:
        if v.id == vendor:
            return next((m for m in v.models if m.id == model), None)
    return None


def _cited_as(data: VendorData, reading: Reading, vendor: str) -> str:
    """The id to cite a reading by: a source already defined for the same file at the same commit (the
    platform's own first), so one snapshot is never cited twice under two ids (that would count as two
    trackers agreeing); else the reading's own id."""
    same = [s.id for s in data.sources if reading.commit and s.url == reading.url]
    return next((i for i in same if i.startswith(f"{vendor}-")), same[0] if same else reading.source)


def diff(data: VendorData, readings: list[Reading]) -> Diff:
    findings: dict[str, Finding] = {}
    unmapped: dict[str, list[Entry]] = {}
    unusable, missing = [], []
    for reading in readings:
        mapped = reading.spec.models
        unmapped[reading.id] = [e for k, e in reading.snapshot.entries.items() if k not in mapped]
        for key, target in mapped.items():
            entry = reading.snapshot.entries.get(key)
            if entry is None:
                missing.append((reading, key, target))
                continue
            if entry.currency != "CNY":
                raise DatasetError(f"Invalid dataset {reading.file}: {key!r} (mapped to {target}): expected CNY; found "
                                 f"{entry.currency!r} (currencies are never converted here and this dataset has no "
                                 "conversion rule: map only models billed in CNY)")
            if entry.figure is None:
                unusable.append((reading, key, target, entry.problem or "no figure"))
                continue
            vendor, model = split_target(target)
            day = min(entry.checked or reading.date, reading.date)
            findings.setdefault(target, Finding(vendor, model)).seen.append(
                Seen(reading, key, entry.figure, day, _cited_as(data, reading, vendor)))
    order = {v.id: i for i, v in enumerate(data.vendors)}
    result = sorted(findings.values(), key=lambda f: (order.get(f.vendor, len(order)), f.vendor, f.model))
    for finding in result:
        _judge(data, finding)
    return Diff(readings, result, unmapped, unusable, missing, _coverage(data, readings, result))


def _judge(data: VendorData, f: Finding) -> None:
    figures = {_key(s.figure) for s in f.seen}
    model = _model(data, f.vendor, f.model)
    first, last = min(s.date for s in f.seen), max(s.date for s in f.seen)
    if model is None:
        if len(figures) > 1:
            f.kind = "disagree"
            return
        f.kind, f.new_figure, f.new_from = "new", f.seen[0].figure, first
        f.new_last_seen = last if last > first else None
        f.add_sources = list(dict.fromkeys(s.source for s in f.seen))
        return
    verdicts: dict[int, bool | None] = {}
    for n, s in enumerate(f.seen):
        period = price_on(model.prices, s.date)
        if period is None:
            starts = min(p.from_ for p in model.prices)
            f.kind = "older" if s.date < starts else "ended"
            return
        if f.ours is not None and period.index != f.ours_index:
            f.kind = "not-comparable"
            f.notes.append("the datasets' dates fall in different periods of ours")
            return
        f.ours, f.ours_index = period.price, period.index
        ours, extra = _ours(period.price)
        notes: list[str] = []
        verdicts[n] = None if ours is None else compare(ours, s.figure, notes)
        for note in notes + (["our period also has " + ", ".join(extra) + ", which the dataset does not express"]
                             if extra else []):
            if note not in f.notes:
                f.notes.append(note)
    if any(v is None for v in verdicts.values()):
        f.kind = "not-comparable"
        return
    agree = [f.seen[n] for n, v in verdicts.items() if v]
    differ = [f.seen[n] for n, v in verdicts.items() if not v]
    if differ and (agree or len({_key(s.figure) for s in differ}) > 1):
        f.kind = "disagree"
    elif differ:
        start = min(s.date for s in differ)
        if start <= f.ours.from_ or f.ours.to is not None:
            f.kind = "not-comparable"
            f.notes.append(f"the dataset's date ({start}) is not after the start of our period ({f.ours.from_})"
                           if start <= f.ours.from_ else "our period has a fixed end (`to`); add the change by hand")
            return
        f.kind, f.new_figure, f.new_from = "change", differ[0].figure, start
        latest = max(s.date for s in differ)
        f.new_last_seen = latest if latest > start else None
        f.add_sources = list(dict.fromkeys(s.source for s in differ))
        return
    else:
        f.kind = "confirm"
    # Confirmations (also those beside a disagreement): move last_seen forward, cite the dataset.
    if agree:
        latest = max(s.date for s in agree)
        shown = f.ours.last_seen or f.ours.from_
        if latest > shown and (f.ours.to is None or latest < f.ours.to):
            f.new_last_seen = latest
        f.add_sources = [src for src in dict.fromkeys(s.source for s in agree) if src not in f.ours.sources]


def _coverage(data: VendorData, readings: list[Reading], findings: list[Finding]) -> dict[str, tuple[int, int, int]]:
    """Per dataset: how many of our models in force on its date it confirms, contradicts, does not cover."""
    out = {}
    for reading in readings:
        verdict: dict[str, str] = {}
        for f in findings:
            for s in f.seen:
                if s.reading is reading and f.ours is not None:
                    ours, _ = _ours(f.ours)
                    same = None if ours is None else compare(ours, s.figure, [])
                    verdict[f"{f.vendor}/{f.model}"] = {True: "confirm", False: "contradict", None: "none"}[same]
        counts = [0, 0, 0]
        for v in data.vendors:
            for m in v.models:
                if price_on(m.prices, reading.date) is None:
                    continue
                state = verdict.get(f"{v.id}/{m.id}", "none")
                counts[{"confirm": 0, "contradict": 1, "none": 2}[state]] += 1
        out[reading.id] = tuple(counts)
    return out
