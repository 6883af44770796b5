"""The repository's own documents: README.md (read by a newcomer in five minutes), CONTRIBUTING.md (the
maintainers' reference) and docs-dev/ (measurements). Their relative links resolve to files, and their
#anchors to headings, as GitHub renders them. (The published site's links: test_links.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs-dev").glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", markdown)):
        slug = github_anchor(heading)
        found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return found


def broken_links(path: Path, markdown: str) -> list[str]:
    """Relative links of a Markdown file that do not resolve (file missing, or no heading for the #anchor)."""
    problems = []
    for target in LINK.findall(INLINE_CODE.sub("", FENCE.sub("", markdown))):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto: … (external: check_external_links.sh)
            continue
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if anchor not in anchors(markdown):
                problems.append(f"{path.name}: {target} → no such heading")
            continue
        dest = (path.parent / file_part).resolve()
        if not dest.exists():
            problems.append(f"{path.name}: {target} → no such file {dest.relative_to(ROOT) if dest.is_relative_to(ROOT) else dest}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest.read_text(encoding="utf-8")):
            problems.append(f"{path.name}: {target} → no heading #{anchor} in {dest.name}")
    return problems


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## Markers: generated content\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    markdown = ("[ok](other.md#markers-generated-content) [ok](#here) `[code](nowhere.md)`\n# Here\n"
                "[gone](missing.md) [bad anchor](other.md#nothing) [web](https://example.com/x.md)\n"
                "```\n[in a block](nowhere.md)\n```\n")
    assert broken_links(doc, markdown) == [
        f"doc.md: missing.md → no such file {tmp_path / 'missing.md'}",
        "doc.md: other.md#nothing → no heading #nothing in other.md",
    ]


def test_github_anchors():
    assert github_anchor("Templates, valid HTML and the Content-Security-Policy") == \
        "templates-valid-html-and-the-content-security-policy"
    assert github_anchor("How to add or update a price") == "how-to-add-or-update-a-price"
    assert anchors("## Tests\n## Tests\n") == {"tests", "tests-1"}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(path):
    assert broken_links(path, path.read_text(encoding="utf-8")) == []


def test_readme_is_short_and_keeps_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    for command in ("./scripts/serve.sh", "./scripts/test.sh"):
        assert re.search(rf"^{re.escape(command)}\s", readme, re.M), command
    for target in ("CONTRIBUTING.md", "docs-dev/benchmarks.md", "docs-dev/search.md", ".github/readme/home.png"):
        assert f"]({target}" in readme, f"README does not link to {target}"
