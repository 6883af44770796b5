"""Site search: Pagefind indexes the built site, one index per language (see aiguide/search_index.py).

The theme's own search plugin stays off; the header search is overrides/partials/header.html +
pagefind-search.html, driven by docs/assets/javascripts/search.js.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide.search_index import SearchIndexError, build_index, mark_article

log = logging.getLogger("mkdocs.hooks.search")


def _material_search_enabled(config) -> bool:
    # The baseline measurement (scripts/bench_search.py) builds with Material's search instead.
    return "material/search" in config.plugins or "search" in config.plugins


def on_post_page(output, page, config):
    if _material_search_enabled(config):
        return output
    try:
        return mark_article(output, page.file.src_uri)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-100)  # after every other post_build step, so the index sees the final HTML
def on_post_build(config):
    if _material_search_enabled(config):
        return
    # static-i18n builds the other languages inside the default language's post_build, into
    # subfolders of the same site_dir; index once, after all of them are written.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    try:
        summary = build_index(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.debug(summary)
