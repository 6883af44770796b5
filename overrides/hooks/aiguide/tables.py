"""Content tables wrapped at build time, the way Material's script wraps them in the browser.

At page load Material's bundle takes every `table:not([class])`, moves it into
`div.md-typeset__scrollwrap > div.md-typeset__table` (the sideways-scrolling frame) and the browser
then styles every cell a second time. On a vendor page with seven tables that second pass was the
largest single piece of blocking time (issue 7: about 100 ms unthrottled, 400 ms at Lighthouse's
4x CPU slowdown). Here the frame is written into the HTML and the table gets the class
`framed-table`, so the script leaves it alone; extra.css gives that class Material's table rules.

`wrap_tables(html)` is pure: tables that already have a class (code line-number tables, tables a
page styles itself) are left exactly as they are, and so is everything outside `<table>` tags.
"""

from __future__ import annotations

import re

TABLE_CLASS = "framed-table"
FRAME_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
FRAME_CLOSE = "</div></div>"

_TABLE_TAG = re.compile(r"<table\b[^>]*>|</table\s*>", re.IGNORECASE)
_CLASS_ATTR = re.compile(r"""\sclass\s*=""", re.IGNORECASE)


def _classed(open_tag: str) -> str:
    """`<table …>` with the class added (the tag has no class attribute)."""
    return f'<table class="{TABLE_CLASS}"' + open_tag[len("<table"):]


def wrap_tables(html: str) -> str:
    """The HTML with every class-less table framed and classed; nested tables are handled too."""
    if "<table" not in html and "<TABLE" not in html:
        return html
    out: list[str] = []
    pos = 0
    framed: list[bool] = []  # one entry per open table: did we frame it?
    for match in _TABLE_TAG.finditer(html):
        tag = match.group(0)
        if tag.startswith("</"):
            if framed and framed.pop():
                out.append(html[pos:match.end()])
                out.append(FRAME_CLOSE)
                pos = match.end()
            continue
        plain = _CLASS_ATTR.search(tag) is None
        framed.append(plain)
        if plain:
            out.append(html[pos:match.start()])
            out.append(FRAME_OPEN + _classed(tag))
            pos = match.end()
    out.append(html[pos:])
    return "".join(out)
