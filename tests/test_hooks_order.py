"""The order of `hooks:` in mkdocs.yml does not change the site: site-wide work runs from one ordered list
(aiguide/build.py), page-level hooks do not depend on each other's order. Built with the hooks reversed and
compared with the session's build, file by file."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import yaml

from conftest import ROOT, build_site


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _same(a: Path, b: Path) -> bool:
    if filecmp.cmp(a, b, shallow=False):
        return True
    # Pagefind writes its entry file's languages in hash-map order, which varies from run to run.
    return a.suffix == ".json" and json.loads(a.read_bytes()) == json.loads(b.read_bytes())


def test_the_site_is_the_same_with_the_hooks_in_reverse_order(site, tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("\nhooks:\n") + len("\nhooks:\n")
    end = text.index("\n\n", start)
    lines = text[start:end].splitlines()
    assert len(lines) >= 5 and all(line.startswith("  - overrides/hooks/") for line in lines)
    reordered = text[:start] + "\n".join(reversed(lines)) + text[end:]
    assert yaml.safe_load(reordered.replace("!ENV", "")) is not None
    config = ROOT / "mkdocs.reversed-hooks.yml"  # beside mkdocs.yml: docs_dir and custom_dir are relative
    config.write_text(reordered, encoding="utf-8")
    try:
        other = build_site(tmp_path / "site", config_file=config)
    finally:
        config.unlink()
    assert _files(other) == _files(site)
    different = [name for name in sorted(_files(site)) if not _same(site / name, other / name)]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"
