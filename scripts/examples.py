#!/usr/bin/env python3
"""Run the pages' examples and compare what they print with the output the pages show.

    .venv/bin/python scripts/examples.py              # check every example (both languages)
    .venv/bin/python scripts/examples.py --update     # rewrite the output blocks from a fresh run
    .venv/bin/python scripts/examples.py --data site/data neural-networks/transformer

After a change to data/vendors.yml, `--update` is the one command that brings the outputs of the examples
that read vendors.json back in line (then review the diff: the numbers should change, nothing else).
The examples run with the site's data downloads as working directory: made fresh from data/vendors.yml
(exactly what the build writes to site/data/), or taken from --data DIR.
Exit status: 0 when every output matches (or was updated), 1 when some differ or fail, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from aiguide import examples as ex  # noqa: E402


def write_downloads(folder: Path) -> Path:
    """The site's data/ folder (vendors.json, prices.csv, schema), as the build writes it."""
    from aiguide.pricing import export, state

    export.write_files(folder, export.downloads(state.data()))
    return folder


def check_page(path: Path, docs: Path, data: Path, update: bool) -> tuple[int, list[str]]:
    """How many examples one page has, and their problems; with update, rewrites their outputs instead."""
    page = path.relative_to(docs).as_posix()
    text = path.read_text(encoding="utf-8")
    problems: list[str] = []
    found = ex.extract(text, page)
    # Later blocks first, so that rewriting one keeps the offsets of the earlier ones valid.
    for example in reversed(found):
        try:
            actual = ex.run(example, data)
        except ex.ExampleError as exc:
            problems.append(str(exc))
            continue
        diff = ex.mismatch(example, actual)
        if diff is None:
            continue
        if update:
            text = ex.with_output(text, example, actual)
            print(f"updated {example.name}")
        else:
            problems.append(f"{example.name}: the page shows another output\n{diff}")
    if update:
        path.write_text(text, encoding="utf-8")
    return len(found), problems[::-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to check, e.g. neural-networks/transformer (default: all)")
    parser.add_argument("--update", action="store_true", help="rewrite the output blocks from a fresh run")
    parser.add_argument("--data", type=Path, help="the site's data/ folder (default: made from data/vendors.yml)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)  # tests
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    paths = [p for p in ex.markdown_pages(docs)
             if not args.pages or any(p.relative_to(docs).as_posix().startswith(f"{name}.") for name in args.pages)]
    if not paths:
        parser.error(f"no page under {docs} matches {' '.join(args.pages)}")
    if args.data is not None and not (args.data / "vendors.json").is_file():
        parser.error(f"--data {args.data}: expected the site's data folder (with vendors.json)")
    with tempfile.TemporaryDirectory(prefix="aiguide-data-") as scratch:
        try:
            data = args.data.resolve() if args.data else write_downloads(Path(scratch))
        except ValueError as exc:  # the data file is invalid: the build would stop too
            print(exc, file=sys.stderr)
            return 2
        problems, count = [], 0
        for path in paths:
            try:
                found, page_problems = check_page(path, docs, data, args.update)
            except ex.ExampleError as exc:  # an output block in the wrong place or language
                problems.append(str(exc))
                continue
            count += found
            problems += page_problems
    for problem in problems:
        print(problem, end="\n\n", file=sys.stderr)
    print(f"{count} example(s) in {len(paths)} page(s): {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
