"""One on_page_markdown hook for every `<!-- md:name args -->` marker (Material's shortcode style).

Each name maps to a small function that returns HTML; an unknown name fails the build with the
page and the marker named.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from aiguide import ROOT
from aiguide.shortcodes import Context, MarkerError, expand
from aiguide.diagrams import diagram
from aiguide.glossary import glossary_marker
from aiguide.pricing.handlers import HANDLERS as PRICING_HANDLERS
from aiguide.pricing.calc_handlers import HANDLERS as CALC_HANDLERS



def _pending(args, ctx):
    # Placeholder until the marker's real handler is wired in.
    return '<p class="aiguide-pending">' + ("（生成中）" if ctx.lang == "zh" else "(generated content pending)") + "</p>"


HANDLERS: dict = {
    name: _pending
    for name in (
        "diagram", "vendor-overview", "vendor-facts", "prices", "billing", "free-quota", "token-ratio",
        "price-history", "price-comparison", "downloads", "price-chart", "calculator", "glossary",
    )
}


HANDLERS["diagram"] = diagram
HANDLERS["glossary"] = glossary_marker
HANDLERS.update(PRICING_HANDLERS)  # vendor-overview, vendor-facts, prices, … downloads (pricing_hook.py)
HANDLERS.update(CALC_HANDLERS)  # calculator, price-chart (aiguide/pricing/calculator.py, chart.py)


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    ctx = Context(lang=getattr(page.file, "locale", None) or "zh", page=page.file.src_uri, root=ROOT)
    try:
        return expand(markdown, ctx, HANDLERS)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None
