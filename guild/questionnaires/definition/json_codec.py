"""A definition as JSON: the shape stored in `QuestionnaireVersion.definition`, served by
the API and downloaded by administrators.

Shape (every key is always written; on reading, keys marked optional may be left out)::

    {
      "schema": "guild.questionnaire/1",            # optional on reading
      "title": {"en": str, "fr": str},
      "description": {"en": str, "fr": str} | null,  # optional
      "sections": [
        {
          "code": str,                               # [a-z][a-z0-9_]{0,63}
          "title": {"en": str, "fr": str},
          "description": {"en": str, "fr": str} | null,   # optional
          "questions": [
            {
              "code": str,
              "type": "single" | "multiple" | "likert" | "matrix" | "ranking" | "integer"
                      | "decimal" | "year" | "date" | "text" | "long_text" | "note"
                      | "calculate",
              "label": {"en": str, "fr": str},
              "help": {"en": str, "fr": str} | null,      # optional
              "required": bool,                           # optional, false
              "options": [{"code": str, "label": {...},   # optional, []
                           "band": {"low": int, "high": int | null},
                           "properties": {str: str}}],    # band, properties: optional,
                                                          # written only when declared
              "rows": [{"code": str, "label": {...}}],    # optional, [] (matrix rows)
              "minimum": str | null,                      # optional; a decimal number as
              "maximum": str | null,                      # text (numbers are accepted too)
              "max_length": int | null,                   # optional
              "relevant": str | null,                     # optional, see the conditions package
              "breakdown": "department" | "region" | "other" | null,  # optional
              "quasi_identifier": "nominal" | "ordered" | null,       # optional
              "workforce": "age" | "service" | "group" | null,        # optional
              # The keys below are optional and written only when declared, so that the
              # stored form of definitions without them stays as it was:
              "constraint": str,                          # see the conditions package, "." = answer
              "constraint_message": {...text},
              "required_message": {...text},
              "default": str,                             # as XLSForm writes it
              "read_only": true,
              "choice_filter": str,                       # bare names = option properties
              "calculation": str                          # calculate questions only
            }
          ]
        }
      ]
    }

A text is ``{"en": str, "fr": str}``, plus ``"others": {language: str}`` (written only
when the text has further languages, in their order; the language as the file's header
named it, e.g. ``"Español (es)"``), so that languages beyond the official two survive a
round trip. An option's ``properties`` are the further columns of its row in an XLSForm
choices sheet (name → value, in order), which a question's ``choice_filter`` names.

`quasi_identifier` declares a question that could help single a respondent out (see
`definition.QuasiIdentifier`); the row-level export of an anonymous questionnaire makes
those answers coarser until every combination is shared by at least the threshold.

`definition_from_json` reports every problem at once (`DefinitionError`), each with its
JSON path, e.g. ``sections[1].questions[3].options[0].label.fr``.

`workforce` declares what a question stands for in the workforce view (see
`definition.WorkforceRole`); the options of the age and service questions give the whole
years each stands for as ``band`` (``high`` null for an open top band).
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import DefinitionError, Path, Problem, problem
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Section,
    Text,
    WorkforceRole,
    YearBand,
)
from guild.questionnaires.definition.validate import validate_definition

SCHEMA = "guild.questionnaire/1"
_NUMBER_TEXT_LIMIT = 40
_TYPED_KEYS = (
    "options",
    "rows",
    "minimum",
    "maximum",
    "max_length",
    "breakdown",
    "quasi_identifier",
    "workforce",
    "required",
    "constraint",
    "default",
    "choice_filter",
    "calculation",
)


def _text_json(text: Text | None) -> dict[str, Any] | None:
    if text is None:
        return None
    data: dict[str, Any] = {"en": text.en, "fr": text.fr}
    if text.others:
        data["others"] = dict(text.others)
    return data


def _option_json(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {"code": option.code, "label": _text_json(option.label)}
    if option.band is not None:
        data["band"] = {"low": option.band.low, "high": option.band.high}
    if option.properties:
        data["properties"] = dict(option.properties)
    return data


def _options_json(options: tuple[Option, ...]) -> list[dict[str, Any]]:
    return [_option_json(o) for o in options]


def _number_json(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def question_to_json(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": question.code,
        "type": question.type.value,
        "label": _text_json(question.label),
        "help": _text_json(question.help),
        "required": question.required,
        "options": _options_json(question.options),
        "rows": _options_json(question.rows),
        "minimum": _number_json(question.minimum),
        "maximum": _number_json(question.maximum),
        "max_length": question.max_length,
        "relevant": question.relevant,
        "breakdown": question.breakdown.value if question.breakdown else None,
        "quasi_identifier": question.quasi_identifier.value if question.quasi_identifier else None,
        "workforce": question.workforce.value if question.workforce else None,
    }
    optional: dict[str, Any] = {
        "constraint": question.constraint,
        "constraint_message": _text_json(question.constraint_message),
        "required_message": _text_json(question.required_message),
        "default": question.default,
        "read_only": question.read_only or None,
        "choice_filter": question.choice_filter,
        "calculation": question.calculation,
    }
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def definition_to_json(definition: Definition) -> dict[str, Any]:
    """The definition as JSON-ready data; the same definition always gives the same data."""
    return {
        "schema": SCHEMA,
        "title": _text_json(definition.title),
        "description": _text_json(definition.description),
        "sections": [
            {
                "code": section.code,
                "title": _text_json(section.title),
                "description": _text_json(section.description),
                "questions": [question_to_json(q) for q in section.questions],
            }
            for section in definition.sections
        ],
    }


class _Reader:
    """Builds a Definition from untrusted data, noting each structural problem and
    putting a harmless placeholder in its place so that reading goes on."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # Parts whose checks depend on a type that could not be read.
        self.unchecked: list[Path] = []

    def note(self, code: str, message: str, path: Path) -> None:
        self.problems.append(problem(code, message, path))

    def mapping(self, value: object, path: Path) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.note("not_an_object", _("This must be an object ({…})."), path)
        return None

    def field(self, data: Mapping[str, Any], key: str, path: Path, *, required: bool) -> Any:
        if key not in data or data[key] is None:
            if required:
                self.note("missing", _("This is required."), (*path, key))
            return None
        return data[key]

    def string(self, data: Mapping[str, Any], key: str, path: Path) -> str:
        value = self.field(data, key, path, required=True)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.note("not_a_string", _("This must be text."), (*path, key))
            return ""
        return value

    def optional_string(self, data: Mapping[str, Any], key: str, path: Path) -> str | None:
        value = self.field(data, key, path, required=False)
        if value is None:
            return None
        if not isinstance(value, str):
            self.note("not_a_string", _("This must be text."), (*path, key))
            return None
        return value

    def text(self, data: Mapping[str, Any], key: str, path: Path, *, required: bool) -> Text | None:
        value = self.field(data, key, path, required=required)
        if value is None:
            return Text("", "") if required else None
        here = (*path, key)
        mapping = self.mapping(value, here)
        if mapping is None:
            return Text("", "")
        return Text(
            self.string(mapping, "en", here),
            self.string(mapping, "fr", here),
            self.pairs(mapping, "others", here),
        )

    def pairs(self, data: Mapping[str, Any], key: str, path: Path) -> tuple[tuple[str, str], ...]:
        """An optional {name: text} mapping, as ordered pairs."""
        value = self.field(data, key, path, required=False)
        if value is None:
            return ()
        here = (*path, key)
        mapping = self.mapping(value, here)
        if mapping is None:
            return ()
        pairs = []
        for name, text in mapping.items():
            if not isinstance(text, str):
                self.note("not_a_string", _("This must be text."), (*here, str(name)))
                continue
            pairs.append((str(name), text))
        return tuple(pairs)

    def boolean(self, data: Mapping[str, Any], key: str, path: Path) -> bool:
        value = self.field(data, key, path, required=False)
        if value is not None and not isinstance(value, bool):
            self.note("not_a_boolean", _("This must be true or false."), (*path, key))
            return False
        return bool(value)

    def options(self, data: Mapping[str, Any], key: str, path: Path) -> tuple[Option, ...]:
        value = self.field(data, key, path, required=False)
        if value is None:
            return ()
        here = (*path, key)
        if not isinstance(value, list):
            self.note("not_a_list", _("This must be a list ([…])."), here)
            return ()
        options = []
        for index, item in enumerate(value):
            mapping = self.mapping(item, (*here, index))
            if mapping is None:
                continue
            code = self.string(mapping, "code", (*here, index))
            label = self.text(mapping, "label", (*here, index), required=True)
            band = self.band(mapping, (*here, index))
            properties = self.pairs(mapping, "properties", (*here, index))
            options.append(Option(code, label or Text("", ""), band, properties))
        return tuple(options)

    def band(self, data: Mapping[str, Any], path: Path) -> YearBand | None:
        value = self.field(data, "band", path, required=False)
        if value is None:
            return None
        here = (*path, "band")
        mapping = self.mapping(value, here)
        if mapping is None:
            return None
        low = self.whole(mapping, "low", here, required=True)
        high = self.whole(mapping, "high", here, required=False)
        return None if low is None else YearBand(low, high)

    def whole(self, data: Mapping[str, Any], key: str, path: Path, *, required: bool) -> int | None:
        value = self.field(data, key, path, required=required)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.note("not_an_integer", _("This must be a whole number."), (*path, key))
            return None
        return value

    def number(self, data: Mapping[str, Any], key: str, path: Path) -> Decimal | None:
        value = self.field(data, key, path, required=False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.note("not_a_number", _("This must be a number."), (*path, key))
            return None
        text = str(value).strip()
        try:
            if len(text) > _NUMBER_TEXT_LIMIT:
                raise InvalidOperation
            number = Decimal(text)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.note("not_a_number", _("This must be a number."), (*path, key))
            return None
        return number

    def question(self, value: object, path: Path) -> Question | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        type_name = self.string(data, "type", path)
        try:
            kind = QuestionType(type_name)
        except ValueError:
            if type_name:
                self.note(
                    "unknown_type",
                    _("“%(type)s” is not a question type. Use one of: %(types)s.")
                    % {"type": type_name, "types": ", ".join(t.value for t in QuestionType)},
                    (*path, "type"),
                )
            kind = QuestionType.TEXT
            self.unchecked += [(*path, key) for key in _TYPED_KEYS]
        required = self.boolean(data, "required", path)
        max_length = self.field(data, "max_length", path, required=False)
        if max_length is not None and (
            isinstance(max_length, bool) or not isinstance(max_length, int)
        ):
            self.note("not_an_integer", _("This must be a whole number."), (*path, "max_length"))
            max_length = None
        breakdown_name = self.optional_string(data, "breakdown", path)
        breakdown = None
        if breakdown_name is not None:
            try:
                breakdown = Breakdown(breakdown_name)
            except ValueError:
                self.note(
                    "unknown_breakdown",
                    _("“%(value)s” is not a breakdown. Use department, region or other.")
                    % {"value": breakdown_name},
                    (*path, "breakdown"),
                )
        quasi_name = self.optional_string(data, "quasi_identifier", path)
        quasi_identifier = None
        if quasi_name is not None:
            try:
                quasi_identifier = QuasiIdentifier(quasi_name)
            except ValueError:
                self.note(
                    "unknown_quasi_identifier",
                    _("“%(value)s” is not a kind of quasi-identifier. Use nominal or ordered.")
                    % {"value": quasi_name},
                    (*path, "quasi_identifier"),
                )
        workforce_name = self.optional_string(data, "workforce", path)
        workforce = None
        if workforce_name is not None:
            try:
                workforce = WorkforceRole(workforce_name)
            except ValueError:
                self.note(
                    "unknown_workforce_role",
                    _("“%(value)s” is not a workforce role. Use age, service or group.")
                    % {"value": workforce_name},
                    (*path, "workforce"),
                )
        return Question(
            code=self.string(data, "code", path),
            type=kind,
            label=self.text(data, "label", path, required=True) or Text("", ""),
            help=self.text(data, "help", path, required=False),
            required=required,
            options=self.options(data, "options", path),
            rows=self.options(data, "rows", path),
            minimum=self.number(data, "minimum", path),
            maximum=self.number(data, "maximum", path),
            max_length=max_length,
            relevant=self.optional_string(data, "relevant", path),
            breakdown=breakdown,
            quasi_identifier=quasi_identifier,
            workforce=workforce,
            constraint=self.optional_string(data, "constraint", path),
            constraint_message=self.text(data, "constraint_message", path, required=False),
            required_message=self.text(data, "required_message", path, required=False),
            default=self.optional_string(data, "default", path),
            read_only=self.boolean(data, "read_only", path),
            choice_filter=self.optional_string(data, "choice_filter", path),
            calculation=self.optional_string(data, "calculation", path),
        )

    def items(self, data: Mapping[str, Any], key: str, path: Path) -> list[Any]:
        value = self.field(data, key, path, required=True)
        if value is None:
            return []
        if not isinstance(value, list):
            self.note("not_a_list", _("This must be a list ([…])."), (*path, key))
            return []
        return value

    def section(self, value: object, path: Path) -> Section | None:
        data = self.mapping(value, path)
        if data is None:
            return None
        questions = []
        for index, item in enumerate(self.items(data, "questions", path)):
            question = self.question(item, (*path, "questions", index))
            if question is not None:
                questions.append(question)
        return Section(
            code=self.string(data, "code", path),
            title=self.text(data, "title", path, required=True) or Text("", ""),
            description=self.text(data, "description", path, required=False),
            questions=tuple(questions),
        )

    def definition(self, value: object) -> Definition:
        data = self.mapping(value, ())
        if data is None:
            return Definition(title=Text("", ""))
        schema = self.field(data, "schema", (), required=False)
        if schema is not None and schema != SCHEMA:
            self.note(
                "unknown_schema",
                _("This file is not a Guild questionnaire (schema %(schema)s expected).")
                % {"schema": SCHEMA},
                ("schema",),
            )
        sections = []
        for index, item in enumerate(self.items(data, "sections", ())):
            section = self.section(item, ("sections", index))
            if section is not None:
                sections.append(section)
        return Definition(
            title=self.text(data, "title", (), required=True) or Text("", ""),
            description=self.text(data, "description", (), required=False),
            sections=tuple(sections),
        )


def _within(path: Path, reported: list[Path]) -> bool:
    return any(path[: len(prefix)] == prefix for prefix in reported)


def definition_from_json(data: object) -> Definition:
    """Read and check a definition; raises `DefinitionError` listing every problem."""
    reader = _Reader()
    definition = reader.definition(data)
    reported = [p.path for p in reader.problems] + reader.unchecked
    # A placeholder stands where a structural problem was found: say it once, not twice.
    problems = reader.problems + [
        # Drafts may still lack a translation; publishing checks both languages.
        p
        for p in validate_definition(definition, translated=False)
        if not _within(p.path, reported)
    ]
    if problems:
        raise DefinitionError(problems)
    return definition
