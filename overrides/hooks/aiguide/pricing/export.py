"""The downloads published with the site: the data as JSON, every price period as CSV, and the JSON
Schema of the data (generated from the pydantic models, committed as data/vendors.schema.json). Files
are rewritten only when their content changes, so repeated builds (and `mkdocs serve`) leave them alone.
"""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

from aiguide import DATA

from . import model, money, query
from .model import VendorData

SCHEMA_FILE = DATA / "vendors.schema.json"

CSV_COLUMNS = (
    "vendor", "vendor_name_zh", "vendor_name_en", "model", "model_name", "model_class", "lifecycle", "from", "to",
    "from_is", "line", "input_up_to", "output_up_to", "window", "window_hours", "window_days",
    "input_cny_per_1m", "cache_hit_cny_per_1m", "output_cny_per_1m", "thinking_output_cny_per_1m", "combined",
    "batch", "promotion", "currency", "quoted_unit", "quoted_input", "quoted_output", "context", "last_seen",
    "confidence", "sources", "source_urls",
)


def data_json(data: VendorData) -> str:
    """The validated data, with the data file's own field names (so it validates against the schema)."""
    dump = data.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(dump, ensure_ascii=False, indent=1) + "\n"


def field_docs() -> dict[str, dict[str, str]]:
    """{model class: {field: docstring}} from model.py's source: the string under each field."""
    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    docs: dict[str, dict[str, str]] = {}
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for field, doc in zip(cls.body, cls.body[1:]):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                    and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                    and isinstance(doc.value.value, str)):
                docs.setdefault(cls.name, {})[field.target.id] = " ".join(doc.value.value.split())
    return docs


SCHEMAS = {  # committed file → the model it describes
    SCHEMA_FILE: model.VendorIndex,  # data/vendors.yml and the published vendors.json
    DATA / "vendor.schema.json": model.VendorFile,  # data/vendors/<id>.yml
}


def schema_json(root: type = model.VendorIndex) -> str:
    schema = root.model_json_schema(by_alias=True)
    docs = field_docs()
    for name, definition in [*schema.get("$defs", {}).items(), (root.__name__, schema)]:
        cls = getattr(model, name, None)
        for klass in reversed(getattr(cls, "__mro__", ())):  # inherited fields keep their base's docs
            for field, text in docs.get(klass.__name__, {}).items():
                info = cls.model_fields.get(field)
                prop = definition.get("properties", {}).get((info.alias if info else None) or field)
                if prop is not None:
                    prop["description"] = text
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    schema["description"] += (
        " Rules the schema cannot express are checked when the site is built: unique ids, source ids that"
        " exist, `to` after `from`, no overlapping price periods for one model, tiers in order, cache-hit"
        " prices no higher than input prices, successors that exist, and no current price for a retired model."
    )
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def _fmt(value: float | None) -> str:
    return "" if value is None else format(value, "g") if abs(value) >= 1e-4 or value == 0 else f"{value:.9f}".rstrip("0")


def prices_csv(data: VendorData) -> str:
    """One row per model × price period × line (tier or time window); `to` is where the period ends (its
    own `to`, or the next period's start). Prices in CNY per 1M tokens, with the figures as quoted."""
    index = money.sources_by_id(data)
    factor = money.PER_1M
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for vendor in data.vendors:
        for model in vendor.models:
            life = model.lifecycle.status if model.lifecycle else "active"
            for period in money.periods(model.prices):
                p = period.price
                for n, r in enumerate(query.rates(p)):
                    w = r.window
                    quoted = [None if x is None else x / factor[p.unit] for x in (r.input, r.output)]
                    writer.writerow([
                        vendor.id, vendor.name.zh, vendor.name.en, model.id, model.name, model.class_, life,
                        period.start.isoformat(), period.end.isoformat() if period.end else "", p.from_is, n,
                        r.input_up_to or "", r.output_up_to or "", w.name.en if w else "",
                        " ".join(w.hours) if w else "", w.days if w else "",
                        _fmt(r.input), _fmt(r.cache_hit), _fmt(r.output), _fmt(r.thinking_output),
                        "yes" if r.combined else "no", _fmt(p.batch), "yes" if p.promotion else "no", p.currency,
                        p.unit, _fmt(round(quoted[0], 9) if quoted[0] is not None else None),
                        _fmt(round(quoted[1], 9) if quoted[1] is not None else None),
                        model.limits.context if model.limits else "",
                        money.price_as_of(p).text(), money.confidence(p.sources, index), " ".join(p.sources),
                        " ".join(index[s].url or "" for s in p.sources).strip(),
                    ])
    return out.getvalue()


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` unless the file already holds exactly that; True when written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # atomic: a reader never sees half a file
    return True


def committed_schema() -> str:
    """The schema as committed in data/ (editors validate vendors.yml against it while typing).

    Generating it costs every build ~40 ms, so the build publishes the committed copy; a test keeps the
    copy equal to `schema_json()`. Without a copy (a fresh fork), it is generated.
    """
    try:
        return SCHEMA_FILE.read_text(encoding="utf-8")
    except FileNotFoundError:
        return schema_json()


def downloads(data: VendorData) -> dict[str, str]:
    """File name → text of every download (the names render.DOWNLOADS links to)."""
    return {"vendors.json": data_json(data), "prices.csv": prices_csv(data), "vendors.schema.json": committed_schema()}


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write the files into `folder`; returns those that were (re)written."""
    return [folder / name for name, text in files.items() if write_if_changed(folder / name, text)]
