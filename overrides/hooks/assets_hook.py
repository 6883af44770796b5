"""The published site's last touches: accessibility fixes to Material's page HTML (aiguide/a11y.py),
valid HTML where Material's templates are not (aiguide/valid_html.py), the Content-Security-Policy
(aiguide/csp.py, last: it hashes the page's final inline scripts),
content tables framed at build time instead of by Material's script (aiguide/tables.py) and a deferred
theme bundle. The site-wide trim (aiguide/assets.py: no source maps, no unused Material search files, no
document-wide palette-switch rule, no color-scheme meta added at load, a robots.txt naming the sitemap) is
a step of the build's pipeline (aiguide/build.py)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide import build, material_compat
from aiguide.a11y import fix_page
from aiguide.assets import defer_theme_bundle
from aiguide.csp import PolicyError, add_policy
from aiguide.tables import wrap_tables
from aiguide.valid_html import fix_markup

def _finish(page_html: str, name: str) -> str:
    try:
        return add_policy(defer_theme_bundle(fix_markup(fix_page(page_html, name), name), name), name,
                          live_reload=build.STATE.serving)
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
