"""What the performance/SEO budget needs from the published site (issue 7): nothing shipped that no
reader fetches (source maps, Material's unused search files), robots.txt with the sitemap, each page's
own description, canonical URL and social preview in its language, and the HTML accessibility fixes
of overrides/hooks/aiguide/a11y.py. The Lighthouse numbers themselves: scripts/bench.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aiguide.a11y import RUNTIME_SCRIPT, add_runtime_script, name_section_navs
from aiguide.assets import (
    defer_theme_bundle,
    remove_material_search_assets,
    robots_txt,
    strip_source_map_comment,
    strip_source_maps,
)
from conftest import ROOT, SITE_URL, html_pages, page_lang

CJK = re.compile(r"[\u3400-\u9fff]")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --------------------------------------------------------------------------- units


def test_source_map_comments_are_stripped_and_nothing_else():
    js = 'var a="//# not a comment";\nfoo();\n//# sourceMappingURL=bundle.min.js.map'
    assert strip_source_map_comment(js) == 'var a="//# not a comment";\nfoo();'
    css = ".a{color:red}\n/*# sourceMappingURL=main.css.map */\n"
    assert strip_source_map_comment(css) == ".a{color:red}\n"
    assert strip_source_map_comment("x();//@ sourceMappingURL=old.map") == "x();"
    untouched = "a();\n// sourceMappingURL is mentioned here\n"
    assert strip_source_map_comment(untouched) == untouched


def test_strip_source_maps_removes_map_files_and_their_comments(tmp_path):
    js = tmp_path / "assets" / "app.min.js"
    js.parent.mkdir(parents=True)
    js.write_text("run();\n//# sourceMappingURL=app.min.js.map\n")
    (tmp_path / "assets" / "app.min.js.map").write_text("{}")
    (tmp_path / "keep.js").write_text("keep();\n")
    report = strip_source_maps(tmp_path)
    assert report.removed == ["assets/app.min.js.map"]
    assert report.cleaned == ["assets/app.min.js"]
    assert js.read_text() == "run();\n"
    assert (tmp_path / "keep.js").read_text() == "keep();\n"
    assert report.bytes_saved > 0


def test_material_search_assets_are_removed_and_the_rest_kept(tmp_path):
    js = tmp_path / "assets" / "javascripts"
    (js / "lunr" / "min").mkdir(parents=True)
    (js / "lunr" / "min" / "lunr.zh.min.js").write_text("x")
    (js / "workers").mkdir()
    (js / "workers" / "search.1234abcd.min.js").write_text("x")
    (js / "bundle.5678.min.js").write_text("x")
    report = remove_material_search_assets(tmp_path)
    assert sorted(report.removed) == ["assets/javascripts/lunr", "assets/javascripts/workers/search.1234abcd.min.js"]
    assert not (js / "lunr").exists() and not (js / "workers").exists()
    assert (js / "bundle.5678.min.js").exists()


@pytest.mark.parametrize(
    "site_url, sitemap",
    [("https://example.org/guide/", "https://example.org/guide/sitemap.xml"),
     ("https://example.org/guide", "https://example.org/guide/sitemap.xml"),
     ("https://docs.example.org/", "https://docs.example.org/sitemap.xml")],
)
def test_robots_txt_names_the_absolute_sitemap(site_url, sitemap):
    text = robots_txt(site_url)
    assert text.splitlines()[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {sitemap}" in text.splitlines()


def test_robots_txt_without_site_url_has_no_sitemap_line():
    assert "Sitemap" not in robots_txt(None)


SECTION = """<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="true">
  <label class="md-nav__title" for="__nav_3">
    <span class="md-nav__icon md-icon"></span>
    Q&amp;A "tips"
  </label>
  <ul class="md-nav__list"></ul></nav>"""


def test_a_section_nav_is_named_by_its_title():
    fixed = name_section_navs(SECTION)
    assert 'aria-labelledby' not in fixed
    assert 'aria-label="Q&amp;A &quot;tips&quot;"' in fixed
    assert fixed.replace(' aria-label="Q&amp;A &quot;tips&quot;"', ' aria-labelledby="__nav_3_label"') == SECTION


def test_the_runtime_script_goes_only_into_pages_that_need_it():
    assert add_runtime_script("<body><p>text</p></body>") == "<body><p>text</p></body>"
    for content in ("<pre><code>x</code></pre>", "<table></table>", "<figure></figure>",
                    '<div class="arithmatex"></div>', '<span class="arithmatex"></span>'):
        fixed = add_runtime_script(f"<body>{content}</body>")
        assert fixed == f"<body>{content}{RUNTIME_SCRIPT}</body>"
        assert add_runtime_script(fixed) == fixed  # once only


def test_only_the_theme_bundle_is_deferred():
    html = ('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
            '<script src="../assets/javascripts/lang-switch.js"></script>')
    assert defer_theme_bundle(html) == (
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
        '<script src="../assets/javascripts/lang-switch.js"></script>')
    assert defer_theme_bundle(defer_theme_bundle(html)) == defer_theme_bundle(html)


# --------------------------------------------------------------------------- the built site


def test_every_page_defers_the_theme_bundle(site):
    for page in [*html_pages(site), site / "404.html"]:
        scripts = soup(page).select('script[src*="assets/javascripts/bundle."]')
        assert len(scripts) == 1 and scripts[0].has_attr("defer"), page.relative_to(site)


def test_no_source_map_is_published(site):
    assert [p.relative_to(site).as_posix() for p in site.rglob("*.map")] == []
    mentions = [p.relative_to(site).as_posix() for p in site.rglob("*")
                if p.suffix in (".js", ".css") and "sourceMappingURL" in p.read_text("utf-8", "replace")]
    assert mentions == []


def test_no_build_code_or_packaging_files_are_published(site):
    # Material copies the custom_dir's non-template files; installing the package writes its egg-info there.
    published = [p.relative_to(site).as_posix() for p in site.rglob("*")
                 if p.suffix in (".py", ".pyc", ".txt", "") and p.is_file() or p.name.endswith(".egg-info")]
    assert [p for p in published if p != "robots.txt"] == []
    assert not (site / "hooks").exists()


def test_materials_unused_search_files_are_not_published(site):
    assert not (site / "assets/javascripts/lunr").exists()
    assert list(site.glob("assets/javascripts/workers/search.*.js")) == []
    # …while Material's own bundle, which every page loads, is there.
    assert len(list(site.glob("assets/javascripts/bundle.*.min.js"))) == 1


def test_robots_txt_at_the_root_names_the_sitemap(site):
    text = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()
    assert (site / "sitemap.xml").is_file()
    assert not (site / "en" / "robots.txt").exists(), "robots.txt belongs at the site root only"


def front_matter_description(src: Path) -> str:
    text = src.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{src.relative_to(ROOT)}: no front matter"
    meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
    return str(meta.get("description", "")).strip()


def source_of(site: Path, page: Path) -> Path:
    rel = page.relative_to(site).parent.as_posix()
    lang = page_lang(site, page)
    if lang != "zh":
        rel = rel[len(lang):].lstrip("/")
    rel = "index" if rel in ("", ".") else rel
    for candidate in (ROOT / "docs" / f"{rel}.{lang}.md", ROOT / "docs" / rel / f"index.{lang}.md"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no source for {page.relative_to(site)}")


def test_every_page_has_its_own_description_canonical_and_social_preview(site):
    problems = []
    for page in html_pages(site):
        rel = page.relative_to(site).parent.as_posix()
        doc = soup(page)
        lang = page_lang(site, page)
        want = front_matter_description(source_of(site, page))
        meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.find_all("meta")}
        canonical = doc.find("link", rel="canonical")
        expected_url = SITE_URL + ("" if rel == "." else rel + "/")
        if not want or meta.get("description") != want:
            problems.append(f"{rel}: meta description {meta.get('description')!r} is not the front matter's {want!r}")
        if want and (lang == "zh") != bool(CJK.search(want)):
            problems.append(f"{rel}: description is not in the page's language ({lang}): {want!r}")
        if not canonical or canonical["href"] != expected_url:
            problems.append(f"{rel}: canonical {canonical and canonical['href']!r}, expected {expected_url!r}")
        if meta.get("og:description") != want or not meta.get("og:title") or meta.get("og:url") != expected_url:
            problems.append(f"{rel}: social preview incomplete: og:title={meta.get('og:title')!r}, "
                            f"og:description={meta.get('og:description')!r}, og:url={meta.get('og:url')!r}")
    assert problems == [], "\n".join(problems)


def test_every_navigation_landmark_has_a_name(site):
    problems = []
    for page in [*html_pages(site), site / "404.html"]:
        doc = soup(page)
        ids = {el["id"]: el.get_text(strip=True) for el in doc.find_all(id=True)}
        for nav in doc.find_all("nav"):
            name = nav.get("aria-label") or ids.get(nav.get("aria-labelledby", ""), "")
            if not name.strip():
                problems.append(f"{page.relative_to(site)}: unnamed <nav class={nav.get('class')}>")
    assert problems == [], "\n".join(problems[:20])
