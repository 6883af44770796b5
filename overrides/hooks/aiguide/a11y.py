"""Accessibility fixes to Material's HTML that the theme's templates cannot be configured to make.

- Section navigation: with `navigation.indexes`, Material labels a section's `<nav>` by a `<label>`
  that holds only an icon (or by an id that does not exist when the section has one page), so the
  landmark has no name and axe reports `landmark-unique`. The section title is right inside the nav:
  it becomes the nav's aria-label.
- Code blocks: Material's JavaScript wraps each copy button in an unnamed `<nav>`, one more unnamed
  landmark per block; a tiny inline script turns those into plain containers.
- Wide tables, figures (diagrams, charts) and formulas scroll sideways on a phone; a scrolling box must be
  reachable with the keyboard (WCAG 2.1.1), so the same script makes it focusable while, and only
  while, it overflows (an author's own tabindex is left alone), also when a <details> opens on it.
The script goes only into pages that have code, tables, figures or formulas.
"""

from __future__ import annotations

import html
import re

from . import material_compat

TAG = re.compile(r"<[^>]+>")
# Material creates the copy buttons' <nav> wrappers and the tables' scroll wrappers in its
# DOMContentLoaded handler; the timeout runs the fixes after every DOMContentLoaded handler, whatever
# the order in which they were registered (the bundle is deferred, see assets.py).
RUNTIME_SCRIPT = (
    "<script>(function(){"
    'function s(){document.querySelectorAll(".md-typeset__scrollwrap,.md-typeset figure,.md-typeset .arithmatex").forEach(function(e){'
    'var o=e.scrollWidth>e.clientWidth+1;if(o&&!e.hasAttribute("tabindex")){e.tabIndex=0;e.dataset.scrollFocus=""}'
    'else if(!o&&"scrollFocus"in e.dataset){e.removeAttribute("tabindex");delete e.dataset.scrollFocus}})}'
    'document.addEventListener("DOMContentLoaded",function(){setTimeout(function(){'
    'document.querySelectorAll("nav.md-code__nav").forEach(function(n){n.setAttribute("role","none")});s()})});'
    'addEventListener("resize",s);document.addEventListener("toggle",s,true)})()</script>'
)
NEEDS_SCRIPT = re.compile(r'<pre|<table|<figure|class="arithmatex"')


def _title_text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def name_section_navs(page_html: str, where: str = "a page") -> str:
    """Give every section <nav> its section title as aria-label (instead of an empty labelledby)."""

    def fix(match: re.Match) -> str:
        title = _title_text(match.group(3))
        if not title:  # nothing better to offer: leave Material's markup alone
            return match.group(0)
        return f'{match.group(1)} aria-label="{html.escape(title, quote=True)}"{match.group(2)}{match.group(3)}{match.group(4)}'

    return material_compat.sub("section-nav-label", fix, page_html, where)


def add_runtime_script(page_html: str) -> str:
    """Add the runtime fixes before </body> on pages that have code blocks, tables, figures or formulas."""
    if RUNTIME_SCRIPT in page_html or "</body>" not in page_html or not NEEDS_SCRIPT.search(page_html):
        return page_html
    head, _, tail = page_html.rpartition("</body>")
    return head + RUNTIME_SCRIPT + "</body>" + tail


def fix_page(page_html: str, where: str = "a page") -> str:
    return add_runtime_script(name_section_navs(page_html, where))
