"""Glue between MkDocs and aiguide.pricing (the vendor data and its tables).

- on_config: load and validate data/vendors.yml once. A bad file stops the build here, before MkDocs
  cleans or writes the site, with one message (file, line, entry path, expected, found) and no traceback.
- The markers themselves are rendered by handlers that markers.py registers (aiguide.pricing.handlers);
  on_page_content puts their tables into the page after Markdown (see state.place: Markdown would
  otherwise re-parse all that HTML) and after the glossary tooltips, which leave generated blocks alone.
- The downloads (JSON, CSV, JSON Schema) and the price-changes feeds are a step of the build's pipeline
  (aiguide.build.write_downloads), once per build.
- on_serve: rebuild when the data file changes.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide.pricing import state
from aiguide.pricing.load import DataError


def on_config(config):
    try:
        state.data()
        state.today()
    except DataError as exc:
        raise PluginError(str(exc)) from None
    state.defer(True)
    return config


# After the other on_page_content hooks: the glossary tooltips skip generated `aiguide-*` blocks
# anyway, so they need not scan the tables (page output hooks, on_post_page, still see everything).
@event_priority(-50)
def on_page_content(html, page, config, files):
    return state.fill(html)


def on_post_build(config):
    state.defer(False)  # the downloads and feeds are written by the build's pipeline (aiguide/build.py)


def on_post_page(output, page, config):
    # Feed readers and browsers find the feed from the changes page's <head>.
    if not page.url.endswith("vendors/changes/"):
        return output
    from aiguide import languages
    from aiguide.pricing import changes, render

    title = render.esc(changes.t("feed_title", languages.of_page(page)))
    link = f'<link rel="alternate" type="application/atom+xml" href="../../{changes.FEED}" title="{title}">'
    return output.replace("</head>", link + "</head>", 1)


def on_build_error(error):
    state.defer(False)


def on_serve(server, config, builder):
    server.watch(str(state.data_path()))
    return server
