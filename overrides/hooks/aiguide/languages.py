"""The site's languages, defined once: their order (the default first, served at the site root), URL prefix,
the `lang` to declare, and the punctuation generated text uses. Every renderer asks here instead of
branching on `lang == "zh"`, and a language not listed is an error, never a silent fall back to English.

Adding a language: an entry here and in mkdocs.yml (plugins → i18n → languages), its column in the label
tables (aiguide/labels.py: one text per language, in this order), a `*.LANG.md` twin of every page, and the
language in the data files' bilingual texts (`Text` in aiguide/pricing/model.py, glossary, diagram labels).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # as static-i18n names it (docs/*.CODE.md)
    prefix: str  # the URL folder of its pages: "" for the default language
    html_lang: str  # for xml:lang / lang attributes of generated documents (feeds)
    list_sep: str  # between items of a list: 、 / ", "
    long_list_sep: str  # between items that may hold commas themselves (source names): 、 / "; "
    clause_sep: str  # between clauses: ； / "; "
    comma: str  # ， / ", "
    paren: str  # a parenthesis around a note: （{}） / " ({})"
    join: str  # between sentences or notes: "" / " "
    wan: bool = False  # round counts are written in 万 (ten thousands): 50 万, not 500,000

    def parenthesized(self, text: str) -> str:
        return self.paren.format(text)


LANGUAGES: tuple[Language, ...] = (
    Language("zh", "", "zh-CN", "、", "、", "；", "，", "（{}）", "", wan=True),
    Language("en", "en/", "en", ", ", "; ", "; ", ", ", " ({})", " "),
)
DEFAULT = LANGUAGES[0].code
_BY_CODE = {lang.code: lang for lang in LANGUAGES}


class UnknownLanguage(ValueError):
    pass


def language(code: str) -> Language:
    """The registry entry of a language code; an unknown code is an error naming the known ones."""
    try:
        return _BY_CODE[code]
    except KeyError:
        known = ", ".join(_BY_CODE)
        raise UnknownLanguage(f"unknown language {code!r} (known: {known}; add it to aiguide/languages.py)") from None


def index(code: str) -> int:
    """The position of a language in the registry: its column in the label tables."""
    return LANGUAGES.index(language(code))


def of_page(page) -> str:
    """The language of an MkDocs page (static-i18n sets `locale` on its file; the default otherwise)."""
    return language(getattr(page.file, "locale", None) or DEFAULT).code


def text(value, code: str) -> str:
    """A bilingual text of the data (an object with one attribute per language) in the language `code`."""
    return getattr(value, language(code).code)
