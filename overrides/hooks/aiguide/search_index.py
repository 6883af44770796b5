"""Full-text search with Pagefind: mark what to index, then build one index per language.

Pagefind reads the built HTML. It indexes only elements marked `data-pagefind-body` (the article),
keeps one index per `<html lang>` (so a reader only ever searches their own language), and splits
the index into small chunks that the browser fetches on demand.

Chinese is indexed character by character. Pagefind's own segmentation of Chinese differs between
the indexer (a jieba dictionary) and the browser (Intl.Segmenter, whose dictionary differs again
between browsers): 知识图谱 is indexed as 知识|图谱 but queried as 知识|图|谱 and found nowhere.
Single characters are the same on both sides, and Pagefind's exact-phrase search over them is a
true substring search, so every Chinese phrase a page contains is found (search.js asks for it).
The spacing happens in a temporary copy that only Pagefind reads; the site's pages are untouched.
That copy also gives Pagefind each content table as a paragraph of text (see flatten_tables).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from aiguide import material_compat
from aiguide.tables import TABLE_CLASS

# Material's article element (base.html; the patch 'search-article' in material_compat.py); marking it keeps header, navigation, sidebars and footer
# out of the index without overriding the theme's base template.
MARKED_ARTICLE_TAG = '<article class="md-content__inner md-typeset" data-pagefind-body>'

# Parts of the article that are page chrome, not content: heading permalinks ("¶"), the edit
# button, tags, the "last update" line and feedback widget, and the code copy button; and repeats.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".md-content__button",
    ".md-tags",
    ".md-source-file",
    ".md-feedback",
    ".md-clipboard",
    # Generated views that repeat the comparison table (a search for a model would list the same
    # prices three times): the calculator's table and the price chart with its data table.
    ".aiguide-calculator",
    ".aiguide-price-chart",
)
# Pagefind's attribute for "shown, not indexed". The data tables' provenance cells (source, as of,
# confidence) carry it (pricing/render.py): they repeat on every row; the registry of sources is indexed once.
UNINDEXED = "data-pagefind-ignore"

# The folder (under site_dir) of the search bundle; the page script loads `<base>/pagefind/pagefind.js`.
BUNDLE_DIR = "pagefind"
# Pagefind also writes ready-made search UIs; the site uses its own (search.js), so they are removed.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

# CJK ideographs (basic block, extension A, compatibility); search.js uses the same ranges.
HAN = "\u3400-\u9fff\uf900-\ufaff"
_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
ZWSP = "\u200b"  # a word break for Pagefind; its JS strips U+200B from the text it returns
# Content tables (Markdown's and the generated ones, framed at build time by aiguide/tables.py), and
# what ends a row or a cell in them: Python-Markdown writes a newline between tags, the hooks do not.
_TABLE_OPEN = f'<table class="{TABLE_CLASS}"'
_BREAKS = (("</td>\n</tr>", ". "), ("</th>\n</tr>", ". "), ("</td></tr>", ". "), ("</th></tr>", ". "),
           ("</caption>", ". "), ("</td>", " "), ("</th>", " "), ("<br>", " "))
_ANY_TAG = re.compile(r"<[^>]*>")
_PAGEFIND = "data-pagefind"
_IGNORED_CELL = re.compile(r"<(t[hd])\b[^>]*\sdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)
_EXCLUDED_CLASSES = tuple(selector[1:] for selector in EXCLUDE_SELECTORS)  # all are ".class"


class SearchIndexError(Exception):
    """Pagefind could not build the index; the message says why, for the build log."""


def mark_article(html: str, page_path: str) -> str:
    """Mark the page's article as the only part Pagefind indexes.

    A page without Material's article (a custom template) stays unindexed; that is a choice of
    the template, so it is not an error.
    """
    if MARKED_ARTICLE_TAG in html:
        return html
    try:
        return material_compat.sub("search-article", MARKED_ARTICLE_TAG, html, page_path)
    except material_compat.PatchError as exc:
        raise SearchIndexError(str(exc)) from None


def split_han(text: str) -> str:
    """Put a word break between adjacent Chinese characters (text and tags alike: the attribute values
    that hold Chinese in an article, tooltip titles and external hrefs, are not indexed)."""
    return _BETWEEN_HAN.sub(ZWSP, text)


def _table_text(table: str) -> str:
    if UNINDEXED in table:  # cells Pagefind would skip (the provenance columns): left out of the text
        table = _IGNORED_CELL.sub("", table)
    if _PAGEFIND in table or any(name in table for name in _EXCLUDED_CLASSES):
        return table  # other instructions to Pagefind inside: it reads this table itself
    for end, text in _BREAKS:
        table = table.replace(end, text)
    return "<p>" + _ANY_TAG.sub("", table) + "</p>"


def flatten_tables(html: str) -> str:
    """Content tables as one paragraph each: cells separated by spaces, rows ended by full stops;
    cells marked `data-pagefind-ignore` are left out, as Pagefind would leave them out.

    Pagefind's work grows with the elements it indexes, and a table is mostly elements: reading the
    pricing tables as paragraphs costs it a third less. It also reads header cells as one run of text
    ("ItemDetailsSource" becomes one word); here every cell is its own words. (Plain string search and
    replace: regular expressions over whole tables cost more than Pagefind saved.)
    """
    out, pos = [], 0
    while (start := html.find(_TABLE_OPEN, pos)) >= 0:
        end = html.find("</table>", start)
        if end < 0:
            break
        out += [html[pos:start], _table_text(html[start:end + len("</table>")])]
        pos = end + len("</table>")
    return "".join(out) + html[pos:] if out else html


def for_indexing(html: str) -> str:
    """A built page as Pagefind should read it: in the marked article (the only part indexed), tables
    flattened and Chinese characters split; the rest of the page as it is."""
    start = html.find(MARKED_ARTICLE_TAG)
    if start < 0:
        return html
    end = html.find("</article>", start)
    end = len(html) if end < 0 else end
    return html[:start] + split_han(flatten_tables(html[start:end])) + html[end:]


def copy_for_indexing(site_dir: Path, target: Path) -> int:
    """Copy every built HTML page into target as `for_indexing` makes it; returns the page count."""
    count = 0
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(for_indexing(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def pagefind_command(executable: Path, source_dir: Path, bundle_dir: Path) -> list[str]:
    """The Pagefind command line (pure, so it can be tested and shown)."""
    command = [str(executable), "--site", str(source_dir), "--output-path", str(bundle_dir), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the `pagefind-bin-extended` wheel (extended = CJK segmentation)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(
            "search index: the Python package 'pagefind-bin-extended' is not installed "
            "(it is a dependency in pyproject.toml: pip install -e .)"
        ) from None
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"search index: pagefind-bin-extended has no binary for this platform ({exc})") from None


def build_index(site_dir: Path) -> str:
    """Index the built site into site_dir/pagefind; returns Pagefind's output for the build log."""
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"search index: {site_dir} holds no built site (no index.html)")
    executable = pagefind_executable()
    bundle_dir = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle_dir, ignore_errors=True)  # no stale chunks from an earlier build
    with tempfile.TemporaryDirectory(prefix="aiguide-search-") as temp:
        copy_for_indexing(site_dir, Path(temp))
        command = pagefind_command(executable, Path(temp), bundle_dir)
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except OSError as exc:
            raise SearchIndexError(f"search index: could not run {command[0]}: {exc}") from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise SearchIndexError(f"search index: pagefind exited with status {done.returncode}:\n{output}")
    if not (bundle_dir / "pagefind.js").is_file():
        raise SearchIndexError(f"search index: pagefind finished but wrote no {BUNDLE_DIR}/pagefind.js:\n{output}")
    for name in UNUSED_BUNDLE_FILES:
        (bundle_dir / name).unlink(missing_ok=True)
    return output
