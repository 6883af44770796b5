"""Handlers of `<!-- md:calculator -->` and `<!-- md:price-chart -->`, registered by hooks/markers.py.

Import-light like handlers.py: the renderers (and pydantic) load on the first marker. Like the
tables, their HTML goes into the page after Markdown (state.place): the calculator's fallback table
and the chart's SVG are about 60 KB each, which Markdown and the glossary pass would otherwise re-read.
"""

from __future__ import annotations

from typing import Callable

from aiguide.shortcodes import Context

from .handlers import _args, page_dir


def _calculator(args: list[str], ctx: Context) -> str:
    from . import calculator, state

    _args(args, 0, "no arguments")
    return state.place(calculator.calculator(state.data(), ctx.lang, today=state.today(), page_dir=page_dir(ctx)))


def _chart(args: list[str], ctx: Context) -> str:
    from . import chart, state

    _args(args, 0, "no arguments")
    return state.place(chart.price_chart(state.data(), ctx.lang, today=state.today()))


HANDLERS: dict[str, Callable[[list[str], Context], str]] = {
    "calculator": _calculator,
    "price-chart": _chart,
}
