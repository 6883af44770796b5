"""The corrections of issue 14 on the built site, in both languages: the original guide's wrong
statements are gone from the pages that carried them, the right terms are on the right pages, the
glossary and the diagram labels say what the text says, references give their venues, and the about
page lists every correction. Also issue 15's contracts on these chapters: formulas in LaTeX (not in
text blocks), runnable examples written once for both languages, exercises with folded answers.
(Heading ids shared by twins: tests/test_content.py; the seed's facts: tests/seed_facts.yml.)"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from aiguide.glossary import load_glossary
from conftest import ROOT
from test_content import DOCS, article, normalize, site_page

LANGS = ("zh", "en")
CHAPTERS = ("basics/ai", "basics/machine-learning", "neural-networks/index", "neural-networks/rnn",
            "neural-networks/cnn", "neural-networks/transformer", "llm/index", "llm/training",
            "llm/fine-tuning", "llm/chatgpt-vs-alphago")
HAN = re.compile(r"[\u3400-\u9fff]")


def phrases_in(text: str, phrases) -> list[str]:
    """The phrases that occur in the text (case, width, dash and white space ignored)."""
    norm = normalize(text)
    return [p for p in phrases if normalize(p) in norm]


INLINE = ("a", "abbr", "b", "code", "em", "i", "span", "strong", "sub", "sup")


def article_text_without_figures(path) -> str:
    """The article's text minus the diagrams, so that a label cannot stand in for the prose. Inline
    markup is unwrapped first: a glossary tooltip must not split "PCA/whitening" into "PCA /whitening"."""
    copy = BeautifulSoup(str(article(path)), "html.parser")
    for figure in copy.select("figure.aiguide-diagram"):
        figure.decompose()
    for tag in copy.find_all(INLINE):
        tag.unwrap()
    return BeautifulSoup(str(copy), "html.parser").get_text(" ")


def pairs(*items: tuple[str, str]) -> dict[str, list[str]]:
    """[(zh, en), ...] → {"zh": [...], "en": [...]}."""
    return {"zh": [zh for zh, _ in items], "en": [en for _, en in items]}


# --- the wrong statements are gone, the right ones are there -------------------------------------

# Key phrases of the original's wrong statements (and of the old "补充说明 / In addition" notes that
# contradicted them), per page.
WRONG = {
    "llm/training": pairs(
        ("筛选出“正确”的数据", 'filter out the "correct" data'),
        ("挑出这些回复中得分较高的回复并再次训练原本的模型", "the original model is trained again on them"),
        ("新的输出层从头训练", "a new output layer is trained from scratch"),
        ("加入额外的网络层", "extra network layers are added"),
        ("低阶", "only the parameters of these new layers are trained"),
        ("从而绕开它们", "Freeze avoids them"),
        ("奖励模型就是解决该问题的", "The reward model addresses this"),
    ),
    "llm/index": pairs(
        ("大量数据生成大量的参数", "large amounts of data produce large numbers of parameters"),
        ("能够记住之前的对话", "can remember earlier parts of a conversation"),
    ),
    "llm/fine-tuning": pairs(("只训练新增的低秩矩阵", "trains only the added low-rank matrices")),
    "neural-networks/cnn": pairs(
        ("包括去均值、归一化和 PCA/白化", "mean subtraction, normalisation and PCA/whitening"),
    ),
    "neural-networks/transformer": pairs(
        ("从输入的编码中生成", "from the encoded input"),
        ("单向任务", "one-way"),
    ),
    "neural-networks/rnn": pairs(
        ("网络的前面层权重无法得到有效更新", "weights of the earlier layers then cannot be updated"),
        ("还和上一时刻的输出", "also on the output at the previous time step"),
    ),
    "basics/ai": pairs(("人工智能的四个主要组成部分是", "The four main components of artificial intelligence are")),
}
NOTE_PREFIX = pairs(("补充说明", "In addition:"))

RIGHT = {
    "llm/training": pairs(
        ("自监督学习", "self-supervised learning"), ("训练目标", "training objective"),
        ("并联", "in parallel"), ("低秩", "low-rank"), ("仍然要完整地放进显存", "must still fit in GPU memory"),
        ("标量分数", "scalar score"), ("两两比较", "pairwise comparisons"), ("Bradley–Terry", "Bradley–Terry"),
        ("PPO", "PPO"), ("KL 惩罚", "KL penalty"), ("参考模型", "reference model"),
        ("拒绝采样", "rejection sampling"), ("不等于内容正确", "not that the content is correct"),
    ),
    "llm/index": pairs(
        ("缩放定律", "scaling laws"), ("设计选择", "design choice"), ("Chinchilla", "Chinchilla"),
        ("提示中给出的几个示例", "a few examples given in the prompt"), ("上下文窗口", "context window"),
        ("涌现能力", "emergent abilities"), ("Schaeffer", "Schaeffer"),
    ),
    "llm/fine-tuning": pairs(
        ("训练目标", "training objective"), ("并联的低秩增量", "parallel low-rank update"),
        ("Qwen3", "Qwen3"), ("DeepSeek-V3", "DeepSeek-V3"), ("DeepSeek-R1", "DeepSeek-R1"), ("GLM-4.5", "GLM-4.5"),
        ("Llama 4", "Llama 4"), ("2025 年 4 月", "April 2025"), ("核对日期为 2026 年 12 月 1 日", "checked on 1 December 2026"),
    ),
    "llm/chatgpt-vs-alphago": pairs(("OpenAI, 2022", "OpenAI, 2022"), ("自动验证", "verified automatically")),
    "neural-networks/cnn": pairs(
        ("去均值", "mean subtraction"), ("卷积网络并不使用 PCA 和白化", "PCA and whitening are not used with convolutional networks"),
    ),
    "neural-networks/transformer": pairs(
        ("没有编码器", "no encoder"), ("因果", "causal"), ("双向", "bidirectional"), ("交叉注意力", "cross-attention"),
    ),
    "neural-networks/rnn": pairs(("隐藏状态", "hidden state"), ("雅可比矩阵", "Jacobian matrices"), ("同一个", "same")),
    "basics/ai": pairs(("原指南", "original guide"), ("智能体", "agents"), ("没有机器学习", "leaves out machine learning")),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_the_original_s_errors_are_gone(site, page, lang):
    text = article_text_without_figures(site_page(site, page, lang))
    found = phrases_in(text, WRONG.get(page, {}).get(lang, []) + NOTE_PREFIX[lang])
    assert not found, f"{page} ({lang}) still says: {found}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(RIGHT))
def test_the_corrected_statements_are_on_their_pages(site, page, lang):
    text = article_text_without_figures(site_page(site, page, lang))
    expected = RIGHT[page][lang]
    missing = sorted(set(expected) - set(phrases_in(text, expected)))
    assert not missing, f"{page} ({lang}) does not say: {missing}"


def test_the_phrase_check_can_fail():
    assert phrases_in("奖励模型通过打分来筛选出“正确”的数据。", ["筛选出“正确”的数据"]) == ["筛选出“正确”的数据"]
    assert phrases_in("It scores content to  filter out the “correct” data.", ['filter out the "correct" data']) == []
    assert phrases_in("Filter  out the \"correct\" data", ['filter out the "correct" data']) != []


# --- citations --------------------------------------------------------------------------------------

# arXiv id → the peer-reviewed venue any reference to it must name (alternatives allowed).
VENUES = {
    "1810.04805": ("NAACL 2019",),                                           # BERT
    "1910.10683": ("JMLR 2020", "Journal of Machine Learning Research 21, 2020"),  # T5
    "2106.09685": ("ICLR 2022",),                                            # LoRA
    "2109.01652": ("ICLR 2022",),                                            # FLAN
    "2203.02155": ("NeurIPS 2022",),                                         # InstructGPT
    "2201.11903": ("NeurIPS 2022",),                                         # chain of thought
    "2206.07682": ("TMLR", "Transactions on Machine Learning Research"),     # emergent abilities
    "2304.15004": ("NeurIPS 2023",),                                         # Schaeffer et al.
    "1706.03741": ("NeurIPS 2017",),                                         # Christiano et al.
    "2005.14165": ("NeurIPS 2020",),                                         # GPT-3
    "2203.15556": ("NeurIPS 2022",),                                         # Chinchilla
}


def squeezed(text: str) -> str:
    """normalize() without any spaces: "21，2020" (zh) and "21, 2020" (en) compare equal."""
    return normalize(text).replace(" ", "")


def reference_venue_problems(doc: Tag) -> list[str]:
    """List items linking to a paper of VENUES without naming its venue; the citation in the text
    must not give another year for LoRA (Hu et al. 2022, ICLR)."""
    problems = []
    for item in doc.select("li"):
        text = normalize(item.get_text(" "))
        for arxiv, venues in VENUES.items():
            if item.find("a", href=re.compile(re.escape(arxiv))) and not any(squeezed(v) in squeezed(text) for v in venues):
                problems.append(f"{arxiv} without {' / '.join(venues)}: {text[:90]}")
    if "Hu et al., 2021" in doc.get_text() or "Hu et al. (2021)" in doc.get_text():
        problems.append("LoRA cited as Hu et al. 2021 (ICLR 2022)")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_references_name_their_peer_reviewed_venues(site, lang):
    problems = [f"{page}: {p}" for page in (*CHAPTERS, "about")
                for p in reference_venue_problems(article(site_page(site, page, lang)))]
    assert not problems, "\n".join(problems)


def test_the_venue_check_can_fail():
    doc = BeautifulSoup('<ul><li>Devlin et al. <a href="https://arxiv.org/abs/1810.04805">BERT</a>, 2018</li>'
                        '<li>Raffel et al. <a href="https://arxiv.org/abs/1910.10683">T5</a>, '
                        '<em>Journal of Machine Learning Research</em> 21, 2020</li></ul><p>(Hu et al., 2021)</p>',
                        "html.parser")
    problems = reference_venue_problems(doc)
    assert len(problems) == 2 and problems[0].startswith("1810.04805 without NAACL 2019") and "Hu et al." in problems[1]


@pytest.mark.parametrize("lang", LANGS)
def test_chatgpt_is_not_cited_to_the_instructgpt_paper_alone(site, lang):
    """Ouyang et al. (2022) is about InstructGPT; what ChatGPT is trained with comes from OpenAI's post."""
    problems = []
    for page in (*CHAPTERS, "about"):
        for block in article(site_page(site, page, lang)).select("p, li, td"):
            text = block.get_text(" ")
            if block.find(["p", "li", "td"]) is None and "ChatGPT" in text and "Ouyang" in text and "OpenAI" not in text:
                problems.append(f"{page}: {' '.join(text.split())[:120]}")
    assert not problems, "\n".join(problems)


# --- the glossary says what the pages say ------------------------------------------------------------

GLOSSARY_RULES = {  # term id → phrases its definition must contain / must not contain (zh, en)
    "lora": {"has": pairs(("并联", "in parallel"), ("低秩", "low-rank")),
             "not": pairs(("额外的网络层", "extra layers"))},
    "short-term-memory": {"has": pairs(("隐藏状态", "hidden state")), "not": pairs(("上一时刻的输出", "output from the previous"))},
    "recurrent-neural-network": {"has": pairs(("隐藏状态", "hidden state")), "not": pairs()},
    "in-context-learning": {"has": pairs(("示例", "examples")), "not": pairs(("之前的对话", "earlier conversation"))},
    "reward-model": {"has": pairs(("标量分数", "scalar score"), ("两两比较", "pairwise comparisons")),
                     "not": pairs(("挑出", "pick out"), ("幻觉", "hallucination"))},
    "rlhf": {"has": pairs(("KL", "KL"), ("PPO", "PPO")), "not": pairs()},
    "freeze": {"has": pairs(("显存", "memory")), "not": pairs(("单张显卡也能训练大模型", "can be trained on a single GPU"))},
    "decoder-only": {"has": pairs(("没有编码器", "no encoder"), ("因果", "causal")), "not": pairs()},
    "parameter": {"has": pairs(("模型结构", "design")), "not": pairs()},
    "rejection-sampling": {"has": pairs(("监督微调", "supervised")), "not": pairs()},
}


def test_glossary_definitions_agree_with_the_corrected_pages():
    terms = load_glossary().by_id()
    problems = []
    for term_id, rule in GLOSSARY_RULES.items():
        for lang in LANGS:
            definition = getattr(terms[term_id].definition, lang)
            problems += [f"{term_id} ({lang}) lacks {p!r}" for p in rule["has"][lang] if p not in definition]
            problems += [f"{term_id} ({lang}) still says {p!r}" for p in rule["not"][lang] if p in definition]
    if "低阶自适应" in terms["lora"].forms("zh"):
        problems.append("lora: 低阶自适应 is a mistranslation, not an alternative name")
    assert not problems, "\n".join(problems)


# --- the diagrams say what the pages say -------------------------------------------------------------

LABELS = yaml.safe_load((ROOT / "data" / "diagrams" / "labels.yml").read_text(encoding="utf-8"))
DIAGRAM_PAGES = {"cnn": "neural-networks/cnn", "llm-training": "llm/training"}
# (diagram, label key, zh, en): the label carries the term, and so does the page's own text.
LABEL_TERMS = [
    ("cnn", "input-1", "原始像素", "raw pixels"),
    ("cnn", "input-2", "去均值", "mean subtraction"),
    ("cnn", "input-3", "归一化", "normalisation"),
    ("llm-training", "s1-sub", "预测下一个词元", "next token"),
    ("llm-training", "s3-sub", "标量分数", "scalar score"),
    ("llm-training", "s4-sub", "PPO", "PPO"),
    ("llm-training", "s4-sub", "KL 惩罚", "KL penalty"),
    ("llm-training", "desc", "两两比较", "pairwise comparisons"),
    ("llm-training", "desc", "KL 惩罚", "KL penalty"),
]
LABEL_NEVER = {"cnn": pairs(("白化", "whitening"), ("PCA", "PCA")), "llm-training": pairs(("无监督", "unsupervised"))}


@pytest.mark.parametrize("lang", LANGS)
def test_diagram_labels_agree_with_the_text(site, lang):
    problems = []
    for diagram, key, zh, en in LABEL_TERMS:
        term = {"zh": zh, "en": en}[lang]
        label = LABELS[diagram][key][lang]
        text = article_text_without_figures(site_page(site, DIAGRAM_PAGES[diagram], lang))
        if not phrases_in(label, [term]):
            problems.append(f"{diagram}.{key} ({lang}) {label!r} lacks {term!r}")
        if not phrases_in(text, [term]):
            problems.append(f"{DIAGRAM_PAGES[diagram]} ({lang}) does not say {term!r}, which its diagram does")
    for diagram, never in LABEL_NEVER.items():
        for key, label in LABELS[diagram].items():
            problems += [f"{diagram}.{key} ({lang}) still says {p!r}" for p in phrases_in(label[lang], never[lang])]
    assert not problems, "\n".join(problems)


# --- the about page lists the corrections ------------------------------------------------------------

CORRECTION_ROWS = pairs(  # one phrase per corrected statement, each expected in its own row
    ("文言一心", "文言一心"), ("文言大模型", "文言大模型"), ("抖音", "Douyin"), ("基座模型代表", "Representative base models"),
    ("四个主要组成部分", "four main components"), ("上一时刻的隐藏状态", "hidden state at the previous time step"),
    ("雅可比矩阵", "Jacobian"), ("PCA", "PCA"), ("单向任务", "one-way"), ("因果掩码", "causal masked"),
    ("缩放定律", "scaling laws"), ("上下文窗口", "context window"), ("特定任务", "task-specific"),
    ("新的输出层从头训练", "new output layer is trained from scratch"), ("四种并列", "four fine-tuning techniques"),
    ("低秩适配", "Low-rank adaptation"), ("TP 或 PP", "TP or PP"), ("Bradley–Terry", "Bradley–Terry"),
    ("拒绝采样", "rejection sampling"),
)


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_lists_each_correction_with_its_reason(site, lang):
    doc = article(site_page(site, "about", lang))
    heading = doc.find(id="corrections")
    table = heading.find_next("table")
    rows = [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert rows and all(len(cells) == 3 and all(cells) for cells in rows), rows
    unmatched = [p for p in CORRECTION_ROWS[lang] if not any(phrases_in(" ".join(cells), [p]) for cells in rows)]
    assert not unmatched, f"about ({lang}): no correction row for {unmatched}"
    assert len(rows) >= len(CORRECTION_ROWS[lang])
    # Every technical correction points to the section that now says the right thing.
    linked = [tr for tr in table.select("tbody tr") if tr.find_all("td")[2].find("a", href=True)]
    assert len(linked) >= len(rows) - 1, "a correction without a link to its section"
    text = doc.get_text(" ")
    assert "青杉" in text and "人工智能与大语言模型攻略" in text, "the credit to the original guide is gone"


# --- issue 15's contracts on these chapters ---------------------------------------------------------

FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```", re.M | re.S)
FORMULAS = {  # page → LaTeX the page must hold (the formulas issue 15 asks for, with worked numbers)
    "neural-networks/transformer": [r"\mathrm{softmax}(z)_i", r"\sqrt{d_k}", r"\begin{bmatrix}"],
    "neural-networks/rnn": [r"\frac{\partial L_T}{\partial h_1}", r"0.5^{20}"],
    "neural-networks/cnn": [r"\frac{W - K + 2P}{S} + 1", r"\times C_{\mathrm{out}}", r"34\,944"],
    "llm/fine-tuning": [r"\frac{r (d + k)}{d k}", r"4096 \times 4096"],
    "llm/training": [r"-\log \sigma\left(r_\phi(x, y_w) - r_\phi(x, y_l)\right)", r"\mathbb{D}_{\mathrm{KL}}", r"2.0 - 0.1 \times 5"],
}
EXAMPLES = {"neural-networks/transformer": "attention.py", "llm/fine-tuning": "lora_params.py"}
OUTPUT_TITLE = {"zh": "输出", "en": "Output"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_formulas_are_latex_and_not_in_text_blocks(page, lang):
    source = (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")
    text_blocks = [(info.strip(), body) for kind, info, body in FENCE.findall(source) if kind == "text"]
    stray = [body[:60] for info, body in text_blocks if info != f'title="{OUTPUT_TITLE[lang]}"']
    assert not stray, f"{page} ({lang}): text blocks other than example output: {stray}"
    missing = [f for f in FORMULAS.get(page, []) if f not in source]
    assert not missing, f"{page} ({lang}): missing {missing}"
    assert source.count("$$") % 2 == 0


@pytest.mark.parametrize("page, filename", sorted(EXAMPLES.items()))
def test_each_example_is_one_program_in_both_languages(page, filename):
    """The code is the same in zh and en (only comments are translated), and its output follows it."""
    programs = {}
    for lang in LANGS:
        source = (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")
        match = re.search(rf'```python title="{re.escape(filename)}"\n(.*?)\n```\n\n```text title="{OUTPUT_TITLE[lang]}"\n.+?\n```',
                          source, re.S)
        assert match, f"{page} ({lang}): no {filename} followed by its output"
        code = match.group(1)
        assert "numpy" in code and not (lang == "en" and HAN.search(code))
        programs[lang] = [re.sub(r"\s*#.*$", "", line) for line in code.splitlines()]
    assert programs["zh"] == programs["en"]


def exercise_problems(doc: Tag, lang: str) -> list[str]:
    """#exercises is the last section before #references: 2–4 numbered questions, each with an
    answer folded in a success block, at least one answer with a computation."""
    h2s = [h.get("id") for h in doc.find_all("h2")]
    expected = h2s[-2] if h2s and h2s[-1] == "references" else (h2s[-1] if h2s else None)
    if expected != "exercises":
        return [f"sections end with {h2s[-2:]}, not exercises then references"]
    items = doc.find(id="exercises").find_next("ol").find_all("li", recursive=False)
    problems = [] if 2 <= len(items) <= 4 else [f"{len(items)} questions"]
    label = {"zh": "答案", "en": "Answer"}[lang]
    answers = [li.find("details", class_="success") for li in items]
    problems += [f"question {i + 1} has no folded answer" for i, d in enumerate(answers)
                 if d is None or d.summary is None or d.summary.get_text(strip=True) != label]
    if not any(d and (d.select(".arithmatex") or re.search(r"\d", d.get_text())) for d in answers):
        problems.append("no answer computes anything")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_every_chapter_ends_with_exercises(site, page, lang):
    problems = exercise_problems(article(site_page(site, page, lang)), lang)
    assert not problems, f"{page} ({lang}): {problems}"


def test_the_exercise_check_can_fail():
    doc = BeautifulSoup('<h2 id="a">A</h2><h2 id="exercises">E</h2><ol><li><p>Q?</p><details class="success">'
                        '<summary>Answer</summary><p>yes</p></details></li><li><p>Q2?</p></li></ol>'
                        '<h2 id="references">R</h2>', "html.parser")
    assert exercise_problems(doc, "en") == ["question 2 has no folded answer", "no answer computes anything"]
    late = BeautifulSoup('<h2 id="exercises">E</h2><h2 id="more">M</h2><h2 id="references">R</h2>', "html.parser")
    assert exercise_problems(late, "en") == ["sections end with ['more', 'references'], not exercises then references"]
