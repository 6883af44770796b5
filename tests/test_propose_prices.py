"""scripts/propose_prices.py on the committed fixtures (tests/data/propose, offline): mapping, diffing,
the report, --write (files that load, untouched bytes kept), idempotence and the bad-input cases."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from aiguide.pricing import money
from aiguide.pricing.load import load
from aiguide.pricing.propose import cli, edit, write
from aiguide.pricing.propose.datasets import _band

from conftest import ROOT

FIXTURES = ROOT / "tests" / "data" / "propose"
ABACUS_COMMIT = "88b8e7b5c05b78b4a6f4d2f0fab94a0e4bb10fab"


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A copy of the fixtures; the command runs inside it (the report names files relative to it)."""
    shutil.copytree(FIXTURES, tmp_path / "w")
    monkeypatch.chdir(tmp_path / "w")
    return tmp_path / "w"


def run(*extra: str, sources=("abacus=abacus-prices.json", "gufe=gufe-prices.js")) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data", "data/vendors.yml", *sources, "--commit", f"abacus={ABACUS_COMMIT}", *extra],
                    out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*.yml"))}


def test_report_matches_the_hand_checked_report(work):
    code, report, err = run()
    assert (code, err) == (0, "")
    assert report == (FIXTURES / "expected-report.md").read_text(encoding="utf-8")


def test_the_report_is_all_that_happens_without_write(work):
    before = snapshot(work)
    assert run()[0] == 0
    assert snapshot(work) == before


def test_mapping_lists_unmapped_models_and_reads_only_mapped_ones(work):
    report = run()[1]
    assert "- abacus (2): `gemini-2-5-flash-lite` (USD), `doubao-1-5-pro`" in report
    assert "`百度千帆 | 官方 API - 批量推理 | ERNIE-4.5-Turbo-128K-Preview`" in report  # batch prices: not ours
    assert "doubao" not in report.split("## Unmapped")[0]


def test_write_inserts_only_the_proposals_and_the_result_loads(work):
    before = {name: data.decode() for name, data in snapshot(work).items()}
    code, _, err = run("--write")
    assert code == 0 and err.startswith("Wrote data/vendors.yml, data/vendors/hunyuan.yml"), err
    after = {name: data.decode() for name, data in snapshot(work).items()}
    added_only = re.compile(r"last_seen: 2026-\d\d-\d\d, |, (?:abacus|gufe)-2026-\d\d-\d\d")
    for name, old in before.items():
        old_lines, new_lines = old.splitlines(keepends=True), after[name].splitlines(keepends=True)
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
            assert op in ("equal", "insert", "replace"), (name, op, old_lines[i1:i2])
            if op == "replace":  # a period changed in place: only last_seen and cited sources added
                kept = [added_only.sub("", line) for line in new_lines[j1:j2]
                        if not re.fullmatch(r" *last_seen: 2026-\d\d-\d\d\n", line)]  # a block period's new line
                assert kept == old_lines[i1:i2], name
    data = load(work / "data" / "vendors.yml", "data/vendors.yml")
    models = {(v.id, m.id): m for v in data.vendors for m in v.models}
    x1 = models["qianfan", "ernie-x1-turbo"].prices
    assert [(p.input, p.output, p.from_.isoformat(), p.sources) for p in x1[1:]] == [
        (1, 4, "2026-06-05", ["abacus-2026-08-22"])]  # from = the dataset's own check date of the model
    assert x1[0] == load(FIXTURES / "data" / "vendors.yml").vendors[1].models[1].prices[0]  # the old period as it was
    turbo = models["qianfan", "ernie-4.5-turbo-128k"].prices[0]
    assert turbo.last_seen.isoformat() == "2026-10-09"
    index = money.sources_by_id(data)
    assert money.confidence(turbo.sources, index) == "corroborated"  # two datasets agree
    assert money.confidence(x1[1].sources, index) == "third-party"  # one tracker
    assert [t.input_up_to for t in models["tongyi", "qwen3.5-plus"].prices[0].tiers] == [128000, 256000, None]
    assert index["abacus-2026-08-22"].url.endswith(f"/blob/{ABACUS_COMMIT}/prices.json")
    assert index["abacus-2026-08-22"].kind == "third-party"
    assert ("hunyuan", "hunyuan-2.0-think") not in models  # the datasets disagree
    assert ("hunyuan", "hy3-preview") not in models  # its tiers cannot be read exactly
    # Block-style period: last_seen lands above `sources`, at the same indentation.
    assert "          last_seen: 2026-06-05\n          sources: [S1, abacus-2026-08-22]\n" in after["data/vendors/hunyuan.yml"]


def test_a_second_run_proposes_nothing(work):
    assert run("--write")[0] == 0
    written = snapshot(work)
    code, report, err = run("--write")
    assert code == 0 and report.rstrip().endswith("Nothing to propose.") and err == "Nothing to write.\n"
    assert snapshot(work) == written


def test_a_source_cited_by_one_platform_goes_into_its_file(work):
    mapping = (work / "data" / "price-sources.yml").read_text(encoding="utf-8")
    keep = "Hunyuan-role"
    lines = [line for line in mapping.splitlines() if not line.startswith('      "') or keep in line]
    (work / "data" / "price-sources.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(work)
    assert run("--write", sources=("gufe=gufe-prices.js",))[0] == 0
    after = snapshot(work)
    assert after["data/vendors.yml"] == before["data/vendors.yml"]
    assert b"  - id: gufe-2026-10-09\n" in after["data/vendors/hunyuan.yml"]
    load(work / "data" / "vendors.yml")


def test_a_snapshot_already_cited_under_another_id_is_not_cited_twice(work):
    # Citing one file at one commit under two ids would read as two trackers agreeing.
    path = work / "data" / "vendors.yml"
    text = path.read_text(encoding="utf-8").replace("\n\n\nvendors:", (
        "\n  - id: hunyuan-sz\n    kind: third-party\n    title: {zh: LLM Abacus, en: LLM Abacus}\n"
        f"    url: https://github.com/szp2005/llm-prices-cn/blob/{ABACUS_COMMIT}/prices.json\n"
        "    seen: 2026-08-22\n\n\nvendors:"))
    path.write_text(text, encoding="utf-8")
    hunyuan = work / "data" / "vendors" / "hunyuan.yml"
    hunyuan.write_text(hunyuan.read_text(encoding="utf-8").replace("          sources: [S1]\n",
                                                                  "          sources: [S1, hunyuan-sz]\n"))
    code, report, _ = run("--write")
    assert code == 0
    assert "- `hunyuan-t1`: ours in 1 / out 4 (from 2025-03-21; sources S1, hunyuan-sz)" in report
    assert "  - proposed: last_seen → 2026-06-05\n" in report  # and no second citation of the same file
    data = load(path)
    t1 = next(m for v in data.vendors for m in v.models if m.id == "hunyuan-t1").prices[0]
    assert t1.sources == ["S1", "hunyuan-sz"]
    role = next(m for v in data.vendors for m in v.models if m.id == "hunyuan-turbos")
    assert role.prices[0].sources == ["tencent-price"]


def test_a_result_that_does_not_validate_writes_nothing(work, monkeypatch):
    real = edit.period_lines
    monkeypatch.setattr(write.edit, "period_lines", lambda *a, **k: [line.replace("CNY", "USD") for line in real(*a, **k)])
    before = snapshot(work)
    code, _, err = run("--write")
    assert code == 2
    assert err.startswith("The proposed change does not validate, so nothing was written:\nInvalid data file")
    assert "currency" in err and "Nothing was written." in err
    assert snapshot(work) == before


def _abacus(change):
    def apply(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False)
    return apply


def _model(data, key):
    return next(m for m in data["models"] if m["id"] == key)


BAD = {
    "malformed": ("abacus-prices.json", lambda t: t.replace('"models": [', '"models": [,', 1),
                  "abacus-prices.json: line 11, column 14: not valid JSON"),
    "truncated": ("abacus-prices.json", lambda t: t[: len(t) // 2], "the file ends before its data does"),
    "partial list": ("abacus-prices.json", _abacus(lambda d: d["models"].pop()),
                     "model_count: expected the number of entries in `models` (9)"),
    "unknown shape": ("abacus-prices.json", lambda t: '{"data": []}', "the whole file: expected an object with a list"),
    "missing price": ("abacus-prices.json", _abacus(lambda d: _model(d, "qwen3-max").pop("output_price_orig_per_m")),
                      "(qwen3-max).output_price_orig_per_m: expected a price (the field is required); found nothing"),
    "negative": ("abacus-prices.json", _abacus(lambda d: _model(d, "hunyuan-t1").update(input_price_orig_per_m=-1)),
                 "(hunyuan-t1).input_price_orig_per_m: expected a price ≥ 0; found -1"),
    "non-numeric": ("abacus-prices.json", _abacus(lambda d: _model(d, "hunyuan-t1").update(output_price_orig_per_m="4元")),
                    "(hunyuan-t1).output_price_orig_per_m: expected a number; found '4元'"),
    "1000x": ("abacus-prices.json",
              _abacus(lambda d: _model(d, "qwen3-max")["price_tiers"][1].update(output_price_orig_per_m=4001)),
              "(qwen3-max).price_tiers[1]: expected an output price at most 1000× the input price (4); found 4001"),
    "not CNY": ("abacus-prices.json", _abacus(lambda d: _model(d, "hunyuan-t1").update(billing_currency="USD")),
                "abacus-prices.json: 'hunyuan-t1' (mapped to hunyuan/hunyuan-t1): expected CNY; found 'USD'"),
    "not a data object": ("gufe-prices.js", lambda t: "var prices = [];\n",
                          "gufe-prices.js: the whole file: expected `window.PRICE_DATA = {…};`"),
    "gufe truncated": ("gufe-prices.js", lambda t: t[: len(t) // 3], "gufe-prices.js: the whole file: expected"),
    "gufe non-numeric": ("gufe-prices.js", lambda t: t.replace('"input": 2.4,', '"input": "2.4元",'),
                         "(腾讯 TokenHub | 官方 API - 在线推理 | Hunyuan-role).input: expected a number or null; "
                         "found '2.4元'"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_datasets_are_rejected_and_nothing_is_written(work, case):
    file, change, message = BAD[case]
    path = work / file
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(work)
    code, out, err = run("--write")
    assert (code, out) == (2, "")
    assert message in err and file in err, err
    assert err.startswith("Invalid dataset") and err.endswith("Nothing was written.\n"), err
    assert "Traceback" not in err
    assert snapshot(work) == before


@pytest.mark.parametrize("line, message", [
    ("      hunyuan-t1: nowhere/hunyuan-t1", "expected a platform of data/vendors.yml"),
    ("      hunyuan-t1: hunyuan/hunyuan-turbos", "found 'hunyuan/hunyuan-turbos' again"),
    ("      hunyuan-turbos: hunyuan/hunyuan-t1", "line 18: datasets.abacus.models.hunyuan-turbos: expected each key once"),
    ("      bad: Hunyuan/Upper Case", "models.bad"),
])
def test_a_bad_mapping_is_rejected(work, line, message):
    path = work / "data" / "price-sources.yml"
    text = path.read_text(encoding="utf-8").replace("      hunyuan-t1: hunyuan/hunyuan-t1", line)
    path.write_text(text, encoding="utf-8")
    code, _, err = run()
    assert code == 2 and err.startswith("Invalid mapping file data/price-sources.yml") and message in err, err


@pytest.mark.parametrize("condition, band", [
    ("输入长度（0, 32k]", (0, 32000)), ("输入长度（32k, 128k]", (32000, 128000)), ("输入长度 32k+", (32000, None)),
    ("输入=<32k", (0, 32000)), ("32k<输入<=128k", (32000, 128000)), ("输入Token数：（32k，200k]", (32000, 200000)),
    ("输入Token数：[0,128k]", (0, 128000)),
    # Not exact, so not read: open upper bounds, a bound without its unit, time-of-day and region rows.
    ("输入长度（0, 16k）", None), ("输入Token数：[0,32k)", None), ("输入Token数：(128k,256]", None),
    ("高峰时段：8:00-22:00", None), ("中国内地部署，0<Token<=32K", None),
])
def test_tier_conditions_are_read_only_when_exact(condition, band):
    assert _band(condition) == band


def test_the_real_mapping_file_is_valid():
    from aiguide.pricing.propose.mapping import load_mapping
    data = load(ROOT / "data" / "vendors.yml")
    mapping = load_mapping(ROOT / "data" / "price-sources.yml", "data/price-sources.yml", {v.id for v in data.vendors})
    assert {"abacus", "gufe"} <= set(mapping.datasets)


def test_a_price_with_time_windows_is_not_compared_with_a_datasets_single_price():
    # A dataset's one figure cannot say which hours it is for: comparing it with our off-peak rates would
    # propose a false change (DeepSeek's peak price read as a rise).
    from aiguide.pricing.model import Price
    from aiguide.pricing.propose import diff

    price = Price.model_validate({
        "input": 1.5, "output": 4.5, "currency": "CNY", "unit": "per_1m_tokens", "from": "2026-08-17",
        "sources": ["x"], "windows": [{"name": {"zh": "高峰", "en": "peak"}, "hours": ["09:00-12:00"],
                                       "input": 3, "output": 9}]})
    figure, notes = diff._ours(price)
    assert figure is None and notes == ["time-of-day windows"]
