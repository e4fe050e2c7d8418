"""What an export can be: light enough for pages and the API to import without the
file writers (openpyxl, numpy) that `run.py` brings."""

from enum import StrEnum

JOB_KIND = "questionnaires.export"


class ExportKind(StrEnum):
    ROWS = "rows"
    AGGREGATE = "aggregate"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    SAV = "sav"
