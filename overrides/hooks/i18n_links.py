"""Language metadata the theme does not produce on its own.

- absolute hreflang alternates for every page, plus x-default (the Chinese page);
- a per-language sitemap at /<lang>/sitemap.xml, because Material requests `<base>/sitemap.xml`
  from every page and the English pages' base is /en/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

DEFAULT_LANG = "zh"


def _page_lang(page) -> str:
    return getattr(page.file, "locale", None) or DEFAULT_LANG


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


def on_post_build(config):
    site_dir = Path(config.site_dir)
    root_map = site_dir / "sitemap.xml"
    if not root_map.exists():
        return
    text = root_map.read_text(encoding="utf-8")
    for child in site_dir.iterdir():
        # A language build lives in a two-letter folder beside index.html (en/, …).
        if child.is_dir() and len(child.name) == 2 and (child / "index.html").exists():
            (child / "sitemap.xml").write_text(text, encoding="utf-8")
