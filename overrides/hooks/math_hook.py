"""Formulas as MathML, typeset at build time (aiguide/mathml.py): no script, no font, no request.

Runs before the other on_page_content hooks, so the glossary tooltips and the search index see the
finished `<math>` (both leave it alone). A formula that cannot be typeset stops the build with the page
and the formula named, and no traceback.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide.mathml import MathError, typeset


@event_priority(50)
def on_page_content(html, page, config, files):
    try:
        return typeset(html, page.file.src_uri)
    except MathError as exc:
        raise PluginError(str(exc)) from None
