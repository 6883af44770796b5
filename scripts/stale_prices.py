#!/usr/bin/env python3
"""List the figures of data/vendors.yml that readers may rely on today but that are older than N months
(or undated): prices in force, free quotas and token ratios. For maintainers deciding what to re-check.

    .venv/bin/python scripts/stale_prices.py                  # older than 12 months, as of today
    .venv/bin/python scripts/stale_prices.py --months 6 --today 2025-06-01

Exit status: 0 after listing (stale figures are information, not an error); 2 when the data file or the
arguments are invalid. AIGUIDE_DATA points at another data file, as for the build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "overrides" / "hooks"))

from aiguide.pricing import money, state  # noqa: E402
from aiguide.pricing.load import DataError  # noqa: E402


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, found {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, default=12, help="age in months above which a figure is stale (default 12)")
    parser.add_argument("--today", type=_date, help="the date to judge against, YYYY-MM-DD (default: AIGUIDE_TODAY or today)")
    args = parser.parse_args(argv)
    if args.months < 0:
        parser.error("--months must be 0 or more")
    try:
        data = state.data()
        today = args.today or state.today()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2

    rows = money.stale_figures(data, today, args.months)
    total = len(money.current_figures(data, today))
    where = state.display_name(state.data_path())
    if not rows:
        print(f"{where}: none of the {total} current figures is older than {args.months} months on {today}.")
        return 0
    print(f"{where}: {len(rows)} of {total} current figures are older than {args.months} months "
          f"(or undated) on {today}:\n")
    header = ("platform", "kind", "figure", "as of", "age", "sources")
    table = [header] + [
        (f.vendor, f.kind, f.label, f.as_of.text() or "undated",
         "—" if f.as_of.day is None else f"{money.months_between(f.as_of.latest_day(), today)} mo",
         ", ".join(f.sources))
        for f, _ in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        sys.stderr.close()
        sys.exit(0)
