"""User-visible strings of generated content, kept as key → (one text per language, in the order of
aiguide/languages.py) beside the code that uses them."""

from __future__ import annotations

from typing import Callable, Mapping

from aiguide import languages

Labels = Mapping[str, tuple[str, str]]


def translator(*tables: Labels) -> Callable[..., str]:
    """`t(key, lang, **values)`: the label in the page's language, `{placeholders}` filled in
    (values must already be HTML). The first table that has the key wins."""

    merged: dict[str, tuple[str, str]] = {}
    for table in reversed(tables):  # earlier tables overwrite later ones
        merged.update(table)

    def t(key: str, lang: str, **values: object) -> str:
        pair = merged.get(key)
        if pair is None:
            raise KeyError(f"no label {key!r}")
        text = pair[languages.index(lang)]
        return text.format(**values) if values else text

    return t
