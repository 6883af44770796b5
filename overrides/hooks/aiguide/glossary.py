"""The glossary: data/glossary.yml → validated model → the glossary page (per language).

Each term has an ascii id (its anchor on the glossary page is `term-<id>`), a Chinese and an English
term, optional aliases per language, an optional abbreviation and a one-line definition per language.
The tooltip hook (aiguide.tooltips) marks the same terms in the pages' HTML.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from aiguide import datafile, languages
from aiguide.datafile import Problem
from aiguide.labels import translator

GLOSSARY = "glossary.yml"  # in the build's data folder

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class GlossaryError(datafile.DataError):
    """Bad glossary data; the message names the file, the entry path and, where known, the line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Texts(_Strict):
    """Texts under language codes: zh and en are fields; a further language of data/languages.yml is held
    under other_languages (aiguide/languages.py), to the rules of every text (one line, not empty)."""

    other_languages: dict[str, str] = Field(default_factory=dict, exclude=True)
    _required = True

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data):
        return languages.split_texts(data, [(f.alias or n) for n, f in cls.model_fields.items()])

    @model_validator(mode="after")
    def _complete(self):
        for code, value in self.other_languages.items():
            for text in (value,) if isinstance(value, str) else value:
                try:
                    _one_line(text)
                except ValueError as exc:
                    raise ValueError(f"{code}: {exc}") from None
        if self._required:
            languages.missing_texts(type(self).model_fields, self.other_languages)
        return self

    def of(self, lang: str):
        """The value in a language (a field, or a further language's)."""
        return languages.text(self, lang)


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


class PerLang(_Texts):
    """A text in every language (a definition, a topic title)."""

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


class Aliases(_Texts):
    other_languages: dict[str, tuple[str, ...]] = Field(default_factory=dict, exclude=True)
    _required = False

    def of(self, lang: str) -> tuple[str, ...]:
        found = getattr(self, lang, None)
        return found if found is not None else self.other_languages.get(languages.language(lang).code, ())
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


def other_language(lang: str) -> str:
    """The language a reader of `lang` most likely also knows, shown beside each term: the default language,
    and on the default language's pages the second language."""
    codes = languages.codes()
    return codes[1] if lang == codes[0] else codes[0]


class Term(_Texts):
    id: str = Field(pattern=_ID)
    topic: str
    zh: str
    en: str
    abbr: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
    aliases: Aliases = Aliases()
    definition: Definition = Field(alias="def")
    # Languages whose pages get a tooltip on this term: an English word with an everyday meaning
    # ("feature", "label") can be left unmarked in English and still be marked in Chinese.
    tooltips: tuple[str, ...] | None = None  # None: every language

    @field_validator("tooltips")
    @classmethod
    def _known(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for code in value or ():
            if code not in languages.codes():
                raise ValueError(f"expected languages of data/{languages.FILE} ({', '.join(languages.codes())}), "
                                 f"found {code!r}")
        return value

    def marked_in(self, lang: str) -> bool:
        """Whether pages of `lang` get a tooltip on this term."""
        return self.tooltips is None or lang in self.tooltips

    @field_validator("zh", "en")
    @classmethod
    def _single_line(cls, value: str) -> str:
        return _one_line(value)

    @field_validator("en")
    @classmethod
    def _english(cls, value: str) -> str:
        return _english_term(value)

    def term(self, lang: str) -> str:
        return self.of(lang)

    def other(self, lang: str) -> str:
        """The term in `other_language(lang)`."""
        return self.of(other_language(lang))

    def forms(self, lang: str) -> list[str]:
        """Every spelling that names this term in a page of `lang`: term, aliases, abbreviation."""
        forms = [self.term(lang), *(self.aliases.of(lang) or ())]
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


def _context(raw: object, loc: tuple) -> str:
    # "terms[12] (rnn)": the id helps to find an entry in a long file.
    if len(loc) >= 2 and loc[0] == "terms" and isinstance(loc[1], int) and isinstance(raw, dict):
        terms = raw.get("terms")
        if isinstance(terms, list) and loc[1] < len(terms) and isinstance(terms[loc[1]], dict):
            term_id = terms[loc[1]].get("id")
            if term_id is not None:
                return f" ({term_id})"
    return ""


def _error(source: str, lines: dict, raw: object, problems: list[Problem]) -> GlossaryError:
    return GlossaryError(datafile.message([(source, datafile.line_of(p.path, lines), p.path, _context(raw, p.path),
                                            p.expected, p.found) for p in problems]))


def _cross_checks(glossary: Glossary) -> list[Problem]:
    """Checks across entries: unique ids, known topics, and no spelling that names two terms."""
    problems: list[Problem] = []
    topic_ids = [topic.id for topic in glossary.topics]
    for i, topic in enumerate(glossary.topics):
        if topic_ids.index(topic.id) != i:
            problems.append(Problem(("topics", i, "id"), "a topic id not used before",
                                    f"{topic.id!r} again (first at topics[{topic_ids.index(topic.id)}])"))
    seen_ids: dict[str, int] = {}
    seen_forms: dict[tuple[str, str], tuple[int, str]] = {}
    for i, term in enumerate(glossary.terms):
        if term.id in seen_ids:
            problems.append(Problem(("terms", i, "id"), "a term id not used before",
                                    f"{term.id!r} again (first at terms[{seen_ids[term.id]}])"))
        seen_ids.setdefault(term.id, i)
        if term.topic not in topic_ids:
            problems.append(Problem(("terms", i, "topic"), f"one of {topic_ids}", repr(term.topic)))
        for lang in languages.codes():
            for form in term.forms(lang):
                key = (lang, form_key(form))
                if key in seen_forms and seen_forms[key][0] != i:
                    j, other_id = seen_forms[key]
                    problems.append(Problem(("terms", i, lang), f"a term ({lang}) that no other entry uses",
                                            f"{form!r}, which already names terms[{j}] ({other_id})"))
                seen_forms.setdefault(key, (i, term.id))
    return problems


def parse_glossary(text: str, source: str = "data/glossary.yml") -> Glossary:
    """Validate glossary YAML text (the data files' one dialect, aiguide/datafile.py); any problem →
    GlossaryError naming `source`, the line, the entry path, what was expected and what was found."""
    try:
        raw, lines, dupes = datafile.parse(text, source)
    except datafile.DataError as exc:
        raise GlossaryError(str(exc)) from None
    if dupes:  # reported at the repeated key's own line
        raise GlossaryError(datafile.message([(source, line, p.path, _context(raw, p.path), p.expected, p.found)
                                              for p, line in dupes]))
    if not isinstance(raw, dict):
        raise GlossaryError(datafile.message([(source, 1, (), "", "a mapping with 'topics' and 'terms'",
                                               datafile.found_text(raw))]))
    try:
        glossary = Glossary.model_validate(raw)
    except ValidationError as exc:
        raise _error(source, lines, raw, datafile.from_pydantic(exc, raw, Glossary)) from None
    problems = _cross_checks(glossary)
    if problems:
        raise _error(source, lines, raw, problems)
    return glossary


def glossary_file() -> Path:
    from aiguide.build import STATE

    return STATE.data_dir / GLOSSARY


def load_glossary(path: Path | None = None) -> Glossary:
    """The validated glossary, read again only when the file (or the set of languages its texts are checked
    against) changes: mkdocs serve sees edits."""
    path = path or glossary_file()

    def make() -> Glossary:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise GlossaryError(f"{datafile.display(path)}: the glossary file is missing") from None
        return parse_glossary(text, datafile.display(path))

    return datafile.cached(languages.keyed(f"glossary:{path}"), [path], make)


# --- the glossary page -------------------------------------------------------------------------------

t = translator("glossary", {"term": ("术语", "Term"), "def": ("释义", "Definition"), "aka": ("又称：", "Also: ")})


def _row(term: Term, lang: str) -> str:
    # Two columns read well on a phone too: the term (page language, abbreviation, the other
    # language's term, other spellings) and its definition.
    other = other_language(lang)
    registry = languages.language(lang)
    abbr = registry.parenthesized(escape(term.abbr)) if term.abbr and term.abbr != term.term(lang) else ""
    other_term = f'<br><span lang="{other}">{escape(term.other(lang))}</span>' if term.other(lang) != term.term(lang) else ""
    aliases = [a for a in term.aliases.of(lang) or () if a not in (term.abbr, term.term(lang))]
    aka = f'<br><small>{t("aka", lang)}{escape(registry.list_sep.join(aliases))}</small>' if aliases else ""
    return (
        f'<tr id="term-{term.id}">'
        f"<td><strong>{escape(term.term(lang))}</strong>{abbr}{other_term}{aka}</td>"
        f"<td>{escape(term.definition.of(lang))}</td>"
        "</tr>"
    )


def render_glossary(glossary: Glossary, lang: str) -> str:
    """The glossary page body for `lang`: per topic, a Markdown heading (id `topic-<id>`, the same in
    both languages) and a table listing, for each term, both languages' terms, the abbreviation, other
    spellings and the definition in `lang`. Each row's id is `term-<id>`."""
    languages.language(lang)  # an unknown language is an error
    head = f'<thead><tr><th scope="col">{t("term", lang)}</th><th scope="col">{t("def", lang)}</th></tr></thead>'
    parts = []
    for topic in glossary.topics:
        terms = [term for term in glossary.terms if term.topic == topic.id]
        if not terms:
            continue
        rows = "".join(_row(term, lang) for term in terms)
        parts.append(f"## {topic.title.of(lang)} {{#topic-{topic.id}}}\n\n"
                     f'<div class="aiguide-glossary"><table>{head}<tbody>{rows}</tbody></table></div>\n')
    return "\n" + "\n".join(parts) + "\n"


def glossary_marker(args: list[str], ctx) -> str:
    """`<!-- md:glossary -->`: the whole glossary for the page's language."""
    if args:
        raise ValueError(f"md:glossary takes no arguments, found {args}")
    return render_glossary(load_glossary(), ctx.lang)
