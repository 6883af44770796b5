"""The build as a whole (aiguide/build.py): its state is reset when it starts, and once every language is
on disk the site-wide steps run from one ordered list (aiguide.build.STEPS). This is the only hook with
site-wide post-build work, at a priority no other handler shares, so the order of `hooks:` in mkdocs.yml
does not matter (tests/test_hooks_order.py builds the site with the hooks reversed)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aiguide import build
from aiguide.languages import UnknownLanguage
from aiguide.material_compat import PatchError
from aiguide.pricing.load import DataError
from aiguide.search_index import SearchIndexError


def on_startup(command, dirty):
    build.STATE.serving = command == "serve"


@event_priority(100)  # before the other hooks' on_config
def on_config(config):
    try:
        build.start(config)
    except (DataError, UnknownLanguage) as exc:  # the languages or their labels (aiguide/languages.py)
        raise PluginError(str(exc)) from None
    return config


@event_priority(-1000)  # last: after static-i18n (-100) has built every other language
def on_post_build(config):
    if build.nested(config):
        return
    for _name, step in build.STEPS:
        try:
            step(config)
        except (DataError, PatchError, SearchIndexError) as exc:
            raise PluginError(str(exc)) from None
