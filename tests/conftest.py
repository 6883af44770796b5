"""Shared fixtures: the real site, built once per test session in strict mode, served on localhost
under its site_url path, and a Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The site is built for a fork-like URL so that the SITE_URL mechanism is exercised too.
SITE_URL = "https://example.github.io/aiguide-test/"
BASE_PATH = urlparse(SITE_URL).path  # "/aiguide-test/"
LANGS = ("zh", "en")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_site(site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", **overrides) -> Path:
    """Build the site in strict mode, in-process, the way `mkdocs build --strict` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["SITE_URL"] = SITE_URL
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from aiguide.build import STATE

    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir), **overrides)
    try:
        build(config)
    finally:  # the build's state points at its project's data; what runs next in this process reads the guide's
        STATE.__init__()
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site (its root folder)."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def mounted_site(site, tmp_path_factory) -> Path:
    """A folder in which the site sits under its site_url path, as GitHub Pages serves it."""
    return mount(site, tmp_path_factory.mktemp("mount"))


def mount(site: Path, root: Path) -> Path:
    """`root` with the site linked at its site_url path (root/aiguide-test/ → site)."""
    target = root / BASE_PATH.strip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site, target_is_directory=True)
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's root 404.html, with status 404, as GitHub Pages serves it."""
        not_found = Path(self.directory) / BASE_PATH.strip("/") / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(mounted_site):
    """Base URL (ending in the site path) of a local HTTP server for the built site."""
    with serve(mounted_site) as url:
        yield url


@contextlib.contextmanager
def serve(mounted: Path):
    """Serve a mounted site (see `mount`) on localhost; yields the base URL ending in the site path."""
    handler = functools.partial(_QuietHandler, directory=str(mounted))
    socketserver.TCPServer.allow_reuse_address = True
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{BASE_PATH}"
    finally:
        httpd.shutdown()


def chromium_executable() -> str | None:
    """Debian's Chromium where it is installed (CI), else Playwright's own download (a user's machine)."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra is missing
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed, and CI must run the browser tests")
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        except Exception as exc:  # no browser at all: a skip locally, a failure in CI
            if os.environ.get("CI"):
                pytest.fail(f"Chromium could not start in CI: {exc}")
            pytest.skip(f"Chromium is not available ({exc}); run scripts/test.sh to install it")
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and failed or off-site requests."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.console_errors = []
    pg.failed_requests = []
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    pg.on("pageerror", lambda err: pg.console_errors.append(str(err)))
    pg.on("requestfailed", lambda req: pg.failed_requests.append(f"{req.url} ({req.failure})"))

    def on_response(resp):
        if resp.status >= 400:
            pg.failed_requests.append(f"{resp.url} (HTTP {resp.status})")

    pg.on("response", on_response)

    def block_offsite(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            pg.failed_requests.append(f"{route.request.url} (third-party request)")
            route.abort()

    pg.route("**/*", block_offsite)
    yield pg
    context.close()


def html_pages(site: Path) -> list[Path]:
    """Every content page of the built site (index.html files), both languages."""
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def page_lang(site: Path, path: Path) -> str:
    rel = path.relative_to(site)
    return rel.parts[0] if rel.parts and rel.parts[0] in LANGS[1:] else LANGS[0]


def project_copy(tmp_path: Path) -> Path:
    """A project to build with edited pages: mkdocs.yml and docs/ copied, the code and data linked."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("overrides", "data"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    return project


BROWSER_FIXTURES = {"browser", "page"}
SITE_FIXTURES = {"site", "mounted_site", "server", "math_site", "any_site"}


def pytest_collection_modifyitems(config, items):
    """Every test gets its kind from the fixtures it uses (a test that builds a site of its own is marked
    `site` by hand), so `-m unit` runs exactly the tests that build nothing and need no browser."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        if not any(m.name in ("browser", "site") for m in item.iter_markers()):
            item.add_marker(pytest.mark.unit)
