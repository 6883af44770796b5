"""Material's page markup made valid HTML where no partial template can reach it (the Nu Html Checker,
tests/test_html_valid.py, checks every built page; the section labels' empty tabindex is fixed in the
template, overrides/partials/nav-item.html).

- The drawer and search toggles: base.html writes `autocomplete="off"` on the two checkboxes that
  open the drawer and the search, so that a browser coming back to a page does not restore them
  checked (an open drawer). `autocomplete` is not allowed on a checkbox. The same effect, valid: the
  toggles belong (`form=`) to an empty form that has `autocomplete="off"`; browsers do not restore
  the state of a control whose form has it off. Overriding base.html for two attributes would copy
  Material's largest template.
- Labels for a control the page does not have: the table of contents' title is a
  `<label for="__toc">`, but on a section's index page (navigation.indexes) Material writes no
  `__toc` checkbox. A label that points at nothing loses its `for` (it labelled nothing anyway).
- Code line anchors: pymdownx.highlight (`anchor_linenums`) writes `<a id="X" name="X">`; `name` on
  `<a>` is obsolete (a warning), and the `id` already is the anchor.
"""

from __future__ import annotations

import re

from . import material_compat

TOGGLES_FORM_ID = "__toggles"
TOGGLES_FORM = f'<form id="{TOGGLES_FORM_ID}" autocomplete="off" hidden></form>'
_LABEL_FOR = re.compile(r'(<label\b[^>]*?) for="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def own_toggles(page_html: str, where: str = "a page") -> str:
    """Material's toggle checkboxes with their autocomplete="off" moved to a form that owns them."""
    first = material_compat.PATCHES["toggle-autocomplete"].pattern.search(page_html)
    if not first:
        return page_html
    owned = material_compat.sub("toggle-autocomplete", rf'<input class="md-toggle"\1 form="{TOGGLES_FORM_ID}">',
                                page_html, where)
    return owned[:first.start()] + TOGGLES_FORM + owned[first.start():]


def drop_dangling_label_for(page_html: str) -> str:
    """Labels whose `for` names no element of the page, without the `for`."""
    ids = set(_ID.findall(page_html))

    def fix(match: re.Match) -> str:
        return match.group(0) if match.group(2) in ids else match.group(1)

    return _LABEL_FOR.sub(fix, page_html)


def fix_markup(page_html: str, where: str = "a page") -> str:
    return material_compat.sub("code-anchor-name", r"\1", drop_dangling_label_for(own_toggles(page_html, where)), where)
