"""Every edit this site makes to Material's output, in one registry: what each one matches, how often it must
match, why it is there and what it gains. The modules that apply them (assets.py, a11y.py, valid_html.py,
search_index.py) call `sub()`; a count that is off fails the build, naming the patch and the installed
Material version, instead of silently shipping an unpatched page after an upgrade. Material is pinned to the
minor version these patterns were written against (pyproject.toml, constraints.txt).

Template overrides (overrides/partials/*.html) are the other way this site changes Material; their upstream
hashes are pinned in tests/test_html_valid.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from typing import Callable, Union

from aiguide.build import STATE

TESTED = "9.8"  # the Material minor version the patterns below were written against


def material_version() -> str:
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:  # pragma: no cover - Material is a dependency
        return "unknown"


@dataclass(frozen=True)
class Patch:
    name: str
    target: str  # what it edits, for messages: a page, the theme bundle, a theme stylesheet
    pattern: re.Pattern
    per_target: tuple[int, int | None]  # matches allowed in each text it is applied to (min, max or None)
    per_build: int  # matches required over a whole build (0: none)
    reason: str
    gain: str


PATCHES: dict[str, Patch] = {p.name: p for p in (
    Patch("defer-theme-bundle", "page",
          re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"(?: defer)?></script>'), (1, 1), 1,
          "Material's bundle is a parser-blocking script; deferred it runs at the same point but the page paints first",
          "Lighthouse no longer counts the bundle into Largest Contentful Paint (assets.py)"),
    Patch("palette-switch-rule", "theme stylesheet",
          re.compile(r"(?<=[{}])\[data-md-color-switching\][^{}]*\{[^{}]*\}"), (0, None), 1,
          "a rule on * under an attribute the bundle sets and removes at every load",
          "two whole-document restyles per load (~30 ms unthrottled on a vendor page; tests/test_load_work.py)"),
    Patch("color-scheme-meta", "theme bundle",
          re.compile(r'let (\w+)=\w+\("meta",\{name:"color-scheme"\}\);document\.head\.appendChild\(\1\);'),
          (1, 1), 1,
          "the bundle adds and then fills a <meta name=color-scheme> at every load (extra.css sets the scheme)",
          "two whole-document restyles per load (~35 ms unthrottled on the home page)"),
    Patch("section-nav-label", "page",
          re.compile(r'(<nav class="md-nav"[^>]*?) aria-labelledby="[^"]*"([^>]*>\s*<label class="md-nav__title"'
                     r'[^>]*>)(.*?)(</label>)', re.S), (0, None), 1,
          "section <nav>s are labelled by an icon-only label or a missing id (axe: landmark-unique)",
          "every navigation landmark has a name (a11y.py)"),
    Patch("toggle-autocomplete", "page",
          re.compile(r'<input class="md-toggle"(?=[^>]*\btype="checkbox")([^>]*?) autocomplete="off">'), (0, 2), 1,
          "autocomplete is not allowed on a checkbox (Nu Html Checker); an owning form keeps the behaviour",
          "90 of the 134 validator errors (valid_html.py)"),
    Patch("code-anchor-name", "page", re.compile(r'(<a id="([^"]+)") name="\2"'), (0, None), 0,
          "pymdownx.highlight writes an obsolete name= beside the id of line anchors",
          "6 validator warnings (valid_html.py)"),
    Patch("search-article", "page", re.compile(r'<article class="md-content__inner md-typeset">'), (0, 1), 1,
          "Pagefind indexes only the marked article, not the header, navigation and footer",
          "an index of content only, without overriding base.html (search_index.py)"),
)}

class PatchError(ValueError):
    """A patch matched a number of times its registry entry does not allow."""


def _expected(low: int, high: int | None) -> str:
    return f"exactly {low}" if low == high else f"at least {low}" if high is None else f"{low} to {high}"


def sub(name: str, repl: Union[str, Callable[[re.Match], str]], text: str, where: str) -> str:
    """Apply the registered patch `name` to `text` (from `where`, for messages) and count it."""
    patch = PATCHES[name]
    out, n = patch.pattern.subn(repl, text)
    low, high = patch.per_target
    if n < low or (high is not None and n > high):
        raise PatchError(
            f"Theme patch {name!r} matched {n} time(s) in {where}, expected {_expected(low, high)} "
            f"(Material {material_version()}; the patch was written for {TESTED}.x): {patch.reason}. "
            f"Update overrides/hooks/aiguide/material_compat.py for this Material version.")
    STATE.patches[name] += n
    return out


def verify_build() -> dict[str, int]:
    """After a whole build: every patch that must apply did, somewhere. Returns the counts."""
    missing = [p for p in PATCHES.values() if STATE.patches[p.name] < p.per_build]
    if missing:
        names = ", ".join(f"{p.name!r} ({p.target}: {STATE.patches[p.name]} match(es))" for p in missing)
        raise PatchError(f"Theme patches that never applied in this build: {names} (Material {material_version()}; "
                         f"written for {TESTED}.x). Update overrides/hooks/aiguide/material_compat.py.")
    return {name: STATE.patches[name] for name in PATCHES}
