"""The data file: the real one is valid; every kind of bad input gives ONE clear message naming the file,
the line, the entry path, what was expected and what was found."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from aiguide.pricing import state
from aiguide.pricing.load import DataError, load
from aiguide.pricing.model import VendorData

from conftest import ROOT

FIXTURE = Path(__file__).parent / "data" / "pricing-fixture.yml"


def listed_platforms() -> tuple[str, ...]:
    """The platform list as written in data/vendors.yml, read without the loader so it checks the loader."""
    return tuple(yaml.safe_load((ROOT / "data" / "vendors.yml").read_text(encoding="utf-8"))["vendors"])


def test_the_real_data_file_is_valid_and_covers_every_listed_platform():
    data = load(ROOT / "data" / "vendors.yml")
    assert tuple(v.id for v in data.vendors) == listed_platforms()
    files = {p.stem for p in (ROOT / "data" / "vendors").glob("*.yml")}
    assert files == set(listed_platforms()), "every platform file is listed in data/vendors.yml, and only those"
    for vendor in data.vendors:
        assert vendor.models, f"{vendor.id} has no prices"
        assert any(d.kind == "pricing" or d.kind == "billing" for d in vendor.docs), f"{vendor.id}: no pricing doc"


def test_the_guides_unconfirmed_claims_are_labelled_as_such():
    data = load(ROOT / "data" / "vendors.yml")
    kinds = {s.id: s.kind for s in data.sources}
    claims = [c for v in data.vendors for c in (*v.free_quota, *v.token_ratio)]
    for claim in claims:
        if all(kinds[s] == "guide" for s in claim.sources) and claim.status != "not_found":
            assert claim.status == "unconfirmed", claim


# --- bad input ------------------------------------------------------------------------------------

# (name, text to replace, replacement, entry path, expected …, found …)
BAD = [
    ("yaml syntax error", "      - id: alpha-lite\n        name: Alpha-Lite",
     "      - id: alpha-lite\n       name: Alpha-Lite", "vendors[0].models[1]", "expected '-' indicator", "found"),
    ("missing required field", "    company: {zh: 阿尔法公司, en: Alpha Inc.}\n", "",
     "vendors[0].company", "required field 'company'", "found nothing"),
    ("wrong type", "{input: 4, output: 12,", "{input: four, output: 12,",
     "vendors[0].models[0].prices[1].input", "expected a number", "found 'four'"),
    ("wrong type of a text", "models: {zh: 自家模型, en: Own models}", "models: {zh: 自家模型, en: 12}",
     "vendors[0].overview.models.en", "expected text", "found 12"),
    ("negative price", "{input: 4, output: 12,", "{input: 4, output: -12,",
     "vendors[0].models[0].prices[1].output", "expected a number ≥ 0", "found -12"),
    ("unknown currency", "output: 12, currency: CNY", "output: 12, currency: USD",
     "vendors[0].models[0].prices[1].currency", "expected 'CNY'", "found 'USD'"),
    ("unknown unit", "output: 12, currency: CNY, unit: per_1m_tokens", "output: 12, currency: CNY, unit: per_token",
     "vendors[0].models[0].prices[1].unit", "'per_1k_tokens' or 'per_1m_tokens'", "found 'per_token'"),
    ("impossible date", "from: 2025-03-16", "from: 2024-02-30",
     "vendors[0].models[0].prices[1].from", "a real calendar date", "found '2024-02-30'"),
    ("invalid date", "from: 2025-03-16", "from: 16.3.2025",
     "vendors[0].models[0].prices[1].from", "a date written YYYY-MM-DD", "found '16.3.2025'"),
    ("from after to", "to: 2024-08-16", "to: 2023-08-16",
     "vendors[0].models[2].prices[0].to", "a date after from (2023-10-26)", "found '2023-08-16'"),
    ("overlapping periods", "unit: per_1k_tokens, from: 2024-01-19,", "unit: per_1k_tokens, from: 2024-01-19, to: 2025-04-01,",
     "vendors[0].models[0].prices[1].from", "periods must not overlap", "found '2025-03-16'"),
    ("two prices on one day", "from: 2025-03-16", "from: 2024-01-19",
     "vendors[0].models[0].prices[1].from", "one price per period", "found '2024-01-19'"),
    ("duplicate model id", "      - id: alpha-lite\n", "      - id: alpha-pro\n",
     "vendors[0].models[1].id", "a model id not used before", "found 'alpha-pro' again"),
    ("duplicate platform id", "  - id: beta\n", "  - id: alpha\n",
     "vendors[1].id", "a platform id not used before", "found 'alpha' again"),
    ("duplicate source id", "\nvendors:", "  - {id: S1, kind: guide, title: {zh: 又一个, en: Another}, note: {zh: 无, en: none}}\n\nvendors:",
     "sources[3].id", "a source id not used before", "found 'S1' again (first at sources[1])"),
    ("duplicate key", "    platform: {zh: 贝塔平台, en: Beta Platform}\n",
     "    platform: {zh: 贝塔平台, en: Beta Platform}\n    platform: {zh: x, en: y}\n",
     "vendors[1].platform", "each key once", "found 'platform' again"),
    ("unknown source id", "last_seen: 2025-03-23, sources: [S1]", "last_seen: 2025-03-23, sources: [S9]",
     "vendors[0].models[1].prices[0].sources[0]", "the id of an entry under `sources:`", "found 'S9'"),
    ("missing en text", "name: {zh: 贝塔, en: Beta}", "name: {zh: 贝塔}",
     "vendors[1].name.en", "required field 'en'", "found nothing"),
    ("missing zh text", "title: {zh: 官方价格页, en: Official price page}", "title: {en: Official price page}",
     "sources[2].title.zh", "required field 'zh'", "found nothing"),
    ("empty text", "note: {zh: 支持, en: Offered}", "note: {zh: 支持, en: ''}",
     "vendors[0].fine_tuning.note.en", "non-empty text", "found ''"),
    ("non-https url", "url: https://example.com/s1", "url: http://example.com/s1",
     "sources[1].url", "an https:// URL", "found 'http://example.com/s1'"),
    ("unknown field", "    consumer_product: {zh", "    consumr_product: {zh",
     "vendors[0].consumr_product", "one of the fields id, name, company, consumer_product", "unknown field 'consumr_product'"),
    ("yes/no/unknown", "own_training: {value: no,", "own_training: {value: maybe,",
     "vendors[0].own_training.value", "'yes', 'no' or 'unknown'", "found 'maybe'"),
    ("reversed ratio range", "chars_per_token: 1.5", "chars_per_token: [2, 1]",
     "vendors[0].token_ratio[0].chars_per_token", "[low, high] with low ≤ high", "found [2, 1]"),
    ("combined and input", "{combined: 18,", "{combined: 18, input: 18,",
     "vendors[0].models[2].prices[0].input", "either `combined` or `input`/`output`", "found input as well"),
    ("forgotten output", "{input: 4, output: 12,", "{input: 4,",
     "vendors[0].models[0].prices[1].output", "an output price", "found nothing"),
    # the fields of data model v2
    ("tier bound below the previous", "{input_up_to: 128000, input: 1.2", "{input_up_to: 16000, input: 1.2",
     "vendors[1].models[1].prices[0].tiers[2].input_up_to", "a bound above the previous tier's", "found 16000"),
    ("tier bound equal to the previous", "{input_up_to: 128000, input: 1.2", "{input_up_to: 32000, input: 1.2",
     "vendors[1].models[1].prices[0].tiers[2].input_up_to", "a bound above the previous tier's", "found 32000"),
    ("unbounded tier before the last", "{input_up_to: 128000, input: 1.2", "{input: 1.2",
     "vendors[1].models[1].prices[0].tiers[3].input_up_to", "a bound above the previous tier's", "found no bound"),
    ("flat rates beside tiers", "            batch: 0.5\n", "            batch: 0.5\n            input: 3\n",
     "vendors[1].models[1].prices[0].input", "prices inside `tiers` only", "found input as well"),
    ("cache-hit price above input", "cache_hit: 0.5\n", "cache_hit: 5\n",
     "vendors[1].models[2].prices[0].cache_hit", "a cache-hit price ≤ the input price (2)", "found 5"),
    ("cache-hit price above input in a tier", "input: 0.8, cache_hit: 0.16, output: 8", "input: 0.8, cache_hit: 1.6, output: 8",
     "vendors[1].models[1].prices[0].tiers[1].cache_hit", "a cache-hit price ≤ the input price (0.8)", "found 1.6"),
    ("window hours", '"09:00-12:00"', '"9-12"',
     "vendors[1].models[2].prices[0].windows[0].hours[0]", "hours written HH:MM-HH:MM", "found '9-12'"),
    ("window ending before it starts", '"14:00-18:00"', '"18:00-14:00"',
     "vendors[1].models[2].prices[0].windows[0].hours[1]", "an end later than the start", "found '18:00-14:00'"),
    ("promotion without an end", "            from: 2026-08-16\n", "            from: 2026-08-16\n            promotion: true\n",
     "vendors[1].models[2].prices[0].to", "the day the promotion ends", "found nothing"),
    ("successor that does not exist", "successor: beta-tiered", "successor: beta-gone",
     "vendors[1].models[3].lifecycle.successor", "the id of another model of this platform", "found 'beta-gone'"),
    ("retired model with a current price", "from: 2024-05-22, to: 2025-01-01, sources", "from: 2024-05-22, sources",
     "vendors[1].models[3].prices[0].to", "a retired model has no current price", "found no end"),
    ("lifecycle status", "{status: retired, date: 2025-01-01", "{status: gone, date: 2025-01-01",
     "vendors[1].models[3].lifecycle.status", "'active', 'deprecated' or 'retired'", "found 'gone'"),
    ("max output above the context", "max_output: 65536", "max_output: 300000",
     "vendors[1].models[1].limits.max_output", "at most the context window (262144)", "found 300000"),
    ("batch factor", "batch: 0.5", "batch: 2",
     "vendors[1].models[1].prices[0].batch", "a number ≤ 1", "found 2"),
    ("model class", "class: small", "class: tiny",
     "vendors[1].models[2].class", "'flagship', 'standard', 'small', 'embedding' or 'other'", "found 'tiny'"),
]


# An overlap is reported at the later period, the line after the changed one.
# A bound that fails is reported at the tier after it; a missing `to` at the start of its price entry.
LINE_SHIFT = {"overlapping periods": 1, "unbounded tier before the last": 1, "promotion without an end": -5}


@pytest.mark.parametrize("name, old, new, path, expected, found", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_clear_message(tmp_path, name, old, new, path, expected, found):
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"the fixture changed: {old!r} not found"
    bad = text.replace(old, new, 1)
    target = tmp_path / "vendors.yml"
    target.write_text(bad, encoding="utf-8")

    with pytest.raises(DataError) as info:
        load(target, "data/vendors.yml")
    message = str(info.value)

    assert "\n" not in message, "one problem, one line"
    assert message.startswith("Invalid data file: data/vendors.yml, line ")
    assert path in message and expected in message and found in message, message
    assert "expected" in message and "; found" in message
    # The line is within the changed text (a removed field: see the next test).
    line = int(re.search(r"line (\d+)", message).group(1))
    first = text[: text.index(old)].count("\n") + 1
    if new:
        shift = LINE_SHIFT.get(name, 0)
        assert first + shift <= line <= first + shift + new.count("\n"), (line, first)


def test_a_missing_field_points_at_the_entry_that_lacks_it(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    target = tmp_path / "vendors.yml"
    target.write_text(text.replace("    company: {zh: 阿尔法公司, en: Alpha Inc.}\n", ""), encoding="utf-8")
    with pytest.raises(DataError, match=r"line 22: vendors\[0\]\.company \(alpha\)"):
        load(target, "data/vendors.yml")


def test_several_problems_are_listed_in_one_message(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("currency: CNY, unit: per_1m_tokens, from: 2025-03-16",
                                                     "currency: EUR, unit: per_1m_tokens, from: 2025-13-16")
    target = tmp_path / "vendors.yml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(target, "data/vendors.yml")
    lines = str(info.value).splitlines()
    assert lines[0] == "Invalid data file (2 problems):"
    assert "prices[1].currency" in lines[1] and "prices[1].from" in lines[2]


def test_a_missing_data_file_and_a_bad_date_override_are_reported(tmp_path, monkeypatch):
    with pytest.raises(DataError, match="does not exist"):
        load(tmp_path / "nope.yml")
    monkeypatch.setenv("AIGUIDE_TODAY", "2024-02-30")
    with pytest.raises(DataError, match="AIGUIDE_TODAY: expected a date written YYYY-MM-DD; found '2024-02-30'"):
        state.today()


def test_yaml_1_1_surprises_are_avoided(tmp_path):
    # `no` must stay the text 'no' (a value of own_training), and dates stay text until validated.
    data = load(FIXTURE)
    assert data.vendors[0].own_training.value == "no"
    assert isinstance(data, VendorData)


def test_the_env_var_points_the_build_at_another_data_file(monkeypatch):
    monkeypatch.setenv("AIGUIDE_DATA", str(FIXTURE))
    assert state.data_path() == FIXTURE
    assert state.data().vendors[0].id == "alpha"
    monkeypatch.delenv("AIGUIDE_DATA")
    assert state.data_path() == ROOT / "data" / "vendors.yml"
    assert state.display_name(state.data_path()) == "data/vendors.yml"


def test_the_committed_schemas_match_the_models():
    # data/vendors.schema.json (the index, and the published vendors.json) and data/vendor.schema.json (a
    # platform file) are what editors validate the data with; the site publishes the first.
    # After changing model.py: AIGUIDE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_pricing_data.py
    from aiguide.pricing import export

    for path, root in export.SCHEMAS.items():
        generated = export.schema_json(root)
        if os.environ.get("AIGUIDE_REGEN_GOLDEN"):
            path.write_text(generated, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == generated, (
            f"data/{path.name} is out of date: regenerate it with AIGUIDE_REGEN_GOLDEN=1 (see this test)")


def test_the_real_data_files_validate_against_the_committed_schemas():
    jsonschema = pytest.importorskip("jsonschema")
    from aiguide.pricing import export
    from aiguide.datafile import parse

    def validator(name):
        return jsonschema.Draft202012Validator(json.loads((ROOT / "data" / name).read_text(encoding="utf-8")))

    index = validator("vendors.schema.json")
    index.validate(json.loads(export.data_json(load(ROOT / "data" / "vendors.yml"))))  # the download
    for path in [ROOT / "data" / "vendors.yml", *sorted((ROOT / "data" / "vendors").glob("*.yml"))]:
        schema = index if path.name == "vendors.yml" else validator("vendor.schema.json")
        schema.validate(parse(path.read_text(encoding="utf-8"), str(path))[0])  # the YAML, as an editor reads it
