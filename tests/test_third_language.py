"""Adding a language is configuration plus translations: a throwaway site (tests/data/third-language/) adds
French beside zh and en with no change to the code. Its config names the language (mkdocs.yml, data/
languages.yml); the test writes the translations mechanically ("[fr] " + the English text) for every label
of generated content and every text of the data files, then builds the site with the guide's own hooks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from aiguide import DATA, build, datafile, labels
from conftest import ROOT, build_site

pytestmark = pytest.mark.site  # builds a (small) site

FIXTURE = Path(__file__).parent / "data" / "third-language"
PRICING = Path(__file__).parent / "data" / "pricing-fixture.yml"


def fr(text: str) -> str:
    return f"[fr] {text}"


def add_french(node: Any) -> Any:
    """Every text under zh/en keys gets a French twin (a list of aliases a list of twins)."""
    if isinstance(node, list):
        return [add_french(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: add_french(value) for key, value in node.items()}
    english = node.get("en")
    if "zh" in node and isinstance(english, str):
        out["fr"] = fr(english)
    elif isinstance(english, list) and all(isinstance(x, str) for x in english):
        out["fr"] = [fr(x) for x in english]
    return out


def write_yaml(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def read_yaml(path: Path) -> Any:
    return datafile.parse(path.read_text(encoding="utf-8"), str(path))[0]  # the data files' dialect


def make_project(root: Path, *, drop_label: str | None = None) -> Path:
    """The fixture site in `root`, its data translated; `drop_label` ("table.key") leaves one label out."""
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("@ROOT@", ROOT.as_posix()), encoding="utf-8")
    data = root / "data"
    write_yaml(data / "vendors.yml", add_french(read_yaml(PRICING)))
    write_yaml(data / "glossary.yml", add_french(read_yaml(DATA / "glossary.yml")))
    shutil.copytree(DATA / "diagrams", data / "diagrams", ignore=shutil.ignore_patterns("labels.yml"))
    write_yaml(data / "diagrams" / "labels.yml", add_french(read_yaml(DATA / "diagrams" / "labels.yml")))
    english = labels.COLUMNS.index("en")
    translations = {table: {key: fr(texts[english]) for key, texts in entries.items()
                            if f"{table}.{key}" != drop_label}
                    for table, entries in labels.tables().items()}
    write_yaml(data / "translations" / "fr.yml", translations)
    return config


@pytest.fixture
def fresh_state(monkeypatch):
    """The fixture's own data, judged on a fixed day; afterwards (build_site resets the build's state) the
    guide's data again."""
    monkeypatch.delenv("AIGUIDE_DATA", raising=False)
    monkeypatch.setenv("AIGUIDE_TODAY", "2026-11-29")
    yield
    build.STATE.__init__()  # test_data_without_a_text… points the state at the fixture without building


@pytest.fixture
def trilingual(tmp_path_factory, fresh_state) -> Path:
    root = tmp_path_factory.mktemp("third-language") / "project"
    return build_site(root / "site", config_file=make_project(root))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_third_language_gets_its_pages_labels_texts_and_punctuation(trilingual):
    page = soup(trilingual / "fr" / "index.html")
    assert page.html["lang"] == "fr"
    assert page.select_one('meta[property="og:locale"]')["content"] == "fr_FR"
    table = page.select_one(".aiguide-prices table")
    assert table is not None
    # Labels of generated content from data/translations/fr.yml, texts of the data in French.
    assert table.caption.get_text().startswith("[fr] ")
    assert all(th.get_text().startswith("[fr] ") for th in table.select("thead th"))
    assert "[fr] Alpha" in table.caption.get_text()
    # The diagram: French labels, declared French.
    svg = page.select_one("figure.aiguide-diagram svg")
    assert svg["lang"] == "fr" and svg.title.get_text().startswith("[fr] ")
    # The palette toggles are named in French (mkdocs.yml configures the schemes once, for every language).
    toggles = [label["title"] for label in page.select("form[data-md-component=palette] label")]
    assert toggles == ["[fr] Switch to dark mode", "[fr] Switch to light mode"]
    # Heading links are titled in French (the theme's title is the default language's).
    assert {a["title"] for a in page.select("a.headerlink")} == {"[fr] Link to this section"}
    # The glossary page: French terms and definitions, the registry's parenthesis around abbreviations.
    glossary = soup(trilingual / "fr" / "glossary" / "index.html")
    llm = glossary.select_one("#term-large-language-model td")
    assert llm.strong.get_text() == "[fr] large language model"
    assert "«LLM»" in llm.get_text()
    assert llm.select_one('span[lang="zh"]') is not None  # beside it, the default language's term
    # The other languages are as they were.
    zh = soup(trilingual / "index.html").select_one(".aiguide-prices table caption").get_text()
    en = soup(trilingual / "en" / "index.html").select_one(".aiguide-prices table caption").get_text()
    assert "阿尔法" in zh and "Alpha" in en and "[fr]" not in zh + en


def test_the_third_language_gets_its_feed_sitemap_and_search_index(trilingual):
    feed = (trilingual / "fr" / "price-changes.xml").read_text(encoding="utf-8")
    assert 'xml:lang="fr-FR"' in feed and "[fr] " in feed
    assert (trilingual / "fr" / "sitemap.xml").read_bytes() == (trilingual / "sitemap.xml").read_bytes()
    entry = json.loads((trilingual / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == {"zh": 2, "en": 2, "fr": 2}


def test_a_missing_translation_stops_the_build_naming_the_file_and_label(tmp_path, fresh_state, caplog):
    config = make_project(tmp_path / "project", drop_label="prices.cap_prices")
    with pytest.raises(Abort):
        build_site(tmp_path / "site", config_file=config)
    message = caplog.text
    assert "Traceback" not in message
    assert "data/translations/fr.yml" in message and "prices.cap_prices" in message and "'fr'" in message
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-built


def test_a_language_missing_from_the_registry_stops_the_build(tmp_path, fresh_state, caplog):
    config = make_project(tmp_path / "project")
    registry = tmp_path / "project" / "data" / "languages.yml"
    registry.write_text(registry.read_text(encoding="utf-8").split("- code: fr")[0], encoding="utf-8")
    with pytest.raises(Abort):
        build_site(tmp_path / "site", config_file=config)
    assert re.search(r"mkdocs.yml \(plugins → i18n → languages\): expected the languages of data/languages.yml in "
                     r"its order, 'zh' the default; found \['zh', 'en', 'fr'\]", caplog.text)


def test_data_without_a_text_in_the_third_language_names_the_entry(tmp_path, fresh_state):
    from aiguide.pricing.load import DataError, load

    make_project(tmp_path / "project")
    build.STATE.data_dir = tmp_path / "project" / "data"
    vendors = read_yaml(tmp_path / "project" / "data" / "vendors.yml")
    del vendors["vendors"][0]["company"]["fr"]
    write_yaml(tmp_path / "bad.yml", vendors)
    with pytest.raises(DataError, match=r"vendors\[0\]\.company\.fr \(alpha\): expected a text in every language "
                                        r"of data/languages.yml \(zh, en, fr\); found none"):
        load(tmp_path / "bad.yml")
