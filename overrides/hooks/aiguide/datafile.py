"""The one reader of the site's YAML data files (data/vendors.yml and the platform files, data/glossary.yml,
data/diagrams/labels.yml): one dialect, one map from entry paths to lines, one message format.

The dialect is YAML 1.2 where YAML 1.1 surprises people: `yes`/`no`/`on`/`off` stay text (a glossary term or
`own_training: no` is not a boolean), and dates stay text, so validation (not the YAML parser) judges
`2024-02-30`. A repeated key is an error, not a silently lost value. Every message reads
`Invalid data file: FILE, line N: entry.path (context): expected …; found …`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

Path_ = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Problem:
    path: Path_
    expected: str
    found: str


try:  # libyaml when present: the file is read on every build
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class DataError(ValueError):
    """The data file cannot be used; str() is the whole message, ready to print."""


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


# Copy the resolvers, then drop timestamps and YAML 1.1 booleans (yes/no/on/off).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _construct(loader: yaml.BaseLoader, node: yaml.Node, path: tuple, lines: dict, dupes: list) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, (str, int, float, bool)):  # `? [a, b]: …` and other exotic keys
                raise yaml.MarkedYAMLError(problem="expected a plain key, but found a complex key",
                                           problem_mark=key_node.start_mark)
            if key in out:
                first = lines[(*path, key)]
                dupes.append((Problem((*path, key), f"each key once in a mapping (first at line {first})",
                                      f"{key!r} again"), key_node.start_mark.line + 1))
                continue
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _construct(loader, value_node, (*path, key), lines, dupes)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, i), lines, dupes) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


def parse(text: str, name: str) -> tuple[Any, dict[tuple, int], list[tuple[Problem, int]]]:
    """YAML text → (plain data, line of each entry path, duplicate-key problems with their lines)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        dupes: list[tuple[Problem, int]] = []
        data = None if node is None else _construct(loader, node, (), lines, dupes)
    except yaml.MarkedYAMLError as exc:
        raise DataError(_yaml_message(exc, text, name)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        raise DataError(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, lines, dupes


def read(path, name: str) -> tuple[Any, dict[tuple, int]]:
    """Read and parse a data file: (plain data, line of each entry path). Unreadable text, a YAML error or
    a repeated key → DataError with file, line and entry path."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{name}: the data file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: cannot read the data file: {exc}") from None
    raw, lines, dupes = parse(text, name)
    if dupes:  # a repeated key would silently lose one of the values
        raise DataError(message([(name, line, p.path, "", p.expected, p.found) for p, line in dupes]))
    return raw, lines


def display(path: Path) -> str:
    """A file as messages name it: relative to the project when inside it (data/glossary.yml)."""
    from aiguide import ROOT

    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --- the one cache ------------------------------------------------------------------------------

T = TypeVar("T")
_CACHE: dict[str, tuple[tuple, Any]] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
        return str(path), stat.st_mtime_ns, stat.st_size
    except OSError:
        return str(path), None, None


def cached(key: str, files: Iterable[Path], make: Callable[[], T]) -> T:
    """`make()`'s value, made again only when one of `files` changed (or appeared, or went): every data file
    is read once per build (both languages, every page) and `mkdocs serve` still sees edits. One entry per
    key; a failure is not remembered, so a fixed file is read again."""
    stamp = tuple(_stamp(Path(f)) for f in files)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = make()
    _CACHE[key] = (stamp, value)
    return value


def line_of(path: tuple, lines: dict[tuple, int]) -> int | None:
    """The line of an entry; a missing field takes the line of its nearest entry that exists."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def message(rows: list[tuple[str, int | None, tuple, str, str, str]]) -> str:
    """One message for (file, line, entry path, context, expected, found) rows: one line for one problem."""
    out = []
    for file, line, path, context, expected, found in rows:
        where = f"{file}, line {line}" if line else file
        out.append(f"{where}: {dotted(path)}{context}: expected {expected}; found {found}")
    if len(out) == 1:
        return "Invalid data file: " + out[0]
    return f"Invalid data file ({len(out)} problems):\n" + "\n".join("  " + r for r in out)


# --- pydantic's errors, in the same words -----------------------------------------------------

_SAID = re.compile(r"Value error, (?:(\w+): )?expected (.*?), found (.*)$", re.S)


def found_text(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping of " + (", ".join(map(str, list(value)[:6])) or "nothing")
    if isinstance(value, list):
        text = repr(value)
        return text if len(text) <= 60 else f"a list of {len(value)} items"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…'"


def _model_at(path: tuple, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class an entry path points into (for 'known fields' hints)."""
    cls: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return None
        field = next((f for n, f in cls.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        cls = _unwrap(field.annotation)
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    # list[X], X | None, Annotated[X, …] → X (the first model class found)
    for arg in (get_args(tp) if get_origin(tp) is not None else ()):
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return tp


def _clean_loc(loc: tuple, raw: Any) -> tuple:
    """Pydantic's location minus its own labels (union members, validator names): only real keys."""
    out, node = [], raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, (list, tuple)) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not any(c in part for c in "[](-"):
            out.append(part)  # a missing field: keep its name
            node = None
        # else: a label such as 'tuple[…]' or 'function-after[…]': skip it
    return tuple(out)


_PHRASES = {
    "missing": "a value (the field is required)",
    "float_type": "a number", "float_parsing": "a number", "finite_number": "a finite number",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "string_type": "text", "string_too_short": "non-empty text",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list", "tuple_type": "a list", "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)", "model_attributes_type": "a mapping (key: value lines)",
}


def from_pydantic(exc: ValidationError, raw: Any, root: type[BaseModel], patterns: dict[str, str] | None = None
                  ) -> list[Problem]:
    """Pydantic's errors as Problems (entry path, expected, found), one per entry path. `root` is the model
    validated (for "one of the fields …" hints); `patterns` says in words what each regex pattern means."""
    by_path: dict[tuple, Problem] = {}
    for err in exc.errors(include_url=False):
        path = _clean_loc(err["loc"], raw)
        kind, ctx = err["type"], err.get("ctx") or {}
        if kind == "extra_forbidden":
            model = _model_at(path[:-1], root)
            fields = ", ".join((f.alias or n) for n, f in model.model_fields.items() if not f.exclude) if model else ""
            expected = f"one of the fields {fields}" if fields else "no such field"
            if model and "other_languages" in model.model_fields:  # aiguide/languages.py: texts under codes
                expected += " or a language code of data/languages.yml"
            found = f"an unknown field {path[-1]!r}"
        elif kind == "missing":
            expected, found = f"a value for the required field {path[-1]!r}" if path else _PHRASES[kind], "nothing"
        else:
            if kind == "literal_error":
                options = str(ctx.get("expected"))
                expected = f"one of {options}" if " or " in options else options
            elif kind == "string_pattern_mismatch":
                expected = (patterns or {}).get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
            elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
                bound = next(ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx)
                bound = int(bound) if float(bound).is_integer() else bound
                sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
                expected = f"a number {sign} {bound}"
            elif kind == "too_short":
                expected = f"at least {ctx.get('min_length')} item(s)"
            elif kind in _PHRASES:
                expected = _PHRASES[kind]
            elif kind == "value_error" and (said := _SAID.match(err["msg"])):
                # a validator's own "[field: ]expected X, found Y"
                path = (*path, said.group(1)) if said.group(1) else path
                expected, found = said.group(2), said.group(3)
                by_path.setdefault(path, Problem(path, expected, found))
                continue
            else:  # our own PydanticCustomError: the message is the expectation
                expected = err["msg"].removeprefix("Value error, ")
            found = found_text(err.get("input"))
        prior = by_path.get(path)
        if prior is not None and expected not in prior.expected:  # a union: merge what each member wants
            by_path[path] = Problem(path, f"{prior.expected} or {expected}", prior.found)
        elif prior is None:
            by_path[path] = Problem(path, expected, found)
    return list(by_path.values())


def dotted(path: tuple) -> str:
    """("vendors", 2, "models", 0, "id") → "vendors[2].models[0].id"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole file)"


def _yaml_message(exc: yaml.MarkedYAMLError, text: str, name: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = f", column {mark.column + 1}" if mark else ""
    expected, found = _split_expectation((exc.problem or "").strip())
    if exc.context:  # e.g. "while parsing a block mapping", with where that mapping starts
        where = f", line {exc.context_mark.line + 1}" if exc.context_mark else ""
        found += f" ({exc.context}{where})"
    return (f"Invalid data file: {name}, line {line}{column}: YAML syntax error near {_path_near(text, line - 1)}: "
            f"expected {expected}; found {found}")


_YAML_HINTS = (  # PyYAML's wording → (expected, found)
    (r"expected (.+?), but found (.+)", lambda m: (m.group(1), m.group(2))),
    (r"did not find expected (.+)", lambda m: (m.group(1), "something else (check the indentation)")),
    (r"mapping values are not allowed here", lambda m: ("quotes around a text that contains ': '", "': ' in a value")),
    (r"found character .*cannot start any token", lambda m: ("spaces for indentation and quotes around texts "
                                                             "starting with '@', '`' or a tab", "such a character")),
)


def _split_expectation(problem: str) -> tuple[str, str]:
    for pattern, parts in _YAML_HINTS:
        match = re.match(pattern, problem, re.S)
        if match:
            return parts(match)
    return "valid YAML", problem or "something else"


_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(?:\s|$)""")


def _path_near(text: str, upto: int) -> str:
    """A best-effort entry path for a line of a file that does not parse (block-style YAML only)."""
    stack: list[tuple[int, str | int]] = []  # (indent, key or item index)
    for raw_line in text.splitlines()[: upto + 1]:
        stripped = raw_line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw_line) - len(raw_line.lstrip(" "))
        content = raw_line.lstrip(" ")
        while content.startswith("- ") or content == "-":
            while stack and stack[-1][0] > indent:
                stack.pop()
            if stack and stack[-1][0] == indent and isinstance(stack[-1][1], int):
                stack[-1] = (indent, stack[-1][1] + 1)
            else:
                stack.append((indent, 0))
            content = content[2:].lstrip(" ") if content != "-" else ""
            indent = len(raw_line) - len(content)
        match = _KEY.match(content)
        if match:
            while stack and stack[-1][0] >= indent:  # siblings and deeper entries end here
                stack.pop()
            stack.append((indent, match.group(0).split(":")[0].strip().strip("'\"")))
    return dotted(tuple(part for _, part in stack))
