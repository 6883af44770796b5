"""The `<!-- md:name args -->` marker syntax and the context a marker handler gets.

Handlers are plain functions `handler(args, ctx) -> str` returning HTML (or Markdown that
Python-Markdown then renders). They are registered by name in hooks/markers.py.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

MARKER = re.compile(r"<!--\s*md:(?P<name>[a-z][a-z0-9_-]*)(?P<args>(?:\s[^>]*?)?)\s*-->")


@dataclass(frozen=True)
class Context:
    lang: str  # the page's language (a code of data/languages.yml)
    page: str  # source path of the page, e.g. "vendors/qianfan.zh.md"
    root: Path  # the project being built (the folder of its mkdocs.yml and data/)
    # How often each element id was handed out in this page (the hook makes one Context per page): a diagram
    # shown twice gets distinct ids.
    ids: Counter = field(default_factory=Counter, compare=False, repr=False)


Handler = Callable[[list[str], Context], str]


class MarkerError(ValueError):
    """A marker that cannot be rendered; the message names the page and the marker."""


def expand(markdown: str, ctx: Context, handlers: dict[str, Handler]) -> str:
    def replace(match: re.Match) -> str:
        name = match.group("name")
        handler = handlers.get(name)
        if handler is None:
            known = ", ".join(sorted(handlers))
            raise MarkerError(f"{ctx.page}: unknown marker {match.group(0)!r} (known: {known})")
        try:
            args = shlex.split(match.group("args"))
        except ValueError as exc:
            raise MarkerError(f"{ctx.page}: cannot read the arguments of {match.group(0)!r}: {exc}") from None
        try:
            return handler(args, ctx)
        except MarkerError:
            raise
        except (KeyError, ValueError) as exc:
            raise MarkerError(f"{ctx.page}: marker {match.group(0)!r}: {exc}") from None

    return MARKER.sub(replace, markdown)
