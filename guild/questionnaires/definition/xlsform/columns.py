"""The sheets, column headers and cell values of an XLSForm, as Guild reads and writes them."""

import re

from guild.questionnaires.definition.types import QuestionType

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
LABEL_EN, LABEL_FR = "label::English (en)", "label::French (fr)"
HINT_EN, HINT_FR = "hint::English (en)", "hint::French (fr)"
SURVEY_COLUMNS = (
    "type",
    "name",
    LABEL_EN,
    LABEL_FR,
    HINT_EN,
    HINT_FR,
    "required",
    "relevant",
    "constraint",
    "appearance",
    "guild_breakdown",
    "guild_quasi_identifier",
    "guild_workforce",
)
CHOICES_COLUMNS = ("list_name", "name", LABEL_EN, LABEL_FR, "guild_band_low", "guild_band_high")
SETTINGS_COLUMNS = ("form_title", "guild_title_fr", "form_id", "default_language")

SIMPLE_TYPES = {
    "integer": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "text": QuestionType.TEXT,
}
LIST_TYPES = {
    "select_one": QuestionType.SINGLE,
    "select_multiple": QuestionType.MULTIPLE,
    "rank": QuestionType.RANKING,
}
IGNORED_TYPES = frozenset(
    {"start", "end", "today", "deviceid", "username", "phonenumber", "email", "audit"}
)
_NUMBER = r"(-?[0-9]{1,15}(?:\.[0-9]{1,10})?)"
BOUND = re.compile(rf"\.\s*(>=|<=)\s*{_NUMBER}")
LENGTH = re.compile(r"string-length\(\s*\.\s*\)\s*<=\s*([0-9]{1,6})")
TRUE_VALUES = frozenset({"yes", "true", "1", "true()"})
FALSE_VALUES = frozenset({"no", "false", "0", "false()"})

MAX_FILE_BYTES = 5 * 1024 * 1024
