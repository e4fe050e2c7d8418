"""The field readers of the CASE reader: each reads one JSON value, records what is wrong
with it at its JSON path and returns None (or empty text). Lenient about what producers
commonly get wrong without changing the meaning, strict about types."""

from datetime import date, datetime

from django.utils.translation import gettext as _

from guild.competencies.case.problems import Problem
from guild.competencies.case.terms import (
    DATE,
    EXTENSIONS,
    INTEGER_MAX,
    LINK,
    LINKS,
    STRING,
    STRINGS,
    UUID_ANY_CASE,
    JsonObject,
    english_french,
    official_language,
    other_language,
)
from guild.competencies.framework import Link, is_blank, is_unicode

LEGACY_SPELLINGS = {"educationLevel": "educationalLevel"}


def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


def number_of(value: object) -> float | None:
    """A JSON number, or a string holding one (a common producer quirk)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


class FieldReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.identifiers: dict[str, str] = {}

    # Field readers: each records what is wrong and returns None (or empty text).

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: object, path: str) -> JsonObject | None:
        if isinstance(value, dict):
            return value
        self.add(path, _("expected an object, got %(kind)s") % {"kind": kind_of(value)})
        return None

    def array(self, parent: JsonObject, key: str, path: str) -> list[object]:
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.add(f"{path}.{key}", _("expected an array, got %(kind)s") % {"kind": kind_of(value)})
        return []

    def string(
        self,
        obj: JsonObject,
        key: str,
        path: str,
        *,
        required: bool = True,
        blank: bool = True,
        longest: int | None = None,
        numeric: bool = False,
    ) -> str | None:
        value = obj.get(key)
        at = f"{path}.{key}"
        if value is None:
            if required:
                self.add(at, _("required field is missing"))
            return None
        if numeric and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # a code or version written as a number
        if not isinstance(value, str):
            self.add(at, _("expected a string, got %(kind)s") % {"kind": kind_of(value)})
            return None
        if not is_unicode(value):
            self.add(at, _("not valid Unicode text (lone surrogate)"))
            return None
        if not blank and is_blank(value):
            self.add(at, _("must not be blank"))
            return None
        if longest is not None and len(value) > longest:
            self.add(
                at,
                _("longer than %(limit)d characters (%(length)d)")
                % {"limit": longest, "length": len(value)},
            )
            return None
        return value

    def uuid(self, obj: JsonObject, key: str, path: str, *, required: bool = True) -> str | None:
        value = self.string(obj, key, path, required=required)
        if value is None:
            return None
        if UUID_ANY_CASE.fullmatch(value.strip()) is None:
            self.add(f"{path}.{key}", _("malformed UUID %(value)r") % {"value": value})
            return None
        return value.strip().lower()

    def identifier(self, obj: JsonObject, path: str) -> str | None:
        """The object's own identifier, which must be unique in the whole package."""
        identifier = self.uuid(obj, "identifier", path)
        if identifier is None:
            return None
        at = f"{path}.identifier"
        if identifier in self.identifiers:
            self.add(
                at,
                _("duplicate identifier %(identifier)s (also at %(path)s)")
                % {"identifier": identifier, "path": self.identifiers[identifier]},
            )
            return None
        self.identifiers[identifier] = at
        return identifier

    def integer(self, obj: JsonObject, key: str, path: str) -> int | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        number = number_of(value)
        if number is None or not float(number).is_integer():
            self.add(
                f"{path}.{key}", _("expected a whole number, got %(value)r") % {"value": value}
            )
            return None
        if abs(number) > INTEGER_MAX:
            self.add(
                f"{path}.{key}",
                _("expected a whole number no larger than %(max)d, got %(value)r")
                % {"max": INTEGER_MAX, "value": value},
            )
            return None
        return int(number)

    def timestamp(self, obj: JsonObject, path: str) -> None:
        value = self.string(obj, "lastChangeDateTime", path, required=False)
        if value is None:
            return
        try:
            datetime.fromisoformat(value.strip())
        except ValueError:
            try:
                date.fromisoformat(value.strip())
            except ValueError:
                self.add(
                    f"{path}.lastChangeDateTime",
                    _("not an ISO 8601 date-time: %(value)r") % {"value": value},
                )

    def common(self, obj: JsonObject, path: str) -> str | None:
        """The fields every CASE object has: identifier, uri, lastChangeDateTime."""
        identifier = self.identifier(obj, path)
        self.string(obj, "uri", path, required=False)
        self.timestamp(obj, path)
        return identifier

    def link(self, obj: JsonObject, key: str, path: str, *, required: bool = True) -> Link | None:
        """A LinkURI or LinkGenURI ({title, identifier, uri}); a 1.1 LinkGenURI may name
        something outside CASE, so its identifier need not be a UUID."""
        at = f"{path}.{key}"
        value = obj.get(key)
        if value is None:
            if required:
                self.add(at, _("required field is missing"))
            return None
        link = self.mapping(value, at)
        if link is None:
            return None
        title = self.string(link, "title", at, required=False) or ""
        uri = self.string(link, "uri", at, required=False) or ""
        identifier = self.string(link, "identifier", at, blank=False)
        if identifier is None:
            return None
        identifier = identifier.strip()
        if UUID_ANY_CASE.fullmatch(identifier):
            identifier = identifier.lower()
        return Link(identifier=identifier, title=title, uri=uri)

    def language(self, obj: JsonObject, path: str, default: str) -> str:
        value = self.string(obj, "language", path, required=False)
        if value is None or is_blank(value):
            return default
        language = official_language(value)
        if language is None:
            self.add(
                f"{path}.language",
                _("unsupported language %(value)r: Guild frameworks are in English and French")
                % {"value": value},
            )
            return default
        return language

    def translation(self, obj: JsonObject, path: str, language: str) -> JsonObject | None:
        """The object's text in the other official language, where Guild's exports before
        ADR 15 put it: `extensions.<fr|en>` (CASE 1.1 allows extensions)."""
        extensions = obj.get(EXTENSIONS)
        if not isinstance(extensions, dict):
            return {}
        other = other_language(language)
        translation = extensions.get(other)
        if translation is None:
            return {}
        return self.mapping(translation, f"{path}.{EXTENSIONS}.{other}")

    def text(
        self,
        obj: JsonObject,
        translation: JsonObject | None,
        key: str,
        path: str,
        language: str,
        *,
        required: bool,
        longest: int | None = None,
    ) -> tuple[str, str]:
        """(English, French) text of a property; required text must not be blank in the
        object's own language, and may be missing in the other one (a draft to translate)."""
        primary = (
            self.string(obj, key, path, required=required, blank=not required, longest=longest)
            or ""
        )
        other = ""
        if translation:
            other_path = f"{path}.{EXTENSIONS}.{other_language(language)}"
            other = self.string(translation, key, other_path, required=False, longest=longest) or ""
        return english_french(language, primary, other)

    def kept(self, obj: JsonObject, path: str, fields: dict[str, str]) -> JsonObject:
        """The fields Guild keeps without modelling them (`terms.KEPT_*_FIELDS`), as found,
        each checked against the shape the CASE schemas give it so that the export that
        writes them back stays valid."""
        kept: JsonObject = {}
        for key, shape in fields.items():
            found = key
            if obj.get(key) is None:
                # OpenSALT's early exports spell it so, with the levels as one string.
                found = LEGACY_SPELLINGS.get(key, key)
                if obj.get(found) is None:
                    continue
            at = f"{path}.{found}"
            value = obj[found]
            if shape == STRINGS and isinstance(value, str):
                value = [part.strip() for part in value.split(",") if part.strip()]
            if shape == STRING and self.string(obj, found, path) is not None:
                kept[key] = value
            elif shape == DATE and self.iso_date(obj, found, path) is not None:
                kept[key] = str(value).strip()
            elif shape == STRINGS and self.strings(value, at):
                kept[key] = list(value)
            elif shape == LINK and self.whole_link(value, at):
                kept[key] = {name: value[name] for name in ("title", "identifier", "uri")}
            elif shape == LINKS and isinstance(value, list):
                links = [
                    {name: link[name] for name in ("title", "identifier", "uri")}
                    for index, link in enumerate(value)
                    if self.whole_link(link, f"{at}[{index}]")
                ]
                if len(links) == len(value):
                    kept[key] = links
            elif shape == LINKS:
                self.add(at, _("expected an array, got %(kind)s") % {"kind": kind_of(value)})
        return kept

    def iso_date(self, obj: JsonObject, key: str, path: str) -> str | None:
        value = self.string(obj, key, path)
        if value is None:
            return None
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            self.add(f"{path}.{key}", _("not an ISO 8601 date: %(value)r") % {"value": value})
            return None
        return value

    def strings(self, value: object, path: str) -> bool:
        if not isinstance(value, list):
            self.add(path, _("expected an array, got %(kind)s") % {"kind": kind_of(value)})
            return False
        wrong = [index for index, entry in enumerate(value) if not isinstance(entry, str)]
        for index in wrong:
            self.add(
                f"{path}[{index}]",
                _("expected a string, got %(kind)s") % {"kind": kind_of(value[index])},
            )
        return not wrong

    def whole_link(self, value: object, path: str) -> bool:
        """A LinkURI with its three fields, as both schemas require of a kept link."""
        link = self.mapping(value, path)
        if link is None:
            return False
        found = True
        for name in ("title", "identifier", "uri"):
            found = self.string(link, name, path) is not None and found
        identifier = link.get("identifier")
        if isinstance(identifier, str) and UUID_ANY_CASE.fullmatch(identifier.strip()) is None:
            self.add(f"{path}.identifier", _("malformed UUID %(value)r") % {"value": identifier})
            found = False
        return found
