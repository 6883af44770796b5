"""`mkdocs build` as a maintainer runs it: a broken data file or a bad marker stops the build with one
readable message, no traceback, and (for the data file) before anything is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, project_copy

pytestmark = pytest.mark.site  # every test here runs `mkdocs build` itself

FIXTURE = Path(__file__).parent / "data" / "pricing-fixture.yml"
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def run_build(site_dir: Path, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([*MKDOCS, "-d", str(site_dir)], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.parametrize("old, new, expected", [
    ("{input: 4, output: 12,", "{input: -4, output: 12,",
     "line 55: vendors[0].models[0].prices[1].input (alpha / alpha-pro): expected a number ≥ 0; found -4"),
    ("      - id: alpha-lite\n        name: Alpha-Lite", "      - id: alpha-lite\n       name: Alpha-Lite",
     "line 57, column 8: YAML syntax error near vendors[0].models[1].name"),
])
def test_a_broken_data_file_stops_the_build_before_it_writes(tmp_path, old, new, expected):
    bad = tmp_path / "vendors.yml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    fresh = tmp_path / "site"  # does not exist: must not be created
    result = run_build(fresh, AIGUIDE_DATA=str(bad))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Invalid data file: {bad}, {expected}" in output, output
    assert "Traceback" not in output
    assert not fresh.exists(), "a failed build left a site behind"

    old_site = tmp_path / "old-site"  # an earlier build: must be left exactly as it was
    old_site.mkdir()
    (old_site / "index.html").write_text("earlier build", encoding="utf-8")
    result = run_build(old_site, AIGUIDE_DATA=str(bad))
    assert result.returncode != 0
    assert [p.name for p in old_site.iterdir()] == ["index.html"]
    assert (old_site / "index.html").read_text(encoding="utf-8") == "earlier build"


LISTED_PLATFORMS = ", ".join(yaml.safe_load((ROOT / "data" / "vendors.yml").read_text(encoding="utf-8"))["vendors"])


@pytest.mark.parametrize("marker, message", [
    ("<!-- md:prices qianfen -->",
     "vendors/qianfan.en.md: marker '<!-- md:prices qianfen -->': unknown platform id 'qianfen' "
     f"(known: {LISTED_PLATFORMS})"),
    ("<!-- md:prizes qianfan -->", "vendors/qianfan.en.md: unknown marker '<!-- md:prizes qianfan -->'"),
])
def test_an_unknown_platform_or_marker_fails_the_build_naming_page_and_marker(tmp_path, marker, message):
    project = project_copy(tmp_path)
    page = project / "docs" / "vendors" / "qianfan.en.md"
    text = page.read_text(encoding="utf-8")
    assert "<!-- md:prices qianfan -->" in text
    page.write_text(text.replace("<!-- md:prices qianfan -->", marker), encoding="utf-8")
    result = run_build(tmp_path / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output, output
    assert "Traceback" not in output


# --- the maintainers' command -------------------------------------------------------------------------

def stale(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "stale_prices.py"), *args], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def test_stale_prices_lists_figures_older_than_n_months():
    result = stale("--today", "2025-06-02", "--months", "12", AIGUIDE_DATA=str(FIXTURE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "2 of 6 current figures are older than 12 months" in lines[0]
    rows = [line.split() for line in lines[4:] if line.strip()]  # after the header and its underline
    assert [(r[0], r[1]) for r in rows] == [("alpha", "token-ratio"), ("beta", "price")]
    assert "Beta-Max" in result.stdout and "2024-05-22" in result.stdout and "12 mo" in result.stdout

    none = stale("--today", "2025-06-02", "--months", "24", AIGUIDE_DATA=str(FIXTURE))
    assert none.returncode == 0 and "none of the 6 current figures is older than 24 months" in none.stdout


def test_stale_prices_reports_bad_arguments_and_bad_data(tmp_path):
    bad_date = stale("--today", "2024-02-30")
    assert bad_date.returncode == 2 and "expected a date written YYYY-MM-DD" in bad_date.stderr
    broken = tmp_path / "vendors.yml"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace("currency: CNY", "currency: USD", 1), encoding="utf-8")
    result = stale(AIGUIDE_DATA=str(broken))
    assert result.returncode == 2 and "expected 'CNY'; found 'USD'" in result.stderr
    assert "Traceback" not in result.stderr
