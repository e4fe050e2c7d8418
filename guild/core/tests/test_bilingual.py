from dataclasses import dataclass

from django.utils import translation

from guild.core.bilingual import Localized, localize


@dataclass
class Thing:
    name_en: str
    name_fr: str


def test_active_language_is_used() -> None:
    thing = Thing("Archives", "Archives nationales")
    with translation.override("fr"):
        assert localize(thing, "name") == Localized("Archives nationales", "fr", False)
    with translation.override("en"):
        assert localize(thing, "name") == Localized("Archives", "en", False)


def test_empty_translation_falls_back_and_says_so() -> None:
    thing = Thing("Records", "")
    with translation.override("fr"):
        assert localize(thing, "name") == Localized("Records", "en", True)


def test_both_empty_is_empty_not_a_fallback() -> None:
    with translation.override("fr"):
        assert localize(Thing("", ""), "name") == Localized("", "en", False)
