"""One on_page_markdown hook for every `<!-- md:name args -->` marker (Material's shortcode style).

Each name maps to a small function that returns HTML; an unknown name fails the build with the
page and the marker named.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from aiguide import build, languages
from aiguide.diagrams import diagram
from aiguide.glossary import glossary_marker
from aiguide.pricing.calc_handlers import HANDLERS as CALC_HANDLERS
from aiguide.pricing.handlers import HANDLERS as PRICING_HANDLERS
from aiguide.pricing.quickstart import HANDLERS as QUICKSTART_HANDLERS
from aiguide.shortcodes import Context, MarkerError, expand

HANDLERS = {
    "diagram": diagram,  # data/diagrams/NAME.svg + labels.yml
    "glossary": glossary_marker,  # data/glossary.yml
    **PRICING_HANDLERS,  # vendor-overview, vendor-facts, prices, billing, … downloads (data/vendors.yml)
    **CALC_HANDLERS,  # calculator, price-chart (same data)
    **QUICKSTART_HANDLERS,  # quickstart: a platform's chat API called from Python and curl (its `api:` block)
}


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    ctx = Context(lang=languages.of_page(page), page=page.file.src_uri, root=build.STATE.data_dir.parent)
    try:
        return expand(markdown, ctx, HANDLERS)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None
