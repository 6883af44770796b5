"""Glossary tooltips: wrap the first occurrence of each glossary term in a page's HTML.

A pure function over the HTML that Python-Markdown produced: `mark_terms(html, lang, glossary)`.
Python-Markdown's `abbr` extension cannot do this for Chinese (it needs word boundaries), so terms are
found by substring in Chinese text and with ascii word boundaries around Latin spellings.

The HTML is read with the standard library's parser, so tags, attribute values, comments and script
bodies are never touched: only text nodes outside code, links, headings, existing <abbr>, SVG,
table headers and generated `aiguide-*` blocks change, and everything else is copied byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from aiguide.glossary import Glossary, Term

# Elements whose text is never marked (the element and everything inside it).
SKIP_TAGS = frozenset({
    "a", "abbr", "acronym", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "iframe", "kbd",
    "label", "math", "noscript", "object", "option", "pre", "samp", "script", "select", "style", "summary",
    "svg", "template", "textarea", "th", "title", "var",
})
# Classes whose blocks are never marked: generated blocks (`aiguide-*`, which also lets an author opt
# a block out with `{.aiguide-no-terms}`), admonition titles (headings in all but name) and maths.
SKIP_CLASS_PREFIX = "aiguide-"
SKIP_CLASSES = frozenset({"admonition-title", "arithmatex", "headerlink", "md-annotation"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def form_pattern(form: str) -> str:
    """Regex for one spelling of a term.

    - Chinese characters match as a substring (Chinese has no spaces between words);
    - a Latin edge needs an ascii word boundary ("API" does not match inside "RAPID");
    - an English spelling may take a plural -s/-es ("tokens", "biases");
    - between Latin words a space or hyphen matches white space or any dash ("reward-model",
      "encoder–decoder"); next to Chinese a space is optional ("Freeze 微调" = "Freeze微调");
    - an all-lowercase spelling matches any case ("Vanishing gradient"); one with a capital letter
      (RNN, LoRA, Transformer, Freeze) matches exactly, so the verb "freeze" is not the Freeze method.
    """
    out = []
    for i, ch in enumerate(form):
        latin_both_sides = 0 < i < len(form) - 1 and form[i - 1].isascii() and form[i + 1].isascii()
        if ch == " " or (ch in _DASHES and latin_both_sides):
            # Between Latin words a space and a hyphen are the same joint ("reward model" =
            # "reward-model", "fine tuning" = "fine-tuning"); next to Chinese a space is optional.
            out.append(rf"(?:\s+|[{_DASHES}])" if latin_both_sides else r"\s*")
        elif ch in _DASHES:
            out.append(f"[{_DASHES}]")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    if form[-1].isascii() and form[-1].isalpha():
        body += "(?:e?s)?"
    if _is_ascii_alnum(form[0]):
        body = r"(?<![A-Za-z0-9])" + body
    if _is_ascii_alnum(form[-1]):
        body += r"(?![A-Za-z0-9])"
    if form == form.lower() and any(ch.isascii() and ch.isalpha() for ch in form):
        body = f"(?i:{body})"
    return body


@dataclass(frozen=True)
class Matcher:
    """Finds glossary terms in text, longest spelling first at each position.

    One alternation of all spellings is slow in Python's `re` (it tries every alternative at every
    position: about 2 s per page), so candidate positions are found first (a Chinese character that
    starts some spelling, or the start of a Latin word), and only the spellings that begin with that
    character are tried there, as one alternation, longest first."""

    first: re.Pattern  # where a spelling can start
    by_first: dict[str, tuple[re.Pattern, tuple[Term, ...]]]  # lowercased first char → (alternation, terms)

    def finditer(self, text: str):
        """(start, end, term) of each non-overlapping match, left to right."""
        pos = 0
        while True:
            hit = self.first.search(text, pos)
            if hit is None:
                return
            start = hit.start()
            pattern, terms = self.by_first[text[start].lower()]
            match = pattern.match(text, start)
            if match:
                yield start, match.end(), terms[int(match.lastgroup[1:])]
                pos = match.end()
            else:
                pos = start + 1


_MATCHERS: dict[tuple[int, str], tuple[Glossary, Matcher]] = {}


def matcher_for(glossary: Glossary, lang: str) -> Matcher:
    """The matcher for every spelling of every term shown in `lang`, longest spelling first, so that
    at any position the longest term wins (卷积神经网络 before 卷积, encoder-decoder before encoder)."""
    key = (id(glossary), lang)
    cached = _MATCHERS.get(key)
    if cached and cached[0] is glossary:
        return cached[1]
    forms = [(form, term) for term in glossary.terms if term.marked_in(lang) for form in term.forms(lang)]
    forms.sort(key=lambda item: -len(item[0]))
    grouped: dict[str, list[tuple[str, Term]]] = {}
    for form, term in forms:
        grouped.setdefault(form[0].lower(), []).append((form, term))
    by_first = {}
    for first, items in grouped.items():
        # Group t<n> is the n-th spelling, so `match.lastgroup` names the term that matched.
        alternation = "|".join(f"(?P<t{n}>{form_pattern(form)})" for n, (form, _) in enumerate(items))
        by_first[first] = (re.compile(alternation), tuple(term for _, term in items))
    latin = "".join(sorted({c for f in by_first if _is_ascii_alnum(f) for c in (f, f.upper())}))
    other = "".join(sorted(f for f in by_first if not _is_ascii_alnum(f)))
    alternatives = []
    if latin:
        alternatives.append(f"(?<![A-Za-z0-9])[{re.escape(latin)}]")
    if other:
        alternatives.append(f"[{re.escape(other)}]")
    matcher = Matcher(re.compile("|".join(alternatives) or "(?!)"), by_first)
    _MATCHERS[key] = (glossary, matcher)
    return matcher


def term_html(term: Term, lang: str, text: str) -> str:
    """The element that carries the tooltip: Material's `content.tooltips` shows the title on hover
    and on keyboard focus (tabindex); `data-term` names the glossary entry (anchor `term-<id>`)."""
    definition = escape(term.definition.of(lang), quote=True)
    return f'<abbr class="aiguide-term" data-term="{term.id}" title="{definition}" tabindex="0">{text}</abbr>'


def _skips(tag: str, attrs: list[tuple[str, str | None]], lang: str) -> bool:
    if tag in SKIP_TAGS:
        return True
    for name, value in attrs:
        if name == "class" and value:
            for cls in value.split():
                if cls.startswith(SKIP_CLASS_PREFIX) or cls in SKIP_CLASSES:
                    return True
        # A passage in the other language (e.g. <span lang="en"> in a Chinese page) keeps its words.
        elif name == "lang" and value and not value.lower().startswith(lang):
            return True
    return False


class _Tokens(HTMLParser):
    """Records where each construct of the document starts, and whether its text may be marked."""

    def __init__(self, html: str, lang: str):
        super().__init__(convert_charrefs=False)
        self.lang = lang
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.starts: list[int] = []  # offset where each construct starts
        self.markable: list[bool] = []  # per construct: a text node outside every skipped element
        self.stack: list[tuple[str, bool]] = []
        self.skip_depth = 0

    def _record(self, markable: bool) -> None:
        line, col = self.getpos()
        self.starts.append(self.line_starts[line - 1] + col)
        self.markable.append(markable)

    def handle_starttag(self, tag, attrs):
        self._record(False)
        if tag in VOID_TAGS:
            return
        skip = _skips(tag, attrs, self.lang)
        self.stack.append((tag, skip))
        self.skip_depth += skip

    def handle_startendtag(self, tag, attrs):
        self._record(False)

    def handle_endtag(self, tag):
        self._record(False)
        if not any(name == tag for name, _ in self.stack):
            return  # a stray end tag: nothing to close
        while self.stack:
            name, skip = self.stack.pop()
            self.skip_depth -= skip
            if name == tag:
                break

    def handle_data(self, data):
        self._record(self.skip_depth == 0)

    # Entities, comments, declarations: copied unchanged.
    def handle_entityref(self, name):
        self._record(False)

    def handle_charref(self, name):
        self._record(False)

    def handle_comment(self, data):
        self._record(False)

    def handle_decl(self, decl):
        self._record(False)

    def handle_pi(self, data):
        self._record(False)

    def unknown_decl(self, data):
        self._record(False)


def mark_terms(html: str, lang: str, glossary: Glossary) -> str:
    """`html` with the first occurrence of each glossary term (in `lang`) wrapped in a tooltip element.

    Text that is not marked, and all markup, is returned unchanged byte for byte."""
    if not html:
        return html
    matcher = matcher_for(glossary, lang)
    tokens = _Tokens(html, lang)
    tokens.feed(html)
    tokens.close()
    seen: set[str] = set()

    def mark(chunk: str) -> str:
        parts, done = [], 0
        for start, end, term in matcher.finditer(chunk):
            if term.id in seen:
                continue  # later occurrences stay plain (and still consume the longest match)
            seen.add(term.id)
            parts += [chunk[done:start], term_html(term, lang, chunk[start:end])]
            done = end
        return "".join(parts) + chunk[done:] if parts else chunk

    out = []
    ends = tokens.starts[1:] + [len(html)]
    if tokens.starts and tokens.starts[0] > 0:
        out.append(html[: tokens.starts[0]])
    for start, end, markable in zip(tokens.starts, ends, tokens.markable):
        chunk = html[start:end]
        out.append(mark(chunk) if markable else chunk)
    return "".join(out)
