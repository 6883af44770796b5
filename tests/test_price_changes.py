"""The price-changes page and its Atom feeds, on the real built site (both languages), read by a real feed
parser; and the derivation of changes from price periods, on the fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aiguide.pricing import changes
from aiguide.pricing.load import load

from conftest import ROOT, SITE_URL

FIXTURE = Path(__file__).parent / "data" / "pricing-fixture.yml"
LANG_DIRS = {"zh": "", "en": "en/"}


def test_changes_are_derived_from_the_periods():
    data = load(FIXTURE)
    got = {(c.model.id, c.day.isoformat(), c.kind) for c in changes.changes(data)}
    assert ("alpha-pro", "2024-01-19", "new") in got
    assert ("alpha-pro", "2025-03-16", "cut") in got  # 12 / 24 → 4 / 12 per 1M tokens
    assert ("alpha-v1", "2024-08-16", "retired") in got  # ended without a successor period
    assert ("beta-old", "2025-01-01", "retired") in got  # lifecycle
    days = [c.day for c in changes.changes(data)]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_lists_every_change_with_its_source(site, lang):
    data = load(ROOT / "data" / "vendors.yml")
    doc = BeautifulSoup((site / LANG_DIRS[lang] / "vendors/changes/index.html").read_text(encoding="utf-8"),
                        "html.parser")
    rows = doc.select("div.aiguide-price-changes tbody tr")
    assert len(rows) == len(changes.changes(data)) > 0
    for tr in rows:
        assert tr.th.get_text() and dt.date.fromisoformat(tr.th.get_text())
        assert tr.find_all("td")[-2].find("a") or tr.find_all("td")[-2].get_text()
    link = doc.find("link", rel="alternate", type="application/atom+xml")
    assert link is not None and link["href"] == "../../" + changes.FEED
    # Material fetches sitemap.xml from the folder of every rel=alternate link: it must be there.
    assert (site / LANG_DIRS[lang] / changes.FEED).is_file() and (site / LANG_DIRS[lang] / "sitemap.xml").is_file()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_language_has_an_atom_feed_a_feed_reader_accepts(site, lang):
    feedparser = pytest.importorskip("feedparser")
    path = site / LANG_DIRS[lang] / changes.FEED
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title and parsed.feed.id == f"{SITE_URL}{LANG_DIRS[lang]}vendors/changes/"
    assert parsed.feed.language == ("zh-CN" if lang == "zh" else "en")
    entries = parsed.entries
    assert 0 < len(entries) <= changes.FEED_ENTRIES
    assert len({e.id for e in entries}) == len(entries), "entry ids are unique"
    for e in entries:
        assert e.link.startswith(f"{SITE_URL}{LANG_DIRS[lang]}vendors/") and e.updated_parsed and e.summary
    words = {"zh": ("新模型", "降价", "涨价", "下线", "价格调整"), "en": ("new model", "price cut", "price rise",
                                                                  "retired", "price change")}[lang]
    assert all(any(w in e.title for w in words) for e in entries)
    data = load(ROOT / "data" / "vendors.yml")
    newest = next(c for c in changes.changes(data) if c.day <= dt.date.today())
    assert entries[0].updated_parsed[:3] == newest.day.timetuple()[:3]
