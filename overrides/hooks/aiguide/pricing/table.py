"""A generated table as rows of typed values, rendered last (in the manner of pydantic's documentation
Row / ConversionTable): a row is a header cell, body cells and, for data rows, a `Provenance`; a `Table`
holds the rows and writes the HTML. Escaping, column spans and the search index's marks follow from
the type of a value, never from its position or from searching rendered HTML; whether a figure is stale
is decided once, by its `Provenance`.

A cell is one of:
  str      plain text (a model name, a date): escaped;
  Text     a bilingual data text: the page's language, escaped;
  Label    a key of the pricing label table (words.py);
  Money    a price in CNY per 1M tokens (None: no output tokens);
  Link     a link around a cell;
  Wide     a cell spanning two columns (a combined input + output price);
  Html     markup composed by the caller (label text, several values in one cell), written as is.
Captions and column heads are label text in the table's language, written as is.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Iterable, Sequence, Union

from aiguide.search_index import UNINDEXED

from . import money
from . import words
from .model import Source, Text

STALE_MONTHS = 12  # a figure older than this on the build date is flagged


class Html(str):
    """Markup the caller composed; written as is."""


@dataclass(frozen=True)
class Label:
    key: str


@dataclass(frozen=True)
class Money:
    value: float | None


@dataclass(frozen=True)
class Link:
    href: str
    body: "Cell"


@dataclass(frozen=True)
class Wide:
    body: "Cell"


Cell = Union[str, Html, Text, Label, Money, Link, Wide]


def freshness(as_of: money.AsOf, judged_on: dt.date | None) -> money.Freshness | None:
    """The one rule for staleness of a shown figure; None when its age is not judged (e.g. a retired price)."""
    return None if judged_on is None else money.freshness(as_of, judged_on, STALE_MONTHS)


@dataclass(frozen=True)
class Provenance:
    """Where a row's figure comes from: its sources, as-of date and confidence, rendered as the row's last
    three cells. `judged_on` is the day its staleness is judged against (the build date), or None where a
    stale badge would mislead (facts that do not age like prices, periods that have ended)."""

    sources: tuple[Source, ...]
    as_of: money.AsOf
    confidence: str  # a key of money.CONFIDENCE_RANK
    judged_on: dt.date | None = None

    @classmethod
    def of(cls, ids: Iterable[str], as_of: money.AsOf, index: dict[str, Source], judged_on: dt.date | None = None,
           confidence: str | None = None) -> Provenance:
        """From source ids; the confidence is that of the sources unless the caller combined several."""
        ids = tuple(ids)
        return cls(tuple(index[sid] for sid in dict.fromkeys(ids)), as_of,
                   confidence or money.confidence(ids, index), judged_on)

    @property
    def freshness(self) -> money.Freshness | None:
        return freshness(self.as_of, self.judged_on)

    @property
    def stale(self) -> bool:
        """Stale or undated: the figure carries a ⚠ badge."""
        return self.freshness not in (None, "fresh")

    def cells(self, lang: str) -> list[str]:
        return [words.links(self.sources, lang), as_of_cell(self.as_of, lang, self.judged_on),
                words.t(self.confidence, lang)]


def heads(lang: str) -> list[str]:
    """The provenance columns' heads."""
    return [words.t("source", lang), words.t("as_of", lang), words.t("confidence", lang)]


@functools.lru_cache(maxsize=1024)  # a handful of dates on hundreds of rows
def as_of_cell(as_of: money.AsOf, lang: str, judged_on: dt.date | None) -> str:
    """The date, plus a badge when the figure is stale or undated."""
    text = words.esc(as_of.text() or words.t("undated", lang))
    state = freshness(as_of, judged_on)
    if state == "stale":  # explained once, under the current prices (render.stale_note)
        return f'{text} <mark class="aiguide-stale">{words.t("stale_badge", lang)}</mark>'
    if state == "undated":
        return f'<mark class="aiguide-stale">{words.t("undated_badge", lang)}</mark>'
    return text


def cell_html(cell: Cell, lang: str) -> str:
    if isinstance(cell, str):
        return cell if isinstance(cell, Html) else words.esc(cell)
    if isinstance(cell, Text):
        return words.tx(cell, lang)
    if isinstance(cell, Label):
        return words.t(cell.key, lang)
    if isinstance(cell, Money):
        return words.money_cell(cell.value, lang)
    if isinstance(cell, Link):
        return f'<a href="{words.href(cell.href)}">{cell_html(cell.body, lang)}</a>'
    raise TypeError(f"not a table cell: {cell!r}")  # Wide is placed by the row


def _width(cell: Cell) -> int:
    return 2 if isinstance(cell, Wide) else 1


@dataclass(frozen=True)
class Row:
    head: Cell  # the row's header cell (<th scope="row">)
    cells: Sequence[Cell] = ()
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", tuple(self.cells))

    @property
    def width(self) -> int:
        """Columns spanned, provenance included."""
        return 1 + sum(map(_width, self.cells)) + (3 if self.provenance else 0)

    def html(self, lang: str, searched: bool) -> str:
        out = [f'<tr><th scope="row">{cell_html(self.head, lang)}</th>']
        for cell in self.cells:
            out.append(f'<td colspan="2">{cell_html(cell.body, lang)}</td>' if isinstance(cell, Wide)
                       else f"<td>{cell_html(cell, lang)}</td>")
        if self.provenance is not None:
            # Provenance repeats on every row and the registry of sources is indexed once: shown, not indexed.
            td = f"<td {UNINDEXED}>" if searched else "<td>"
            out += [f"{td}{c}</td>" for c in self.provenance.cells(lang)]
        return "".join(out) + "</tr>"


@dataclass(frozen=True)
class Table:
    """A plain <table> with a <caption> and scoped <th>s, in a <div class="aiguide-{kind}">. The provenance
    heads are added when the rows have provenance (all of them or none). `searched` is False for a table
    inside a block the search index leaves out whole (search_index.EXCLUDE_SELECTORS): no marks needed."""

    kind: str
    caption: str
    heads: Sequence[str]  # without the provenance heads
    rows: Sequence[Row]
    vendor: str = ""
    searched: bool = True
    provenance: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", tuple(self.heads))
        object.__setattr__(self, "rows", tuple(self.rows))
        with_prov = {row.provenance is not None for row in self.rows}
        if len(with_prov) > 1:
            raise ValueError(f"table {self.kind!r}: some rows have provenance and some do not")
        object.__setattr__(self, "provenance", with_prov == {True})
        columns = len(self.heads) + (3 if self.provenance else 0)
        for i, row in enumerate(self.rows, 1):
            if row.width != columns:
                raise ValueError(f"table {self.kind!r}: row {i} ({row.head!r}) spans {row.width} columns, "
                                 f"the heads name {columns}")

    @property
    def stale(self) -> bool:
        """Whether any figure in the table carries a ⚠ badge."""
        return any(row.provenance is not None and row.provenance.stale for row in self.rows)

    def html(self, lang: str) -> str:
        attrs = f' data-vendor="{words.esc(self.vendor)}"' if self.vendor else ""
        out = [f'<div class="aiguide-{self.kind}"{attrs}><table><caption>{self.caption}</caption><thead><tr>']
        out += [f'<th scope="col">{h}</th>' for h in self.heads]
        if self.provenance:
            th = f'<th scope="col" {UNINDEXED}>' if self.searched else '<th scope="col">'
            out += [f"{th}{h}</th>" for h in heads(lang)]
        out.append("</tr></thead><tbody>")
        out += [row.html(lang, self.searched) for row in self.rows]
        out.append("</tbody></table></div>")
        return "".join(out)

