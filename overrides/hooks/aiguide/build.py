"""One build of the site: its state, on one object reset when the build starts (as Material's plugins keep
theirs), and the site-wide steps that run once every language is on disk, from one explicit, ordered list.

static-i18n builds the other languages inside the default language's `on_post_build`, calling every hook
again for each of them ("nested" builds). Page-level hooks run in each; the steps below run once, in the
outer build, after static-i18n has finished (hooks/site_hook.py runs them at the lowest priority, which no
other handler shares), so the order of `hooks:` in mkdocs.yml does not change the site.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from aiguide import DATA

log = logging.getLogger("mkdocs.hooks.site")


def nested(config) -> bool:
    """True inside static-i18n's build of a non-default language (the outer build finishes the site)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def material_search_enabled(config) -> bool:
    # The baseline measurement (scripts/bench_search.py) builds with Material's search instead of Pagefind.
    return "material/search" in config.plugins or "search" in config.plugins


@dataclass
class Build:
    # The data folder of the project being built: data/ beside its mkdocs.yml (tests build fixture sites).
    data_dir: Path = DATA
    languages: tuple | None = None  # the language registry as the build started (aiguide/languages.py)
    serving: bool = False  # `mkdocs serve`: its live-reload script is inline (see aiguide/csp.py)
    saved_404: str | None = None  # the default language's 404 page, restored after static-i18n's rebuilds
    glossary: list[float] = field(default_factory=lambda: [0.0, 0])  # CPU seconds marking terms, pages marked
    # Pricing tables rendered at on_page_markdown wait in slots until on_page_content (aiguide/pricing/state.py).
    deferring: bool = False
    slots: dict[str, str] = field(default_factory=dict)
    patches: Counter = field(default_factory=Counter)  # matches of each theme patch (aiguide/material_compat.py)


STATE = Build()


def start(config) -> None:
    """A new build begins (not a nested language build): forget the last one's state, then check that the
    languages mkdocs.yml builds are the registry's, each with every label translated."""
    from aiguide import languages

    if nested(config):
        return
    serving = STATE.serving
    STATE.__init__()
    STATE.serving = serving
    if config.config_file_path:
        STATE.data_dir = Path(config.config_file_path).resolve().parent / "data"
    languages.configure(config)


# --- the site-wide steps, in order ---------------------------------------------------------------

def finish_languages(config) -> None:
    """GitHub Pages serves one /404.html for every language: the default language's. static-i18n rebuilds
    404.html and sitemap.xml per language; Material asks every page's base for sitemap.xml."""
    from aiguide import languages

    site_dir = Path(config.site_dir)
    if STATE.saved_404 is not None:
        (site_dir / "404.html").write_text(STATE.saved_404, encoding="utf-8")
    root_map = site_dir / "sitemap.xml"
    if root_map.exists():
        text = root_map.read_text(encoding="utf-8")
        for lang in languages.all()[1:]:
            if (site_dir / lang.prefix / "index.html").exists():
                (site_dir / lang.prefix / "sitemap.xml").write_text(text, encoding="utf-8")


def write_downloads(config) -> None:
    """The price data as JSON, CSV and schema (site/data/) and the price-changes feed per language."""
    from aiguide import languages
    from aiguide.pricing import changes, export, state

    data = state.data()
    site_dir = Path(config.site_dir)
    export.write_files(site_dir / "data", export.downloads(data))
    root_url = config.site_url or "/"
    for lang in languages.all():
        text = changes.feed(data, lang.code, site_url=root_url, today=state.today())
        export.write_if_changed(site_dir / lang.prefix / changes.FEED, text)


def index_search(config) -> None:
    """Pagefind indexes the finished pages of every language (aiguide/search_index.py)."""
    from aiguide.search_index import build_index

    if not material_search_enabled(config):
        log.debug(build_index(Path(config.site_dir)))


def trim_assets(config) -> None:
    """What no reader's browser asks for is not shipped; the theme patches on assets (aiguide/assets.py)."""
    from aiguide import assets, material_compat

    site_dir = Path(config.site_dir)
    report = assets.drop_build_code(site_dir, assets.TrimReport())
    assets.strip_source_maps(site_dir, report)
    assets.drop_palette_switch_rule(site_dir, report)
    assets.drop_color_scheme_meta(site_dir, report)
    counts = material_compat.verify_build()
    log.info("assets: theme patches applied: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    if not material_search_enabled(config):
        assets.remove_material_search_assets(site_dir, report)
    (site_dir / "robots.txt").write_text(assets.robots_txt(config.site_url), encoding="utf-8")
    log.info("assets: %s; robots.txt written", report)


def report_glossary(config) -> None:
    log.debug("glossary tooltips: %d pages in %.0f ms", STATE.glossary[1], STATE.glossary[0] * 1000)


# Each step sees what the steps before it wrote: the search index reads the final pages, the trim runs on
# everything (Pagefind's files included).
STEPS: tuple[tuple[str, Callable], ...] = (
    ("languages", finish_languages),
    ("downloads", write_downloads),
    ("search index", index_search),
    ("assets", trim_assets),
    ("glossary report", report_glossary),
)
