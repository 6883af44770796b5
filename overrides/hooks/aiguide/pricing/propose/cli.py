"""The command behind scripts/propose_prices.py (kept here so tests call it without a subprocess)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..load import DataError, load
from .. import state
from .datasets import READERS, DatasetError
from .diff import Reading, diff
from .edit import EditError
from .mapping import load_mapping
from .report import render
from .write import apply

USAGE = """Read public price datasets and propose dated, sourced changes to the pricing data for review.

SOURCE is DATASET=FILE, where DATASET is an id under `datasets:` in data/price-sources.yml, e.g.
    scripts/propose_prices.py abacus=prices.json gufe=prices.js --commit abacus=88b8e7b5… --write
"""


def _pairs(values: list[str], option: str, parser: argparse.ArgumentParser) -> dict[str, str]:
    out = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or not rest:
            parser.error(f"{option}: expected DATASET=VALUE, found {value!r}")
        out[key] = rest
    return out


def main(argv: list[str] | None = None, out=sys.stdout, err=sys.stderr) -> int:
    parser = argparse.ArgumentParser(description=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="DATASET=FILE")
    parser.add_argument("--commit", action="append", default=[], metavar="DATASET=SHA",
                        help="the dataset's commit (cited in the source's link)")
    parser.add_argument("--date", action="append", default=[], metavar="DATASET=YYYY-MM-DD",
                        help="the snapshot's date (default: the date the dataset itself gives)")
    parser.add_argument("--data", type=Path, help="the index file (default: AIGUIDE_DATA or data/vendors.yml)")
    parser.add_argument("--mapping", type=Path, help="default: price-sources.yml beside the index file")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--write", action="store_true", help="insert the proposals into the data files")
    args = parser.parse_args(argv)
    files = _pairs(args.sources, "SOURCE", parser)
    commits = _pairs(args.commit, "--commit", parser)
    dates = _pairs(args.date, "--date", parser)
    index = args.data or state.data_path()
    index_name = state.display_name(index)
    mapping_path = args.mapping or index.parent / "price-sources.yml"
    try:
        data = load(index, index_name)
        mapping = load_mapping(mapping_path, state.display_name(mapping_path), {v.id for v in data.vendors})
        readings = []
        for ds_id, file in files.items():
            spec = mapping.datasets.get(ds_id)
            if spec is None:
                raise DataError(f"{ds_id}={file}: expected a dataset id of {mapping_path.name} "
                                f"({', '.join(mapping.datasets)}); found {ds_id!r}")
            try:
                text = Path(file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DatasetError(f"Invalid dataset {file}: cannot read it: {exc}") from None
            snapshot = READERS[spec.format](text, file)
            if ds_id in dates:
                try:
                    snapshot = type(snapshot)(dt.date.fromisoformat(dates[ds_id]), snapshot.entries)
                except ValueError:
                    raise DataError(f"--date {ds_id}: expected YYYY-MM-DD; found {dates[ds_id]!r}") from None
            readings.append(Reading(ds_id, spec, file, snapshot, commits.get(ds_id)))
        result = diff(data, readings)
        report = render(data, result)
        written = apply(data, result, index, index_name) if args.write else []
    except (DataError, DatasetError, EditError) as exc:
        print(exc, file=err)
        print("Nothing was written.", file=err)
        return 2
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    out.write(report)
    if args.write:
        print(f"Wrote {', '.join(written)}." if written else "Nothing to write.", file=err)
    return 0
