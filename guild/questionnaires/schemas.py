"""Schemas every part of the questionnaires API shares."""

from ninja import Schema

from guild.questionnaires.definition.types import Text


class TextOut(Schema):
    en: str
    fr: str


def text_out(en: str, fr: str) -> TextOut:
    return TextOut(en=en, fr=fr)


def text_of(text: Text) -> TextOut:
    return TextOut(en=text.en, fr=text.fr)
