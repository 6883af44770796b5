"""`<!-- md:diagram NAME -->`: an inline, accessible SVG diagram in the page's language.

Each diagram's geometry exists once, in data/diagrams/NAME.svg, with `{{key}}` placeholders; the
labels of both languages sit side by side in data/diagrams/labels.yml. The SVG is inlined (not an
<img>) so that its text follows the site's colour palette through CSS (extra.css, "Diagrams"), and
it carries role="img", a <title> and a <desc> as its text alternative.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from aiguide import datafile, languages
from aiguide.shortcodes import Context

REQUIRED = ("title", "desc", "caption")  # keys every diagram has besides its placeholders
PLACEHOLDER = re.compile(r"\{\{([a-z0-9-]+)\}\}")
MAX_BYTES = 8 * 1024  # budget of one inline SVG (it is repeated in every page that shows it)


@dataclass(frozen=True)
class Diagram:
    name: str
    template: str  # the SVG, comments and layout whitespace removed, still with {{key}} placeholders
    labels: dict[str, dict[str, str]]  # key -> lang -> text


def _fail(path: Path, entry: str, expected: str, found: str, lines: dict | None = None) -> ValueError:
    # `found` is already worded for the reader (callers repr() raw values). The data files' one message
    # format (aiguide/datafile.py), with the line of the entry where the labels file has it.
    keys = tuple(entry.split(".")) if entry != "(root)" and entry != "(top level)" else ()
    line = datafile.line_of(keys, lines) if lines else None
    return datafile.DataError(datafile.message([(datafile.display(path), line, keys, "", expected, found)]))


def _minify(svg: str) -> str:
    # Comments would be noise in every page; whitespace between tags is layout only. The output
    # must hold no blank line either, or Markdown would end the raw-HTML block early.
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r">\s+<", "><", svg.strip())
    return re.sub(r"\s+", " ", svg)


def _check_labels(path: Path, name: str, entry: object, lines: dict) -> dict[str, dict[str, str]]:
    if not isinstance(entry, dict):
        raise _fail(path, name, "a mapping of label keys", type(entry).__name__, lines)
    codes = languages.codes()
    labels: dict[str, dict[str, str]] = {}
    for key, texts in entry.items():
        where = f"{name}.{key}"
        if not isinstance(texts, dict) or set(texts) != set(codes):
            found = sorted(texts) if isinstance(texts, dict) else texts
            raise _fail(path, where, f"exactly the languages {list(codes)}", repr(found), lines)
        for lang in codes:
            text = texts[lang]
            if not isinstance(text, str) or not text.strip():
                raise _fail(path, f"{where}.{lang}", "a non-empty string", repr(text), lines)
        labels[str(key)] = {lang: " ".join(texts[lang].split()) for lang in codes}
    missing = [key for key in REQUIRED if key not in labels]
    if missing:
        raise _fail(path, name, f"the keys {list(REQUIRED)}", f"{sorted(labels)} (missing {missing})", lines)
    return labels


def _load(folder: Path) -> dict[str, Diagram]:
    """Every diagram of `folder`, validated."""
    labels_file = folder / "labels.yml"
    table, lines = datafile.read(labels_file, datafile.display(labels_file))
    if not isinstance(table, dict):
        raise _fail(labels_file, "(top level)", "a mapping of diagram names", type(table).__name__, lines)
    diagrams: dict[str, Diagram] = {}
    for name, entry in table.items():
        svg_file = folder / f"{name}.svg"
        if not svg_file.is_file():
            raise _fail(labels_file, name, f"a drawing {svg_file.name} beside it", "no such file", lines)
        template = _minify(svg_file.read_text(encoding="utf-8"))
        labels = _check_labels(labels_file, name, entry, lines)
        used = set(PLACEHOLDER.findall(template)) - {"id"}
        unknown = sorted(used - set(labels))
        unused = sorted(set(labels) - used - set(REQUIRED))
        if unknown:
            raise _fail(labels_file, name, f"labels for every placeholder of {svg_file.name}", f"none for {unknown}",
                        lines)
        if unused:
            raise _fail(labels_file, name, f"only labels that {svg_file.name} uses", f"unused {unused}", lines)
        if not template.startswith("<svg ") or not template.endswith("</svg>"):
            raise _fail(svg_file, "(root)", "one <svg …>…</svg> element", repr(template[:40] + "…"))
        diagrams[str(name)] = Diagram(str(name), template, labels)
    return diagrams


def load(root: Path) -> dict[str, Diagram]:
    """Every diagram of the project at `root` (data/diagrams/), read again only when a file there (or the set
    of languages its labels are checked against) changes: once per build, yet `mkdocs serve` sees edits."""
    folder = root / "data" / "diagrams"
    files = sorted(folder.glob("*.*"))
    return datafile.cached(languages.keyed(f"diagrams:{folder}"), files, lambda: _load(folder))


def _element_id(ctx: Context, name: str) -> str:
    """Ids are unique in a page even if one diagram is shown twice (counted on the page's Context)."""
    key = f"diagram:{name}"
    ctx.ids[key] += 1
    seen = ctx.ids[key]
    return f"aiguide-dgm-{name}" + (f"-{seen}" if seen > 1 else "")


def render(diagram: Diagram, lang: str, element_id: str) -> str:
    """The <figure> with the inline SVG and its caption, in `lang`."""
    text = {key: html.escape(texts[lang], quote=True) for key, texts in diagram.labels.items()}
    text["id"] = element_id
    svg = PLACEHOLDER.sub(lambda m: text[m.group(1)], diagram.template)
    head = (
        f'<svg role="img" aria-labelledby="{element_id}-title {element_id}-desc" lang="{lang}" '
        f'class="aiguide-dgm aiguide-dgm--{diagram.name}" '
    )
    svg = head + svg[len("<svg "):]
    svg = svg.replace(">", f'><title id="{element_id}-title">{text["title"]}</title>'
                           f'<desc id="{element_id}-desc">{text["desc"]}</desc>', 1)
    size = len(svg.encode("utf-8"))
    if size > MAX_BYTES:
        raise ValueError(f"data/diagrams/{diagram.name}.svg: expected at most {MAX_BYTES} bytes inline ({lang}), found {size}")
    return f'<figure class="aiguide-diagram">{svg}<figcaption>{text["caption"]}</figcaption></figure>'


def diagram(args: list[str], ctx: Context) -> str:
    """Marker handler: `<!-- md:diagram NAME -->`."""
    diagrams = load(ctx.root)
    known = ", ".join(sorted(diagrams))
    if len(args) != 1:
        raise ValueError(f"expected one diagram name ({known}), found {args!r}")
    name = args[0]
    if name not in diagrams:
        raise ValueError(f"unknown diagram {name!r} (known: {known})")
    languages.language(ctx.lang)  # an unknown language is an error
    return render(diagrams[name], ctx.lang, _element_id(ctx, name))
