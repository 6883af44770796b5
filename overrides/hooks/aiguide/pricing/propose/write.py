"""--write: turn the proposals of a Diff into text edits of data/vendors.yml and data/vendors/<id>.yml,
check that the result loads, and only then write the files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from ..load import DataError, load, vendor_file
from ..model import VendorData
from . import edit
from .diff import Diff, Finding, Reading


def _period_node(doc: edit.TextEdits, f: Finding) -> yaml.MappingNode:
    model = edit.model_node(doc.root, f.model)
    prices = edit.get(model, "prices") if model is not None else None
    if prices is None or not isinstance(prices[1], yaml.SequenceNode):
        raise edit.EditError(f"{doc.name}: model {f.model!r} has no `prices:` list")
    return prices[1]


def _source_note(reading: Reading) -> dict[str, str] | None:
    if reading.commit:
        return None
    return {"zh": "读取时未记录提交（commit），链接指向当时的最新版本。",
            "en": "The commit was not recorded when it was read; the link points at the latest version."}


def plan(data: VendorData, result: Diff, index: Path, index_name: str) -> dict[Path, edit.TextEdits]:
    """Every file's edits (only files that change)."""
    docs: dict[Path, edit.TextEdits] = {}

    def doc(path: Path, name: str) -> edit.TextEdits:
        if path not in docs:
            docs[path] = edit.TextEdits(name, path.read_text(encoding="utf-8"))
        return docs[path]

    base = os.path.dirname(index_name)
    name_of = lambda vendor: os.path.join(base, "vendors", f"{vendor}.yml")  # noqa: E731
    cited: dict[str, set[str]] = {}  # new source id → platforms citing it
    # New models last: one may land where the last model's new period does, and must come after it.
    for f in sorted((f for f in result.findings if f.proposes), key=lambda f: f.kind == "new"):
        for src in f.add_sources:
            cited.setdefault(src, set()).add(f.vendor)
        d = doc(vendor_file(index, f.vendor), name_of(f.vendor))
        if f.kind == "new":
            period = edit.period_lines(f.new_figure, f.new_from, f.new_last_seen, f.add_sources, flow=True)
            edit.add_model(d, edit.model_lines(f.model, period))
            continue
        prices = _period_node(d, f)
        node = prices.value[f.ours_index]
        if f.new_figure is not None:  # a new period below the last one
            flow = bool(prices.value[-1].flow_style)
            edit.append_item(d, prices, edit.period_lines(f.new_figure, f.new_from, f.new_last_seen,
                                                          f.add_sources, flow), "a price period")
            continue
        if f.new_last_seen is not None:
            edit.set_last_seen(d, node, f.new_last_seen)
        sources = edit.get(node, "sources")
        for src in f.add_sources:
            edit.add_to_list(d, sources[1], src)
    known = {s.id for s in data.sources}
    for reading in result.readings:
        platforms = cited.get(reading.source)
        if not platforms or reading.source in known:
            continue
        # data/README.md: a source cited by several platforms lives in vendors.yml, else in the platform's file.
        target = doc(index, index_name) if len(platforms) > 1 else doc(vendor_file(index, next(iter(platforms))),
                                                                       name_of(next(iter(platforms))))
        spec = reading.spec
        label = {lang: f"{getattr(spec.label, lang)} {reading.date.isoformat()}" for lang in ("zh", "en")}
        title = {"zh": f"{spec.title.zh}（{spec.repo}，{reading.date.isoformat()} 的版本）",
                 "en": f"{spec.title.en} ({spec.repo}, as of {reading.date.isoformat()})"}
        edit.add_top_source(target, edit.source_lines(reading.source, title, label, reading.url, reading.date,
                                                      _source_note(reading)))
    return {path: d for path, d in docs.items() if d.changed}


def apply(data: VendorData, result: Diff, index: Path, index_name: str) -> list[str]:
    """Write the proposals; return the names of the files written. Nothing is written unless the whole
    result loads (DataError otherwise, naming the problem)."""
    docs = plan(data, result, index, index_name)
    if not docs:
        return []
    texts = {path: d.result() for path, d in docs.items()}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "vendors.yml"
        shutil.copyfile(index, copy)
        shutil.copytree(index.parent / "vendors", Path(tmp) / "vendors")
        for path, new in texts.items():
            (copy if path == index else Path(tmp) / "vendors" / path.name).write_text(new, encoding="utf-8")
        try:
            load(copy, index_name)
        except DataError as exc:
            raise DataError(f"The proposed change does not validate, so nothing was written:\n{exc}") from None
    for path, new in texts.items():
        part = path.with_name(path.name + ".proposed")
        part.write_text(new, encoding="utf-8")
        os.replace(part, path)
    return sorted(docs[path].name for path in texts)
