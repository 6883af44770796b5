"""Trim the published site: what no reader's browser ever asks for is not shipped.

- source maps (`*.map`) and the `sourceMappingURL` comments pointing at them: only a developer's
  devtools fetch them, and without the map a comment makes devtools log a failed request;
- Material's lunr search worker and language stemmers, when Material's search plugin is off (the
  site searches with Pagefind; see search_hook.py);
- robots.txt naming the sitemap, written once at the site root (a file in docs/ would be copied into
  every language folder by static-i18n);
- Material's palette-switch rule `[data-md-color-switching] *, … {transition-duration: 0s}`. The
  bundle sets that attribute on <body> at every page load (not only when the reader switches), and
  a rule on `*` under it makes the browser restyle the whole document twice, once when it is set
  and once when it is removed: about 30 ms unthrottled on a vendor page, 120 ms at Lighthouse's
  4x slowdown. Without it a palette switch fades colours for Material's 125-250 ms instead of
  snapping; nothing else changes;
- the `<meta name="color-scheme">` that Material's bundle adds to <head> at every load and then fills
  in: Chromium restyles the whole document for each of the two steps, even when the scheme is the one
  the page already has (about 35 ms unthrottled on the home page). The bundle is patched not to add it
  (one exact statement; if a Material upgrade changes it, the bundle stays as it is and the build log
  says so), and extra.css gives the root the dark scheme under the dark palette instead, which is
  what the meta was for (dark scrollbars). tests/test_load_work.py pins both.

And one loading change: Material's bundle is a parser-blocking script at the end of <body>. Marked
`defer`, it runs at the same point (after parsing, before DOMContentLoaded, which is when Material
starts), but the browser may paint the page first: Lighthouse then no longer counts the bundle's
download and evaluation into the Largest Contentful Paint. Scripts that use Material's globals
(`document$`, …) at load must therefore be `defer` too (none does; the browser tests would show it).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import material_compat

# `//# sourceMappingURL=…` (JS) and `/*# sourceMappingURL=… */` (CSS), on a line of their own or at
# the end of the last line; the deprecated `//@` form too.
SOURCE_MAP_COMMENT = re.compile(r"\n?[ \t]*(?://[#@][ \t]*sourceMappingURL=[^\s]*|/\*[#@][ \t]*sourceMappingURL=[^*]*\*/)[ \t]*(?=\n|$)")
TEXT_ASSETS = (".js", ".mjs", ".css")
# The theme patches themselves (patterns, expected counts, reasons) are registered in material_compat.py.
# Material's client-side search: the worker and the lunr language files it loads.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*.js")


@dataclass
class TrimReport:
    """What a trim removed, site-relative, for the build log and the tests."""

    removed: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)
    bytes_saved: int = 0

    def __str__(self) -> str:
        return (f"removed {len(self.removed)} file(s)/folder(s), stripped source-map comments or rules from "
                f"{len(self.cleaned)} file(s), {self.bytes_saved / 1024:.0f} KiB saved")


def strip_source_map_comment(text: str) -> str:
    """The asset's text without sourceMappingURL comments (everything else byte-identical)."""
    return SOURCE_MAP_COMMENT.sub("", text)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _remove(path: Path, site_dir: Path, report: TrimReport) -> None:
    report.bytes_saved += _size(path)
    report.removed.append(path.relative_to(site_dir).as_posix())
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def drop_build_code(site_dir: Path, report: TrimReport) -> TrimReport:
    """Material copies every non-template file of the custom_dir (overrides/) into the site: the hooks'
    .py files are skipped, but not what installing the package writes beside them (the egg-info)."""
    hooks = site_dir / "hooks"
    if hooks.is_dir():
        _remove(hooks, site_dir, report)
    return report


def strip_source_maps(site_dir: Path, report: TrimReport | None = None) -> TrimReport:
    """Delete every *.map file under site_dir and the comments that reference them."""
    report = report or TrimReport()
    for path in sorted(site_dir.rglob("*.map")):
        if path.is_file():
            _remove(path, site_dir, report)
    for path in sorted(p for p in site_dir.rglob("*") if p.suffix in TEXT_ASSETS and p.is_file()):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        if "sourceMappingURL" not in text:
            continue
        stripped = strip_source_map_comment(text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8", errors="surrogateescape")
            report.bytes_saved += len(text.encode("utf-8", "surrogateescape")) - len(
                stripped.encode("utf-8", "surrogateescape"))
            report.cleaned.append(path.relative_to(site_dir).as_posix())
    return report


def remove_material_search_assets(site_dir: Path, report: TrimReport | None = None) -> TrimReport:
    """Delete Material's lunr worker and stemmers (call only when Material's search plugin is off)."""
    report = report or TrimReport()
    for pattern in MATERIAL_SEARCH_ASSETS:
        for path in sorted(site_dir.glob(pattern)):
            _remove(path, site_dir, report)
    workers = site_dir / "assets/javascripts/workers"
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()
    return report


def drop_palette_switch_rule(site_dir: Path, report: TrimReport | None = None) -> TrimReport:
    """Remove the palette-switch rule from the theme's stylesheets (see the module docstring)."""
    report = report or TrimReport()
    for path in sorted((site_dir / "assets" / "stylesheets").glob("*.css")):
        text = path.read_text(encoding="utf-8")
        trimmed = material_compat.sub("palette-switch-rule", "", text, path.name)
        if trimmed != text:
            path.write_text(trimmed, encoding="utf-8")
            report.bytes_saved += len(text.encode("utf-8")) - len(trimmed.encode("utf-8"))
            report.cleaned.append(path.relative_to(site_dir).as_posix())
    return report


def drop_color_scheme_meta(site_dir: Path, report: TrimReport | None = None) -> bool:
    """Patch the theme bundle not to add a color-scheme meta (see the module docstring): the bundle's
    `let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);` becomes a plain object, so the
    later `o.content=…` writes nowhere. True if a bundle was patched; a bundle without the statement
    fails the build (material_compat.PatchError)."""
    report = report or TrimReport()
    done = False
    for path in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")):
        text = path.read_text(encoding="utf-8")
        path.write_text(material_compat.sub("color-scheme-meta", r"let \1={};", text, path.name), encoding="utf-8")
        report.cleaned.append(path.relative_to(site_dir).as_posix())
        done = True
    return done


def defer_theme_bundle(page_html: str, where: str = "a page") -> str:
    """The page with Material's bundle script marked defer (once; other scripts untouched)."""
    return material_compat.sub("defer-theme-bundle", r'<script src="\1" defer></script>', page_html, where)


def robots_txt(site_url: str | None) -> str:
    """robots.txt allowing everything and naming the sitemap (absolute, as the format requires)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", "Sitemap: " + urljoin(site_url if site_url.endswith("/") else site_url + "/", "sitemap.xml")]
    return "\n".join(lines) + "\n"
