"""SPSS `.sav` export. pyreadstat needs the whole table at once (it takes a DataFrame), so
the columns are filled as compact arrays (1-byte or 2-byte codes with a missing mask,
doubles only for numbers, objects only for dates and text). numpy, pandas and pyreadstat
are imported only here, so loading the site does not pay for them."""

import contextlib
import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat

from guild.questionnaires.exports.variables import Kind, Variable
from guild.questionnaires.exports.writers import Progress, report_progress

SPSS_VARIABLE_LABEL_BYTES = 255
SPSS_VALUE_LABEL_BYTES = 120
SPSS_NOTE_LINE = 80


def _cut(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


class _Column:
    """A growable column: codes in a small integer array with a missing mask, numbers in
    doubles, dates and text as objects."""

    def __init__(self, variable: Variable, capacity: int):
        self.variable = variable
        self.kind = variable.kind
        capacity = max(capacity, 1)
        self.mask: np.ndarray | None = None
        if self.kind in {Kind.CHOICE, Kind.FLAG, Kind.RANK}:
            top = max([v.spss_value for v in variable.values], default=0)
            dtype = np.int8 if top < 127 and self.kind is not Kind.RANK else np.int16
            self.data: np.ndarray = np.zeros(capacity, dtype=dtype)
            self.mask = np.ones(capacity, dtype=bool)
            self.codes = {v.code: v.spss_value for v in variable.values}
        elif self.kind in {Kind.INTEGER, Kind.DECIMAL}:
            self.data = np.full(capacity, np.nan, dtype=np.float64)
        else:
            self.data = np.full(capacity, None, dtype=object)

    def grow(self) -> None:
        size = len(self.data)
        if self.mask is not None:
            self.data = np.concatenate([self.data, np.zeros(size, dtype=self.data.dtype)])
            self.mask = np.concatenate([self.mask, np.ones(size, dtype=bool)])
        elif self.kind in {Kind.INTEGER, Kind.DECIMAL}:
            self.data = np.concatenate([self.data, np.full(size, np.nan)])
        else:
            self.data = np.concatenate([self.data, np.full(size, None, dtype=object)])

    def set(self, index: int, value: Any) -> None:
        if value is None:
            return
        kind = self.kind
        if self.mask is not None:
            code = self.codes.get(str(value)) if kind is Kind.CHOICE else value
            if isinstance(code, int) and not isinstance(code, bool):
                self.data[index] = code
                self.mask[index] = False
        elif kind in {Kind.INTEGER, Kind.DECIMAL}:
            with contextlib.suppress(TypeError, ValueError):
                self.data[index] = float(value)
        elif kind is Kind.DATE:
            with contextlib.suppress(ValueError):
                self.data[index] = dt.date.fromisoformat(str(value))
        else:
            self.data[index] = str(value)

    def series(self, length: int) -> Any:
        if self.mask is not None:
            return pd.arrays.IntegerArray(self.data[:length], self.mask[:length])
        return self.data[:length]


def _measure(variable: Variable) -> str | None:
    if variable.kind is Kind.TEXT or variable.kind is Kind.DATE:
        return None
    if variable.kind is Kind.RANK or variable.type in {"likert", "matrix"}:
        return "ordinal"
    if variable.kind in {Kind.CHOICE, Kind.FLAG}:
        return "nominal"
    return "scale"


def write_sav(
    path: Path,
    variables: Sequence[Variable],
    rows: Iterable[list[Any]],
    *,
    expected: int,
    language: str,
    progress: Progress | None = None,
    label_notes: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    missing_codes: Sequence[int] = (),
) -> int:
    """An SPSS file with variable labels, value labels (choices coded 1..k) and a note
    for each variable whose SPSS name differs from its code. A protected export adds
    `label_notes` (variable name → what was done, after its label), file `notes`, and
    `missing_codes` declared user-missing on the choice variables that hold them."""
    columns = [_Column(v, expected) for v in variables]
    done = 0
    for row in rows:
        if done == len(columns[0].data):
            for column in columns:
                column.grow()
        for column, value in zip(columns, row, strict=True):
            column.set(done, value)
        done += 1
        report_progress(progress, done)
    frame = pd.DataFrame(
        {v.spss_name: column.series(done) for v, column in zip(variables, columns, strict=True)},
        copy=False,
    )
    del columns
    label_notes = label_notes or {}
    labels: list[str | None] = [
        _cut(
            f"{v.label.get(language)} [{label_notes[v.name]}]"
            if v.name in label_notes
            else v.label.get(language),
            SPSS_VARIABLE_LABEL_BYTES,
        )
        for v in variables
    ]
    value_labels: dict[str, dict[int | float, str]] = {
        v.spss_name: {
            value.spss_value: _cut(value.label.get(language), SPSS_VALUE_LABEL_BYTES)
            for value in v.values
        }
        for v in variables
        if v.values
    }
    all_notes = [
        line
        for text in [
            *notes,
            *(f"{v.spss_name} = {v.name}" for v in variables if v.spss_name != v.name),
        ]
        for line in textwrap.wrap(text, SPSS_NOTE_LINE)
    ]
    missing: dict[str, list[Any]] = {
        v.spss_name: [code for code in missing_codes if code in {x.spss_value for x in v.values}]
        for v in variables
        if v.kind is Kind.CHOICE and any(x.spss_value in missing_codes for x in v.values)
    }
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=labels,
        variable_value_labels=value_labels,
        variable_measure={v.spss_name: m for v in variables if (m := _measure(v))},
        note=all_notes or None,
        missing_ranges=missing or None,
    )
    return done
