"""Formulas typeset at build time: LaTeX in the pages becomes MathML that the browser renders itself.

pymdownx.arithmatex (generic mode, mkdocs.yml) finds `$…$` and `$$…$$` in the Markdown and leaves
`<span class="arithmatex">\\(…\\)</span>` and `<div class="arithmatex">\\[…\\]</div>` in the HTML.
Arithmatex has no formatter option for those two syntaxes (only for fenced blocks), so this module
replaces them in the page's HTML (hooks/math_hook.py): no KaTeX or MathJax script, no font, no request.

- Every `<math>` carries its LaTeX source as `alttext` (its accessible text), inside the element
  arithmatex made (`span.arithmatex` inline; for a block, `display="block"` in a `div.arithmatex`
  that scrolls sideways on a narrow screen: Material's CSS and extra.css).
- Formulas are not indexed for search (`data-pagefind-ignore` on the wrapper): their text would reach
  Pagefind as glued symbols ("ezi∑jezj"), which no reader types; the prose around them is indexed.
- A formula latex2mathml cannot read, with unbalanced braces or with a command it does not know
  (it would print `\\foo` as a variable) is a MathError naming the formula and what is wrong.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from latex2mathml import exceptions as l2m_errors
from latex2mathml.converter import convert_to_element

INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)
UNINDEXED = "data-pagefind-ignore"  # = aiguide.search_index.UNINDEXED (not imported: that module is heavier)

# latex2mathml writes characters as numeric references inside its element text ("&#x02211;") and
# then serialises without escaping the rest, so `\text{a<b}` would come out as a real `<b>` tag.
# The references are decoded here and every text and attribute escaped once, by `_serialise`.
_CHAR_REF = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
# Every error latex2mathml defines (NoAvailableTokensError, ExtraLeftOrMissingRightError, …).
L2M_ERRORS = tuple(v for v in vars(l2m_errors).values() if isinstance(v, type) and issubclass(v, Exception))
_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")  # ExtraLeft|Or|Missing|Right
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.S)
_UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]+")
# Standard LaTeX that latex2mathml does not know, written with what it does know (TeX's \arg is an
# upright operator name like \log; "\arg\max_x" is common in the chapters).
_MISSING_COMMANDS = {re.compile(r"\\arg(?![A-Za-z])"): r"\\operatorname{arg}"}

# Elements whose children form a row (a thin space may go between them), and what opens a bracket.
_ROWS = {"math", "mrow", "mtd", "mstyle", "msqrt", "mpadded", "mphantom", "menclose"}
_OPENING = {"(", "[", "{", "|", "\u2016", "\u27e8"}
_LIMIT_OPERATORS = {"max", "min", "lim", "sup", "inf", "liminf", "limsup", "det", "gcd", "Pr"}

# Dollars arithmatex did not take: `$$` without blank lines around it, or `$$x$$` inside a sentence
# (read as `$` + an inline formula + `$`). Code is left out: `$$` is fine in a code block.
_CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.S)
_STRAY_DOLLARS = re.compile(r"\$\$|\$(?=<span class=\"arithmatex\")|(?<=</math></span>)\$")
_TAG = re.compile(r"<[^>]*>")
_CUT_TAG = re.compile(r"^[^<>]*>|<[^<>]*$")  # a tag cut in half at either end of a window


class MathError(ValueError):
    """A formula that cannot be typeset; the message shows the formula and the reason."""


def _decode(text: str) -> str:
    def char(match: re.Match) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16) if code[0] == "x" else int(code))

    return _CHAR_REF.sub(char, text)


def _serialise(el: ET.Element, out: list[str]) -> None:
    attrs = "".join(f' {k}="{html.escape(_decode(v), quote=True)}"' for k, v in el.attrib.items())
    out.append(f"<{el.tag}{attrs}>")
    if el.text:
        out.append(html.escape(_decode(el.text), quote=False))
    for child in el:
        _serialise(child, out)
        if child.tail:
            out.append(html.escape(_decode(child.tail), quote=False))
    out.append(f"</{el.tag}>")  # never `<mo/>`: HTML parsers read MathML end tags, not every tool reads `/>`


def _function_name(el: ET.Element) -> bool:
    """`\\log`, `\\exp`, `\\tanh` … (latex2mathml writes them as one multi-letter <mi>), also with limits."""
    if el.tag in ("msub", "msup", "msubsup") and len(el):
        el = el[0]
    return el.tag == "mi" and el.text is not None and len(el.text) > 1 and el.text.isalpha()


def _space_function_names(root: ET.Element) -> None:
    """A thin space after a function name, as TeX sets it ("log σ", not "logσ"); MathML Core adds none to
    an <mi>, and latex2mathml writes none. Not before an opening bracket: TeX sets "log(x)" tight."""
    for parent in list(root.iter()):
        if parent.tag not in _ROWS:  # in <msub>, <mfrac> … each child has its place: nothing goes between
            continue
        children = list(parent)
        for i in range(len(children) - 1, -1, -1):
            nxt = children[i + 1] if i + 1 < len(children) else None
            opening = nxt is not None and nxt.tag == "mo" and _decode(nxt.text or "") in _OPENING
            if _function_name(children[i]) and nxt is not None and not opening:
                parent.insert(i + 1, ET.Element("mspace", {"width": "0.1667em"}))


def _limits_below(root: ET.Element) -> None:
    """`\\max_{x}` in a display formula: the limit under the operator, as TeX sets it (latex2mathml writes
    a subscript; it does so for \\sum and \\prod already). movablelimits keeps it a subscript where the
    formula is set small, e.g. inside a fraction."""
    for el in root.iter("msub"):
        base = el[0] if len(el) else None
        if base is not None and base.tag == "mo" and base.text in _LIMIT_OPERATORS:
            el.tag = "munder"
            base.set("movablelimits", "true")


def check_braces(latex: str) -> None:
    depth = 0
    for token in _BRACE_OR_ESCAPE.findall(latex):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                raise MathError("a '}' without its '{'")
    if depth:
        raise MathError(f"{depth} '{{' not closed")


def _reason(exc: Exception) -> str:
    """latex2mathml's errors carry their meaning in the class name (ExtraLeftOrMissingRightError)."""
    name = type(exc).__name__.removesuffix("Error")
    words = _WORDS.sub(" ", name).lower()
    detail = str(exc).strip()
    return f"{words} ({detail})" if detail else words


def to_mathml(latex: str, block: bool) -> str:
    """The MathML for one formula (LaTeX source, without delimiters)."""
    source = latex.strip()
    if not source:
        raise MathError("the formula is empty")
    check_braces(source)
    known = source
    for command, replacement in _MISSING_COMMANDS.items():
        known = command.sub(replacement, known)
    try:
        root = convert_to_element(known, display="block" if block else "inline")
    except L2M_ERRORS as exc:
        raise MathError(_reason(exc)) from None
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as exc:  # malformed input it did not foresee
        raise MathError(f"latex2mathml cannot read it ({type(exc).__name__}: {exc})") from None
    for el in root.iter():
        unknown = _UNKNOWN_COMMAND.match(el.text or "")
        if unknown:
            raise MathError(f"unknown command {unknown.group(0)} (latex2mathml would show it as text)")
    _space_function_names(root)
    if block:
        _limits_below(root)
    root.attrib.pop("xmlns", None)  # implied in HTML
    if not block:
        root.attrib.pop("display", None)  # inline is the default
    root.set("alttext", " ".join(source.split()))
    out: list[str] = []
    _serialise(root, out)
    return "".join(out)


def check_stray_dollars(page_html: str, page: str) -> None:
    if "$" not in page_html:
        return
    text = _CODE.sub("", page_html)
    stray = _STRAY_DOLLARS.search(text)
    if stray:
        window = _CUT_TAG.sub("", text[max(0, stray.start() - 80):stray.end() + 80])
        near = " ".join(html.unescape(_TAG.sub(" ", window)).split())
        raise MathError(f"{page}: '$' signs left in the text near {near!r}: a display formula needs $$ on lines"
                        " of its own, with a blank line before and after; inline formulas are $...$")


def typeset(page_html: str, page: str) -> str:
    """The page's HTML with every arithmatex formula replaced by MathML; MathError names the page."""
    if 'class="arithmatex"' not in page_html:
        check_stray_dollars(page_html, page)
        return page_html

    def convert(match: re.Match, block: bool) -> str:
        latex = html.unescape(match.group(1))
        try:
            mathml = to_mathml(latex, block)
        except MathError as exc:
            shown = " ".join(latex.split())
            raise MathError(f"{page}: formula {'$$' if block else '$'}{shown}{'$$' if block else '$'}: {exc}") from None
        # The HTML wrapper, not <math>, carries the search index's attribute (HTML's data-* are not MathML's).
        if block:  # the wrapper scrolls; a11y.py makes it focusable while it overflows
            return f'<div class="arithmatex" {UNINDEXED}>{mathml}</div>'
        return f'<span class="arithmatex" {UNINDEXED}>{mathml}</span>'

    page_html = INLINE.sub(lambda m: convert(m, False), BLOCK.sub(lambda m: convert(m, True), page_html))
    check_stray_dollars(page_html, page)
    return page_html
