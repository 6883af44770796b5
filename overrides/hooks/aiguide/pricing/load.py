"""Read data/vendors.yml and the platform files it lists into a validated `VendorData`, or fail with ONE
readable message.

The message names the file, the line, the entry path (`vendors[2].models[0].prices[1].input`), what
was expected and what was found. Line numbers come from the YAML nodes: the file is composed into
nodes and turned into Python values here, recording the line of every path on the way.

YAML is read the YAML 1.2 way where 1.1 surprises people: `yes`/`no` stay text (they are values of
`own_training`), and dates stay text so that pydantic, not the YAML parser, judges `2024-02-30`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from aiguide.datafile import DataError, Problem, found_text, from_pydantic, message, read

from .model import PATTERN_MEANING, VENDOR_ID, VendorData, check

# Where each entry of the merged data came from: merged path → (file name, line, path in that file).
Origins = dict[tuple, tuple[str, int, tuple]]


def _origins(lines: dict[tuple, int], name: str, merged: tuple = (), local: tuple = ()) -> Origins:
    """One file's lines, re-keyed by where its entries sit in the merged data."""
    return {(*merged, *path[len(local):]): (name, line, path) for path, line in lines.items()
            if path[:len(local)] == local}


def validate(raw: Any, origins: Origins) -> VendorData:
    """Plain data → VendorData, or DataError listing every problem (file, line, path, expected, found)."""
    try:
        data = VendorData.model_validate(raw)
    except ValidationError as exc:
        raise DataError(_message(from_pydantic(exc, raw, VendorData, PATTERN_MEANING), origins, raw)) from None
    problems = check(data)
    if problems:
        raise DataError(_message(problems, origins, raw))
    return data


def vendor_file(index: Path, vendor_id: str) -> Path:
    """Where the index's entry `- vendor_id` keeps its platform: data/vendors/<id>.yml beside the index."""
    return index.parent / "vendors" / f"{vendor_id}.yml"


def load(path: Path, name: str | None = None) -> VendorData:
    """Read and validate the index file and the platform files it names; `name` is how messages refer to
    the index (default: the path), and platform files are named relative to it.

    The index (data/vendors.yml) holds shared `sources:` and `vendors:`, a list whose items are platform
    ids (each read from data/vendors/<id>.yml, itself `sources:` + `vendor:`) or whole platform entries.
    """
    name = name or str(path)
    raw, lines = read(path, name)
    origins = _origins(lines, name)
    vendors = raw.get("vendors") if isinstance(raw, dict) else None
    if isinstance(vendors, list):
        sources = raw.setdefault("sources", [])
        for i, entry in enumerate(vendors):
            if not isinstance(entry, str):
                continue
            if not re.fullmatch(VENDOR_ID, entry):
                raise DataError(_message([Problem(("vendors", i), PATTERN_MEANING[VENDOR_ID], repr(entry))],
                                         origins, raw))
            file = vendor_file(path, entry)
            file_name = posixpath.join(posixpath.dirname(name), "vendors", f"{entry}.yml")
            if not file.exists():
                raise DataError(_message([Problem(("vendors", i), f"a platform file {file_name}", "no such file")],
                                         origins, raw))
            part, part_lines = read(file, file_name)
            if not isinstance(part, dict) or not isinstance(part.get("vendor"), dict):
                raise DataError(f"Invalid data file: {file_name}, line 1: (the whole file): expected `sources:` "
                                f"(optional) and `vendor:` (the platform {entry!r}); found {found_text(part)}")
            extra = sorted(set(part) - {"sources", "vendor"}, key=str)
            if extra:
                raise DataError(_message([Problem((extra[0],), "only the keys sources and vendor",
                                                  f"an unknown key {extra[0]!r}")],
                                         _origins(part_lines, file_name), part))
            if part["vendor"].get("id") != entry:
                raise DataError(_message([Problem(("vendors", i), f"the id {entry!r} in {file_name}",
                                                  repr(part["vendor"].get("id")))], origins, raw))
            own = part.get("sources") or []
            if not isinstance(own, list):
                raise DataError(_message([Problem(("sources",), "a list of sources", found_text(own))],
                                         _origins(part_lines, file_name), part))
            if isinstance(sources, list):
                for j in range(len(own)):
                    origins.update(_origins(part_lines, file_name, ("sources", len(sources)), ("sources", j)))
                    sources.append(own[j])
            vendors[i] = part["vendor"]
            origins.update(_origins(part_lines, file_name, ("vendors", i), ("vendor",)))
    return validate(raw, origins)


# --- messages -------------------------------------------------------------------------------------

def _locate(path: tuple, origins: Origins) -> tuple[str | None, int | None, tuple]:
    """(file, line, path in that file) of an entry; a missing field takes the nearest entry that exists."""
    for end in range(len(path), -1, -1):
        if path[:end] in origins:
            file, line, local = origins[path[:end]]
            return file, line, (*local, *path[end:])
    return None, None, path


def _context(path: tuple, raw: Any) -> str:
    """Which platform/model an entry belongs to, so `vendors[4]` is also readable as 'ark'."""
    names, node = [], raw
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            names.append(node["id"])
    return f" ({' / '.join(names)})" if names else ""


def _message(problems: list[Problem], origins: Origins, raw: Any) -> str:
    rows = []
    for p in problems:
        file, line, local = _locate(p.path, origins)
        rows.append((file or "data", line, local, _context(p.path, raw), p.expected, p.found))
    return message(rows)


