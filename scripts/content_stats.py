#!/usr/bin/env python3
"""Print how much text the built site holds: Chinese characters (Han) per zh page, English words per
en page, and totals, as a Markdown table for the README.

Usage: python scripts/content_stats.py [SITE_DIR]
Without SITE_DIR the site is built first (mkdocs build --strict) into a temporary folder.
Only the article text counts (`.md-content`), not navigation, permalink signs, the edit button or the
last-updated line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
CHROME = ".headerlink, .md-content__button, .md-source-file"


def article_text(html: str) -> str:
    content = BeautifulSoup(html, "html.parser").select_one(".md-content")
    if content is None:
        return ""
    for element in content.select(CHROME):
        element.decompose()
    return content.get_text(" ")


def pages(docs: Path) -> list[str]:
    """Every page of docs/ without its language suffix: 'index', 'llm/training', ..."""
    return sorted(p.relative_to(docs).as_posix()[: -len(".zh.md")] for p in docs.rglob("*.zh.md"))


def built_file(site: Path, page: str, lang: str) -> Path:
    rel = page[: -len("index")] if page == "index" or page.endswith("/index") else page + "/"
    return site / ("" if lang == "zh" else lang + "/") / rel / "index.html"


def stats(site: Path, docs: Path = ROOT / "docs") -> list[tuple[str, int | None, int | None]]:
    """(page, Han characters of the zh page, words of the en page); None where a page was not built."""
    rows = []
    for page in pages(docs):
        counts = []
        for lang, pattern in (("zh", HAN), ("en", WORD)):
            path = built_file(site, page, lang)
            counts.append(len(pattern.findall(article_text(path.read_text(encoding="utf-8")))) if path.exists() else None)
        rows.append((page, *counts))
    return rows


def table(rows: list[tuple[str, int | None, int | None]]) -> str:
    def cell(n: int | None) -> str:
        return "—" if n is None else f"{n:,}"

    zh_pages = sum(1 for _, zh, _ in rows if zh is not None)
    en_pages = sum(1 for _, _, en in rows if en is not None)
    lines = ["| Page | 中文字数 (Han characters) | English words |", "| --- | ---: | ---: |"]
    lines += [f"| {page} | {cell(zh)} | {cell(en)} |" for page, zh, en in rows]
    lines.append(f"| **Total** ({zh_pages} zh pages, {en_pages} en pages) | **{sum(zh or 0 for _, zh, _ in rows):,}** "
                 f"| **{sum(en or 0 for _, _, en in rows):,}** |")
    return "\n".join(lines)


def build(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
                   cwd=ROOT, env=env, check=True)
    return target


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        site = Path(argv[1])
        if not (site / "index.html").exists():
            print(f"{site}: not a built site (no index.html)", file=sys.stderr)
            return 2
        print(table(stats(site)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        try:
            site = build(Path(tmp) / "site")
        except subprocess.CalledProcessError as exc:
            print(f"mkdocs build failed (exit {exc.returncode}); fix the build or pass a built site folder",
                  file=sys.stderr)
            return 1
        print(table(stats(site)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
