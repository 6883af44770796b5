"""Where the data file is, what "today" is, and the validated data, loaded once per build.

AIGUIDE_DATA points at another data file (tests use broken copies); AIGUIDE_TODAY=YYYY-MM-DD fixes
the date staleness is judged against (default: the build date).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path

from aiguide import ROOT, datafile
from aiguide.build import STATE

from .load import DataError, load
from .model import VendorData

# Tables rendered at on_page_markdown wait in the build's slots (aiguide/build.py) and are put into the page
# after Markdown has run (pricing_hook.on_page_content): Python-Markdown would otherwise re-parse every table
# as raw HTML, which cost more build time than rendering them. Only while the pricing hook is active.
SLOT = re.compile(r"<!--aiguide-pricing (\d+)-->")


def data_path() -> Path:
    explicit = os.environ.get("AIGUIDE_DATA")
    if explicit:
        path = Path(explicit)
        return path if path.is_absolute() else ROOT / path
    return STATE.data_dir / "vendors.yml"


display_name = datafile.display  # the path as messages show it: relative to the project when inside it


def data() -> VendorData:
    """The validated data; re-read only when a data file (or the set of languages) changes; both languages
    share one load."""
    from aiguide import languages

    path = data_path()
    files = [path, *sorted((path.parent / "vendors").glob("*.yml"))]
    return datafile.cached(languages.keyed("vendors"), files, lambda: load(path, display_name(path)))


def today() -> dt.date:
    value = os.environ.get("AIGUIDE_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataError(f"AIGUIDE_TODAY: expected a date written YYYY-MM-DD; found {value!r}") from None


_counter = itertools.count()


def defer(enabled: bool) -> None:
    """Switch between returning a marker's HTML directly and returning a slot filled in later."""
    STATE.deferring = enabled
    STATE.slots.clear()


def place(html: str) -> str:
    """A marker's output: the HTML itself, or (deferring) a comment that `fill` replaces with it."""
    if not STATE.deferring:
        return html
    key = str(next(_counter))
    STATE.slots[key] = html
    return f"<!--aiguide-pricing {key}-->"


def fill(page_html: str) -> str:
    """Put the rendered tables into a page's HTML in place of their slots."""
    if "<!--aiguide-pricing " not in page_html:
        return page_html
    return SLOT.sub(lambda m: STATE.slots.pop(m.group(1), m.group(0)), page_html)
