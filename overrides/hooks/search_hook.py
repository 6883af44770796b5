"""Site search: Pagefind indexes the built site, one index per language (see aiguide/search_index.py).

The theme's own search plugin stays off; the header search is overrides/partials/header.html +
pagefind-search.html, driven by docs/assets/javascripts/search.js. Pages are marked here; the index is
built once the whole site is on disk (aiguide.build.index_search).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from aiguide import build
from aiguide.search_index import SearchIndexError, mark_article


def on_post_page(output, page, config):
    if build.material_search_enabled(config):
        return output
    try:
        return mark_article(output, page.file.src_uri)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
