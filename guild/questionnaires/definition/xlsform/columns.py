"""The sheets, column headers and cell values of an XLSForm, as Guild reads and writes them."""

import re

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
ENGLISH, FRENCH = "English (en)", "French (fr)"
LABEL_EN, LABEL_FR = f"label::{ENGLISH}", f"label::{FRENCH}"
HINT_EN, HINT_FR = f"hint::{ENGLISH}", f"hint::{FRENCH}"
# Texts written once per language, in this order, each as "<field>::<language>".
SURVEY_TEXTS = ("label", "hint", "constraint_message", "required_message")
SURVEY_FIELDS = (
    "required",
    "relevant",
    "constraint",
    "default",
    "read_only",
    "calculation",
    "choice_filter",
    "appearance",
    "guild_breakdown",
    "guild_quasi_identifier",
    "guild_workforce",
)
SETTINGS_COLUMNS = ("form_title", "guild_title_fr", "form_id", "default_language")

# What pyxform's ``or_other`` adds, in English and French.
OTHER_LABEL = ("Other", "Autre")
SPECIFY_OTHER_LABEL = ("Specify other.", "Précisez l'autre réponse.")
# The notes Guild writes for descriptions: the questionnaire's first, then each section's.
INTRO_NOTE = "guild_intro"
SECTION_NOTE_PREFIX = "guild_note_"

_NUMBER = r"(-?[0-9]{1,15}(?:\.[0-9]{1,10})?)"
BOUND = re.compile(rf"\.\s*(>=|<=)\s*{_NUMBER}")
LENGTH = re.compile(r"string-length\(\s*\.\s*\)\s*<=\s*([0-9]{1,6})")
RANKED = re.compile(r"count-selected\(\s*\.\s*\)\s*<=\s*([0-9]{1,4})")  # rank at most N
TRUE_VALUES = frozenset({"yes", "true", "1", "true()"})
FALSE_VALUES = frozenset({"no", "false", "0", "false()"})

MAX_FILE_BYTES = 5 * 1024 * 1024
