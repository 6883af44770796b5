"""The pricing markers' handlers, `handler(args, ctx) -> html`, registered by hooks/markers.py.

markers.py imports this module at startup, so it imports nothing heavy: pydantic and the renderers
load on the first marker (the pricing hook's on_config has normally loaded them already).
A ValueError here becomes a build error naming the page and the marker (aiguide.shortcodes).
"""

from __future__ import annotations

import posixpath
from typing import Callable

from aiguide import languages
from aiguide.shortcodes import Context


def page_dir(ctx: Context) -> str:
    """The site-relative directory URL of the page: 'vendors/compare.en.md' → 'en/vendors/compare/'."""
    stem = ctx.page.rsplit(".", 2)[0] if ctx.page.count(".") >= 2 else ctx.page.rsplit(".", 1)[0]
    folder, name = posixpath.split(stem)
    path = folder if name == "index" else posixpath.join(folder, name)
    prefix = languages.language(ctx.lang).prefix
    return prefix + (path + "/" if path else "")


def _args(args: list[str], count: int, usage: str) -> list[str]:
    if len(args) != count:
        raise ValueError(f"expected {usage}, found {len(args)} argument(s): {' '.join(args) or 'none'}")
    return args


def _per_vendor(name: str, needs_today: bool) -> Callable[[list[str], Context], str]:
    def handler(args: list[str], ctx: Context) -> str:
        from . import render, state

        (vendor_id,) = _args(args, 1, "one platform id, e.g. <!-- md:" + name + " qianfan -->")
        fn = getattr(render, name.replace("-", "_"))
        extra = {"today": state.today()} if needs_today else {}
        return state.place(fn(state.data(), vendor_id, ctx.lang, **extra))

    return handler


def _overview(args: list[str], ctx: Context) -> str:
    from . import render, state

    _args(args, 0, "no arguments")
    return state.place(render.vendor_overview(state.data(), ctx.lang, page_dir=page_dir(ctx)))


def _vendor_list(args: list[str], ctx: Context) -> str:
    from . import render, state

    _args(args, 0, "no arguments")
    return state.place(render.vendor_list(state.data(), ctx.lang, page_dir=page_dir(ctx)))


def _comparison(args: list[str], ctx: Context) -> str:
    from . import render, state

    _args(args, 0, "no arguments")
    return state.place(render.price_comparison(state.data(), ctx.lang, today=state.today(), page_dir=page_dir(ctx)))


def _downloads(args: list[str], ctx: Context) -> str:
    from . import render, state

    _args(args, 0, "no arguments")
    return state.place(render.downloads(state.data(), ctx.lang, page_dir=page_dir(ctx)))


def _sources(args: list[str], ctx: Context) -> str:
    from . import render, state

    _args(args, 0, "no arguments")
    return state.place(render.sources(state.data(), ctx.lang))


def _changes(args: list[str], ctx: Context) -> str:
    from . import changes, state

    _args(args, 0, "no arguments")
    return state.place(changes.page(state.data(), ctx.lang, page_dir=page_dir(ctx)))


HANDLERS: dict[str, Callable[[list[str], Context], str]] = {
    "vendor-overview": _overview,
    "vendor-list": _vendor_list,
    "vendor-facts": _per_vendor("vendor-facts", needs_today=False),
    "prices": _per_vendor("prices", needs_today=True),
    "billing": _per_vendor("billing", needs_today=True),
    "free-quota": _per_vendor("free-quota", needs_today=True),
    "token-ratio": _per_vendor("token-ratio", needs_today=True),
    "price-history": _per_vendor("price-history", needs_today=True),
    "price-comparison": _comparison,
    "downloads": _downloads,
    "sources": _sources,
    "price-changes": _changes,
}
