"""The published site's last touches: accessibility fixes to Material's page HTML (aiguide/a11y.py),
valid HTML where Material's templates are not (aiguide/valid_html.py), the Content-Security-Policy
(aiguide/csp.py, last: it hashes the page's final inline scripts),
content tables framed at build time instead of by Material's script (aiguide/tables.py) and a deferred
theme bundle; then a trim (aiguide/assets.py): no source maps, no unused Material search files, no
document-wide palette-switch rule, no color-scheme meta added at load, and a robots.txt that names the
sitemap."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide import material_compat
from aiguide.a11y import fix_page
from aiguide.assets import (
    TrimReport,
    defer_theme_bundle,
    drop_color_scheme_meta,
    drop_palette_switch_rule,
    remove_material_search_assets,
    robots_txt,
    strip_source_maps,
)
from aiguide.csp import PolicyError, add_policy
from aiguide.tables import wrap_tables
from aiguide.valid_html import fix_markup

log = logging.getLogger("mkdocs.hooks.assets")


def _material_search_enabled(config) -> bool:
    return "material/search" in config.plugins or "search" in config.plugins


_serving = False  # `mkdocs serve` injects a live-reload script into every page (see aiguide/csp.py)


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    # A new build: count the theme patches afresh (static-i18n's nested build of the other language
    # belongs to the same build).
    if not getattr(config.plugins.get("i18n"), "building", False):
        material_compat.reset()
    return config


def _finish(page_html: str, name: str) -> str:
    try:
        return add_policy(defer_theme_bundle(fix_markup(fix_page(page_html, name), name), name), name,
                          live_reload=_serving)
    except (PolicyError, material_compat.PatchError) as exc:
        raise PluginError(str(exc)) from None


@event_priority(-200)  # after other hooks have finished the page
def on_post_page(output, page, config):
    return _finish(wrap_tables(output), page.file.src_uri)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    # The theme's static pages (404.html) carry the same navigation as content pages.
    if not template_name.endswith(".html"):
        return output_content
    return _finish(output_content, template_name)


@event_priority(-200)  # last: after static-i18n (-100) has written every language and the search index
def on_post_build(config):
    # static-i18n builds the other languages inside the default language's post_build; trim once,
    # when all of them are on disk.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site_dir = Path(config.site_dir)
    report = strip_source_maps(site_dir, TrimReport())
    try:
        drop_palette_switch_rule(site_dir, report)
        drop_color_scheme_meta(site_dir, report)
        counts = material_compat.verify_build()
    except material_compat.PatchError as exc:
        raise PluginError(str(exc)) from None
    log.info("assets: theme patches applied: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    if not _material_search_enabled(config):
        remove_material_search_assets(site_dir, report)
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
    log.info("assets: %s; robots.txt written", report)
