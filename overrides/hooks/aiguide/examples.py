"""The pages' runnable examples: found in the Markdown, run, compared with the output the page shows.

An example is a ```python block whose title ends in `.py`, followed (after a blank line) by a ```text
block titled 输出 (zh pages) or Output (en pages) that holds what the code prints:

    ```python title="attention.py"
    print(1 + 1)
    ```

    ```text title="Output"
    2
    ```

The code runs with the site's data downloads folder (`data/`: vendors.json, prices.csv) as working
directory, so an example that prices something reads the site's own figures. Used by
tests/test_examples.py (every example, both languages) and scripts/examples.py (`--update` rewrites
the output blocks from a fresh run). Not a build hook: the site does not run code when it builds.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import subprocess
import sys
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

OUTPUT_TITLES = {"zh": "输出", "en": "Output"}
TIMEOUT = 20  # seconds per example

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)(?P<attrs>[^\n`]*)$", re.M)
_TITLE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")


class ExampleError(ValueError):
    """An example that cannot be checked or run; the message names the page and the example."""


@dataclass(frozen=True)
class Block:
    lang: str  # the fence's language: "python", "text", …
    title: str | None
    body: str  # the content, indentation removed, ending in "\n" (or "" when empty)
    line: int  # 1-based line of the opening fence
    start: int  # offsets in the Markdown of the body: text[start:end] is the body as written
    end: int
    indent: str


@dataclass(frozen=True)
class Example:
    page: str  # the Markdown file, relative to docs/, e.g. "neural-networks/transformer.zh.md"
    title: str  # "attention.py"
    code: Block
    output: Block

    @property
    def name(self) -> str:
        return f"{self.page}:{self.code.line} {self.title}"


def page_language(page: str) -> str:
    """'llm/training.zh.md' → 'zh'."""
    parts = page.rsplit(".", 2)
    if len(parts) != 3 or parts[1] not in OUTPUT_TITLES:
        raise ExampleError(f"{page}: expected a page named NAME.zh.md or NAME.en.md")
    return parts[1]


def blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order (nested fences are content)."""
    found: list[Block] = []
    pos = 0
    while True:
        opening = _FENCE.search(text, pos)
        if opening is None:
            return found
        indent, fence = opening.group("indent"), opening.group("fence")
        closing = re.compile(rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        start = opening.end() + 1
        close = closing.search(text, start)
        end = close.start() if close else len(text)
        lines = text[start:end].splitlines(keepends=True)
        body = "".join(line[len(indent):] if line.startswith(indent) else line.lstrip(" \t") for line in lines)
        title = _TITLE.search(opening.group("attrs"))
        found.append(Block(lang=opening.group("lang"), title=title and (title.group(1) or title.group(2)),
                           body=body, line=text.count("\n", 0, opening.start()) + 1, start=start, end=end,
                           indent=indent))
        pos = close.end() if close else len(text)


def _between_is_blank(text: str, a: Block, b: Block) -> bool:
    closing_line_end = text.find("\n", a.end)
    opening_line_start = text.rfind("\n", 0, b.start - 1)
    return closing_line_end != -1 and text[closing_line_end:opening_line_start + 1].strip() == ""


def extract(text: str, page: str) -> list[Example]:
    """Every example of one page; an output block in the wrong place or language is an ExampleError."""
    lang = page_language(page)
    want = OUTPUT_TITLES[lang]
    found = blocks(text)
    examples: list[Example] = []
    for i, block in enumerate(found):
        is_output = block.lang == "text" and block.title in OUTPUT_TITLES.values()
        previous = found[i - 1] if i else None
        follows_code = (previous is not None and previous.lang == "python" and (previous.title or "").endswith(".py")
                        and _between_is_blank(text, previous, block))
        if is_output and not follows_code:
            raise ExampleError(f"{page}, line {block.line}: an output block ({block.title!r}) that does not follow a"
                               " ```python title=\"NAME.py\"``` block (one blank line between them)")
        if is_output and block.title != want:
            raise ExampleError(f"{page}, line {block.line}: the output block of {previous.title} is titled"
                               f" {block.title!r}; on a {lang} page it is {want!r}")
        if is_output:
            examples.append(Example(page=page, title=previous.title, code=previous, output=block))
    return examples


def run(example: Example, data_dir: Path, timeout: float = TIMEOUT) -> str:
    """What the example prints, run as its own file with data_dir as working directory."""
    with tempfile.TemporaryDirectory(prefix="aiguide-example-") as folder:
        script = Path(folder) / example.title
        script.write_text(example.code.body, encoding="utf-8")
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
        try:
            done = subprocess.run([sys.executable, str(script)], cwd=data_dir, env=env, capture_output=True,
                                  text=True, encoding="utf-8", timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ExampleError(f"{example.name}: still running after {timeout:g} s") from None
    if done.returncode != 0:
        raise ExampleError(f"{example.name}: exited with status {done.returncode}:\n{done.stderr.strip()}")
    return done.stdout


def normalise(output: str) -> str:
    """Output as a page can show it: no trailing spaces (editors drop them), no trailing blank lines."""
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


def mismatch(example: Example, printed: str) -> str | None:
    """None when the run printed what the page shows; else a diff from the page to the run, naming both."""
    expected, actual = normalise(example.output.body), normalise(printed)
    if expected == actual:
        return None
    return "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm="",
                                          fromfile=f"{example.page}, line {example.output.line} (the page)",
                                          tofile=f"{example.title} (a fresh run)"))


def code_without_comments(code: str) -> str:
    """The code with `#` comments and blank lines removed: what must be the same in both languages."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type != tokenize.COMMENT]
        stripped = tokenize.untokenize(tokens)
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        raise ExampleError(f"cannot read the code: {exc}") from None
    return "\n".join(line.rstrip() for line in stripped.splitlines() if line.strip())


def with_output(text: str, example: Example, output: str) -> str:
    """The Markdown with the example's output block holding `output` (indented like the block)."""
    body = "".join(f"{example.output.indent}{line}\n" if line else "\n" for line in normalise(output).split("\n"))
    return text[:example.output.start] + body + text[example.output.end:]


def markdown_pages(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.md") if p.name.endswith((".zh.md", ".en.md")))


def twin(page: str) -> str:
    """'llm/training.zh.md' → 'llm/training.en.md' (and back)."""
    stem, lang, ext = page.rsplit(".", 2)
    return f"{stem}.{'en' if lang == 'zh' else 'zh'}.{ext}"
