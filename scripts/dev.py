#!/usr/bin/env python3
"""Maintainers' tasks, listed in one place; each runs in the project's .venv (made by ./scripts/serve.sh
or ./scripts/test.sh) and passes extra arguments on to the command it names.

    .venv/bin/python scripts/dev.py              # the list of tasks
    .venv/bin/python scripts/dev.py stale --months 6
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")

# task → (what it does, the command; extra arguments are appended)
TASKS: dict[str, tuple[str, list[str]]] = {
    "build": ("strict build of both languages into site/", [PY, "-m", "mkdocs", "build", "--strict"]),
    "schema": ("regenerate data/*.schema.json after changing pricing/model.py, and check the data against them",
               [PY, "-m", "pytest", "-q", "tests/test_pricing_data.py", "-k", "schema"]),
    "stale": ("list figures older than 12 months (what the pages mark ⚠)", [PY, "scripts/stale_prices.py"]),
    "propose": ("propose price updates from public datasets (review before committing)",
                [PY, "scripts/propose_prices.py"]),
    "examples": ("re-run the pages' Python examples and update their shown output", [PY, "scripts/examples.py"]),
    "links": ("check external links (needs the network)", ["bash", "scripts/check_external_links.sh"]),
    "bench": ("Lighthouse, bytes and build time against plain Material", [PY, "scripts/bench.py"]),
    "bench-hook": ("what the pricing hook costs a build", [PY, "scripts/bench_hook.py"]),
    "bench-search": ("search index bytes and keystroke-to-results times", [PY, "scripts/bench_search.py"]),
    "stats": ("pages, Chinese characters and English words per page", [PY, "scripts/content_stats.py"]),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "list"):
        width = max(map(len, TASKS))
        print(" ".join(__doc__.strip().split("\n\n")[0].split()) + "\n")
        for name, (what, _) in TASKS.items():
            print(f"  {name.ljust(width)}  {what}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in TASKS:
        print(f"unknown task {name!r}; known: {', '.join(TASKS)}", file=sys.stderr)
        return 2
    command = TASKS[name][1]
    if not Path(command[0]).exists() and command[0] == PY:
        print("no .venv yet: run ./scripts/test.sh (or ./scripts/serve.sh) once first", file=sys.stderr)
        return 2
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if name == "schema":
        env["AIGUIDE_REGEN_GOLDEN"] = "1"
    return subprocess.call([*command, *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        sys.stderr.close()
