"""Language metadata the theme does not produce on its own.

- absolute hreflang alternates for every page, plus x-default (the Chinese page);
- the default language's 404 page kept before static-i18n rebuilds it per language (restored, with a
  sitemap per language folder, by aiguide.build.finish_languages).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

from aiguide import build, languages
from aiguide.labels import site as t

_HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")([^"]*)(")')


def on_page_content(html, page, config, files):
    lang = languages.of_page(page)
    if lang == languages.default():
        return html
    title = t("permalink", lang)
    return _HEADERLINK.sub(lambda m: m.group(1) + title + m.group(3), html)


def on_page_context(context, page, config, nav):
    site_url = config.site_url or ""
    alternates = getattr(page.file, "alternates", None) or {}
    default = languages.default()
    links = []
    for lang in sorted(alternates, key=lambda code: code != default):
        twin = alternates[lang]
        if twin is None or not twin.url and twin.url != "":
            continue
        links.append({"lang": lang, "href": urljoin(site_url, twin.url)})
    first = next((link for link in links if link["lang"] == default), None)
    if first:
        links.append({"lang": "x-default", "href": first["href"]})
    context["hreflang_links"] = links
    context["og_locale"] = languages.language(languages.of_page(page)).og_locale  # overrides/main.html
    return context


def _i18n(config):
    return config.plugins.get("i18n")


def on_template_context(context, template_name, config):
    """Pages without a page (404.html): the language being built."""
    i18n = _i18n(config)
    context["og_locale"] = languages.language(i18n.current_language if i18n else languages.default()).og_locale
    return context


@event_priority(100)
def on_post_build(config):
    """Runs first in each language build: keep the default language's 404 page (aiguide.build restores it
    after static-i18n has rebuilt 404.html per language)."""
    i18n = _i18n(config)
    if i18n is None or i18n.current_language == languages.default():
        page = Path(config.site_dir) / "404.html"
        if page.exists():
            build.STATE.saved_404 = page.read_text(encoding="utf-8")
