#!/usr/bin/env python3
"""Search benchmark on the real built site: Pagefind (the site's search) against Material's built-in
search with jieba as static-i18n configures it (the baseline it replaced).

Prints, per engine: index bytes per language; bytes of search code and index fetched before the
first keystroke (page load, then focusing the field); median time from a keystroke to rendered
results over the query set (and the first, cold query); and per query the top result, whether the
phrase is marked whole, and how many results are from the other language.

    .venv/bin/python scripts/bench_search.py            # both engines
    .venv/bin/python scripts/bench_search.py --pagefind-only
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE_PATH = "/aiguide-test/"
SITE_URL = "https://example.github.io" + BASE_PATH

QUERIES = {
    "zh": ["梯度消失", "指令微调", "注意力机制", "自注意力", "奖励模型", "文心一言", "王小川", "豆包", "灵积",
           "知识图谱", "强化学习", "卷积神经网络", "池化", "预训练", "LoRA 微调", "token 价格", "基座模型", "星火"],
    "en": ["vanishing gradient", "gradients", "instruction tuning", "self-attention", "reward model", "ERNIE Bot",
           "knowledge graph", "reinforcement learning", "convolution", "pooling", "LoRA", "base model", "pretraining"],
}
HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


# ---- building ----------------------------------------------------------------------------------

def baseline_config_text(text: str) -> str:
    """mkdocs.yml with Material's search plugin on and static-i18n merging both languages into it."""
    text, added = re.subn(r"^plugins:\n", "plugins:\n  - search\n", text, count=1, flags=re.M)
    text, switched = re.subn(r"reconfigure_search: false", "reconfigure_search: true", text, count=1)
    if not (added and switched):
        sys.exit("bench: mkdocs.yml no longer has the 'plugins:' list or 'reconfigure_search: false' this script edits")
    return text


def build(site_dir: Path, baseline: bool) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["SITE_URL"] = SITE_URL
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if baseline:
        text = baseline_config_text(text)
    config = load_config(io.BytesIO(text.encode()), config_file_path=str(ROOT / "mkdocs.yml"),
                         site_dir=str(site_dir), strict=False)
    mkdocs_build(config)
    return site_dir


# ---- sizes -------------------------------------------------------------------------------------

def pagefind_sizes(site: Path) -> dict[str, dict[str, int]]:
    """Bytes on disk (Pagefind's files are already gzip-compressed) per language."""
    import json

    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    out = {}
    for lang, info in entry["languages"].items():
        prefix = info["hash"].split("_")[0] + "_"
        meta = (bundle / f"pagefind.{info['hash']}.pf_meta").stat().st_size
        chunks = sum(p.stat().st_size for p in (bundle / "index").glob(prefix + "*"))
        fragments = sum(p.stat().st_size for p in (bundle / "fragment").glob(prefix + "*"))
        wasm = (bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind").stat().st_size
        out[lang] = {"pages": info["page_count"], "index (meta + word chunks)": meta + chunks,
                     "fragments (excerpt text)": fragments, "wasm": wasm}
    code = sum((bundle / name).stat().st_size for name in ("pagefind.js", "pagefind-worker.js"))
    out["shared"] = {"pagefind.js + worker (raw)": code,
                     "gzip": sum(len(gzip.compress((bundle / n).read_bytes(), 9)) for n in ("pagefind.js", "pagefind-worker.js"))}
    return out


def material_sizes(site: Path) -> dict[str, dict[str, int]]:
    """Material's single search_index.json: bytes of each language's entries, raw and gzip."""
    import json

    raw = (site / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    out = {}
    for lang in ("zh", "en"):
        docs = [d for d in index["docs"] if d["location"].startswith("en/") == (lang == "en")]
        part = json.dumps(docs, ensure_ascii=False).encode()
        out[lang] = {"entries": len(docs), "index (raw)": len(part), "index (gzip)": len(gzip.compress(part, 9))}
    out["shared"] = {"search_index.json (raw, both languages)": len(raw),
                     "gzip": len(gzip.compress(raw, 9))}
    return out


# ---- browser -----------------------------------------------------------------------------------

def serve(mount: Path):
    handler = functools.partial(_Quiet, directory=str(mount))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{BASE_PATH}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


SEARCH_URL = re.compile(r"/(pagefind/|search/|assets/javascripts/(workers/search|lunr/))")

# Runs in the page: type the query (input + keyup: Material listens to keyup, search.js to input)
# and resolve with the milliseconds until the result list shows this query's results.
MEASURE_JS = """async ([query, engine]) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const root = document.querySelector('.md-search');
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  };
  const settle = () => new Promise(r => setTimeout(r, 150));
  type(''); await settle();
  const before = meta.textContent;
  const start = performance.now();
  type(query);
  return await new Promise((resolve) => {
    const done = () => engine === 'pagefind'
      ? root.getAttribute('data-search-state') === 'ready' || root.getAttribute('data-search-state') === 'error'
      : meta.textContent !== before && !/初始化|Initializing/.test(meta.textContent);
    if (engine === 'pagefind') root.setAttribute('data-search-state', 'loading');
    const check = () => {
      if (done()) { requestAnimationFrame(() => resolve(performance.now() - start)); return true; }
      return false;
    };
    const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
    obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { obs.disconnect(); resolve(-1); }, 10000);
  });
}"""

RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
  href: li.querySelector('a').getAttribute('href'),
  marks: [...li.querySelectorAll('mark')].map(m => m.textContent.trim()),
  title: li.querySelector('h1, h2') ? li.querySelector('h1, h2').textContent : '',
}))"""


def run_browser(base: str, engine: str) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_executable  # the tests' browser setup

    report: dict = {"before_keystroke": {}, "times": {}, "queries": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for lang in ("zh", "en"):
            page = browser.new_page()
            fetched: list[tuple[str, int]] = []

            def on_response(resp, fetched=fetched):
                if SEARCH_URL.search(resp.url):
                    try:
                        fetched.append((resp.url, len(resp.body())))
                    except Exception:  # redirects and aborted requests have no body
                        pass

            page.on("response", on_response)
            page.goto(base + ("" if lang == "zh" else "en/"), wait_until="networkidle")
            page.locator(".md-search__input").focus()
            page.wait_for_timeout(1500)  # let anything started by load or focus finish
            report["before_keystroke"][lang] = {
                "bytes": sum(size for _, size in fetched),
                "files": sorted({url.split(BASE_PATH, 1)[-1].split("?")[0] for url, _ in fetched}),
            }
            times = []
            before = sum(size for _, size in fetched)
            for query in QUERIES[lang]:
                times.append(page.evaluate(MEASURE_JS, [query, engine]))
                page.wait_for_timeout(100)
                if len(times) == 1:
                    report.setdefault("first_query", {})[lang] = sum(size for _, size in fetched) - before
                results = page.evaluate(RESULTS_JS)
                other = [r for r in results if ("/en/" in r["href"]) != (lang == "en")]
                top = results[0] if results else None
                marks = top["marks"] if top else []
                report["queries"][query] = {
                    "top": top["href"].split(BASE_PATH, 1)[-1].split("?")[0] if top else "(none)",
                    "count": len(results),
                    "other_language": len(other),
                    # every run of Chinese characters in the query appears whole inside one <mark>
                    "phrase_marked_whole": all(any(run in m for m in marks) for run in HAN_RUN.findall(query))
                    if HAN_RUN.search(query) else None,
                    "marks": sorted(set(marks))[:6],
                }
            report["times"][lang] = times
            report.setdefault("all_queries", {})[lang] = sum(size for _, size in fetched) - before
            page.close()
        browser.close()
    return report


def print_report(name: str, sizes: dict, report: dict) -> None:
    print(f"\n=== {name} ===")
    print("Index bytes per language:")
    for lang, values in sizes.items():
        print(f"  {lang}: " + ", ".join(f"{k} {v:,}" for k, v in values.items()))
    print("Search bytes fetched before the first keystroke (page load + focusing the search field):")
    for lang, data in report["before_keystroke"].items():
        print(f"  {lang}: {data['bytes']:,} bytes  {data['files']}")
    print("Search bytes fetched by the first query, and by all queries of the set:")
    for lang in report["first_query"]:
        print(f"  {lang}: {report['first_query'][lang]:,} / {report['all_queries'][lang]:,} bytes "
              f"({len(QUERIES[lang])} queries)")
    all_times = [t for times in report["times"].values() for t in times[1:] if t >= 0]
    print("Keystroke → rendered results (ms):")
    for lang, times in report["times"].items():
        warm = [t for t in times[1:] if t >= 0]
        print(f"  {lang}: first (cold) {times[0]:.0f}, median of the rest {statistics.median(warm):.0f}")
    if all_times:
        print(f"  median over all warm queries: {statistics.median(all_times):.0f}")
    print("Queries (top result · results · from the other language · phrase marked whole · marks):")
    for query, q in report["queries"].items():
        whole = "" if q["phrase_marked_whole"] is None else ("yes" if q["phrase_marked_whole"] else "NO")
        print(f"  {query:24} {q['top']:32} {q['count']:3} {q['other_language']:3}  {whole:4} {q['marks']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pagefind-only", action="store_true", help="skip the Material baseline")
    args = parser.parse_args()
    engines = [("Pagefind (the site's search)", False)]
    if not args.pagefind_only:
        engines.append(("Material search + jieba, one index via static-i18n (baseline)", True))
    with tempfile.TemporaryDirectory(prefix="aiguide-bench-") as temp:
        for name, baseline in engines:
            mount = Path(temp) / ("material" if baseline else "pagefind")
            site = build(mount / BASE_PATH.strip("/"), baseline)
            sizes = material_sizes(site) if baseline else pagefind_sizes(site)
            httpd, base = serve(mount)
            try:
                report = run_browser(base, "material" if baseline else "pagefind")
            finally:
                httpd.shutdown()
            print_report(name, sizes, report)


if __name__ == "__main__":
    main()
