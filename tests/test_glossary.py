"""The glossary: its data, the glossary page in both languages, and the hover/focus tooltips on the
terms in every other page (pure function on fixtures, the real built site, and a real Chromium)."""

from __future__ import annotations

import functools
import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aiguide import glossary as glossary_module
from aiguide.glossary import GlossaryError, load_glossary, parse_glossary, render_glossary
from aiguide.tooltips import mark_terms
from conftest import html_pages, page_lang

CJK = re.compile(r"[\u3400-\u9fff]")
GLOSSARY = load_glossary()
TERMS = GLOSSARY.by_id()
# Where a term must never be marked (besides the glossary page itself).
FORBIDDEN_ANCESTORS = {"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "svg",
                       "script", "style", "th", "button", "summary"}


@functools.lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    """A built page, parsed once per session (the tests only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tooltips(page: BeautifulSoup):
    return page.select("abbr.aiguide-term")


def site_page(site: Path, rel: str) -> Path:
    return site / rel / "index.html"


# --- data ----------------------------------------------------------------------------------------------

def test_at_least_sixty_term_pairs_with_definitions_in_both_languages():
    assert len(GLOSSARY.terms) >= 60
    for term in GLOSSARY.terms:
        assert term.zh and term.en, term.id
        assert CJK.search(term.definition.zh), term.id
        assert not CJK.search(term.definition.en), term.id
        assert term.definition.zh.endswith("。") and term.definition.en.endswith("."), term.id


def test_the_guide_s_core_terms_are_in_the_glossary():
    # Terms the guide teaches, in the wording of the seed (Chinese) and of the English pages.
    zh_forms = {form for term in GLOSSARY.terms for form in term.forms("zh")}
    en_forms = {form.lower() for term in GLOSSARY.terms for form in term.forms("en")}
    for zh in ("人工智能", "监督学习", "无监督学习", "深度学习", "强化学习", "循环神经网络", "卷积神经网络",
               "梯度消失", "梯度爆炸", "长期依赖", "局部连接", "权值共享", "池化层", "全连接层", "自注意力机制",
               "位置编码", "编码器", "解码器", "预训练", "指令微调", "奖励模型", "幻觉", "上下文学习", "基座模型"):
        assert zh in zh_forms, zh
    for en in ("vanishing gradient", "exploding gradient", "self-attention", "positional encoding", "lora",
               "sft", "rlhf", "reward model", "in-context learning", "hallucination", "base model", "modelscope"):
        assert en in en_forms, en


GOOD_ENTRY = """\
topics:
  - id: basics
    title: {zh: 基础, en: Basics}
terms:
  - id: rnn
    topic: basics
    zh: 循环神经网络
    en: recurrent neural network
    abbr: RNN
    def:
      zh: "一种神经网络。"
      en: "A neural network."
"""


@pytest.mark.parametrize(
    "extra, expected",
    [
        # a duplicate id: both the path and the line of the second entry are named
        ("""  - id: rnn
    topic: basics
    zh: 递归网络
    en: recursive network
    def: {zh: "另一种网络。", en: "Another network."}
""", [r"glossary\.yml, line 13: terms\[1\]\.id \(rnn\): expected a term id not used before; found 'rnn' again"]),
        # a duplicate term in one language
        ("""  - id: rnn2
    topic: basics
    zh: 循环神经网络
    en: recurrent net
    def: {zh: "重复。", en: "A duplicate."}
""", [r"glossary\.yml, line \d+: terms\[1\]\.zh \(rnn2\): expected a term \(zh\) that no other entry uses; found '循环神经网络', which already names terms\[0\] \(rnn\)"]),
        # an abbreviation colliding with another term's alias, case aside
        ("""  - id: rnn-net
    topic: basics
    zh: 循环网络
    en: rnn
    def: {zh: "重复。", en: "A duplicate."}
""", [r"terms\[1\]\.en \(rnn-net\): expected a term \(en\) that no other entry uses; found 'rnn'"]),
        # a missing definition, a typo'd field, a bad id, an unknown topic
        ("""  - id: Bad_Id
    topic: nowhere
    zh: 某术语
    en: some term
    defn: {zh: "拼错了。", en: "Misspelt."}
""", [r"glossary\.yml, line 13: terms\[1\]\.id \(Bad_Id\): expected text matching .*; found 'Bad_Id'",
      r"terms\[1\]\.def \(Bad_Id\): expected a value for the required field 'def'; found nothing",
      r"glossary\.yml, line 17: terms\[1\]\.defn \(Bad_Id\): expected one of the fields id, topic, .*; found an unknown field 'defn'"]),
        # definitions in the wrong language, or not one sentence
        ("""  - id: cnn
    topic: basics
    zh: 卷积神经网络
    en: convolutional neural network
    def: {zh: "A network.", en: "一种网络。"}
""", [r"terms\[1\]\.def\.zh \(cnn\): expected Chinese text; found 'A network\.'"]),
        ("""  - id: cnn
    topic: basics
    zh: 卷积神经网络
    en: 卷积 network
    def: {zh: "一种网络", en: "A network"}
""", [r"terms\[1\]\.def\.zh \(cnn\): expected one sentence ending in '。'",
      r"glossary\.yml, line 16: terms\[1\]\.en \(cnn\): expected an English term without Chinese characters"]),
        ("""  - id: cnn
    topic: nowhere
    zh: 卷积神经网络
    en: convolutional neural network
    def: {zh: "一种网络。", en: "A network."}
""", [r"glossary\.yml, line 14: terms\[1\]\.topic \(cnn\): expected one of \['basics'\]; found 'nowhere'"]),
    ],
)
def test_bad_glossary_data_is_a_clear_error(extra, expected):
    with pytest.raises(GlossaryError) as info:
        parse_glossary(GOOD_ENTRY + extra, "data/glossary.yml")
    message = str(info.value)
    assert "Traceback" not in message
    for pattern in expected:
        assert re.search(pattern, message), f"{pattern!r} not in:\n{message}"


def test_not_yaml_and_not_a_mapping_are_clear_errors():
    with pytest.raises(GlossaryError, match=r"data/glossary\.yml, line 2, column 1: YAML syntax error"):
        parse_glossary("terms: [", "data/glossary.yml")
    with pytest.raises(GlossaryError, match=r"expected a mapping with 'topics' and 'terms'; found \['a', 'b'\]"):
        parse_glossary("- a\n- b\n", "data/glossary.yml")


def test_bad_data_stops_the_build_with_the_message_and_no_traceback(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    import glossary_hook

    bad = tmp_path / "glossary.yml"
    bad.write_text(GOOD_ENTRY.replace('en: "A neural network."', "en: 42"), encoding="utf-8")
    monkeypatch.setattr(glossary_module, "glossary_file", lambda: bad)
    with pytest.raises(PluginError, match=r"glossary\.yml, line 12: terms\[0\]\.def\.en \(rnn\): expected text; found 42"):
        glossary_hook.on_config({})


# --- the pure tooltip function ------------------------------------------------------------------------

FIXTURE_ZH = textwrap.dedent("""\
    <h2 id="x">梯度消失</h2>
    <p><code>梯度消失</code> <a href="#x" title="梯度消失">梯度消失</a> <kbd>梯度消失</kbd></p>
    <pre><code>梯度消失</code></pre>
    <p><abbr title="已有">梯度消失</abbr></p>
    <svg><text>梯度消失</text></svg><script>var s = "梯度消失";</script><style>/* 梯度消失 */</style>
    <table><tr><th>梯度消失</th></tr></table>
    <div class="aiguide-table"><p>梯度消失</p></div>
    <p class="admonition-title">梯度消失</p>
    <!-- 梯度消失 -->
    <p data-note="梯度消失">当序列很长时会出现梯度消失，之后再次出现梯度消失。&lt;卷积神经网络&gt; 与无监督学习</p>
""")


def test_only_the_first_occurrence_in_prose_is_marked_and_nothing_else_changes():
    out = mark_terms(FIXTURE_ZH, "zh", GLOSSARY)
    marked = BeautifulSoup(out, "html.parser").select("abbr.aiguide-term")
    assert [(m["data-term"], m.get_text()) for m in marked] == [
        ("vanishing-gradient", "梯度消失"),
        ("convolutional-neural-network", "卷积神经网络"),  # the longest term, not 卷积 or 神经网络
        ("unsupervised-learning", "无监督学习"),  # not 监督学习 inside it
    ]
    assert all(m.parent.name == "p" and m.parent.get("data-note") for m in marked)
    # Everything else is byte for byte the input: removing the wrappers gives the input back.
    unwrapped = re.sub(r'<abbr class="aiguide-term"[^>]*>([^<]*)</abbr>', r"\1", out)
    assert unwrapped == FIXTURE_ZH


def test_the_definition_is_the_title_and_is_escaped():
    data = GOOD_ENTRY.replace('en: "A neural network."', "en: 'A \"neural\" <network> & more.'")
    glossary = parse_glossary(data)
    out = mark_terms("<p>An RNN is here.</p>", "en", glossary)
    assert out == ('<p>An <abbr class="aiguide-term" data-term="rnn" title="A &quot;neural&quot; &lt;network&gt; '
                   '&amp; more." tabindex="0">RNN</abbr> is here.</p>')


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>Vanishing gradients stop learning.</p>", [("vanishing-gradient", "Vanishing gradients")]),
        ("<p>the vanishing\ngradient problem</p>", [("vanishing-gradient", "vanishing\ngradient problem")]),
        ("<p>a RAPID api and an API</p>", [("api", "API")]),  # word boundaries; acronyms keep their case
        ("<p>lora and LoRA</p>", [("lora", "LoRA")]),
        ("<p>freeze the weights with Freeze</p>", [("weight", "weights"), ("freeze", "Freeze")]),
        ("<p>the reward-model stage</p>", [("reward-model", "reward-model")]),
        ("<p>an encoder–decoder model</p>", [("encoder-decoder", "encoder–decoder")]),
        ("<p>ChatGPT, not GPT inside it</p>", [("chatgpt", "ChatGPT"), ("gpt", "GPT")]),
        ("<p>OpenAI is a company</p>", []),
        ("<p>RNNs and <a href='#'>CNNs</a></p>", [("recurrent-neural-network", "RNNs")]),
    ],
)
def test_english_matching(html, expected):
    marked = BeautifulSoup(mark_terms(html, "en", GLOSSARY), "html.parser").select("abbr.aiguide-term")
    assert [(m["data-term"], m.get_text()) for m in marked] == expected


def test_chinese_pages_mark_chinese_terms_and_abbreviations_not_english_terms():
    html = "<p>RNN 的梯度消失（vanishing gradient）与 LoRA（低秩适配）、Freeze微调</p>"
    marked = BeautifulSoup(mark_terms(html, "zh", GLOSSARY), "html.parser").select("abbr.aiguide-term")
    assert [(m["data-term"], m.get_text()) for m in marked] == [
        ("recurrent-neural-network", "RNN"), ("vanishing-gradient", "梯度消失"), ("lora", "LoRA"),
        ("freeze", "Freeze微调"),
    ]


def test_a_passage_in_the_other_language_is_left_alone():
    html = '<p><span lang="en">RNN</span> 和 <span lang="zh-Hans">RNN</span></p>'
    marked = BeautifulSoup(mark_terms(html, "zh", GLOSSARY), "html.parser").select("abbr.aiguide-term")
    assert [m.parent.get("lang") for m in marked] == ["zh-Hans"]


def test_a_page_without_terms_is_returned_unchanged():
    html = "<p>Nothing &amp; nobody here.</p><!-- c --><br/>"
    assert mark_terms(html, "en", GLOSSARY) == html
    assert mark_terms("", "zh", GLOSSARY) == ""


# --- the glossary page ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, rel", [("zh", "glossary"), ("en", "en/glossary")])
def test_the_glossary_page_lists_every_term_in_both_languages(site, lang, rel):
    page = soup(site_page(site, rel))
    article = page.select_one("article")
    for term in GLOSSARY.terms:
        row = article.select_one(f"tr#term-{term.id}")
        assert row is not None, f"{rel}: no row #term-{term.id}"
        text = row.get_text(" ")
        assert term.zh in text and term.en in text, (rel, term.id, text)
        assert getattr(term.definition, lang) in text, (rel, term.id)
        assert term.abbr is None or term.abbr in text
    assert len(article.select("tr[id^=term-]")) == len(GLOSSARY.terms)
    # One section per topic, with the same heading ids in both languages.
    assert [h["id"] for h in article.select("h2[id^=topic-]")] == [f"topic-{t.id}" for t in GLOSSARY.topics]
    # The glossary page is the list of terms: no tooltips on it.
    assert tooltips(page) == []


def test_render_glossary_is_per_language():
    zh, en = render_glossary(GLOSSARY, "zh"), render_glossary(GLOSSARY, "en")
    assert "## 神经网络 {#topic-nn}" in zh and "## Neural networks {#topic-nn}" in en
    assert TERMS["recurrent-neural-network"].definition.zh in zh
    assert TERMS["recurrent-neural-network"].definition.en in en
    with pytest.raises(ValueError, match="unknown language .fr."):
        render_glossary(GLOSSARY, "fr")


# --- tooltips on the built site ------------------------------------------------------------------------

def content_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.parent.name != "glossary"]


def _norm(text: str) -> str:
    # Spaces and dashes between words, and case, are what the tooltip matcher treats as equal.
    return re.sub(r"[\s\-\u2010-\u2014]", "", text).casefold()


def test_tooltips_on_chinese_terms_in_chinese_pages_and_english_terms_in_english_pages(site):
    seen: dict[str, set[str]] = {"zh": set(), "en": set()}
    for path in content_pages(site):
        lang = page_lang(site, path)
        for tip in tooltips(soup(path)):
            term = TERMS[tip["data-term"]]
            text = _norm(tip.get_text())
            forms = [_norm(form) for form in term.forms(lang)]
            assert any(text in (f, f + "s", f + "es") for f in forms), (path, tip.get_text(), term.id)
            assert tip["title"] == getattr(term.definition, lang), (path, term.id)
            assert tip.get("tabindex") == "0"
            seen[lang].add(term.id)
    # Most of the glossary shows up somewhere in each language.
    assert len(seen["zh"]) >= 40, sorted(seen["zh"])
    assert len(seen["en"]) >= 40, sorted(seen["en"])


@pytest.mark.parametrize(
    "rel, term_id, pattern",
    [
        ("neural-networks/rnn", "vanishing-gradient", r"^梯度消失"),
        ("en/neural-networks/rnn", "vanishing-gradient", r"(?i)^vanishing gradient"),
        ("neural-networks/transformer", "self-attention", r"^自注意力"),
        ("en/neural-networks/transformer", "self-attention", r"(?i)^self-attention"),
        ("basics/machine-learning", "supervised-learning", r"^监督学习$"),
        ("en/basics/machine-learning", "supervised-learning", r"(?i)^supervised learning$"),
    ],
)
def test_known_terms_have_tooltips_on_their_pages(site, rel, term_id, pattern):
    tips = [t for t in tooltips(soup(site_page(site, rel))) if t["data-term"] == term_id]
    assert len(tips) == 1, f"{rel}: expected one tooltip for {term_id}, found {len(tips)}"
    assert re.search(pattern, tips[0].get_text()), tips[0]


def test_no_tooltip_inside_code_links_headings_or_generated_blocks_and_one_per_term(site):
    problems = []
    for path in content_pages(site):
        page = soup(path)
        ids = [tip["data-term"] for tip in tooltips(page)]
        if len(ids) != len(set(ids)):
            problems.append(f"{path}: a term is marked twice: {sorted(i for i in ids if ids.count(i) > 1)}")
        for tip in tooltips(page):
            for parent in tip.parents:
                classes = parent.get("class") or []
                if parent.name in FORBIDDEN_ANCESTORS or any(c.startswith("aiguide-") for c in classes):
                    problems.append(f"{path.relative_to(site)}: {tip.get_text()!r} inside <{parent.name} {classes}>")
            if tip.find(True):
                problems.append(f"{path}: markup inside a tooltip: {tip}")
    assert problems == []


@pytest.mark.parametrize(
    "rel, words",
    [("neural-networks/rnn", ["梯度消失", "梯度爆炸"]), ("en/neural-networks/rnn", ["Vanishing gradient", "Exploding gradient"])],
)
def test_a_term_in_a_heading_stays_plain_and_is_marked_in_the_prose(site, rel, words):
    # The RNN pages name these limitations in headings (and in the table of contents) and in prose.
    article = soup(site_page(site, rel)).select_one("article")
    for word in words:
        headings = [h for h in article.select("h2, h3, h4") if word.lower() in h.get_text().lower()]
        assert headings, f"{rel}: no heading mentions {word!r} (has the page changed?)"
        assert all(h.find("abbr") is None for h in headings)
        tips = [t for t in tooltips(soup(site_page(site, rel))) if word.lower() in t.get_text().lower()]
        assert len(tips) == 1, f"{rel}: {word!r} should be marked once in the prose"


# --- in the browser ------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("rel", ["neural-networks/rnn/", "en/neural-networks/rnn/"])
def test_tab_to_a_term_shows_its_definition(page, server, rel):
    page.goto(server + rel)
    # Start the keyboard walk at the page title, then press Tab until a glossary term has the focus.
    page.locator("article h1").first.click()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('aiguide-term')"):
            break
    else:
        pytest.fail(f"{rel}: Tab never reached a glossary term")
    focused = page.locator("abbr.aiguide-term:focus")
    term = TERMS[focused.get_attribute("data-term")]
    definition = getattr(term.definition, "en" if rel.startswith("en/") else "zh")
    tooltip = page.locator("#aiguide-term-tip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == definition
    assert focused.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert tooltip.get_attribute("role") == "tooltip"
    assert focused.get_attribute("title") is None, "a second (native) tooltip would show on hover"
    # Escape closes it (WCAG 1.4.13), focus stays.
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    assert focused.get_attribute("aria-describedby") is None
    # Focus again, then leave: the tooltip goes.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    tooltip.wait_for(state="visible")
    page.keyboard.press("Shift+Tab")
    tooltip.wait_for(state="hidden")
    assert page.console_errors == []


@pytest.mark.browser
def test_hovering_a_term_shows_one_tooltip_and_the_pointer_can_move_onto_it(page, server):
    page.goto(server + "neural-networks/rnn/")
    term = page.locator("abbr.aiguide-term").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator("#aiguide-term-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == getattr(TERMS[term.get_attribute("data-term")].definition, "zh")
    assert page.locator(".md-tooltip2").count() == 0, "Material's own tooltip would show as well"
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # onto the tooltip
    assert tip.is_visible()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")


def test_the_glossary_is_read_in_the_data_files_one_dialect():
    # YAML 1.1 would read `on` and `no` as booleans; the data files' dialect (aiguide/datafile.py) keeps text.
    text = GOOD_ENTRY.replace("    abbr: RNN\n", "    abbr: RNN\n    aliases: {en: [on, no]}\n")
    glossary = parse_glossary(text, "data/glossary.yml")
    assert glossary.terms[0].aliases.en == ("on", "no")
    # A repeated key is an error, not a silently lost value.
    with pytest.raises(GlossaryError, match=r"glossary\.yml, line 8: terms\[0\]\.zh \(rnn\): expected each key once"):
        parse_glossary(GOOD_ENTRY.replace("    zh: 循环神经网络\n", "    zh: 循环神经网络\n    zh: 递归网络\n"), "data/glossary.yml")
