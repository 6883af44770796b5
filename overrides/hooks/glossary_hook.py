"""Glossary tooltips in every page (both languages): the first occurrence of each glossary term is
wrapped in an element whose title is the definition (see aiguide.tooltips). The glossary page itself
is left alone: it is the list of terms."""

from __future__ import annotations

import time

from mkdocs.exceptions import PluginError

from aiguide import build, languages
from aiguide.datafile import DataError
from aiguide.glossary import load_glossary
from aiguide.tooltips import mark_terms

GLOSSARY_PAGE = "glossary"  # docs/glossary.zh.md and docs/glossary.en.md


def _glossary():
    try:
        return load_glossary()
    except DataError as exc:
        raise PluginError(str(exc)) from None


def _is_glossary_page(src_uri: str) -> bool:
    stem = src_uri.rsplit(".", 2)[0] if src_uri.count(".") >= 2 else src_uri.rsplit(".", 1)[0]
    return stem == GLOSSARY_PAGE


def on_config(config):
    _glossary()  # bad data fails the build before any page is rendered
    return config


def on_page_content(html, page, config, files):
    if _is_glossary_page(page.file.src_uri):
        return html
    lang = languages.of_page(page)
    start = time.process_time()
    marked = mark_terms(html, lang, _glossary())
    build.STATE.glossary[0] += time.process_time() - start  # reported by aiguide.build.report_glossary
    build.STATE.glossary[1] += 1
    return marked
