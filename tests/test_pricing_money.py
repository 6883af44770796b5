"""The pricing arithmetic: units, characters via a ratio, free models, the price on a date, staleness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aiguide.pricing import money, query
from aiguide.pricing.load import load
from aiguide.pricing.model import Price
from aiguide.pricing.render import num

FIXTURE = Path(__file__).parent / "data" / "pricing-fixture.yml"
D = dt.date.fromisoformat


def price(**fields) -> Price:
    base = {"input": 1, "output": 1, "currency": "CNY", "unit": "per_1m_tokens", "from": "2024-01-01", "sources": ["S1"]}
    return Price.model_validate({**base, **fields})


# --- normalization ------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, unit, expected", [
    (0.012, "per_1k_tokens", 12),  # Baidu's ERNIE-Bot, 2024-01-19
    (0.008, "per_1k_tokens", 8),
    (0.0005, "per_1k_tokens", 0.5),
    (0.12, "per_1k_tokens", 120),
    (2.4, "per_1m_tokens", 2.4),
    (0, "per_1k_tokens", 0),  # free stays free
    (None, "per_1k_tokens", None),  # no output price (an embedding model)
])
def test_prices_quoted_per_1k_tokens_are_multiplied_by_1000(amount, unit, expected):
    assert money.per_1m(amount, unit) == expected


def test_normalized_prices_print_without_float_noise():
    # 0.012 × 1000 is 12.000000000000002 in binary floating point.
    assert num(money.per_1m(0.012, "per_1k_tokens")) == "12"
    assert num(money.per_1m(0.024, "per_1k_tokens")) == "24"
    assert [num(x) for x in (0.98, 2.4, 120, 0.3, 1234.5, 0.0053333)] == ["0.98", "2.4", "120", "0.3", "1,234.5", "0.005333"]


@pytest.mark.parametrize("per_1m, ratio, expected", [
    (15, (1.5, 1.5), (0.1, 0.1)),  # 1M tokens ≈ 1.5M characters: 10k characters cost 15 / 150
    (12, (1.0, 1.0), (0.12, 0.12)),
    (18, (1.5, 1.8), (0.1, 0.12)),  # a ratio range gives a price range; more characters per token is cheaper
    (0, (1.5, 1.5), (0.0, 0.0)),  # a free model is free per character too
    (None, (1.5, 1.5), None),
])
def test_price_per_10k_chinese_characters_uses_the_ratio(per_1m, ratio, expected):
    assert money.per_10k_chars(per_1m, ratio) == expected


def test_a_combined_price_applies_to_input_and_output_tokens():
    p = price(input=None, output=None, combined=0.018, unit="per_1k_tokens")
    assert money.in_out_1m(p) == (18, 18)
    assert money.in_out_1m(price(input=4, output=None)) == (4, None)


# --- the price in force on a date ----------------------------------------------------------------

HISTORY = [  # deliberately out of order: the file's order does not matter
    price(input=20, **{"from": "2024-12-08"}),
    price(input=120, **{"from": "2024-05-12"}),
    price(input=40, **{"from": "2024-05-22"}),
    price(input=2.4, **{"from": "2025-02-06"}, to="2025-08-01"),
]


@pytest.mark.parametrize("day, expected", [
    ("2024-05-11", None),  # before the first known price
    ("2024-05-12", 120),  # from is inclusive
    ("2024-05-21", 120),
    ("2024-05-22", 40),  # a later price ends the earlier one on its own start day
    ("2024-12-07", 40),
    ("2024-12-08", 20),
    ("2025-02-06", 2.4),
    ("2025-07-31", 2.4),
    ("2025-08-01", None),  # to is exclusive: gone on that day (e.g. offline)
])
def test_price_on_a_date(day, expected):
    period = money.price_on(HISTORY, D(day))
    assert (period.price.input if period else None) == expected


def test_periods_end_where_the_next_one_starts_or_at_their_own_to():
    ends = [(p.start.isoformat(), p.end and p.end.isoformat()) for p in money.periods(HISTORY)]
    assert ends == [("2024-05-12", "2024-05-22"), ("2024-05-22", "2024-12-08"), ("2024-12-08", "2025-02-06"),
                    ("2025-02-06", "2025-08-01")]


def test_an_open_last_price_stays_current():
    assert money.price_on(HISTORY[:3], D("2030-01-01")).price.input == 20


# --- staleness and provenance ------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, today, expected", [
    (money.AsOf(D("2024-05-23")), D("2025-05-23"), "fresh"),  # exactly 12 months: not yet older
    (money.AsOf(D("2024-05-23")), D("2025-05-24"), "stale"),
    (money.AsOf(D("2024-01-01"), "year"), D("2024-12-31"), "fresh"),  # "2024" may mean December 2024
    (money.AsOf(D("2024-01-01"), "year"), D("2026-01-01"), "stale"),
    (money.AsOf(D("2024-06-01"), "month"), D("2025-06-30"), "fresh"),
    (money.AsOf(None), D("2024-01-01"), "undated"),
])
def test_freshness(as_of, today, expected):
    assert money.freshness(as_of, today, 12) == expected


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert money.add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert money.add_months(D("2024-11-30"), 3) == D("2025-02-28")
    assert money.months_between(D("2024-05-23"), D("2026-11-29")) == 30
    assert money.months_between(D("2024-05-30"), D("2024-06-29")) == 0


def test_confidence_is_the_strongest_kind_and_as_of_the_newest_source_date():
    data = load(FIXTURE)
    index = money.sources_by_id(data)
    assert money.confidence(["guide"], index) == "guide"
    assert money.confidence(["guide", "S1"], index) == "third-party"
    assert money.confidence(["S1", "off"], index) == "official"
    assert money.claim_as_of(None, ["guide"], index).text() == "2024"
    assert money.claim_as_of(None, ["off", "S1"], index).text() == "2025-03-23"
    assert money.claim_as_of(D("2023-01-02"), ["S1"], index).text() == "2023-01-02"


def test_stale_figures_lists_prices_in_force_quotas_and_ratios():
    data = load(FIXTURE)
    rows = query.stale_figures(data, D("2026-11-29"), 12)
    labels = {(f.vendor, f.kind, f.label) for f, _ in rows}
    assert ("alpha", "price", "Alpha-Pro") in labels
    assert ("alpha", "free-quota", "100,000 tokens (on sign-up)") in labels
    assert not any(label == "Alpha V1" for _, _, label in labels)  # ended 2024-08-16: not in force
    later = {(f.vendor, f.label) for f, _ in query.stale_figures(data, D("2025-06-02"), 12)}
    assert later == {("alpha", "1.5 characters per token"), ("beta", "Beta-Max")}


def test_two_snapshots_of_one_tracker_are_one_source_of_confidence():
    from aiguide.pricing.model import Source

    def src(sid, url, kind="third-party"):
        return Source.model_validate({"id": sid, "kind": kind, "title": {"zh": sid, "en": sid}, "url": url})

    index = {s.id: s for s in (
        src("sz1", "https://github.com/szp2005/llm-prices-cn/blob/aaa/prices.json"),
        src("sz2", "https://github.com/SZP2005/llm-prices-cn/blob/bbb/prices.json"),
        src("gz", "https://github.com/gufe-zeng/llm-price-cn/blob/ccc/data/prices.js"),
        src("off", "https://help.aliyun.com/x", "official"),
    )}
    assert money.confidence(["sz1", "sz2"], index) == "third-party"
    assert money.confidence(["sz1", "gz"], index) == "corroborated"
    assert money.confidence(["sz1", "off"], index) == "official"
