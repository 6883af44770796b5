"""The report: Markdown, one section per platform, every figure with the link to the dataset it came from.
It is printed by the command and is the body of the weekly pull request."""

from __future__ import annotations

from ..model import Price, VendorData
from .datasets import Figure, Rates
from .diff import Diff, Finding, Seen, _ours

HEADINGS = {
    "new": "New models",
    "change": "Price changes",
    "disagree": "Datasets disagree (nothing proposed)",
    "confirm": "Figures the datasets confirm",
    "not-comparable": "Not comparable (nothing proposed)",
    "ended": "Listed by a dataset, ended in our data (nothing proposed)",
    "older": "Dataset older than our data (nothing proposed)",
}


def rates(r: Rates) -> str:
    out = f"in {r.input:g} / out {'—' if r.output is None else format(r.output, 'g')}"
    return out + (f" / cache hit {r.cache_hit:g}" if r.cache_hit is not None else "")


def figure(fig: Figure | None) -> str:
    if fig is None:
        return "(cannot be shown)"
    if fig.tiers is None:
        return rates(fig.flat)
    return "; ".join((f"≤{t.input_up_to:,}" if t.input_up_to else "above") + f": {rates(t.rates)}" for t in fig.tiers)


def _ours_text(price: Price) -> str:
    fig, _ = _ours(price)
    text = figure(fig) if fig is not None else "tiers by output length"
    shown = f", last seen {price.last_seen}" if price.last_seen else ""
    return f"{text} (from {price.from_}{shown}; sources {', '.join(price.sources)})"


def _cite(s: Seen) -> str:
    r = s.reading
    return f"[{r.id} `{s.key}`, {s.date}]({r.url})"


def _line(f: Finding) -> str:
    head = f"- `{f.model}`"
    seen = "; ".join(f"{figure(s.figure)} — {_cite(s)}" for s in f.seen)
    if f.kind == "new":
        out = f"{head}: {figure(f.new_figure)} ¥/1M tokens, from {f.new_from} — " + ", ".join(map(_cite, f.seen))
    elif f.kind == "change":
        out = (f"{head}: {_ours_text(f.ours)} → {figure(f.new_figure)} from {f.new_from} — "
               + ", ".join(_cite(s) for s in f.seen))
    elif f.kind in ("confirm", "disagree", "not-comparable") and f.ours is not None:
        out = f"{head}: ours {_ours_text(f.ours)}; datasets: {seen}"
    else:
        out = f"{head}: {seen}"
    proposal = []
    if f.kind == "new":
        proposal.append("add the model with this period")
    elif f.kind == "change":
        proposal.append(f"add a period from {f.new_from} below the last one")
    else:
        if f.new_last_seen:
            proposal.append(f"last_seen → {f.new_last_seen}")
        if f.add_sources:
            proposal.append("cite " + ", ".join(f.add_sources))
    if proposal:
        out += f"\n  - proposed: {'; '.join(proposal)}"
    elif f.kind == "confirm":
        out += "\n  - nothing to change (already recorded)"
    return out + "".join(f"\n  - note: {n}" for n in f.notes)


def render(data: VendorData, result: Diff) -> str:
    lines = ["# Proposed price updates", "",
             "Read from public price datasets and proposed for review: nothing here is merged without a person "
             "checking each figure against the vendor's own price page. Prices are ¥ per 1M tokens.", "",
             "## Datasets", ""]
    for r in result.readings:
        n = len(r.snapshot.entries)
        mapped = sum(1 for k in r.spec.models if k in r.snapshot.entries)
        confirms, contradicts, uncovered = result.coverage[r.id]
        commit = f"commit `{r.commit[:12]}`" if r.commit else "commit not recorded"
        lines.append(f"- **{r.id}**: [{r.spec.repo} `{r.spec.path}`]({r.url}) ({commit}), dated {r.date}, "
                     f"licence {r.spec.licence}; file `{r.file}`: {n} models, {mapped} mapped to ours. Of our models "
                     f"in force on {r.date}: {confirms} confirmed, {contradicts} contradicted, {uncovered} not covered.")
    names = {v.id: v.name.en for v in data.vendors}
    vendors = list(dict.fromkeys([f.vendor for f in result.findings]
                                 + [t.split('/')[0] for _, _, t, _ in result.unusable]
                                 + [t.split('/')[0] for _, _, t in result.missing]))
    order = {v.id: i for i, v in enumerate(data.vendors)}
    for vendor in sorted(vendors, key=lambda v: order.get(v, len(order))):
        lines += ["", f"## {names.get(vendor, vendor)} (`{vendor}`)"]
        for kind, heading in HEADINGS.items():
            rows = [_line(f) for f in result.findings if f.vendor == vendor and f.kind == kind]
            if rows:
                lines += ["", f"### {heading}", "", *rows]
        gone = [f"- `{t.split('/')[1]}`: [{r.id}]({r.url}) ({r.date}) no longer lists `{key}`"
                for r, key, t in result.missing if t.split("/")[0] == vendor]
        if gone:
            lines += ["", "### No longer listed by a dataset", "", *gone]
        bad = [f"- `{t.split('/')[1]}`: [{r.id} `{key}`]({r.url}) ({r.date}): {why}"
               for r, key, t, why in result.unusable if t.split("/")[0] == vendor]
        if bad:
            lines += ["", "### Figures that cannot be read exactly (nothing proposed)", "", *bad]
    lines += ["", "## Unmapped dataset models", "",
              "Not in data/price-sources.yml, so not compared. Map a model there (after checking it is the same "
              "model) to compare it next time.", ""]
    for r in result.readings:
        entries = result.unmapped.get(r.id, [])
        shown = ", ".join(f"`{e.key}`" + ("" if e.currency == "CNY" else f" ({e.currency})") for e in entries)
        lines.append(f"- {r.id} ({len(entries)}): {shown or 'none'}")
    proposed = sum(1 for f in result.findings if f.proposes)
    lines += ["", f"{proposed} proposal(s)." if proposed else "Nothing to propose."]
    return "\n".join(lines) + "\n"

