#!/usr/bin/env python3
"""How much the pricing hook adds to a full site build.

Builds the whole site N times with the project's configuration ("with") and N times with the pricing
hook removed and every marker that reads the vendor data (the pricing tables, the calculator and the
price chart: without the hook there is no data) back on its placeholder ("without"). With --split, also
"tables": the hook and its tables, with only the calculator and the chart stubbed, which isolates this
hook from the features built on its data. Variants alternate so that machine load hits them alike; the
mean, median and fastest times and their ratios (goal ≤ 1.05) are printed for wall-clock time and for
CPU time (user + system of the build and its child processes, the steadier figure on a busy machine).

    .venv/bin/python scripts/bench_hook.py            # 5 runs each, after one warm-up run each
    .venv/bin/python scripts/bench_hook.py --runs 10
    .venv/bin/python scripts/bench_hook.py --split     # also: the tables alone (calculator, chart stubbed)
    .venv/bin/python scripts/bench_hook.py --instructions   # + one build each under valgrind: instructions

Timings on a shared machine vary by ±10 % from one build to the next, more than the effect measured.
--instructions also counts the instructions each variant executes (valgrind's callgrind, following the
build's child processes: Pagefind, git), which is the same on every run: a ratio without noise. It is a
proxy for time (it ignores caches and the parallel threads of Pagefind) and takes a few minutes.

Each build is a fresh `python -m mkdocs build` process, so imports (pydantic, the models) count too. The
hook modules are byte-compiled first, as scripts/_venv.sh does at set-up, so that a machine with
PYTHONDONTWRITEBYTECODE set does not charge the variants for compiling source on every build.
Both variants use a temporary copy of mkdocs.yml with absolute paths; the project is not modified.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "overrides" / "hooks"

STUB = '''"""Bench stub: the real markers hook, with the pricing markers replaced by an empty paragraph."""
import importlib.util
import sys

sys.path.insert(0, {hooks!r})
_spec = importlib.util.spec_from_file_location("aiguide_bench_markers", {markers!r})
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)

def _stub(args, ctx):
    return "<p></p>"


for _name in {names!r}:
    _real.HANDLERS[_name] = _stub
globals().update({{k: v for k, v in vars(_real).items() if k.startswith("on_")}})
'''


# Markers that read the vendor data besides the pricing tables (aiguide.pricing.MARKERS): other features
# built on the same data. Without the hook there is no data, so "without" stubs them too.
DATA_FEATURES = ("calculator", "price-chart")


def absolute_config(text: str, *, pricing: bool, stub: Path | None) -> str:
    """mkdocs.yml with absolute paths; without `pricing`, no pricing hook; with a `stub`, that markers hook."""
    out, n = re.subn(r"(?m)^docs_dir:\s*docs\s*$", f"docs_dir: {ROOT / 'docs'}", text)
    out, m = re.subn(r"(?m)^(\s+custom_dir:\s*)overrides\s*$", rf"\g<1>{ROOT / 'overrides'}", out)
    out, k = re.subn(r"(?m)^(\s+-\s+)overrides/hooks/", rf"\g<1>{HOOKS}/", out)
    if not (n == 1 and m == 1 and k >= 2):
        raise SystemExit("bench_hook.py: mkdocs.yml no longer has the expected docs_dir/custom_dir/hooks lines")
    out = re.sub(r"(?m)^watch:\s*\n(?:\s+-\s+.+\n)+",  # live-reload folders, relative to mkdocs.yml
                 lambda block: re.sub(r"(?m)^(\s+-\s+)(?!/)(\S+)", rf"\g<1>{ROOT}/\g<2>", block.group(0)), out)
    if not pricing:
        out, p = re.subn(rf"(?m)^\s+-\s+{re.escape(str(HOOKS))}/pricing_hook\.py\s*\n", "", out)
        if p != 1:
            raise SystemExit("bench_hook.py: cannot find the pricing hook in mkdocs.yml")
    if stub is not None:
        out, q = re.subn(rf"(?m)^(\s+-\s+){re.escape(str(HOOKS))}/markers\.py\s*$", rf"\g<1>{stub}", out)
        if q != 1:
            raise SystemExit("bench_hook.py: cannot find the markers hook in mkdocs.yml")
    return out


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # finished children and their descendants
    return usage.ru_utime + usage.ru_stime


def build(config: Path, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build. CPU time hardly depends on what else the machine runs."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cpu, start = _cpu(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config),
                             "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed, used = time.perf_counter() - start, _cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"bench_hook.py: the build with {config.name} failed:\n{result.stdout}{result.stderr}")
    return elapsed, used


def instructions(config: Path, site: Path, out_dir: Path) -> dict[str, int]:
    """Instructions executed by one build and its child processes, by program (python, pagefind, git)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # A forked child (mkdocs-git-revision-date-localized's worker pool) starts with a copy of its
    # parent's counters; zeroing them at Python's after-fork hook counts only the child's own work.
    result = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                             "--zero-before=PyOS_AfterFork_Child",
                             f"--callgrind-out-file={out_dir}/%p.out", sys.executable, "-m", "mkdocs", "build",
                             "-q", "--strict", "-f", str(config), "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench_hook.py: the valgrind build with {config.name} failed:\n{result.stderr[-2000:]}")
    totals: dict[str, int] = {}
    for dump in out_dir.glob("*.out"):
        text = dump.read_text(encoding="utf-8", errors="replace")
        count = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        command = re.search(r"^cmd: (.*)$", text, re.M)
        if count:
            line = command.group(1) if command else ""
            program = next((p for p in ("pagefind", "git") if p in line), "python")
            totals[program] = totals.get(program, 0) + int(count.group(1))
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per variant (default 5)")
    parser.add_argument("--split", action="store_true",
                        help='also build "tables": the hook and its tables, with the calculator and chart stubbed')
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per variant under valgrind (deterministic; a few minutes)")
    args = parser.parse_args(argv)
    if args.instructions and not shutil.which("valgrind"):
        raise SystemExit("bench_hook.py: --instructions needs valgrind (Debian: apt-get install valgrind)")

    from aiguide.pricing import MARKERS

    compileall.compile_dir(str(HOOKS), quiet=1)

    with tempfile.TemporaryDirectory(prefix="aiguide-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "data").symlink_to(ROOT / "data")  # a build reads the data/ beside its mkdocs.yml
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        # name → (pricing hook on?, markers stubbed back to their placeholder)
        variants = {"with": (True, ()), "without": (False, (*MARKERS, *DATA_FEATURES))}
        if args.split:
            variants["tables"] = (True, DATA_FEATURES)
        configs = {}
        for name, (pricing, stubbed) in variants.items():
            stub = None
            if stubbed:
                stub = tmp_path / f"markers_{name}.py"
                stub.write_text(STUB.format(hooks=str(HOOKS), markers=str(HOOKS / "markers.py"), names=stubbed),
                                encoding="utf-8")
            configs[name] = tmp_path / f"mkdocs-{name}.yml"
            configs[name].write_text(absolute_config(text, pricing=pricing, stub=stub), encoding="utf-8")

        wall: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        for name in wall:  # warm-up: file-system caches, .pyc files
            build(configs[name], tmp_path / f"site-{name}")
        for run in range(args.runs):
            order = list(variants) if run % 2 == 0 else list(reversed(variants))
            for name in order:
                w, c = build(configs[name], tmp_path / f"site-{name}")
                wall[name].append(w)
                cpu[name].append(c)
                print(f"  run {run + 1}/{args.runs} {name:<7} wall {w:6.2f} s  cpu {c:6.2f} s", flush=True)
        counted = {}
        if args.instructions:
            for name in variants:
                print(f"  counting instructions: {name} (valgrind) …", flush=True)
                counted[name] = instructions(configs[name], tmp_path / f"site-{name}", tmp_path / f"callgrind-{name}")

    print(f"\nfull build, {args.runs} runs each (seconds; load average {os.getloadavg()[0]:.1f}):")
    for label, times in (("wall", wall), ("cpu", cpu)):
        mean = {k: statistics.mean(v) for k, v in times.items()}
        median = {k: statistics.median(v) for k, v in times.items()}
        fastest = {k: min(v) for k, v in times.items()}
        spread = {k: statistics.stdev(v) if len(v) > 1 else 0.0 for k, v in times.items()}
        for name in times:
            print(f"  {label:<4} {name:<7}: mean {mean[name]:.2f} ± {spread[name]:.2f}, "
                  f"median {median[name]:.2f}, fastest {fastest[name]:.2f}")
        for name in (n for n in times if n != "without"):
            print(f"  {label:<4} ratio {name}/without: mean {mean[name] / mean['without']:.3f}, "
                  f"median {median[name] / median['without']:.3f}, "
                  f"fastest {fastest[name] / fastest['without']:.3f} (goal ≤ 1.05)")
    if counted:
        print("\ninstructions executed (valgrind callgrind; the same on every run):")
        for name, by_program in counted.items():
            parts = ", ".join(f"{program} {n / 1e9:.2f} G" for program, n in sorted(by_program.items()))
            print(f"  {name:<7}: {sum(by_program.values()) / 1e9:.2f} G ({parts})")
        base = sum(counted["without"].values())
        for name in (n for n in counted if n != "without"):
            print(f"  ratio {name}/without: {sum(counted[name].values()) / base:.3f} (goal ≤ 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
