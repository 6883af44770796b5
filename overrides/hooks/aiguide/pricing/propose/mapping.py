"""data/price-sources.yml: the datasets the routine reads and, for each, the reviewed map from the
dataset's model ids to ours (`vendor/model`). Nothing is matched by likeness: a model the map does not
name is listed as unmapped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from aiguide.datafile import DataError, dotted, parse
from ..model import MODEL_ID, SOURCE_ID, VENDOR_ID, Text
from .datasets import READERS

TARGET = rf"^{VENDOR_ID[1:-1]}/{MODEL_ID[1:-1]}$"


class Dataset(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[tuple(READERS)]  # type: ignore[valid-type]
    title: Text
    """What the dataset is, e.g. {zh: LLM Abacus 价格数据集, en: LLM Abacus price dataset}."""
    label: Text
    """Short name for table cells; the snapshot date is appended."""
    repo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    path: Annotated[str, StringConstraints(pattern=r"^[^\s]+$")]
    licence: str
    models: dict[str, Annotated[str, StringConstraints(pattern=TARGET)]] = Field(default_factory=dict)
    """Their model id → our `vendor/model`."""

    def url(self, commit: str | None) -> str:
        """The dataset file at a commit (or at HEAD when the commit is not known)."""
        return f"https://github.com/{self.repo}/blob/{commit or 'HEAD'}/{self.path}"


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    datasets: dict[Annotated[str, StringConstraints(pattern=SOURCE_ID)], Dataset]


def load_mapping(path: Path, name: str, vendors: set[str]) -> Mapping:
    try:
        raw, lines, dupes = parse(path.read_text(encoding="utf-8"), name)
    except OSError as exc:
        raise DataError(f"{name}: cannot read the mapping file: {exc}") from None
    if dupes:  # a model mapped twice would silently keep only the second line
        problem, line = dupes[0]
        raise DataError(f"Invalid mapping file {name}, line {line}: {dotted(problem.path)}: expected "
                        f"{problem.expected}; found {problem.found}")
    try:
        mapping = Mapping.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise DataError(f"Invalid mapping file {name}: {dotted(tuple(err['loc']))}: {err['msg']}; "
                        f"found {err.get('input')!r}"[:400]) from None
    for ds_id, ds in mapping.datasets.items():
        seen: dict[str, str] = {}
        for theirs, ours in ds.models.items():
            vendor = ours.split("/")[0]
            if vendor not in vendors:
                raise DataError(f"Invalid mapping file {name}: datasets.{ds_id}.models[{theirs!r}]: expected a "
                                f"platform of data/vendors.yml ({', '.join(sorted(vendors))}); found {ours!r}")
            if ours in seen:
                raise DataError(f"Invalid mapping file {name}: datasets.{ds_id}.models[{theirs!r}]: expected one "
                                f"dataset model per model of ours; found {ours!r} again (also {seen[ours]!r})")
            seen[ours] = theirs
    return mapping


def split_target(target: str) -> tuple[str, str]:
    vendor, model = target.split("/", 1)
    return vendor, model


def source_id(dataset_id: str, date) -> str:
    """The id of one reading of a dataset, e.g. abacus-2026-08-22 (ids are unique across the data)."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", f"{dataset_id}-{date.isoformat()}")
