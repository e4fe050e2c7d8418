"""The workforce declaration in an XLSForm: the survey's ``guild_workforce`` column (age,
service or group) and the choices' ``guild_band_low`` / ``guild_band_high`` columns (the
whole years an option of the age or service list stands for; an empty high is an open
top band)."""

import re
from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _

from guild.questionnaires.definition.types import WorkforceRole, YearBand
from guild.questionnaires.definition.xlsform.sheets import Sheet

WORKFORCE, BAND_LOW, BAND_HIGH = "guild_workforce", "guild_band_low", "guild_band_high"
_WHOLE = re.compile(r"-?[0-9]{1,6}")

# (sheet, row number, column, problem code, message)
Note = Callable[[Sheet, int, str, str, str], None]


def read_role(
    sheet: Sheet, row: Mapping[str, str], number: int, note: Note
) -> WorkforceRole | None:
    value = sheet.get(row, WORKFORCE).lower()
    if not value:
        return None
    try:
        return WorkforceRole(value)
    except ValueError:
        note(
            sheet,
            number,
            WORKFORCE,
            "unknown_workforce_role",
            _("Write age, service or group (or leave empty)."),
        )
        return None


def read_band(sheet: Sheet, row: Mapping[str, str], number: int, note: Note) -> YearBand | None:
    low_text, high_text = sheet.get(row, BAND_LOW), sheet.get(row, BAND_HIGH)
    if not low_text and not high_text:
        return None
    if not low_text:
        note(
            sheet,
            number,
            BAND_LOW,
            "missing_band_low",
            _("Give the first year of the band (0 or more)."),
        )
        return None
    low = _whole(sheet, low_text, number, BAND_LOW, note)
    high = _whole(sheet, high_text, number, BAND_HIGH, note) if high_text else None
    if low is None or (high_text and high is None):
        return None
    return YearBand(low, high)


def _whole(sheet: Sheet, text: str, number: int, column: str, note: Note) -> int | None:
    if _WHOLE.fullmatch(text):
        return int(text)
    note(sheet, number, column, "not_an_integer", _("This must be a whole number."))
    return None


def band_cells(band: YearBand | None) -> list[str]:
    if band is None:
        return ["", ""]
    return [str(band.low), "" if band.high is None else str(band.high)]
