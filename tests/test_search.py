"""Site search (Pagefind in Material's header) in a real Chromium, on the real built site.

Each query asserts: the expected page comes first (or in the top 3 where pages tie), the phrase
is marked in that result's excerpt, and every result is in the reader's language. Then: nothing
of the index is fetched before the first keystroke, only the reader's language is fetched after
it, the keyboard works as in Material, and the target page marks the term.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from aiguide.search_index import (
    BUNDLE_DIR, MARKED_ARTICLE_TAG, UNUSED_BUNDLE_FILES, flatten_tables, for_indexing, mark_article, pagefind_command,
    split_han,
)

HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

# (query, expected page, top n, text that must be inside a <mark> of that result)
ZH_QUERIES = [
    ("梯度消失", "neural-networks/rnn/", 1, "梯度消失"),
    ("指令微调", "llm/training/", 1, "指令微调"),
    ("注意力机制", "neural-networks/transformer/", 1, "注意力机制"),
    ("自注意力", "neural-networks/transformer/", 1, "自注意力"),
    ("奖励模型", "llm/training/", 2, "奖励模型"),  # ties with llm/post-training (the reward model's loss)
    ("文心一言", "vendors/qianfan/", 1, "文心一言"),
    ("王小川", "vendors/baichuan/", 1, "王小川"),
    ("豆包", "vendors/ark/", 1, "豆包"),
    ("灵积", "vendors/tongyi/", 1, "灵积"),
    ("知识图谱", "basics/ai/", 1, "知识图谱"),
    ("强化学习", "basics/machine-learning/", 3, "强化学习"),  # ties with chatgpt-vs-alphago and training
    ("卷积神经网络", "neural-networks/cnn/", 1, "卷积神经网络"),
    ("池化", "neural-networks/cnn/", 1, "池化"),
    ("预训练", "llm/training/", 1, "预训练"),
    ("基座模型", "llm/fine-tuning/", 1, "基座模型"),
    ("星火", "vendors/spark/", 1, "星火"),
    ("混元", "vendors/hunyuan/", 1, "混元"),
    ("监督学习", "basics/machine-learning/", 1, "监督学习"),
    ("LoRA 微调", "llm/training/", 3, "微调"),  # mixed: Latin word + Chinese phrase
    ("token 价格", "vendors/compare/", 3, "价格"),
    # Words found only in the data tables (read by Pagefind as text), and a source's name, which the
    # tables' provenance columns do not index: the registry of sources does.
    ("qwen-max", "vendors/tongyi/", 2, "qwen"),  # Pagefind's Chinese index splits Latin words at "-"
    ("syaoranwe", "vendors/", 1, "syaoranwe"),  # in a source's title (LLM-Price, by syaoranwe)
    # The chapters on tokens, post-training, inference and RAG.
    ("分词器", "llm/tokens/", 1, "分词器"),
    ("字节对编码", "llm/tokens/", 1, "字节对编码"),
    ("直接偏好优化", "llm/post-training/", 1, "直接偏好优化"),
    ("GRPO", "llm/post-training/", 1, "grpo"),
    ("知识蒸馏", "llm/post-training/", 1, "知识蒸馏"),
    ("可验证奖励", "llm/post-training/", 1, "可验证奖励"),
    ("键值缓存", "llm/inference/", 1, "键值缓存"),
    ("KV 缓存", "llm/inference/", 1, "缓存"),
    ("核采样", "llm/inference/", 2, "核采样"),  # the glossary, which defines it, may come first
    ("检索增强生成", "llm/rag/", 1, "检索增强生成"),
    ("重排序", "llm/rag/", 1, "重排序"),
]

EN_QUERIES = [
    ("vanishing gradient", "en/neural-networks/rnn/", 1, "vanishing gradient"),
    ("instruction tuning", "en/llm/training/", 1, "instruction tuning"),
    ("self-attention", "en/neural-networks/transformer/", 1, "self-attention"),
    ("reward model", "en/llm/training/", 2, "reward model"),  # ties with en/llm/post-training
    ("ERNIE Bot", "en/vendors/qianfan/", 1, "ernie bot"),
    ("knowledge graph", "en/basics/ai/", 1, "knowledge"),
    ("reinforcement learning", "en/basics/machine-learning/", 3, "reinforcement learning"),
    ("pooling", "en/neural-networks/cnn/", 1, "pooling"),
    ("LoRA", "en/llm/training/", 3, "lora"),
    ("base model", "en/llm/fine-tuning/", 1, "base model"),
    ("pretraining", "en/llm/training/", 1, "pretraining"),
    ("Doubao", "en/vendors/ark/", 1, "doubao"),
    ("Wang Xiaochuan", "en/vendors/baichuan/", 1, "wang xiaochuan"),
    ("DashScope", "en/vendors/tongyi/", 1, "dashscope"),
    ("qwen-long", "en/vendors/tongyi/", 2, "qwen-long"),
    ("Baichuan2-Turbo-192k", "en/vendors/baichuan/", 2, "baichuan2-turbo-192k"),  # retired: in the history only
    ("LLM-Price", "en/vendors/", 1, "llm-price"),
    # The chapters on tokens, post-training, inference and RAG.
    ("tokenizer", "en/llm/tokens/", 1, "tokenizer"),
    ("byte pair encoding", "en/llm/tokens/", 1, "byte pair encoding"),
    ("DPO", "en/llm/post-training/", 1, "dpo"),
    ("GRPO", "en/llm/post-training/", 1, "grpo"),
    ("distillation", "en/llm/post-training/", 1, "distillation"),
    ("verifiable rewards", "en/llm/post-training/", 1, "verifiable reward"),
    ("KV cache", "en/llm/inference/", 1, "kv cache"),
    ("nucleus sampling", "en/llm/inference/", 1, "nucleus sampling"),
    ("retrieval-augmented generation", "en/llm/rag/", 1, "retrieval"),
    ("reranking", "en/llm/rag/", 1, "reranking"),
]

RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
  href: li.querySelector('a').getAttribute('href'),
  titles: [...li.querySelectorAll('h1, h2')].map(h => h.textContent),
  marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
}))"""


def path_of(href: str, server: str) -> str:
    """A link or URL as a site path: '/aiguide-test/en/llm/?h=x#y' → 'en/llm/'."""
    full = urljoin(server, href).split("?")[0].split("#")[0]
    assert full.startswith(server), full
    return full[len(server):]


def open_search(page, server: str, lang: str, start: str = "") -> None:
    page.goto(server + ("en/" if lang == "en" else "") + start)
    page.keyboard.press("/")


def run_query(page, query: str) -> list[dict]:
    field = page.locator(".md-search__input")
    field.fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-aiguide-search]').getAttribute('data-search-state') === 'ready'"
        " && document.querySelector('.md-search__input').value === q",
        arg=query,
    )
    return page.evaluate(RESULTS_JS)


def check_results(results, server, lang, query, expected, top, phrase):
    paths = [path_of(r["href"], server) for r in results]
    assert results, f"{query!r}: no results"
    assert expected in paths[:top], f"{query!r}: expected {expected} in the top {top}, got {paths[:5]}"
    other = [p for p in paths if p.startswith("en/") != (lang == "en")]
    assert not other, f"{query!r}: results from the other language: {other}"
    marks = [m.strip().lower() for m in results[paths.index(expected)]["marks"]]
    assert any(phrase in m for m in marks), f"{query!r}: {phrase!r} is not marked whole in {marks}"
    titles = [t for r in results for t in r["titles"]]
    assert not any(INVISIBLE.search(t) for t in titles), f"{query!r}: invisible characters in {titles}"


@pytest.fixture(scope="module")
def search_page(browser, server):
    """One open search per language, shared by the query tests: a fresh page per query would cost
    a page load and a cold index start each (~3 s). Records errors like conftest's `page`."""
    pages, contexts = {}, []
    for lang in ("zh", "en"):
        context = browser.new_context(locale="zh-CN")
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(10_000)
        pg.errors = []
        pg.on("console", lambda msg, pg=pg: msg.type == "error" and pg.errors.append(msg.text))
        pg.on("pageerror", lambda err, pg=pg: pg.errors.append(str(err)))
        pg.on("requestfailed", lambda req, pg=pg: pg.errors.append(f"{req.url} ({req.failure})"))
        pg.on("response", lambda resp, pg=pg: resp.status >= 400 and pg.errors.append(f"{resp.url} ({resp.status})"))
        open_search(pg, server, lang)
        pages[lang] = pg
    yield pages
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("query, expected, top, phrase", ZH_QUERIES, ids=[q[0] for q in ZH_QUERIES])
def test_chinese_query_finds_the_page_with_the_phrase(search_page, server, query, expected, top, phrase):
    page = search_page["zh"]
    results = run_query(page, query)
    check_results(results, server, "zh", query, expected, top, phrase)
    assert page.locator(".md-search-result__meta").inner_text().endswith("个符合条件的结果")
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("query, expected, top, phrase", EN_QUERIES, ids=[q[0] for q in EN_QUERIES])
def test_english_query_finds_the_page(search_page, server, query, expected, top, phrase):
    page = search_page["en"]
    results = run_query(page, query)
    check_results(results, server, "en", query, expected, top, phrase)
    assert re.fullmatch(r"\d+ matching documents?|1 matching document",
                        page.locator(".md-search-result__meta").inner_text())
    assert page.errors == []


@pytest.mark.browser
def test_chinese_phrase_pages_come_before_pages_with_the_words_apart(search_page):
    """梯度 and 消失 both occur on pages without the phrase 梯度消失; only phrase pages are listed,
    and only the phrase is marked (not a lone 梯度)."""
    results = run_query(search_page["zh"], "梯度消失")
    for result in results:
        assert all("梯度消失" in m for m in result["marks"]), result


@pytest.mark.browser
def test_a_chinese_query_that_is_no_phrase_of_the_site_is_searched_word_by_word(search_page, server):
    """反向传播梯度 occurs nowhere as such; pages holding 反向, 传播 and 梯度 (each whole) are found."""
    results = run_query(search_page["zh"], "反向传播梯度")
    paths = [path_of(r["href"], server) for r in results]
    assert "neural-networks/" in paths[:3], paths
    assert all(any(m.strip() in ("反向", "传播", "梯度") for m in r["marks"]) for r in results), results


@pytest.mark.browser
def test_english_stemming_finds_other_forms(search_page, server):
    results = run_query(search_page["en"], "gradients")
    assert path_of(results[0]["href"], server) == "en/neural-networks/rnn/"
    marks = {m.strip(" .,:;").lower() for r in results for m in r["marks"]}
    assert "gradient" in marks, marks  # typed "gradients", found "gradient" too


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, message", [
    ("zh", "量子纠缠态叠加", "没有找到符合条件的结果"),
    ("en", "xylophonequartz", "No matching documents"),  # Pagefind alone would answer with "x"
    ("en", "quantum entanglement", "No matching documents"),
])
def test_no_results_message_in_the_page_language(search_page, lang, query, message):
    page = search_page[lang]
    assert run_query(page, query) == []
    assert page.locator(".md-search-result__meta").inner_text() == message


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_of_the_index_is_fetched_before_the_first_keystroke(page, server, lang):
    requests: list[str] = []
    page.on("request", lambda req: BUNDLE_DIR + "/" in req.url and requests.append(req.url))
    page.goto(server + ("en/" if lang == "en" else "") + "llm/", wait_until="networkidle")
    assert requests == [], "search files fetched on page load"

    # Opening search loads the search code only. The load begins a moment after the key (the page was already
    # network-idle, so waiting for idle alone could return before it): wait for that request itself.
    with page.expect_request(lambda req: req.url.endswith("/" + BUNDLE_DIR + "/pagefind.js")):
        page.keyboard.press("/")
    page.wait_for_load_state("networkidle")
    assert [u.split("/" + BUNDLE_DIR + "/")[1] for u in requests] == ["pagefind.js"]

    run_query(page, "模型" if lang == "zh" else "model")
    files = [u.split("/" + BUNDLE_DIR + "/")[1].split("?")[0] for u in requests]
    index_files = [f for f in files if f.endswith((".pf_meta", ".pf_index", ".pf_fragment"))]
    assert index_files, files
    # Only the reader's language: Pagefind names every index file after its language.
    assert all(re.search(rf"(^|[/.]){lang}_", f) for f in index_files), index_files
    assert not [f for f in files if f.startswith("wasm.") and f != ("wasm.en.pagefind" if lang == "en" else "wasm.unknown.pagefind")]


@pytest.mark.browser
@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_keyboard_shortcut_opens_search_and_escape_closes_it(page, server, key):
    page.goto(server + "basics/ai/", wait_until="networkidle")
    page.keyboard.press(key)
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("知识图谱")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search__input").input_value() == "知识图谱"  # the shortcut key is not typed
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate("document.activeElement.classList.contains('md-search__input')")


@pytest.mark.browser
def test_shortcut_keys_type_normally_in_other_fields(page, server):
    page.goto(server + "basics/ai/", wait_until="networkidle")
    page.evaluate("""() => { const i = document.createElement('input'); i.id = 'probe';
                             document.querySelector('article').append(i); }""")
    page.locator("#probe").focus()
    page.keyboard.type("s/")
    assert page.locator("#probe").input_value() == "s/"
    assert not page.evaluate("document.getElementById('__search').checked")


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, query, target, word",
    [("zh", "梯度消失", "neural-networks/rnn/", "梯度消失"), ("en", "gradients", "en/neural-networks/rnn/", "gradient")],
)
def test_arrow_keys_and_enter_open_a_result_with_the_term_marked(page, server, lang, query, target, word):
    open_search(page, server, lang)
    run_query(page, query)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and path_of(focused, server) == target
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url, server) == target
    marks = page.locator("article mark[data-search-highlight]")
    marks.first.wait_for()
    texts = [t.lower() for t in marks.all_inner_texts()]
    assert any(word in t for t in texts), texts
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
def test_enter_in_the_field_opens_the_first_result(page, server):
    open_search(page, server, "zh")
    results = run_query(page, "王小川")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url, server) == path_of(results[0]["href"], server)


@pytest.mark.browser
def test_header_search_button_opens_search_on_a_small_screen(page, server):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(server + "en/", wait_until="networkidle")
    page.locator(".md-header label.md-header__button[for='__search']").click()
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    results = run_query(page, "LoRA")
    assert results and page.locator(".md-search-result__item").first.is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("scheme, dark", [("light", False), ("dark", True)])
def test_results_follow_the_colour_scheme(page, server, scheme, dark):
    page.emulate_media(color_scheme=scheme)
    open_search(page, server, "zh")
    run_query(page, "豆包")
    colours = page.evaluate("""() => ['.md-search__scrollwrap', '.md-search-result__item h1'].map(s => {
        const style = getComputedStyle(document.querySelector(s));
        return [style.backgroundColor, style.color];
    })""")
    output_bg = [int(v) for v in re.findall(r"\d+", colours[0][0])[:3]]
    title = [int(v) for v in re.findall(r"\d+", colours[1][1])[:3]]
    assert (sum(output_bg) < 3 * 128) == dark, colours
    assert (sum(title) > 3 * 128) == dark, colours


# ---- the build side (no browser) ---------------------------------------------------------------

def test_only_the_article_is_indexed(site):
    page = (site / "neural-networks" / "rnn" / "index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1 and MARKED_ARTICLE_TAG in page
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")


def test_the_bundle_has_one_index_per_language_and_no_unused_ui(site):
    import json

    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"zh", "en"}
    assert entry["languages"]["zh"]["page_count"] == entry["languages"]["en"]["page_count"]
    assert not [name for name in UNUSED_BUNDLE_FILES if (site / BUNDLE_DIR / name).exists()]


def test_served_pages_have_no_invisible_characters_in_titles(site):
    for path in (site / "index.html", site / "llm" / "training" / "index.html", site / "en" / "index.html"):
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert not INVISIBLE.search(title + h1), path


def test_split_han_puts_a_word_break_between_chinese_characters_only():
    assert split_han("梯度消失 and LoRA 微调，一") == "梯\u200b度\u200b消\u200b失 and LoRA 微\u200b调，一"


def test_flatten_tables_reads_each_content_table_as_text():
    table = ('<table class="framed-table"><caption>价格</caption><thead><tr><th scope="col">模型</th>'
             '<th scope="col">Input</th></tr></thead><tbody><tr><th scope="row">qwen<code>-max</code></th>'
             '<td>2.4<br>n/a</td></tr></tbody></table>')
    assert flatten_tables(f"<p>a</p>{table}<p>b</p>") == "<p>a</p><p>价格. 模型 Input. qwen-max 2.4 n/a. </p><p>b</p>"
    other = '<table class="highlighttable"><tr><td>1</td></tr></table>'  # code line numbers: left alone
    assert flatten_tables(other) == other


def test_flatten_tables_leaves_out_the_cells_pagefind_would_skip():
    table = ('<table class="framed-table"><thead><tr><th scope="col">Model</th>'
             '<th scope="col" data-pagefind-ignore>Source</th></tr></thead><tbody><tr><th scope="row">qwen-max</th>'
             '<td data-pagefind-ignore><a href="https://example.com">S1 LLM-Price</a></td></tr></tbody></table>')
    assert flatten_tables(table) == "<p>Model. qwen-max. </p>"
    # A table with other instructions to Pagefind inside is left for Pagefind to read itself.
    weighted = '<table class="framed-table"><tr><td data-pagefind-weight="2">x</td></tr></table>'
    excluded = '<table class="framed-table"><tr><td><span class="md-tags">x</span></td></tr></table>'
    assert flatten_tables(weighted) == weighted and flatten_tables(excluded) == excluded


def test_for_indexing_changes_the_marked_article_only():
    page = (f'<title>梯度消失</title><nav>导航</nav>{MARKED_ARTICLE_TAG}<h1>梯度消失</h1>'
            '<table class="framed-table"><tr><td>微调</td></tr></table></article><footer>页脚</footer>')
    assert for_indexing(page) == (f'<title>梯度消失</title><nav>导航</nav>{MARKED_ARTICLE_TAG}'
                                  '<h1>梯\u200b度\u200b消\u200b失</h1><p>微\u200b调. </p></article><footer>页脚</footer>')
    unindexed = "<main><h1>梯度消失</h1></main>"  # no marked article: Pagefind skips the page anyway
    assert for_indexing(unindexed) == unindexed


def test_mark_article_marks_once_and_rejects_two_articles():
    html = '<main><article class="md-content__inner md-typeset"><h1>x</h1></article></main>'
    marked = mark_article(html, "a.md")
    assert marked.count("data-pagefind-body") == 1 and mark_article(marked, "a.md") == marked
    with pytest.raises(Exception, match=r"'search-article' matched 2 time\(s\) in a.md, expected 0 to 1"):
        mark_article(html + html, "a.md")


def test_pagefind_command_excludes_page_chrome(tmp_path):
    command = pagefind_command(tmp_path / "pagefind", tmp_path / "src", tmp_path / "out")
    assert command[:5] == [str(tmp_path / "pagefind"), "--site", str(tmp_path / "src"), "--output-path", str(tmp_path / "out")]
    assert ".headerlink" in command and ".md-source-file" in command
