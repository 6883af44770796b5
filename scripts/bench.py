#!/usr/bin/env python3
"""Performance benchmark: our site against a plain Material + static-i18n build of the same pages.

    .venv/bin/python scripts/bench.py            # full run (both languages, every page type)
    .venv/bin/python scripts/bench.py --quick    # home pages and one content page only
    .venv/bin/python scripts/bench.py --runs 3   # median of three Lighthouse runs per page

It builds both sites (ours strictly), serves each gzipped under its site_url path the way GitHub Pages
does, runs Lighthouse 12.2.3 (mobile) on the page types in both languages, prints scores, LCP and
transferred bytes side by side, checks the budget, and times the build at 1× and 10× the pages.
Lighthouse reports are kept in .bench/lighthouse/. Exit status 1 when the budget is not met.
Needs Node.js and Chromium (CHROME_PATH, default /usr/bin/chromium); Lighthouse itself is installed
from scripts/bench/package-lock.json on first use.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "scripts" / "bench"
REPORTS = ROOT / ".bench" / "lighthouse"
BASE_PATH = "/ai-llm-guide/"  # the production site_url path; both builds are mounted under it
PYTHON = sys.executable

# (key, path under the base, what it stands for); each is audited in both languages.
PAGES = [
    ("home", "", "home"),
    ("diagram", "neural-networks/transformer/", "content page with a diagram"),
    ("vendor", "vendors/qianfan/", "vendor page with tables"),
    ("compare", "vendors/compare/", "comparison page"),
    ("calculator", "vendors/calculator/", "calculator page"),
    ("new-vendor", "vendors/zhipu/", "largest of the newer vendor pages (tiers, history)"),
    ("changes", "vendors/changes/", "price changes page"),
]
QUICK_PAGES = ("home", "diagram")
LANGS = (("zh", ""), ("en", "en/"))
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
HOME_BYTES_RATIO = 0.8
MARKER = re.compile(r"<!--\s*md:[\s\S]*?-->")

# --------------------------------------------------------------------------- serving


GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/manifest+json", "text/javascript")


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GitHub Pages, as far as a page load can tell: the site under its path, directory URLs with a
    redirect to the trailing slash, the site's 404.html with status 404, gzip for text types, and a
    10-minute cache lifetime. /robots.txt at the origin root is the site's own (as on a custom domain)."""

    protocol_version = "HTTP/1.1"
    site_dir: Path = Path(".")
    cache: dict = {}

    def log_message(self, *args):  # quiet: Lighthouse makes many requests
        pass

    def _resolve(self, url_path: str) -> Path | None | str:
        if url_path == "/robots.txt":
            return self.site_dir / "robots.txt"
        if not url_path.startswith(BASE_PATH):
            return None
        rel = unquote(url_path[len(BASE_PATH):])
        target = (self.site_dir / rel).resolve()
        if self.site_dir.resolve() not in (target, *target.parents):
            return None
        if target.is_dir():
            if not url_path.endswith("/"):
                return "redirect"
            target = target / "index.html"
        return target

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        url_path = urlsplit(self.path).path
        target = self._resolve(url_path)
        if target == "redirect":
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if target is None or not target.is_file():
            status, target = 404, self.site_dir / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        raw = target.read_bytes()
        body, encoding = raw, None
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(GZIP_TYPES):
            key = (str(target), len(raw), target.stat().st_mtime)
            if key not in self.cache:
                self.cache[key] = gzip.compress(raw, compresslevel=6, mtime=0)
            body, encoding = self.cache[key], "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", '"' + hashlib.md5(raw).hexdigest()[:16] + '"')
        self.send_header("Last-Modified", email.utils.formatdate(target.stat().st_mtime, usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start_server(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve site_dir (built or not yet) on a free port; returns the server and its site URL."""
    handler = type("Handler", (PagesHandler,), {"site_dir": site_dir, "cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{BASE_PATH}"


# --------------------------------------------------------------------------- building


def run_build(args: list[str], site_url: str, label: str) -> float:
    """Run one build in a fresh interpreter (no warm imports) and return its wall time in seconds."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        sys.exit(f"bench: the {label} build failed (exit {proc.returncode}):\n{tail}")
    return elapsed


def build_ours(site_dir: Path, site_url: str) -> float:
    return run_build([PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)], site_url, "site")


SYNTHETIC_BUILD = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
# nav=[] lets MkDocs list every page itself (the copies are in no nav). Not strict: this build is
# timed, not validated (the 1x build is strict), and copies may trip link checks meant for originals.
build(load_config(config_file="mkdocs.yml", strict=False, docs_dir=sys.argv[1], site_dir=sys.argv[2], nav=[]))
"""


def build_synthetic(tmp: Path, copies: int, site_url: str) -> tuple[float, int]:
    """Build our site with every page present `copies` times (renamed copies beside the originals)."""
    docs = tmp / f"docs-x{copies}"
    shutil.copytree(ROOT / "docs", docs)
    pages = sorted(docs.rglob("*.md"))
    for page in pages:
        stem, lang = page.name[: -len(".xx.md")], page.name[-len("xx.md"): -len(".md")]
        for n in range(1, copies):
            shutil.copyfile(page, page.with_name(f"{stem}-copy{n}.{lang}.md"))
    seconds = run_build([PYTHON, "-c", SYNTHETIC_BUILD, str(docs), str(tmp / f"site-x{copies}")],
                        site_url, f"{copies}x synthetic")
    return seconds, len(pages) * copies


def plain_config(docs_dir: Path, site_dir: Path) -> dict:
    """Material with its defaults (Roboto from Google Fonts, generator notice, Material's search) and
    static-i18n, over the same Markdown, extensions and nav; none of our theme, hooks or assets."""
    from mkdocs.utils import yaml_load

    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [{k: v for k, v in lang.items() if k != "theme"} for lang in i18n["languages"]]
    config = {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description"),
        "site_author": ours.get("site_author"),
        "copyright": ours.get("copyright"),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"name": "material", "language": ours["theme"].get("language", "zh")},
        "plugins": ["search", {"i18n": {"docs_structure": i18n.get("docs_structure", "suffix"),
                                        "languages": languages}}],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours.get("nav"),
    }
    return {k: v for k, v in config.items() if v is not None}


def build_plain(tmp: Path, site_dir: Path, site_url: str) -> float:
    docs = tmp / "docs-plain"
    shutil.copytree(ROOT / "docs", docs)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        # Our markers expand into generated HTML; the plain build gets the same Markdown without them.
        text = MARKER.sub("", text)
        text = re.sub(r"(?m)^template:.*\n", "", text, count=1)  # our templates are not Material's
        page.write_text(text, encoding="utf-8")
    config = dict(plain_config(docs, site_dir), site_url=site_url)
    config_file = tmp / "mkdocs-plain.yml"
    config_file.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return run_build([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config_file)], site_url, "plain Material")


# --------------------------------------------------------------------------- Lighthouse


def ensure_lighthouse() -> None:
    if not shutil.which("node"):
        sys.exit("bench: Node.js is needed for Lighthouse (Debian: apt-get install nodejs npm)")
    if not (BENCH / "node_modules" / "lighthouse").is_dir():
        print("Installing Lighthouse (npm ci --prefix scripts/bench) …", flush=True)
        subprocess.run(["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--silent"], check=True)


def run_lighthouse(jobs: list[dict], runs: int) -> dict[str, list[dict]]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    for old in REPORTS.glob("*.json"):
        old.unlink()
    spec = REPORTS / "jobs.json"
    spec.write_text(json.dumps({"runs": runs, "reportDir": str(REPORTS), "jobs": jobs}), encoding="utf-8")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    proc = subprocess.Popen(["node", str(BENCH / "run-lighthouse.mjs"), str(spec)], env=env,
                            stdout=subprocess.PIPE, text=True)
    results: dict[str, list[dict]] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        item = json.loads(line)
        results.setdefault(item["key"], []).append(item)
        done = sum(len(v) for v in results.values())
        print(f"  [{done}/{len(jobs) * runs}] {item['key']:<22} {item['seconds']:5.1f}s  "
              f"perf {item['scores']['performance']}", flush=True)
    if proc.wait():
        sys.exit("bench: Lighthouse failed (see above)")
    return results


def median_result(items: list[dict]) -> dict:
    """Median of each number over the runs; request problems are the union over the runs."""
    out = dict(items[0])
    out["scores"] = {k: statistics.median(i["scores"][k] for i in items) for k in items[0]["scores"]}
    for key in ("lcp", "fcp", "tbt", "cls", "si", "totalBytes", "resourceBytes", "benchmarkIndex"):
        values = [i[key] for i in items if i[key] is not None]
        out[key] = statistics.median(values) if values else None
    for key in ("failed", "thirdParty", "consoleErrors"):
        out[key] = sorted({x for i in items for x in i[key]})
    out["failing"] = {k: sorted({x for i in items for x in i["failing"][k]}) for k in items[0]["failing"]}
    return out


# --------------------------------------------------------------------------- report


def kb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1024:.1f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.2f}"


def scores(r: dict | None) -> str:
    if not r:
        return f"{'—':>15}"
    s = r["scores"]
    return f"{s['performance']:>3g} {s['accessibility']:>3g} {s['best-practices']:>3g} {s['seo']:>3g}"


def budget_problems(r: dict) -> list[str]:
    problems = [f"{k} {r['scores'][k]:g} < {v}" for k, v in BUDGET.items() if r["scores"][k] < v]
    problems += [f"failing audit {k}: {', '.join(ids)}" for k, ids in r["failing"].items() if ids]
    for key, label in (("consoleErrors", "console error"), ("failed", "failed request"),
                       ("thirdParty", "third-party request")):
        problems += [f"{label}: {x}" for x in r[key]]
    if r.get("runtimeError"):
        problems.append(f"Lighthouse error: {r['runtimeError']}")
    return problems


def report(results: dict[str, dict], page_keys: list[str]) -> bool:
    ok = True
    print("\nLighthouse 12.2.3, mobile (simulated Slow 4G, 4× CPU), gzipped; scores perf a11y BP SEO; "
          "LCP in ms; bytes = KiB transferred")
    head = f"{'page':<24}| {'ours':^15} {'LCP':>6} {'KiB':>7} | {'plain':^15} {'LCP':>6} {'KiB':>7} | {'bytes':>5} {'LCP':>5}"
    print(head)
    print("-" * len(head))
    for key in page_keys:
        ours, plain = results.get(f"ours-{key}"), results.get(f"plain-{key}")
        if not ours:
            continue
        plain_lcp = f"{plain['lcp']:>6.0f}" if plain and plain.get("lcp") else f"{'—':>6}"
        print(f"{key:<24}| {scores(ours)} {ours['lcp'] or 0:>6.0f} {kb(ours['totalBytes']):>7} | "
              f"{scores(plain)} {plain_lcp} {kb((plain or {}).get('totalBytes')):>7} | "
              f"{ratio(ours['totalBytes'], (plain or {}).get('totalBytes')):>5} "
              f"{ratio(ours['lcp'], (plain or {}).get('lcp')):>5}")
    print("(ratio columns: ours ÷ plain)")

    print("\nOur performance metrics (ms; CLS unitless):")
    print(f"  {'page':<16}{'FCP':>7}{'LCP':>7}{'TBT':>7}{'SI':>7}{'CLS':>7}")
    for key in page_keys:
        r = results.get(f"ours-{key}")
        if r:
            print(f"  {key:<16}{r['fcp'] or 0:>7.0f}{r['lcp'] or 0:>7.0f}{r['tbt'] or 0:>7.0f}{r['si'] or 0:>7.0f}"
                  f"{r['cls'] or 0:>7.3f}")
    indexes = [r["benchmarkIndex"] for r in results.values() if r.get("benchmarkIndex")]
    if indexes:
        index = statistics.median(indexes)
        print(f"  Lighthouse CPU benchmark index: median {index:.0f}"
              + (" — the machine was busy: performance scores and TBT are pessimistic" if index < 1000 else ""))

    print("\nHome page first-load bytes (transferred, cold cache):")
    for lang in ("zh", "en"):
        ours, plain = results.get(f"ours-{lang}-home"), results.get(f"plain-{lang}-home")
        if not ours or not plain:
            continue
        r = ours["totalBytes"] / plain["totalBytes"]
        verdict = "ok" if r <= HOME_BYTES_RATIO else "OVER BUDGET"
        ok &= r <= HOME_BYTES_RATIO
        print(f"  {lang}: ours {kb(ours['totalBytes'])} KiB ({ours['requests']} requests) vs plain "
              f"{kb(plain['totalBytes'])} KiB ({plain['requests']} requests) → {r:.2f} (goal ≤ {HOME_BYTES_RATIO}) {verdict}")
        if plain["thirdParty"]:
            print(f"      plain made {len(plain['thirdParty'])} third-party request(s) (web fonts) that cannot load "
                  f"offline; their bytes are not counted, so this ratio flatters plain")

    print("\nRequests (all audited pages): console errors / failed or 404 / third-party")
    for site in ("ours", "plain"):
        rows = [r for k, r in results.items() if k.startswith(site + "-")]
        if not rows:
            continue
        counts = [sum(len(r[f]) for r in rows) for f in ("consoleErrors", "failed", "thirdParty")]
        print(f"  {site:<6} {counts[0]} / {counts[1]} / {counts[2]}")

    print(f"\nBudget (ours): perf ≥ {BUDGET['performance']}, a11y/BP/SEO 100, no console error, failed or "
          "third-party request")
    for key in page_keys:
        ours = results.get(f"ours-{key}")
        if not ours:
            continue
        problems = budget_problems(ours)
        ok &= not problems
        print(f"  {'ok ' if not problems else 'FAIL'} {key}" + "".join(f"\n        - {p}" for p in problems))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is reported")
    parser.add_argument("--quick", action="store_true", help=f"audit only {', '.join(QUICK_PAGES)} pages")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material build and its audits")
    parser.add_argument("--no-lighthouse", action="store_true", help="build timings only")
    parser.add_argument("--scale", type=int, default=10, help="page multiplier of the synthetic build (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary builds and print where")
    args = parser.parse_args(argv)

    busy = os.getloadavg()[0]
    print(f"Machine: {os.cpu_count()} CPU(s), load average {busy:.2f} at start"
          + (" — busy, expect low and noisy performance numbers" if busy > 0.7 * (os.cpu_count() or 1) else ""))
    tmp = Path(tempfile.mkdtemp(prefix="aiguide-bench-"))
    servers = []
    try:
        ours_dir, plain_dir = tmp / "ours", tmp / "plain"
        ours_srv, ours_url = start_server(ours_dir)
        plain_srv, plain_url = start_server(plain_dir)
        servers += [ours_srv, plain_srv]

        print("Building our site (strict) …", flush=True)
        ours_seconds = build_ours(ours_dir, ours_url)
        n_pages = sum(1 for p in ours_dir.rglob("index.html") if "assets" not in p.parts)
        if not args.no_plain:
            print("Building the plain Material build …", flush=True)
            plain_seconds = build_plain(tmp, plain_dir, plain_url)
        synthetic = None
        if args.scale > 1:
            print(f"Building {args.scale}× the pages (synthetic) …", flush=True)
            synthetic = build_synthetic(tmp, args.scale, ours_url)

        results: dict[str, dict] = {}
        page_keys = []
        if not args.no_lighthouse:
            ensure_lighthouse()
            chosen = [p for p in PAGES if not args.quick or p[0] in QUICK_PAGES]
            jobs = []
            for lang, prefix in LANGS:
                for key, path, _ in chosen:
                    page_keys.append(f"{lang}-{key}")
                    jobs.append({"key": f"ours-{lang}-{key}", "url": ours_url + prefix + path})
                    if not args.no_plain:
                        jobs.append({"key": f"plain-{lang}-{key}", "url": plain_url + prefix + path})
            print(f"Lighthouse: {len(jobs)} page(s) × {args.runs} run(s) …", flush=True)
            raw = run_lighthouse(jobs, args.runs)
            results = {k: median_result(v) for k, v in raw.items()}
        ok = report(results, page_keys) if results else True

        print("\nBuild time (wall clock, fresh interpreter):")
        print(f"  ours, full build (strict): {ours_seconds:6.2f} s for {n_pages} pages → "
              f"{1000 * ours_seconds / n_pages:.0f} ms per page")
        if not args.no_plain:
            print(f"  plain Material build:      {plain_seconds:6.2f} s")
        if synthetic:
            seconds, md_pages = synthetic
            print(f"  ours at {args.scale}× the pages:      {seconds:6.2f} s for {md_pages} pages → "
                  f"{1000 * seconds / md_pages:.0f} ms per page ({seconds / ours_seconds:.1f}× the time "
                  f"for {args.scale}× the pages)")
        load = os.getloadavg()[0]
        print(f"\nLoad average at end: {load:.2f} on {os.cpu_count()} CPU(s). Reports: {REPORTS.relative_to(ROOT)}/")
        return 0 if ok else 1
    finally:
        for srv in servers:
            srv.shutdown()
        if args.keep:
            print(f"Builds kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
