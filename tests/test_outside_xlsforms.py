"""Guild's bounded, streaming XLSForm reader (questionnaires.definitions.xlsform.sheets)
against pyxform's own reader, on pyxform's published test workbooks: the same sheets,
headers and cells, for every file pyxform reads (tests/fixtures/outside/SOURCES.md)."""

from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import xlsx_to_dict

from guild.core.uploads import ReadBudget
from guild.questionnaires.definition.xlsform.sheets import read_workbook

FOLDER = Path(__file__).parent / "fixtures" / "outside" / "pyxform"
WORKBOOKS = sorted(FOLDER.glob("*.xlsx"))


def test_the_outside_workbooks_are_there() -> None:
    assert len(WORKBOOKS) == 24


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_the_streaming_reader_reads_what_pyxform_reads(path: Path) -> None:
    try:
        theirs = xlsx_to_dict(str(path))
    except PyXFormError:
        assert path.name == "duplicate_columns.xlsx"  # pyxform's own refusal
        return
    ours, letters = read_workbook(path.read_bytes(), ReadBudget())
    assert {name: getattr(ours, name) for name in theirs} == theirs
    assert set(letters) >= {name for name in theirs if name in ("survey", "choices", "settings")}
