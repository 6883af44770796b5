"""The pages' runnable examples (contract 2 of the helpers' brief; aiguide/examples.py): every
```python title="NAME.py"``` block followed by its ```text title="输出"/"Output"``` block, in both
languages, is run with the built site's data/ folder as working directory (20 s each) and must print
exactly what the page shows. The zh and en twins hold the same examples with the same code (comments
aside). `scripts/examples.py --update` rewrites the outputs after a data change.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from aiguide import examples as ex
from conftest import ROOT

DOCS = ROOT / "docs"
SCRIPT = ROOT / "scripts" / "examples.py"


def all_examples() -> list[ex.Example]:
    found = []
    for path in ex.markdown_pages(DOCS):
        found += ex.extract(path.read_text(encoding="utf-8"), path.relative_to(DOCS).as_posix())
    return found


EXAMPLES = all_examples()
PAGES_WITH_EXAMPLES = sorted({e.page for e in EXAMPLES if ex.page_language(e.page) == "zh"}
                             | {ex.twin(e.page) for e in EXAMPLES if ex.page_language(e.page) == "en"})


def check(example: ex.Example, data: Path) -> None:
    """Fail with a diff naming the page when the example prints something else than the page shows."""
    diff = ex.mismatch(example, ex.run(example, data))
    if diff is not None:
        pytest.fail(f"{example.name}: the output shown on the page differs from a run "
                    f"(`scripts/examples.py --update` rewrites it):\n{diff}", pytrace=False)


# --- the pages' examples ------------------------------------------------------------------------

def test_the_pages_have_runnable_examples_in_both_languages():
    # The chapters' examples (attention, BPE merges, LoRA's parameter count, a request's cost) are
    # written by the content helpers of issue 15; until they land this fails on purpose.
    langs = {ex.page_language(e.page) for e in EXAMPLES}
    assert langs == {"zh", "en"}, f"examples found in: {sorted(langs) or 'no page'}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_output_on_the_page_is_what_the_example_prints(example, site):
    check(example, site / "data")


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES)
def test_twins_show_the_same_examples_with_the_same_code(page):
    pair = {}
    for name in (page, ex.twin(page)):
        path = DOCS / name
        assert path.is_file(), f"{name} is missing"
        pair[name] = ex.extract(path.read_text(encoding="utf-8"), name)
    zh, en = pair[page], pair[ex.twin(page)]
    assert [e.title for e in zh] == [e.title for e in en], "the twins show different examples"
    for a, b in zip(zh, en):
        assert ex.code_without_comments(a.code.body) == ex.code_without_comments(b.code.body), (
            f"{a.title}: the code differs between {a.page} and {b.page} (only comments may)")


# --- the machinery, on temporary pages -----------------------------------------------------------

PAGE = '''# Test

```python title="square.py"
# 平方
print(3 ** 2)
```

```text title="输出"
{output}
```
'''


def examples_of(text: str, page: str = "t/p.zh.md") -> list[ex.Example]:
    return ex.extract(text, page)


def test_a_wrong_output_is_detected_and_shown_as_a_diff_naming_the_page(tmp_path):
    (example,) = examples_of(PAGE.format(output="8"))
    with pytest.raises(pytest.fail.Exception) as info:
        check(example, tmp_path)
    message = str(info.value)
    assert "t/p.zh.md:3 square.py" in message and "-8" in message and "+9" in message, message
    (right,) = examples_of(PAGE.format(output="9"))
    check(right, tmp_path)


def test_examples_run_in_the_data_folder_and_report_errors_and_timeouts(tmp_path):
    (tmp_path / "vendors.json").write_text('{"vendors": [1, 2]}', encoding="utf-8")
    reads = PAGE.replace('print(3 ** 2)', 'import json; print(len(json.load(open("vendors.json"))["vendors"]))')
    assert ex.run(examples_of(reads.format(output="2"))[0], tmp_path) == "2\n"
    fails = PAGE.replace("print(3 ** 2)", "raise SystemExit('no such file')")
    with pytest.raises(ex.ExampleError, match=r"t/p.zh.md:3 square.py: exited with status 1:\nno such file"):
        ex.run(examples_of(fails.format(output=""))[0], tmp_path)
    slow = PAGE.replace("print(3 ** 2)", "import time; time.sleep(10)")
    with pytest.raises(ex.ExampleError, match="still running after 1 s"):
        ex.run(examples_of(slow.format(output=""))[0], tmp_path, timeout=1)


def test_indented_examples_are_found_and_their_blocks_read_without_the_indent():
    text = "1. Q\n\n    ```python title=\"a.py\"\n    if True:\n        print(1)\n    ```\n\n" \
           "    ```text title=\"Output\"\n    1\n    ```\n"
    (example,) = examples_of(text, "t/p.en.md")
    assert example.code.body == "if True:\n    print(1)\n" and example.output.body == "1\n"
    assert ex.with_output(text, example, "2\n").endswith("    ```text title=\"Output\"\n    2\n    ```\n")


@pytest.mark.parametrize("text, message", [
    (PAGE.format(output="9").replace("输出", "Output"), "the output block of square.py is titled 'Output'; on a zh page it is '输出'"),
    ('```text title="输出"\n9\n```\n', "an output block ('输出') that does not follow"),
    (PAGE.format(output="9").replace('title="square.py"', 'title="square"'), "does not follow"),
])
def test_misplaced_or_mistitled_output_blocks_are_errors(text, message):
    with pytest.raises(ex.ExampleError, match=re.escape(message)):
        examples_of(text)


def test_blocks_that_are_not_examples_are_left_alone():
    text = '```python\nprint(1)\n```\n\n```text\n1\n```\n\n```python title="x.py"\nprint(2)\n```\n'
    assert examples_of(text) == []


def test_comments_and_blank_lines_are_all_that_may_differ_between_twins():
    zh = 'x = 1  # 一\n\n# 打印\nprint("#", x)\n'
    en = 'x = 1  # one\nprint("#", x)  # print it\n'
    assert ex.code_without_comments(zh) == ex.code_without_comments(en)
    assert ex.code_without_comments('print("#", x)') != ex.code_without_comments('print("", x)')


def test_the_update_command_rewrites_outputs_and_then_the_check_passes(tmp_path, site):
    docs = tmp_path / "docs"
    page = docs / "t" / "p.zh.md"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE.format(output="8"), encoding="utf-8")

    def script(*args):
        return subprocess.run([sys.executable, str(SCRIPT), "--docs", str(docs), *args], capture_output=True,
                              text=True, timeout=120)

    checked = script("--data", str(site / "data"))
    assert checked.returncode == 1 and "+9" in checked.stderr, checked.stderr
    assert script("--data", str(site / "data"), "--update").returncode == 0
    assert page.read_text(encoding="utf-8") == PAGE.format(output="9")
    again = script()  # data downloads made from data/vendors.yml
    assert again.returncode == 0 and "1 example(s) in 1 page(s): 0 problem(s)" in again.stdout, again.stderr
