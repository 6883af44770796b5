"""The one query module: which models are on sale, which line of a price a request pays, what it costs.
On the fixture (tests/data/pricing-fixture.yml), so every figure here is known."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from aiguide.pricing import query
from aiguide.pricing.load import DataError, load

FIXTURE = Path(__file__).parent / "data" / "pricing-fixture.yml"
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def data():
    return load(FIXTURE)


def model(data, vendor: str, model_id: str):
    v = next(v for v in data.vendors if v.id == vendor)
    return next(m for m in v.models if m.id == model_id)


def test_retired_models_and_ended_periods_are_not_on_sale(data):
    on_sale = {o.model.id for o in query.current(data, DAY)}
    assert "beta-old" not in on_sale and "alpha-v1" not in on_sale
    assert {"beta-tiered", "beta-peak", "alpha-pro"} <= on_sale
    assert query.in_force(model(data, "beta", "beta-old"), dt.date(2024, 12, 31)) is not None
    assert query.in_force(model(data, "beta", "beta-old"), dt.date(2025, 1, 1)) is None


@pytest.mark.parametrize("tokens_in, tokens_out, tier", [
    (1000, 200, 0),      # short reply: the cheaper output line
    (1000, 201, 1),      # longer reply, same input band
    (32000, 5000, 1),    # the bound is inclusive
    (32001, 5000, 2),
    (128000, 10, 2),
    (200000, 10, 3),     # the last tier has no bound
])
def test_a_request_pays_the_first_tier_it_fits(data, tokens_in, tokens_out, tier):
    price = model(data, "beta", "beta-tiered").prices[0]
    assert query.tier_for(price, tokens_in, tokens_out)[0] == tier


def test_cost_uses_cache_hit_and_thinking_prices_where_given(data):
    price = model(data, "beta", "beta-tiered").prices[0]
    # 10,000 input tokens, half from the cache; 1,000 output tokens in thinking mode (tier 1: 0.8 / 0.16 / 16).
    c = query.cost(price, 10_000, 1_000, cached=0.5, thinking=True)
    assert (c.tier, c.thinking, c.window) == (1, True, None)
    assert math.isclose(c.amount, (5_000 * 0.8 + 5_000 * 0.16 + 1_000 * 16) / 1e6)
    # Tier 2 has no cache-hit or thinking price: cache hits pay the input price, output the plain one.
    c = query.cost(price, 100_000, 1_000, cached=0.5, thinking=True)
    assert (c.tier, c.thinking) == (2, False)
    assert math.isclose(c.amount, (100_000 * 1.2 + 1_000 * 16) / 1e6)


@pytest.mark.parametrize("hour, weekday, peak", [
    (None, True, False), (9, True, True), (11, True, True), (12, True, False), (14, True, True),
    (17, True, True), (18, True, False), (10, False, False),  # weekdays only
])
def test_time_windows_apply_in_their_hours(data, hour, weekday, peak):
    price = model(data, "beta", "beta-peak").prices[0]
    c = query.cost(price, 1_000_000, 1_000_000, hour=hour, weekday=weekday)
    assert (c.window is not None) == peak
    assert math.isclose(c.amount, 4 + 16 if peak else 2 + 8)


def test_one_token_ratio_rule(data):
    alpha, beta = data.vendors
    assert query.chars_ratio(alpha).chars_per_token == (1.5, 1.5)
    assert query.chars_ratio(beta) is None


def test_platform_files_are_read_and_named_in_messages(tmp_path):
    (tmp_path / "vendors").mkdir()
    index = FIXTURE.read_text(encoding="utf-8")
    head, _, rest = index.partition("vendors:\n")
    beta = rest[rest.index("  - id: beta\n"):]
    (tmp_path / "vendors.yml").write_text(head + "vendors:\n" + rest[:rest.index("  - id: beta\n")] + "  - beta\n",
                                          encoding="utf-8")
    lines = beta.splitlines()  # "  - id: beta" then its fields indented by four: a mapping under `vendor:`
    body = ["  id: beta"] + [line[2:] for line in lines[1:]]
    (tmp_path / "vendors" / "beta.yml").write_text("sources: []\nvendor:\n" + "\n".join(body) + "\n", encoding="utf-8")
    data = load(tmp_path / "vendors.yml", "data/vendors.yml")
    assert [v.id for v in data.vendors] == ["alpha", "beta"]
    assert data.vendors[1] == load(FIXTURE).vendors[1]

    bad = (tmp_path / "vendors" / "beta.yml").read_text(encoding="utf-8").replace("input: 2.4", "input: -2.4")
    (tmp_path / "vendors" / "beta.yml").write_text(bad, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(tmp_path / "vendors.yml", "data/vendors.yml")
    message = str(info.value)
    line = bad[: bad.index("input: -2.4")].count("\n") + 1
    assert message.startswith(f"Invalid data file: data/vendors/beta.yml, line {line}: "
                              "vendor.models[1].prices[0].tiers[3].input (beta / beta-tiered): expected a number ≥ 0"), message

    (tmp_path / "vendors" / "beta.yml").unlink()
    with pytest.raises(DataError, match=r"data/vendors.yml, line \d+: vendors\[1\]: expected a platform file "
                                        r"data/vendors/beta.yml; found no such file"):
        load(tmp_path / "vendors.yml", "data/vendors.yml")
