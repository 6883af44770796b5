"""Language metadata the theme does not produce on its own.

- absolute hreflang alternates for every page, plus x-default (the Chinese page);
- a per-language sitemap at /<lang>/sitemap.xml, because Material requests `<base>/sitemap.xml`
  from every page and the English pages' base is /en/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import CombinedEvent, event_priority

DEFAULT_LANG = "zh"


def _page_lang(page) -> str:
    return getattr(page.file, "locale", None) or DEFAULT_LANG


# mkdocs.yml sets toc.permalink_title once, in Chinese; Markdown extensions are not configured per
# language, so English pages get their heading-link title here.
PERMALINK_TITLE = {"en": "Link to this section"}
_HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")([^"]*)(")')


def on_page_content(html, page, config, files):
    title = PERMALINK_TITLE.get(_page_lang(page))
    return _HEADERLINK.sub(lambda m: m.group(1) + title + m.group(3), html) if title else html


def on_page_context(context, page, config, nav):
    site_url = config.site_url or ""
    alternates = getattr(page.file, "alternates", None) or {}
    links = []
    for lang in sorted(alternates, key=lambda code: code != DEFAULT_LANG):
        twin = alternates[lang]
        if twin is None or not twin.url and twin.url != "":
            continue
        links.append({"lang": lang, "href": urljoin(site_url, twin.url)})
    default = next((link for link in links if link["lang"] == DEFAULT_LANG), None)
    if default:
        links.append({"lang": "x-default", "href": default["href"]})
    context["hreflang_links"] = links
    return context


_saved_404: str | None = None


def _i18n(config):
    return config.plugins.get("i18n")


@event_priority(100)
def _capture_404(config):
    """Runs first in each language build: keep the default language's 404 page."""
    global _saved_404
    i18n = _i18n(config)
    if i18n is None or i18n.current_language == DEFAULT_LANG:
        page = Path(config.site_dir) / "404.html"
        if page.exists():
            _saved_404 = page.read_text(encoding="utf-8")


@event_priority(-200)
def _finish_languages(config):
    """Runs after static-i18n has built every language (it rebuilds 404.html and sitemap.xml per language)."""
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # a nested language build; the outer build finishes the job
    site_dir = Path(config.site_dir)
    if _saved_404 is not None:
        # GitHub Pages serves one /404.html for every language: it is the Chinese one.
        (site_dir / "404.html").write_text(_saved_404, encoding="utf-8")
    root_map = site_dir / "sitemap.xml"
    if root_map.exists():
        text = root_map.read_text(encoding="utf-8")
        for child in site_dir.iterdir():
            # A language build lives in a two-letter folder beside index.html (en/, …).
            if child.is_dir() and len(child.name) == 2 and (child / "index.html").exists():
                (child / "sitemap.xml").write_text(text, encoding="utf-8")


# Two handlers for one event, each with its own priority around static-i18n's (-100).
on_post_build = CombinedEvent(_capture_404, _finish_languages)
