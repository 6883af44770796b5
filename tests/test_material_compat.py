"""The registry of patches to Material's output (aiguide/material_compat.py): every patch applies in a real
build, a count that is off fails the build naming the patch and the Material version, and Material is pinned
to the minor version the patterns were written for."""

from __future__ import annotations

import re
import tomllib

import pytest
from mkdocs.exceptions import Abort, PluginError

from aiguide import build, material_compat

from conftest import ROOT, build_site


def test_every_patch_is_documented_and_material_is_pinned_to_the_tested_minor_version():
    for patch in material_compat.PATCHES.values():
        assert patch.reason and patch.gain and patch.target, patch.name
    assert material_compat.material_version().startswith(material_compat.TESTED + ".")
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    material = next(d for d in deps if d.startswith("mkdocs-material"))
    low, high = re.search(r">=([\d.]+),<([\d.]+)", material).groups()
    assert low.startswith(material_compat.TESTED) and high == "9.9", material
    pinned = re.search(r"^mkdocs-material==(\S+)$", (ROOT / "constraints.txt").read_text(), re.M).group(1)
    assert pinned.startswith(material_compat.TESTED + ".")


def test_a_count_that_is_off_names_the_patch_and_the_version():
    with pytest.raises(material_compat.PatchError) as info:
        material_compat.sub("defer-theme-bundle", "", "<html>no bundle here</html>", "vendors/compare.zh.md")
    message = str(info.value)
    assert "'defer-theme-bundle' matched 0 time(s) in vendors/compare.zh.md, expected exactly 1" in message
    assert f"Material {material_compat.material_version()}" in message


@pytest.mark.site  # builds a site of its own
def test_the_build_fails_when_a_patch_no_longer_matches(tmp_path, monkeypatch, caplog):
    # As if a Material upgrade had renamed the bundle's file: the build stops at the first page.
    broken = material_compat.PATCHES["defer-theme-bundle"]
    monkeypatch.setitem(material_compat.PATCHES, "defer-theme-bundle",
                        type(broken)(**{**broken.__dict__, "pattern": re.compile(r"<script src=\"(nothing)\">")}))
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path / "site")
    assert re.search(r"Theme patch 'defer-theme-bundle' matched 0 time\(s\) in \S+, expected exactly 1 "
                     r"\(Material \d", caplog.text), caplog.text[-2000:]


def test_a_patch_that_never_applied_in_a_build_is_named():
    build.STATE.patches.clear()  # a build that has applied no patch yet
    with pytest.raises(material_compat.PatchError, match=r"never applied in this build: 'defer-theme-bundle' \(page: 0"):
        material_compat.verify_build()
