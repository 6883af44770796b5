"""Put proposals into the YAML files as text: each edit is an insertion (or the replacement of one
`last_seen` value) at a position found from the YAML nodes, so every byte outside the edits stays as it
was — comments, order, quoting and the flow or block style of the entries around them.

New entries copy the style of their neighbours: a period is written `- {…}` on one line when the period
above it is (tiered periods are always written as a block), and indented like the items beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from .datasets import Figure, Rates


class EditError(ValueError):
    """The file's layout leaves no place to put an entry as text (say where, so a person can)."""


@dataclass
class TextEdits:
    """Edits to one file's text, applied together (positions refer to the original text)."""

    name: str
    text: str
    root: yaml.Node = field(init=False)
    _edits: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = yaml.compose(self.text, Loader=yaml.SafeLoader)

    def insert(self, pos: int, text: str) -> None:
        self._edits.append((pos, pos, text))

    def replace(self, start: int, end: int, text: str) -> None:
        self._edits.append((start, end, text))

    def result(self) -> str:
        out = self.text
        # Back to front so earlier positions stay valid; at one spot the later insertion goes in first, so
        # the insertions end up in the order they were made.
        order = sorted(range(len(self._edits)), key=lambda i: (self._edits[i][0], self._edits[i][1], i), reverse=True)
        for start, end, text in (self._edits[i] for i in order):
            out = out[:start] + text + out[end:]
        return out

    @property
    def changed(self) -> bool:
        return bool(self._edits)


# --- finding places ---------------------------------------------------------------------------------

def get(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def model_node(root: yaml.Node, model_id: str) -> yaml.MappingNode | None:
    vendor = get(root, "vendor")
    models = get(vendor[1], "models") if vendor else None
    if models and isinstance(models[1], yaml.SequenceNode):
        for item in models[1].value:
            found = get(item, "id")
            if found and found[1].value == model_id:
                return item
    return None


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark lies past trailing comments)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(last, tuple) else last)
    return node.end_mark.index


def _after_line(text: str, pos: int) -> tuple[int, str]:
    """The start of the line after `pos`, and a newline to add first when the file ends without one."""
    nl = text.find("\n", pos)
    return (len(text), "\n") if nl < 0 else (nl + 1, "")


def _dash_column(text: str, item: yaml.Node) -> int:
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    dash = text.rfind("-", line_start, item.start_mark.index)
    if dash < 0:
        raise EditError(f"line {item.start_mark.line + 1}: expected a block list item `- …`")
    return dash - line_start


def append_item(doc: TextEdits, seq: yaml.SequenceNode, lines: list[str], what: str) -> None:
    """Add an item (lines written relative to its dash) after the last item of a block list."""
    if seq.flow_style or not seq.value:
        raise EditError(f"{doc.name}, line {seq.start_mark.line + 1}: cannot add {what} to a list written "
                        "in flow style or empty; add it by hand")
    indent = " " * _dash_column(doc.text, seq.value[-1])
    pos, lead = _after_line(doc.text, _content_end(seq.value[-1]))
    doc.insert(pos, lead + "".join(indent + line + "\n" for line in lines))


def add_to_list(doc: TextEdits, seq: yaml.Node, value: str) -> None:
    """Append a plain scalar to a list such as `sources: [S1, S2]` (flow) or a block list."""
    if not isinstance(seq, yaml.SequenceNode):
        raise EditError(f"{doc.name}, line {seq.start_mark.line + 1}: expected a list")
    if seq.flow_style:
        close = doc.text.rfind("]", seq.start_mark.index, seq.end_mark.index)
        doc.insert(close, (", " if seq.value else "") + value)
    else:
        append_item(doc, seq, [f"- {value}"], value)


def set_last_seen(doc: TextEdits, period: yaml.MappingNode, day: dt.date) -> None:
    found = get(period, "last_seen")
    if found:
        doc.replace(found[1].start_mark.index, found[1].end_mark.index, day.isoformat())
        return
    sources = get(period, "sources")
    if period.flow_style and sources:
        doc.insert(sources[0].start_mark.index, f"last_seen: {day.isoformat()}, ")
    elif sources and sources[0] is not period.value[0][0]:
        line_start = doc.text.rfind("\n", 0, sources[0].start_mark.index) + 1
        doc.insert(line_start, " " * sources[0].start_mark.column + f"last_seen: {day.isoformat()}\n")
    else:
        pos, lead = _after_line(doc.text, _content_end(period))
        doc.insert(pos, lead + " " * period.value[0][0].start_mark.column + f"last_seen: {day.isoformat()}\n")


# --- writing values ---------------------------------------------------------------------------------

def number(value: float) -> str:
    """2.0 → '2', 0.00001 → '0.00001' (never an exponent, which YAML would read as text)."""
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def text(value: str) -> str:
    """A string as YAML: plain when it is safe to, else double-quoted (JSON strings are valid YAML)."""
    if re.fullmatch(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff ._/()（）、，-]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def _rates(rates: Rates) -> list[str]:
    out = [f"input: {number(rates.input)}", f"output: {'null' if rates.output is None else number(rates.output)}"]
    if rates.cache_hit is not None:
        out.append(f"cache_hit: {number(rates.cache_hit)}")
    return out


def period_lines(figure: Figure, start: dt.date, last_seen: dt.date | None, sources: list[str],
                 flow: bool) -> list[str]:
    """A new price period as lines relative to its dash, in the data/README.md field order."""
    dates = [f"from: {start.isoformat()}"] + ([f"last_seen: {last_seen.isoformat()}"] if last_seen else [])
    cited = f"sources: [{', '.join(sources)}]"
    common = ["currency: CNY", "unit: per_1m_tokens", *dates]
    if figure.tiers is None and flow:
        return ["- {" + ", ".join(_rates(figure.flat) + common + [cited]) + "}"]
    body = common + (_rates(figure.flat) if figure.tiers is None else ["tiers:"] + [
        "  - {" + ", ".join(([f"input_up_to: {t.input_up_to}"] if t.input_up_to else []) + _rates(t.rates)) + "}"
        for t in figure.tiers]) + [cited]
    return ["- " + body[0]] + ["  " + line for line in body[1:]]


def model_lines(model_id: str, period: list[str]) -> list[str]:
    return [f"- id: {model_id}", f"  name: {model_id}", "  prices:"] + ["    " + line for line in period]


def source_lines(source_id: str, title: dict[str, str], label: dict[str, str], url: str, seen: dt.date,
                 note: dict[str, str] | None) -> list[str]:
    lines = [f"- id: {source_id}", "  kind: third-party", "  title:", f"    zh: {text(title['zh'])}",
             f"    en: {text(title['en'])}", f"  label: {{zh: {text(label['zh'])}, en: {text(label['en'])}}}",
             f"  url: {url}", f"  seen: {seen.isoformat()}"]
    if note:
        lines += ["  note:", f"    zh: {text(note['zh'])}", f"    en: {text(note['en'])}"]
    return lines


def add_top_source(doc: TextEdits, lines: list[str]) -> None:
    """Append a source to the file's top-level `sources:` list (creating the list above `vendor:`)."""
    found = get(doc.root, "sources")
    if found and isinstance(found[1], yaml.SequenceNode) and found[1].value and not found[1].flow_style:
        append_item(doc, found[1], lines, "a source")
        return
    vendor = get(doc.root, "vendor")
    if found is not None or vendor is None:
        raise EditError(f"{doc.name}: cannot add a source to `sources:` as written; add it by hand")
    line_start = doc.text.rfind("\n", 0, vendor[0].start_mark.index) + 1
    doc.insert(line_start, "sources:\n" + "".join("  " + line + "\n" for line in lines) + "\n")


def add_model(doc: TextEdits, lines: list[str]) -> None:
    vendor = get(doc.root, "vendor")
    if vendor is None:
        raise EditError(f"{doc.name}: no `vendor:` entry")
    models = get(vendor[1], "models")
    if models and isinstance(models[1], yaml.SequenceNode) and models[1].value:
        append_item(doc, models[1], lines, "a model")
        return
    column = vendor[1].value[0][0].start_mark.column
    if models is None:
        pos, lead = _after_line(doc.text, _content_end(vendor[1]))
        doc.insert(pos, lead + " " * column + "models:\n" + "".join(" " * (column + 2) + l + "\n" for l in lines))
    elif isinstance(models[1], yaml.SequenceNode) and models[1].flow_style:  # `models: []`
        doc.replace(models[1].start_mark.index, models[1].end_mark.index, "")
        pos, lead = _after_line(doc.text, models[1].end_mark.index)
        doc.insert(pos, lead + "".join(" " * (column + 2) + l + "\n" for l in lines))
    else:
        raise EditError(f"{doc.name}, line {models[0].start_mark.line + 1}: expected `models:` to be a list")
