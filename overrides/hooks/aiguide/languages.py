"""The site's languages, defined once in data/languages.yml: their order (the default first, served at the
site root), URL prefix, the `lang` to declare, and the punctuation generated text uses. Every renderer asks
here instead of branching on `lang == "zh"`, and a language not listed is an error, never a silent fall back
to English. The build checks that mkdocs.yml builds exactly these languages (`configure`).

Adding a language: data/languages.yml says how (CONTRIBUTING.md, "A new language");
tests/test_third_language.py builds a site with a throwaway third language from a fixture.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aiguide import datafile

FILE = "languages.yml"  # in the build's data folder


class Entry(BaseModel):
    """A language as data/languages.yml describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")  # as static-i18n names it (docs/*.CODE.md)
    html_lang: str = Field(min_length=2)
    og_locale: str = Field(pattern=r"^[a-z]{2,3}_[A-Z]{2}$")  # Open Graph's language_TERRITORY
    list_sep: str
    long_list_sep: str
    clause_sep: str
    comma: str
    paren: str = Field(pattern=r"\{\}")
    join: str
    wan: bool = False


class Language(Entry):
    """A language of the registry: its entry, and where its pages are."""

    prefix: str  # the URL folder of its pages: "" for the default language (the first), "CODE/" for the others

    def parenthesized(self, text: str) -> str:
        return self.paren.format(text)


class UnknownLanguage(ValueError):
    pass


def _read(path: Path) -> tuple[Language, ...]:
    name = datafile.display(path)
    raw, lines = datafile.read(path, name)
    problems, entries = [], []
    if not isinstance(raw, list) or not raw:
        problems.append(datafile.Problem((), "a list of languages, the default first", datafile.found_text(raw)))
    else:
        for i, entry in enumerate(raw):
            try:
                entries.append(Entry.model_validate(entry))
            except ValidationError as exc:
                problems += [datafile.Problem((i, *p.path), p.expected, p.found)
                             for p in datafile.from_pydantic(exc, entry, Entry)]
        codes = [e.get("code") for e in raw if isinstance(e, dict)]
        for i, code in enumerate(codes):
            if code in codes[:i]:
                problems.append(datafile.Problem((i, "code"), "each language once", repr(code)))
    if problems:
        raise datafile.DataError(datafile.message([(name, datafile.line_of(p.path, lines), p.path, "", p.expected,
                                                    p.found) for p in problems]))
    return tuple(Language(**e.model_dump(), prefix="" if i == 0 else f"{e.code}/") for i, e in enumerate(entries))


def all() -> tuple[Language, ...]:  # noqa: A001 - reads as languages.all()
    """The registry, the default language first: the build's (read when it started), else the file's."""
    from aiguide.build import STATE

    if STATE.languages is not None:  # renderers ask thousands of times a build: no file check each time
        return STATE.languages
    path = STATE.data_dir / FILE
    return datafile.cached(f"languages:{path}", [path], lambda: _read(path))


def codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in all())


def keyed(name: str) -> str:
    """A cache key (datafile.cached) for data whose texts are checked against the registry: with other
    languages, the same files validate differently."""
    return f"{name}|{','.join(codes())}"


def default() -> str:
    return all()[0].code


def language(code: str) -> Language:
    """The registry entry of a language code; an unknown code is an error naming the known ones."""
    for lang in all():
        if lang.code == code:
            return lang
    known = ", ".join(codes())
    raise UnknownLanguage(f"unknown language {code!r} (known: {known}; add it to data/{FILE})")


def of_page(page) -> str:
    """The language of an MkDocs page (static-i18n sets `locale` on its file; the default otherwise)."""
    return language(getattr(page.file, "locale", None) or default()).code


def text(value, code: str):
    """A text of the data (a model with its texts under language codes) in the language `code`."""
    found = getattr(value, code, None)
    if found is not None:
        return found
    return getattr(value, OTHERS)[language(code).code]


def configure(config) -> None:
    """The languages mkdocs.yml builds (plugins → i18n → languages) must be the registry's, in its order
    (the default first), and each must have every label of generated content (aiguide/labels.py)."""
    from aiguide import labels
    from aiguide.build import STATE

    STATE.languages = None
    STATE.languages = all()
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    default_ = next((lang.locale for lang in i18n.config.languages if lang.default), None)
    known = list(codes())
    only = i18n.config.build_only_locale  # a one-language build for speed: that language is its default
    if built != [c for c in known if c in built] or (default_ != known[0] and not only):
        raise UnknownLanguage(f"mkdocs.yml (plugins → i18n → languages): expected the languages of data/{FILE} "
                              f"in its order, {known[0]!r} the default; found {built} (default {default_!r})")
    labels.check(built)
    palette = config.theme.get("palette")
    for entry in i18n.config.languages:
        if entry.build and palette:
            entry["theme"] = {**(entry.get("theme") or {}), "palette": palette_in(entry.locale, palette)}


def palette_in(code: str, palette: list[dict]) -> list[dict]:
    """mkdocs.yml's palette (theme → palette) with its toggles named in the language `code`: the schemes
    are configured once, their names come from the labels (aiguide/labels.py, "site")."""
    from aiguide.labels import site as t

    out = []
    for scheme in palette:
        toggle = scheme.get("toggle")
        if toggle:
            scheme = {**scheme, "toggle": {**toggle, "name": t(f"palette_{scheme.get('scheme', 'default')}", code)}}
        out.append(scheme)
    return out



# Texts in the data files sit under language codes (`zh:`, `en:`) beside an entry's other fields. The models
# declare zh and en; a further language's texts are moved under OTHERS before validation (so an unknown key
# is still an unknown field) and required after it.
OTHERS = "other_languages"


def split_texts(data, fields):
    """Before validation: the texts of languages the model does not declare, moved under OTHERS."""
    if not isinstance(data, dict):
        return data
    known = codes()
    more = {k: v for k, v in data.items() if k not in fields and k in known}
    if not more:
        return data
    rest = {k: v for k, v in data.items() if k not in more}
    rest[OTHERS] = more
    return rest


def missing_texts(fields, others: dict) -> None:
    """After validation: a language of the registry with no text is an error naming it."""
    for code in codes():
        if code not in fields and code not in others:
            raise ValueError(f"{code}: expected a text in every language of data/{FILE} ({', '.join(codes())}), "
                             "found none")
