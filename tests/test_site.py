"""The bilingual site itself: both languages, twins, language metadata, no third-party requests."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import BASE_PATH, LANGS, ROOT, SITE_URL, html_pages, page_lang

SITE_HOST = urlparse(SITE_URL).hostname


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def missing_twins(docs: Path) -> list[str]:
    """Pages of docs/ (suffix layout) that exist in one language only, e.g. 'llm/index.en.md'."""
    found: dict[str, set[str]] = {}
    for md in docs.rglob("*.md"):
        match = re.fullmatch(r"(.+)\.(zh|en)\.md", md.relative_to(docs).as_posix())
        assert match, f"{md}: every page needs a .zh.md or .en.md suffix"
        found.setdefault(match.group(1), set()).add(match.group(2))
    return sorted(f"{stem}.{lang}.md" for stem, langs in found.items() for lang in set(LANGS) - langs)


def url_to_file(site: Path, url: str) -> Path:
    """The built file an absolute URL of this site points to."""
    path = urlparse(url).path
    assert path.startswith(BASE_PATH), f"{url} is outside the site ({BASE_PATH})"
    rel = path[len(BASE_PATH):]
    target = site / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).parent.as_posix()
    return urljoin(SITE_URL, "" if rel == "." else rel + "/")


def twin_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).parent.as_posix()
    rel = "" if rel == "." else rel + "/"
    if page_lang(site, path) == "en":
        return urljoin(SITE_URL, rel[len("en/"):])
    return urljoin(SITE_URL, "en/" + rel)


# --- source ---------------------------------------------------------------------------------------

def test_every_page_has_a_twin_in_the_source():
    assert missing_twins(ROOT / "docs") == []


def test_a_missing_twin_is_reported_by_name(tmp_path):
    (tmp_path / "llm").mkdir()
    (tmp_path / "llm" / "index.zh.md").write_text("# x\n")
    (tmp_path / "llm" / "index.en.md").write_text("# x\n")
    (tmp_path / "llm" / "lora.zh.md").write_text("# x\n")
    assert missing_twins(tmp_path) == ["llm/lora.en.md"]


# --- built output ----------------------------------------------------------------------------------

def test_both_languages_are_built(site):
    pages = html_pages(site)
    zh = [p for p in pages if page_lang(site, p) == "zh"]
    en = [p for p in pages if page_lang(site, p) == "en"]
    assert len(zh) >= 20 and len(zh) == len(en)
    for p in zh:
        twin = site / "en" / p.relative_to(site)
        assert twin.exists(), f"{p.relative_to(site)} has no English twin in the built site"


def test_html_lang_matches_the_language_of_every_page(site):
    for p in html_pages(site):
        assert soup(p).html.get("lang") == page_lang(site, p), p.relative_to(site)


def test_404_page_is_chinese(site):
    doc = soup(site / "404.html")
    assert doc.html.get("lang") == "zh"
    assert "404" in doc.get_text()


def test_language_switcher_points_at_the_twin_page(site):
    for p in html_pages(site):
        doc = soup(p)
        links = {a["hreflang"]: a["href"] for a in doc.select("a.md-select__link[hreflang]")}
        assert set(links) == set(LANGS), f"{p.relative_to(site)}: switcher languages {sorted(links)}"
        here = page_url(site, p)
        other = "en" if page_lang(site, p) == "zh" else "zh"
        assert urljoin(here, links[other]) == twin_url(site, p), p.relative_to(site)
        assert urljoin(here, links[page_lang(site, p)]) == here


def test_hreflang_alternates_are_absolute_with_x_default(site):
    for p in html_pages(site):
        doc = soup(p)
        alternates = {
            link["hreflang"]: link["href"]
            for link in doc.find_all("link", hreflang=True)
            if "alternate" in (link.get("rel") or [])
        }
        name = p.relative_to(site)
        assert set(alternates) == {"zh", "en", "x-default"}, f"{name}: {sorted(alternates)}"
        for lang, href in alternates.items():
            assert href.startswith(SITE_URL), f"{name}: hreflang {lang} is not absolute: {href}"
            assert url_to_file(site, href).exists(), f"{name}: hreflang {lang} points nowhere: {href}"
        assert alternates["x-default"] == alternates["zh"]
        here = page_url(site, p)
        assert here in alternates.values(), f"{name}: no alternate points at the page itself"
        canonical = doc.find("link", rel="canonical")
        assert canonical and canonical["href"] == here


def test_sitemaps_exist_for_each_language(site):
    for lang_dir in (site, site / "en"):
        text = (lang_dir / "sitemap.xml").read_text(encoding="utf-8")
        assert "<urlset" in text and SITE_URL + "en/" in text


def test_no_generator_tag_and_a_description_on_every_page(site):
    for p in html_pages(site):
        doc = soup(p)
        assert doc.find("meta", attrs={"name": "generator"}) is None
        description = doc.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 10, p.relative_to(site)


# --- no third-party requests -----------------------------------------------------------------------

RESOURCE_ATTRS = [
    ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("source", "srcset"),
    ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href"),
    ("use", "href"), ("input", "src"),
]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\()?\s*['"]([^'"]+)""")


def offsite(url: str) -> bool:
    parsed = urlparse(url.strip())
    if parsed.scheme in ("data", "blob"):
        return False
    return bool(parsed.netloc) and parsed.hostname != SITE_HOST or url.strip().startswith("//")


def third_party_resources(site: Path) -> list[str]:
    problems = []
    for p in site.rglob("*.html"):
        doc = soup(p)
        for tag, attr in RESOURCE_ATTRS:
            for el in doc.find_all(tag):
                value = el.get(attr) or el.get(f"xlink:{attr}")
                if value and offsite(value):
                    problems.append(f"{p.relative_to(site)}: <{tag} {attr}={value}>")
        for link in doc.find_all("link", href=True):
            rel = set(link.get("rel") or [])
            # canonical/alternate name this site's own URLs; everything else is loaded by the browser
            if rel & {"canonical", "alternate"} and not offsite(link["href"]):
                continue
            if offsite(link["href"]):
                problems.append(f"{p.relative_to(site)}: <link rel={sorted(rel)} href={link['href']}>")
        for style in doc.find_all("style"):
            problems += [f"{p.relative_to(site)}: <style> {m}" for m in css_urls(style.get_text()) if offsite(m)]
        for el in doc.find_all(style=True):
            problems += [f"{p.relative_to(site)}: style= {m}" for m in css_urls(el["style"]) if offsite(m)]
    for css in site.rglob("*.css"):
        problems += [f"{css.relative_to(site)}: {m}" for m in css_urls(css.read_text("utf-8")) if offsite(m)]
    return problems


def css_urls(text: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(text)]


def test_no_third_party_resource_anywhere(site):
    assert third_party_resources(site) == []


def test_the_third_party_check_catches_a_cdn_script_and_a_font_import(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html><head><script src="https://cdn.example.com/x.js"></script>'
        '<link rel="preconnect" href="https://fonts.gstatic.com"></head></html>'
    )
    (tmp_path / "a.css").write_text("@import url('https://fonts.googleapis.com/css?family=Roboto');")
    problems = third_party_resources(tmp_path)
    assert len(problems) == 3, problems


def test_every_page_has_an_edit_link_to_its_own_source_file(site):
    for p in html_pages(site):
        rel = p.relative_to(site).parent.as_posix()
        rel = "" if rel == "." else rel
        lang = page_lang(site, p)
        if lang != "zh":
            rel = rel[len(lang):].lstrip("/")
        stem = rel or "index"
        candidates = {f"docs/{stem}.{lang}.md", f"docs/{stem}/index.{lang}.md"}
        edit = soup(p).select_one("a.md-content__button[href*='/edit/']")
        assert edit, f"{p.relative_to(site)}: no edit link"
        source = edit["href"].split("/edit/main/", 1)[1]
        assert source in candidates and (ROOT / source).exists(), f"{p.relative_to(site)} → {source}"


def test_every_content_page_shows_its_last_updated_date(site):
    for p in html_pages(site):
        if p.parent.name == "glossary":
            continue
        date = soup(p).select_one(".git-revision-date-localized-plugin-date")
        assert date and re.search(r"\d{4}", date.get_text()), p.relative_to(site)


def test_heading_links_are_titled_in_the_page_language(site):
    expected = {"zh": "本节链接", "en": "Link to this section"}
    for p in html_pages(site):
        titles = {a.get("title") for a in soup(p).select("a.headerlink")}
        assert titles <= {expected[page_lang(site, p)]}, f"{p.relative_to(site)}: {titles}"
