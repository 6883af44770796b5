"""The glossary: data/glossary.yml → validated model → the glossary page (per language).

Each term has an ascii id (its anchor on the glossary page is `term-<id>`), a Chinese and an English
term, optional aliases per language, an optional abbreviation and a one-line definition per language.
The tooltip hook (aiguide.tooltips) marks the same terms in the pages' HTML.
"""

from __future__ import annotations

import functools
import re
from html import escape
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from aiguide import DATA

GLOSSARY_FILE = DATA / "glossary.yml"
LANGS: tuple[str, ...] = ("zh", "en")
Lang = Literal["zh", "en"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class GlossaryError(ValueError):
    """Bad glossary data; the message names the file, the entry path and, where known, the line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _english_term(value: str) -> str:
    if _CJK.search(value):
        raise ValueError(f"expected an English term without Chinese characters, found {value!r}")
    return value


def _one_line(value: str) -> str:
    if not value:
        raise ValueError("expected a non-empty text")
    if "\n" in value:
        raise ValueError("expected one line, found a line break")
    return value


class PerLang(_Strict):
    """A text in both languages (a definition, a topic title)."""

    zh: str
    en: str

    @field_validator("zh", "en")
    @classmethod
    def _single_line(cls, value: str) -> str:
        return _one_line(value)

    @model_validator(mode="after")
    def _languages(self) -> "PerLang":
        if not _CJK.search(self.zh):
            raise ValueError(f"zh: expected Chinese text, found {self.zh!r}")
        if _CJK.search(self.en):
            raise ValueError(f"en: expected English text without Chinese characters, found {self.en!r}")
        return self


class Definition(PerLang):
    """A one-sentence definition: it ends like a sentence in its language."""

    @model_validator(mode="after")
    def _sentences(self) -> "Definition":
        if not self.zh.endswith("。"):
            raise ValueError(f"zh: expected one sentence ending in '。', found {self.zh!r}")
        if not self.en.endswith("."):
            raise ValueError(f"en: expected one sentence ending in '.', found {self.en!r}")
        return self


class Aliases(_Strict):
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @field_validator("zh", "en")
    @classmethod
    def _non_empty(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            _one_line(value)
        return values

    @field_validator("en")
    @classmethod
    def _english(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            _english_term(value)
        return values


class Topic(_Strict):
    id: str = Field(pattern=_ID)
    title: PerLang


class Term(_Strict):
    id: str = Field(pattern=_ID)
    topic: str
    zh: str
    en: str
    abbr: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
    aliases: Aliases = Aliases()
    definition: Definition = Field(alias="def")
    # Languages whose pages get a tooltip on this term: an English word with an everyday meaning
    # ("feature", "label") can be left unmarked in English and still be marked in Chinese.
    tooltips: tuple[Lang, ...] = LANGS

    @field_validator("zh", "en")
    @classmethod
    def _single_line(cls, value: str) -> str:
        return _one_line(value)

    @field_validator("en")
    @classmethod
    def _english(cls, value: str) -> str:
        return _english_term(value)

    def term(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def other(self, lang: str) -> str:
        return self.en if lang == "zh" else self.zh

    def forms(self, lang: str) -> list[str]:
        """Every spelling that names this term in a page of `lang`: term, aliases, abbreviation."""
        forms = [self.term(lang), *getattr(self.aliases, lang)]
        if self.abbr:
            forms.append(self.abbr)
        return list(dict.fromkeys(forms))  # keep order, drop repeats within one entry


class Glossary(_Strict):
    topics: tuple[Topic, ...]
    terms: tuple[Term, ...] = Field(min_length=1)

    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}


# --- loading -----------------------------------------------------------------------------------------

def form_key(form: str) -> str:
    """Spellings that the tooltips cannot tell apart count as one: case ("Token" / "token") and the
    joint between words ("fine-tuning" / "fine tuning" / "fine–tuning")."""
    return " ".join(re.sub(r"[-\u2010-\u2014]", " ", form.casefold()).split())


def _node_line(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line (1-based) of the YAML node at `loc` (keys and indexes), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _path(loc: tuple) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _entry_label(raw: object, loc: tuple) -> str:
    # "terms[12] (id 'rnn')": the id helps to find an entry in a long file.
    if len(loc) >= 2 and loc[0] == "terms" and isinstance(loc[1], int) and isinstance(raw, dict):
        terms = raw.get("terms")
        if isinstance(terms, list) and loc[1] < len(terms) and isinstance(terms[loc[1]], dict):
            term_id = terms[loc[1]].get("id")
            if term_id is not None:
                return f" (id {term_id!r})"
    return ""


def _where(source: str, root: yaml.Node | None, raw: object, loc: tuple) -> str:
    line = _node_line(root, loc)
    return f"{source}{f':{line}' if line else ''}: {_path(loc) or '(top level)'}{_entry_label(raw, loc)}"


def _cross_checks(glossary: Glossary) -> list[tuple[tuple, str]]:
    """Checks across entries: unique ids, known topics, and no spelling that names two terms."""
    problems: list[tuple[tuple, str]] = []
    topic_ids = [topic.id for topic in glossary.topics]
    for i, topic in enumerate(glossary.topics):
        if topic_ids.index(topic.id) != i:
            problems.append((("topics", i, "id"), f"duplicate topic id {topic.id!r} (first at topics[{topic_ids.index(topic.id)}])"))
    seen_ids: dict[str, int] = {}
    seen_forms: dict[tuple[str, str], tuple[int, str]] = {}
    for i, term in enumerate(glossary.terms):
        if term.id in seen_ids:
            problems.append((("terms", i, "id"), f"duplicate id {term.id!r} (first at terms[{seen_ids[term.id]}])"))
        seen_ids.setdefault(term.id, i)
        if term.topic not in topic_ids:
            problems.append((("terms", i, "topic"), f"expected one of {topic_ids}, found {term.topic!r}"))
        for lang in LANGS:
            for form in term.forms(lang):
                key = (lang, form_key(form))
                if key in seen_forms and seen_forms[key][0] != i:
                    j, other_id = seen_forms[key]
                    problems.append(((
                        "terms", i, lang),
                        f"duplicate {lang} term {form!r}: it already names terms[{j}] (id {other_id!r})",
                    ))
                seen_forms.setdefault(key, (i, term.id))
    return problems


def parse_glossary(text: str, source: str = "data/glossary.yml") -> Glossary:
    """Validate glossary YAML text; any problem → GlossaryError naming `source`, entry path and line."""
    # Parse once: the node tree gives line numbers for messages, the data comes from the same nodes.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        raw = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{source}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(raw, dict):
        raise GlossaryError(f"{source}: expected a mapping with 'topics' and 'terms', found {type(raw).__name__}")
    try:
        glossary = Glossary.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            found = "" if err["type"] == "missing" else f" (found {err['input']!r})"
            msg = err["msg"].removeprefix("Value error, ")
            lines.append(f"{_where(source, root, raw, loc)}: {msg}{found}")
        raise GlossaryError("invalid glossary data:\n  " + "\n  ".join(lines)) from None
    problems = _cross_checks(glossary)
    if problems:
        lines = [f"{_where(source, root, raw, loc)}: {msg}" for loc, msg in problems]
        raise GlossaryError("invalid glossary data:\n  " + "\n  ".join(lines))
    return glossary


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> Glossary:
    file = Path(path)
    try:
        source = file.relative_to(DATA.parent).as_posix()
    except ValueError:
        source = str(file)
    return parse_glossary(file.read_text(encoding="utf-8"), source)


def load_glossary(path: Path | None = None) -> Glossary:
    """The validated glossary, read again only when the file changes (mkdocs serve)."""
    path = path or GLOSSARY_FILE
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise GlossaryError(f"{path}: the glossary file is missing") from None
    return _load_cached(str(path), mtime)


# --- the glossary page -------------------------------------------------------------------------------

_LABELS = {
    "zh": {"term": "术语", "def": "释义", "aka": "又称：", "sep": "、", "abbr": "（{}）"},
    "en": {"term": "Term", "def": "Definition", "aka": "Also: ", "sep": ", ", "abbr": " ({})"},
}


def _row(term: Term, lang: str) -> str:
    # Two columns read well on a phone too: the term (page language, abbreviation, the other
    # language's term, other spellings) and its definition.
    other = "en" if lang == "zh" else "zh"
    labels = _LABELS[lang]
    abbr = labels["abbr"].format(escape(term.abbr)) if term.abbr and term.abbr != term.term(lang) else ""
    other_term = f'<br><span lang="{other}">{escape(term.other(lang))}</span>' if term.other(lang) != term.term(lang) else ""
    aliases = [a for a in getattr(term.aliases, lang) if a not in (term.abbr, term.term(lang))]
    aka = f'<br><small>{labels["aka"]}{escape(labels["sep"].join(aliases))}</small>' if aliases else ""
    return (
        f'<tr id="term-{term.id}">'
        f"<td><strong>{escape(term.term(lang))}</strong>{abbr}{other_term}{aka}</td>"
        f"<td>{escape(getattr(term.definition, lang))}</td>"
        "</tr>"
    )


def render_glossary(glossary: Glossary, lang: str) -> str:
    """The glossary page body for `lang`: per topic, a Markdown heading (id `topic-<id>`, the same in
    both languages) and a table listing, for each term, both languages' terms, the abbreviation, other
    spellings and the definition in `lang`. Each row's id is `term-<id>`."""
    if lang not in LANGS:
        raise ValueError(f"expected a language in {LANGS}, found {lang!r}")
    labels = _LABELS[lang]
    head = f'<thead><tr><th scope="col">{labels["term"]}</th><th scope="col">{labels["def"]}</th></tr></thead>'
    parts = []
    for topic in glossary.topics:
        terms = [term for term in glossary.terms if term.topic == topic.id]
        if not terms:
            continue
        rows = "".join(_row(term, lang) for term in terms)
        parts.append(f"## {getattr(topic.title, lang)} {{#topic-{topic.id}}}\n\n"
                     f'<div class="aiguide-glossary"><table>{head}<tbody>{rows}</tbody></table></div>\n')
    return "\n" + "\n".join(parts) + "\n"


def glossary_marker(args: list[str], ctx) -> str:
    """`<!-- md:glossary -->`: the whole glossary for the page's language."""
    if args:
        raise ValueError(f"md:glossary takes no arguments, found {args}")
    return render_glossary(load_glossary(), ctx.lang)
