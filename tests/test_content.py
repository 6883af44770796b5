"""The guide's content on the built site (issue 3): every seed section's key facts in both languages,
no blog chrome, English pages in English, heading ids shared by twins, diagrams with a text
alternative, a description per page in its language, and references at the end of each topic page.
(https-only links: tests/test_links.py; the four diagrams in depth: tests/test_diagrams.py.)"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, html_pages, page_lang

DOCS = ROOT / "docs"
FACTS_FILE = Path(__file__).with_name("seed_facts.yml")
# The original guide sits beside the repository (../shared/seed/); AIGUIDE_SEED points elsewhere.
SEED_FILE = Path(os.environ.get("AIGUIDE_SEED", ROOT.parent / "shared" / "seed" / "000_108109d31c94cda4.txt"))
SIGN_OFF = "Hi,我是“青杉”"  # everything after it is blog chrome

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Han plus CJK punctuation, kana and full-width forms: any of it in an English page is Chinese left over.
CJK_CLASS = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK = re.compile(f"[{CJK_CLASS}]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
DASHES = "\u2010-\u2015\u2212"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
READABLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VENDOR_IDS = tuple(yaml.safe_load((ROOT / "data" / "vendors.yml").read_text(encoding="utf-8"))["vendors"])
MAX_CJK_SHARE = 0.02
MAX_DESCRIPTION = 160


# --- the built site ---------------------------------------------------------------------------------

def source_pages() -> list[str]:
    """Every page of docs/ as a path without language suffix ('index', 'llm/training', ...)."""
    return sorted(p.relative_to(DOCS).as_posix()[: -len(".zh.md")] for p in DOCS.rglob("*.zh.md"))


def built_file(site: Path, page: str, lang: str) -> Path:
    """docs/<page>.<lang>.md → the built index.html (zh at the root, en under en/)."""
    rel = page[: -len("index")] if page == "index" or page.endswith("/index") else page + "/"
    return site / ("" if lang == "zh" else lang + "/") / rel / "index.html"


@functools.lru_cache(maxsize=None)
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.lru_cache(maxsize=None)
def article(path: Path) -> Tag:
    """A copy of the page's article (`.md-content`) without permalink anchors (shared: do not modify)."""
    found = parsed(path).select_one(".md-content")
    assert found is not None, f"{path}: no .md-content"
    copy = BeautifulSoup(str(found), "html.parser")
    for anchor in copy.select(".headerlink"):
        anchor.decompose()
    return copy


@functools.lru_cache(maxsize=None)
def article_text(path: Path) -> str:
    return article(path).get_text(" ")


def site_page(site: Path, page: str, lang: str) -> Path:
    path = built_file(site, page, lang)
    assert path.exists(), f"{page} ({lang}) was not built: {path.relative_to(site)} is missing"
    return path


# --- seed facts ---------------------------------------------------------------------------------------

def normalize(text: str) -> str:
    """Case, width, dash and white-space insensitive form; no spaces next to Chinese characters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(f"[{DASHES}]", "-", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(rf" (?=[{CJK_CLASS}])|(?<=[{CJK_CLASS}]) ", "", text).strip()


def spelling_pattern(spelling: str) -> re.Pattern:
    """A hyphen also matches a space or nothing ("prompt-tuning" = "prompt tuning"); a Latin start
    needs a word boundary ("TP" is not the "tp" in "https"); the end is open (plurals, word stems)."""
    norm = normalize(spelling)
    body = "".join(r"[- ]?" if ch == "-" else re.escape(ch) for ch in norm)
    if norm[:1].isascii() and norm[:1].isalnum():
        body = r"(?<![a-z0-9])" + body
    return re.compile(body)


@dataclass(frozen=True)
class Fact:
    spellings: dict[str, tuple[str, ...]]  # lang → acceptable spellings
    page: str
    marker: str | None  # the marker whose generated table carries the fact

    def label(self, lang: str) -> str:
        return " | ".join(self.spellings[lang])

    def found_in(self, text: str, lang: str) -> bool:
        norm = normalize(text)
        return any(spelling_pattern(s).search(norm) for s in self.spellings[lang])


@dataclass(frozen=True)
class Section:
    id: str
    seed: tuple[str, ...]
    page: str
    facts: tuple[Fact, ...]


class FactsFileError(ValueError):
    pass


def _spellings(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise FactsFileError(f"{where}: expected a spelling or a list of spellings, found {value!r}")


def load_facts(path: Path = FACTS_FILE) -> tuple[list[Section], list[str]]:
    """The sections and the English pages' allowed Chinese proper names, validated with clear errors."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FactsFileError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise FactsFileError(f"{path.name}: expected a mapping with a 'sections' list, found {type(data).__name__}")
    sections = []
    for i, raw in enumerate(data["sections"]):
        where = f"{path.name}: sections[{i}]"
        if not isinstance(raw, dict) or not {"id", "seed", "page", "facts"} <= raw.keys():
            raise FactsFileError(f"{where}: expected keys id, seed, page, facts, found {raw!r}")
        facts = []
        for j, item in enumerate(raw["facts"] or []):
            fwhere = f"{where} ({raw['id']}).facts[{j}]"
            if isinstance(item, list) and len(item) == 2:
                zh, en, page, marker = item[0], item[1], raw["page"], None
            elif isinstance(item, dict) and {"zh", "en"} <= item.keys() <= {"zh", "en", "page", "from"}:
                zh, en, page, marker = item["zh"], item["en"], item.get("page", raw["page"]), item.get("from")
            else:
                raise FactsFileError(f"{fwhere}: expected [zh, en] or {{zh, en, page?, from?}}, found {item!r}")
            facts.append(Fact({"zh": _spellings(zh, fwhere + ".zh"), "en": _spellings(en, fwhere + ".en")}, page, marker))
        if not facts:
            raise FactsFileError(f"{where} ({raw['id']}): no facts")
        sections.append(Section(raw["id"], tuple(_spellings(raw["seed"], where + ".seed")), raw["page"], tuple(facts)))
    return sections, list(data.get("en_allowed_cjk") or [])


SECTIONS, EN_ALLOWED_CJK = load_facts()


def seed_headings(text: str) -> list[str]:
    """The section titles of the seed, a plain-text copy of a blog post, in order.

    A title is a line of its own — a blank line (or the end of a list) before it and a blank line
    after it — that is not a list item, an image or a sentence (no colon or sentence punctuation).
    A title repeated right after itself is the link under it ("阿里云百炼"), not a new section."""
    lines = text.split(SIGN_OFF, 1)[0].splitlines()
    titles: list[str] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (not line or line.startswith(("•", "–", "-")) or line == "image.png"
                or re.search(r"[:：。，,、;；!?！？]", line) or after
                or (before and not before.startswith("•")) or (titles and titles[-1] == line)):
            continue
        titles.append(line)
    return titles


def missing_facts(section: Section, lang: str, page_text, pending) -> tuple[list[str], list[str]]:
    """(missing, pending) messages for one section in one language; `page_text(page)` is the article
    text of a page, `pending(page, marker)` whether that marker's output is still a placeholder."""
    missing, waiting = [], []
    for fact in section.facts:
        if fact.found_in(page_text(fact.page), lang):
            continue
        other = "zh" if lang == "en" else "en"
        message = (f"section «{section.id}» ({' / '.join(section.seed)}), {lang}, page {fact.page}: "
                   f"missing {fact.label(lang)!r} (the {other} side is {fact.label(other)!r})")
        if fact.marker and pending(fact.page, fact.marker):
            waiting.append(message + f" — md:{fact.marker} is still a placeholder")
        else:
            missing.append(message)
    return missing, waiting


def marker_pending(path: Path, marker: str) -> bool:
    """Whether a marker's output on the page is still the placeholder (`.aiguide-pending`); a
    placeholder that names its marker (data-marker) only counts for that marker."""
    for placeholder in article(path).select(".aiguide-pending"):
        if placeholder.get("data-marker") in (None, marker):
            return True
    return False


def test_facts_file_covers_every_seed_heading_in_order():
    if not SEED_FILE.exists():
        pytest.skip(f"the seed is not here ({SEED_FILE}); set AIGUIDE_SEED to check the facts against it")
    expected = seed_headings(SEED_FILE.read_text(encoding="utf-8"))
    mapped = [heading for section in SECTIONS for heading in section.seed]
    unmapped = [h for h in expected if h not in mapped]
    unknown = [h for h in mapped if h not in expected]
    assert not unmapped and not unknown and mapped == expected, (
        f"seed headings without a section in {FACTS_FILE.name}: {unmapped}; "
        f"headings in {FACTS_FILE.name} that the seed does not have: {unknown}; "
        f"seed order: {expected}; facts-file order: {mapped}")
    assert len(expected) > 30  # the parser did find the guide's structure


def test_every_section_maps_to_a_page_that_exists_in_both_languages():
    pages = set(source_pages())
    problems = [f"{s.id}: page {page!r} is not in docs/ (both .zh.md and .en.md)"
                for s in SECTIONS for page in {s.page, *(f.page for f in s.facts)}
                if page not in pages or not (DOCS / f"{page}.en.md").exists()]
    assert not problems, "\n".join(problems)


def test_seed_heading_parser_on_a_small_guide():
    text = ("攻略\n\n第一章\n\n什么是它\n\n它是一种东西。\n特点:\n\n  • 一\n  • 二\n奖励模型(Reward Model)\n\n"
            "表头甲乙\n甲乙丙\n丙丁戊\n\n收费\n\nimage.png\n\n百炼\n\n说明,一句话\n\n百炼\n\n"
            "Hi,我是“青杉”,您可以\n\n点赞\n\n")
    assert seed_headings(text) == ["攻略", "第一章", "什么是它", "奖励模型(Reward Model)", "收费", "百炼"]


def test_a_missing_fact_is_named_by_section_language_page_and_fact():
    section = Section("rnn", ("循环神经网络",), "neural-networks/rnn", (
        Fact({"zh": ("梯度消失",), "en": ("vanishing gradient",)}, "neural-networks/rnn", None),
        Fact({"zh": ("长期依赖",), "en": ("long-term dependenc",)}, "neural-networks/rnn", None),
        Fact({"zh": ("模型评估",), "en": ("evaluation",)}, "neural-networks/rnn", "billing"),
    ))
    texts = {"zh": "梯度 消失问题", "en": "Vanishing  gradients and long‐term dependencies"}
    missing, waiting = missing_facts(section, "zh", lambda page: texts["zh"], lambda page, marker: True)
    assert missing == ["section «rnn» (循环神经网络), zh, page neural-networks/rnn: missing '长期依赖' "
                       "(the en side is 'long-term dependenc')"]
    assert len(waiting) == 1 and "md:billing is still a placeholder" in waiting[0]
    missing, waiting = missing_facts(section, "en", lambda page: texts["en"], lambda page, marker: False)
    assert len(missing) == 1 and "'evaluation'" in missing[0] and not waiting


def test_matching_ignores_width_dashes_and_spaces_but_keeps_word_starts():
    fact = Fact({"zh": ("编码器-解码器",), "en": ("TP", "prompt-tuning")}, "x", None)
    assert fact.found_in("编码器–解码器（Encoder–Decoder）", "zh")
    assert fact.found_in("Prompt tuning trains a soft prompt", "en")
    assert not fact.found_in("see https://example.org", "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_seed_facts_appear_in_both_languages(site, section, lang):
    missing, waiting = missing_facts(
        section, lang,
        lambda page: article_text(site_page(site, page, lang)),
        lambda page, marker: marker_pending(site_page(site, page, lang), marker),
    )
    assert not missing, f"{len(missing)} seed fact(s) missing:\n" + "\n".join(missing + waiting)
    if waiting:
        pytest.skip("waiting for generated content:\n" + "\n".join(waiting))


# --- no blog chrome, no uncorrected misspellings --------------------------------------------------

BLOG_CHROME = (
    "点赞", "收藏", "一键收藏", "红包", "余额", "充值", "评论", "关注我", "扫码支付", "成就一亿技术人",
    "hope_wisdom", "博主", "粉丝", "付费专栏", "抵扣说明", "钱包", "实付",
)
# Misspelling → correct name. A misspelling may appear only where it is being corrected.
CORRECTIONS = {"文言一心": "文心一言", "文言大模型": "文心大模型"}
BLOCKS = ("p", "li", "dd", "dt", "tr", "blockquote", "figcaption", "caption", "summary", "title", *HEADINGS)


def blog_chrome(doc: BeautifulSoup, html: str) -> list[str]:
    """Blog-platform leftovers in the page's visible text, and `image.png` anywhere in its HTML."""
    text = " ".join(s for s in (doc.body or doc).find_all(string=True)
                    if s.parent.name not in ("script", "style", "template"))
    found = [word for word in BLOG_CHROME if word in text]
    return found + (["image.png"] if "image.png" in html else [])


def unexplained_misspellings(doc: BeautifulSoup) -> list[str]:
    """Each occurrence of 文言一心 / 文言大模型 whose innermost enclosing block (paragraph, list item,
    table row, definition, quote, caption, heading, title) — or, in an attribute, the attribute value —
    does not also contain the correct name. The innermost block that holds the whole word is checked,
    so markup inside the word (文言<b>一心</b>) cannot hide it."""
    problems = []
    for wrong, right in CORRECTIONS.items():
        for tag in doc.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if wrong in value and right not in value:
                    problems.append(f"<{tag.name} {name}=…{wrong}…> without {right}")
        if wrong not in doc.get_text():
            continue
        for tag in doc.find_all(True):
            if tag.name in ("script", "style") or wrong not in tag.get_text():
                continue
            if any(wrong in child.get_text() for child in tag.find_all(True)):
                continue  # a descendant holds it: check there
            block = tag if tag.name in BLOCKS else (tag.find_parent(BLOCKS) or tag)
            context = " ".join(block.get_text().split())
            if right not in context:
                problems.append(f"{wrong!r} without {right!r} in <{block.name}>: {context[:120]}")
    return problems


def test_no_blog_chrome_on_any_page(site):
    problems = {str(p.relative_to(site)): found for p in html_pages(site)
                if (found := blog_chrome(parsed(p), p.read_text(encoding="utf-8")))}
    assert not problems, f"blog chrome left on built pages: {problems}"


def test_misspelled_names_appear_only_where_they_are_corrected(site):
    problems = {str(p.relative_to(site)): found for p in html_pages(site)
                if (found := unexplained_misspellings(parsed(p)))}
    assert not problems, "文言一心 / 文言大模型 outside a correction:\n" + "\n".join(
        f"{page}: {item}" for page, items in problems.items() for item in items)


def test_the_chrome_and_misspelling_checks_can_fail():
    doc = BeautifulSoup(
        "<html><head><title>x</title></head><body><article>"
        "<p>原指南把“文心一言”误写为“<strong>文言一心</strong>”。</p>"
        "<table><tr><td>文言大模型</td><td>文心大模型（ERNIE）</td></tr></table>"
        "<p>文言<b>一心</b>是百度的产品。</p><ul><li>文言大模型很强</li></ul>"
        "<abbr title='文言一心'>x</abbr><p>24 点赞</p><img src='image.png'></article></body></html>",
        "html.parser")
    problems = unexplained_misspellings(doc)
    assert len(problems) == 3, problems
    assert "'文言一心' without '文心一言' in <p>: 文言一心是百度的产品。" in problems
    assert any("<li>" in p for p in problems) and any("title=" in p for p in problems)
    assert blog_chrome(doc, str(doc)) == ["点赞", "image.png"]


# --- English pages are English ---------------------------------------------------------------------

def cjk_share(text: str, allowed: list[str]) -> tuple[int, int]:
    """(Chinese characters, letters) of an English text, not counting allowed proper names."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, "")
    cjk = len(CJK.findall(text))
    return cjk, cjk + len(LATIN_LETTER.findall(text))


def english_article_text(path: Path) -> str:
    """Article text minus passages marked as Chinese (lang="zh…"), which are quotations by design."""
    doc = BeautifulSoup(str(article(path)), "html.parser")
    for passage in doc.select("[lang]"):
        if passage.get("lang", "").lower().startswith("zh"):
            passage.decompose()
    return doc.get_text(" ")


def test_english_pages_are_english(site):
    rows, offenders = [], []
    for page in source_pages():
        if page == "glossary":
            continue
        text = english_article_text(site_page(site, page, "en"))
        cjk, letters = cjk_share(text, EN_ALLOWED_CJK)
        share = cjk / letters if letters else 0.0
        rows.append(f"{page:32} {cjk:5} / {letters:6} = {share:6.2%}")
        if share > MAX_CJK_SHARE:
            leftovers = sorted(set(re.findall(f"[{CJK_CLASS}]+", text)) - set(EN_ALLOWED_CJK))
            offenders.append(f"{page}: {share:.2%} Chinese ({cjk} of {letters}); e.g. {leftovers[:12]}")
    print("\nChinese characters in English pages (allowed proper names excluded):\n" + "\n".join(rows))
    assert not offenders, "English pages with Chinese left in them:\n" + "\n".join(offenders)


def test_cjk_share_counts_leftover_chinese_but_not_allowed_names():
    assert cjk_share("ERNIE Bot (文心一言) is Baidu's chatbot", ["文心一言"]) == (0, 23)
    assert cjk_share("模型评估 evaluation", []) == (4, 14)


# --- headings ------------------------------------------------------------------------------------------

def heading_ids(path: Path) -> tuple[list[str], list[str]]:
    """(ids of the article's headings, problems: headings without a readable id)."""
    ids, problems = [], []
    for heading in article(path).find_all(HEADINGS):
        hid = heading.get("id")
        title = " ".join(heading.get_text().split())
        if not hid:
            problems.append(f"<{heading.name}> {title!r} has no id")
        elif hid.startswith("_") or not READABLE_ID.fullmatch(hid):
            problems.append(f"<{heading.name}> {title!r} has id {hid!r} (want lowercase ascii words and hyphens)")
        else:
            ids.append(hid)
    return ids, problems


def test_every_heading_has_a_readable_id(site):
    problems = [f"{p.relative_to(site)}: {problem}" for p in html_pages(site) for problem in heading_ids(p)[1]]
    assert not problems, "\n".join(problems)


def test_twin_pages_share_their_heading_ids(site):
    problems = []
    for page in source_pages():
        zh, _ = heading_ids(site_page(site, page, "zh"))
        en, _ = heading_ids(site_page(site, page, "en"))
        if set(zh) != set(en):
            problems.append(f"{page}: only in zh {sorted(set(zh) - set(en))}, only in en {sorted(set(en) - set(zh))}")
    assert not problems, "heading ids differ between twins:\n" + "\n".join(problems)


# --- images drawn in SVG ----------------------------------------------------------------------------
# The four diagrams (figure.aiguide-diagram) are checked in depth by tests/test_diagrams.py; this
# catches any other SVG image in an article (a chart, a later diagram) that lacks a text alternative.

def svg_images_without_text_alternative(doc: Tag) -> list[str]:
    """svg[role=img] outside figure.aiguide-diagram with neither a non-empty aria-label nor an
    aria-labelledby whose every id names an element with text."""
    problems = []
    for svg in doc.select("svg[role=img]"):
        if svg.find_parent("figure", class_="aiguide-diagram"):
            continue
        if (svg.get("aria-label") or "").strip():
            continue
        ids = (svg.get("aria-labelledby") or "").split()
        targets = [doc.find(id=i) for i in ids]
        if ids and all(t is not None and t.get_text().strip() for t in targets):
            continue
        problems.append(f"<svg id={svg.get('id')!r} aria-labelledby={svg.get('aria-labelledby')!r}>")
    return problems


def test_every_other_svg_image_has_a_text_alternative(site):
    problems = [f"{p.relative_to(site)}: {problem}" for p in html_pages(site)
                for problem in svg_images_without_text_alternative(article(p))]
    assert not problems, "SVG images without a text alternative:\n" + "\n".join(problems)


def test_the_svg_image_check_can_fail():
    doc = BeautifulSoup(
        '<figure class="aiguide-diagram"><svg role="img"></svg></figure>'
        '<svg role="img" aria-labelledby="t d"><title id="t">Prices</title><desc id="d">by date</desc></svg>'
        '<svg role="img" aria-labelledby="x"></svg><svg role="img" aria-label="CNN"></svg><p id="x"> </p>',
        "html.parser")
    assert svg_images_without_text_alternative(doc) == ["<svg id=None aria-labelledby='x'>"]


# --- descriptions ----------------------------------------------------------------------------------

def front_matter_description(path: Path) -> str | None:
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", path.read_text(encoding="utf-8"), re.S)
    if not match:
        return None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise AssertionError(f"{path.relative_to(ROOT)}: front matter is not valid YAML ({exc})") from None
    value = meta.get("description") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def test_every_page_has_a_description_in_its_language(site):
    problems = []
    for page in source_pages():
        for lang in ("zh", "en"):
            source = DOCS / f"{page}.{lang}.md"
            try:
                description = front_matter_description(source)
            except AssertionError as exc:
                problems.append(str(exc))
                continue
            where = source.relative_to(ROOT)
            if not description or not description.strip():
                problems.append(f"{where}: no description in the front matter")
                continue
            if "\n" in description.strip():
                problems.append(f"{where}: the description is not one line")
            if len(description) > MAX_DESCRIPTION:
                problems.append(f"{where}: description is {len(description)} characters (max {MAX_DESCRIPTION})")
            if lang == "zh" and not HAN.search(description):
                problems.append(f"{where}: the Chinese description has no Chinese")
            if lang == "en" and CJK.search(description):
                problems.append(f"{where}: the English description contains {CJK.findall(description)}")
            meta = parsed(site_page(site, page, lang)).find("meta", attrs={"name": "description"})
            if not meta or " ".join(meta.get("content", "").split()) != " ".join(description.split()):
                problems.append(f"{where}: the built page's meta description is not the front matter's")
    assert not problems, "\n".join(problems)


# --- references and links ---------------------------------------------------------------------------

def topic_pages() -> list[str]:
    return [p for p in source_pages()
            if p.split("/")[0] in ("basics", "neural-networks", "llm") or p in {f"vendors/{v}" for v in VENDOR_IDS}]


def references_problems(doc: Tag) -> list[str]:
    """The last h2 of the article must be #references, followed by at least one https link."""
    h2s = doc.find_all("h2")
    if not h2s or h2s[-1].get("id") != "references":
        return [f"the last section is {h2s[-1].get('id') if h2s else None!r}, not #references"]
    links = [a["href"] for a in h2s[-1].find_all_next("a", href=True) if a["href"].startswith("https://")]
    return [] if links else ["#references has no https link"]


def test_every_topic_page_ends_with_references(site):
    assert len(topic_pages()) == 14 + len(VENDOR_IDS)  # basics 2, neural networks 4, LLM 8, one per platform
    problems = [f"{page} ({lang}): {problem}" for page in topic_pages() for lang in ("zh", "en")
                for problem in references_problems(article(site_page(site, page, lang)))]
    assert not problems, "\n".join(problems)


def test_the_references_check_can_fail():
    good = BeautifulSoup('<h2 id="a">A</h2><h2 id="references">R</h2><ul><li><a href="https://x.org">x</a></li></ul>',
                         "html.parser")
    assert references_problems(good) == []
    late = BeautifulSoup('<h2 id="references">R</h2><a href="https://x.org">x</a><h2 id="more">M</h2>', "html.parser")
    assert references_problems(late) == ["the last section is 'more', not #references"]
    plain = BeautifulSoup('<h2 id="references">R</h2><a href="http://x.org">x</a>', "html.parser")
    assert references_problems(plain) == ["#references has no https link"]
