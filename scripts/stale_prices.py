#!/usr/bin/env python3
"""List the figures of data/vendors.yml that readers may rely on today but that are older than N months
(or undated): prices in force, free quotas and token ratios. For maintainers deciding what to re-check.

    .venv/bin/python scripts/stale_prices.py                  # older than 12 months, as of today
    .venv/bin/python scripts/stale_prices.py --months 6 --today 2025-06-01
    .venv/bin/python scripts/stale_prices.py --report stale.md --fail-on-stale   # what the monthly workflow runs

The pages mark exactly these figures "⚠" (both use aiguide.pricing.query.stale_figures on the build date).
Exit status: 0 after listing (stale figures are information, not an error), or 1 with --fail-on-stale when
there are any; 2 when the data file or the arguments are invalid. AIGUIDE_DATA points at another data file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from aiguide.pricing import money, query, state  # installed with the project (scripts/_venv.sh)
from aiguide.pricing.load import DataError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, found {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, default=12, help="age in months above which a figure is stale (default 12)")
    parser.add_argument("--today", type=_date, help="the date to judge against, YYYY-MM-DD (default: AIGUIDE_TODAY or today)")
    parser.add_argument("--report", type=Path, help="also write the list as a Markdown report to this file")
    parser.add_argument("--fail-on-stale", action="store_true", help="exit with 1 when any figure is stale")
    args = parser.parse_args(argv)
    if args.months < 0:
        parser.error("--months must be 0 or more")
    try:
        data = state.data()
        today = args.today or state.today()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2

    rows = query.stale_figures(data, today, args.months)
    total = len(query.current_figures(data, today))
    where = state.display_name(state.data_path())
    header = ("platform", "kind", "figure", "as of", "age", "sources")
    table = [(f.vendor, f.kind, f.label, f.as_of.text() or "undated",
              "—" if f.as_of.day is None else f"{money.months_between(f.as_of.latest_day(), today)} mo",
              ", ".join(f.sources)) for f, _ in rows]
    if not rows:
        summary = f"{where}: none of the {total} current figures is older than {args.months} months on {today}."
    else:
        summary = (f"{where}: {len(rows)} of {total} current figures are older than {args.months} months "
                   f"(or undated) on {today}:")
    print(summary)
    if rows:
        print()
        widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
        for n, row in enumerate([header, *table]):
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
            if n == 0:
                print("  ".join("-" * width for width in widths))
    if args.report:
        args.report.write_text(markdown(summary, header, table), encoding="utf-8")
    return 1 if rows and args.fail_on_stale else 0


def markdown(summary: str, header: tuple, table: list[tuple]) -> str:
    """The report as Markdown (the body of the "Stale prices" issue)."""
    out = [summary, ""]
    if table:
        cell = lambda text: str(text).replace("|", "\\|")  # noqa: E731
        out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table]
        out += ["", "To update a figure: data/README.md (\"Changing a price\"), then rebuild."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        sys.stderr.close()
        sys.exit(0)
