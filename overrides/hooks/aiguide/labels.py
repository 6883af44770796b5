"""User-visible strings of generated content. Each module keeps its table beside the code that uses it,
key → (Chinese, English); a language beyond these two brings its labels in data/translations/CODE.yml,
one mapping per table name (`prices: {model: …}`), checked complete when the build starts."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable, Iterable, Mapping

from aiguide import datafile, languages

COLUMNS = ("zh", "en")  # the languages the tables in the code carry, in this order
Labels = Mapping[str, tuple[str, str]]
_COLUMN = {code: i for i, code in enumerate(COLUMNS)}
TABLES: dict[str, Labels] = {}  # every table, by name: what a translations file must cover
# The modules that define tables (with `translator(...)` at import): `tables()` imports them all, so the check
# does not depend on what happens to be imported.
MODULES = ("aiguide.labels", "aiguide.glossary", "aiguide.pricing.words", "aiguide.pricing.calculator",
           "aiguide.pricing.chart", "aiguide.pricing.changes", "aiguide.pricing.quickstart")


def translations_file(code: str) -> Path:
    from aiguide.build import STATE

    return STATE.data_dir / "translations" / f"{code}.yml"


def _read(path: Path) -> dict[str, dict[str, str]]:
    name = datafile.display(path)
    raw, lines = datafile.read(path, name)
    problems = []
    if not isinstance(raw, dict):
        raw = {}
        problems.append(((), "a mapping of table names to their labels", "something else"))
    for table, texts in raw.items():
        if table not in TABLES:
            problems.append(((table,), f"one of the tables {', '.join(sorted(TABLES))}", f"an unknown table {table!r}"))
        elif not isinstance(texts, dict):
            problems.append(((table,), "a mapping of label keys to texts", datafile.found_text(texts)))
        else:
            for key, text in texts.items():
                if key not in TABLES[table]:
                    problems.append(((table, key), f"a label of the table {table}", f"an unknown label {key!r}"))
                elif not isinstance(text, str) or not text.strip():
                    problems.append(((table, key), "a non-empty text", datafile.found_text(text)))
    if problems:
        raise datafile.DataError(datafile.message([(name, datafile.line_of(path_, lines), path_, "", expected, found)
                                                   for path_, expected, found in problems]))
    return raw


def translations(code: str) -> dict[str, dict[str, str]]:
    """The labels of a language the code's tables do not carry, read once per change of its file."""
    path = translations_file(code)
    return datafile.cached(f"translations:{path}", [path], lambda: _read(path))


def tables() -> dict[str, Labels]:
    """Every label table of the site's generated content, by name."""
    for module in MODULES:
        importlib.import_module(module)
    return TABLES


def check(codes: Iterable[str]) -> None:
    """Every label of every table has a text in each language (one message listing what is missing)."""
    for code in codes:
        if code in COLUMNS:
            continue
        found = translations(code)
        missing = [f"{table}.{key}" for table, labels in tables().items() for key in labels
                   if key not in found.get(table, {})]
        if missing:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            raise datafile.DataError(f"Invalid data file: {datafile.display(translations_file(code))}: expected a "
                                     f"text for every label of generated content in {code!r}; found none for {shown}")


def translator(name: str, *tables: Labels) -> Callable[..., str]:
    """`t(key, lang, **values)`: the label in the page's language, `{placeholders}` filled in (values must
    already be HTML). The first table that has the key wins. `name` is the tables' name in translation files."""
    merged: dict[str, tuple[str, str]] = {}
    for table in reversed(tables):  # earlier tables overwrite later ones
        merged.update(table)
    TABLES[name] = merged  # a hook file runs again on every config load (mkdocs serve): the same name again

    def t(key: str, lang: str, **values: object) -> str:
        pair = merged.get(key)
        if pair is None:
            raise KeyError(f"no label {key!r}")
        column = _COLUMN.get(lang)
        if column is not None:
            text = pair[column]
        else:  # complete: checked when the build started
            text = translations(languages.language(lang).code)[name][key]
        return text.format(**values) if values else text

    return t


# Labels of the theme's own output that the build sets per language: mkdocs.yml sets toc.permalink_title once
# (Markdown extensions are not configured per language; hooks/i18n_links.py), and the palette toggles' names
# (aiguide/languages.py gives each language its palette, by scheme).
site = translator("site", {
    "permalink": ("本节链接", "Link to this section"),
    "palette_default": ("切换到深色模式", "Switch to dark mode"),  # shown in the light scheme
    "palette_slate": ("切换到浅色模式", "Switch to light mode"),
})
