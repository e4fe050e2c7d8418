"""Bilingual content lives in explicit `<field>_en` / `<field>_fr` columns. This is the
one helper that reads them: it picks the active language, falls back to the other
one when empty, and says that it did so (so pages can mark the fallback's language)."""

from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Localized:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def current_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def other_language(language: str) -> str:
    return "fr" if language == "en" else "en"


def localize(obj: object, field: str, language: str | None = None) -> Localized:
    language = language or current_language()
    text = getattr(obj, f"{field}_{language}", "") or ""
    if text:
        return Localized(text, language, False)
    other = other_language(language)
    fallback = getattr(obj, f"{field}_{other}", "") or ""
    return Localized(fallback, other, bool(fallback))


class BilingualNameMixin:
    """For models with `name_en` / `name_fr`: `.name` is the name in the active language."""

    name_en: str
    name_fr: str

    @property
    def name(self) -> str:
        return localize(self, "name").text

    def __str__(self) -> str:
        return self.name
