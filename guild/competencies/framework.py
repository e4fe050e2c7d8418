"""A competency framework as plain data: families of competencies, each competency described
at four proficiency levels, every text in English and French.

Nothing here knows about storage or exchange formats; `guild.competencies.case` reads and
writes these objects as 1EdTech CASE 1.0 JSON and as CSV.

Identifiers are lowercase canonical UUID strings. A family or competency built with an empty
identifier gets a stable one from `with_identifiers`: a UUID 5 in the framework's namespace,
derived from the family's or competency's code, so exporting the same framework twice (or
re-importing its CSV) gives the same identifiers.
"""

import re
import uuid
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

LEVELS = (1, 2, 3, 4)
"""The proficiency levels every competency is described at, lowest first."""

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_uuid(value: str) -> bool:
    """A lowercase canonical UUID (8-4-4-4-12 hexadecimal digits), as CASE requires."""
    return _UUID.fullmatch(value) is not None


def is_blank(text: str) -> bool:
    return not text.strip()


def is_unicode(text: str) -> bool:
    """Text that UTF-8 can carry: no lone surrogates (which `json.loads` lets through)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework or with a file describing one. `path` says where:
    a JSON path (`$.CFItems[3].fullStatement`), a CSV cell (`row 7, column level`) or a
    field of the data model (`families[0].competencies[1].code`)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FrameworkError(ValueError):
    """Raised with every problem found, never with only the first one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        summary = "; ".join(str(problem) for problem in self.problems[:5])
        more = f" (and {count - 5} more)" if count > 5 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''}: {summary}{more}")


@dataclass(kw_only=True)
class ScaleLevel:
    """The name of one proficiency level, shared by every competency of the framework."""

    level: int
    name_en: str
    name_fr: str


@dataclass(kw_only=True)
class LevelDescriptor:
    """What a competency looks like at one level: its behavioural indicators."""

    level: int
    indicators_en: str
    indicators_fr: str


@dataclass(kw_only=True)
class Competency:
    identifier: str = ""
    code: str
    name_en: str
    name_fr: str
    description_en: str = ""
    description_fr: str = ""
    levels: list[LevelDescriptor] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    """Identifiers of the competencies of an earlier version that this one replaces."""
    item_type: str = ""
    """The CASE `CFItemType` it came with ("" for Guild's own "Competency")."""
    kept: dict[str, object] = field(default_factory=dict)
    """Fields of its CASE item Guild does not model (`case.terms.KEPT_ITEM_FIELDS`), as
    found: written back on export."""
    sequence: int | None = None
    """The `sequenceNumber` of its CASE `isChildOf`, kept when its parent's children came
    in an order Guild's does not give (sub-families among competencies, numbers other than
    1, 2, …); None when the export numbers them (competencies first, in list order)."""


@dataclass(kw_only=True)
class Family:
    identifier: str = ""
    code: str
    name_en: str
    name_fr: str
    competencies: list[Competency] = field(default_factory=list)
    parent: str = ""
    """The identifier of the family this one sits in ("" at the top); parents come first."""
    item_type: str = ""
    """The CASE `CFItemType` it came with ("" for Guild's own "Competency Family")."""
    kept: dict[str, object] = field(default_factory=dict)
    """Fields of its CASE item Guild does not model (`case.terms.KEPT_ITEM_FIELDS`), as
    found: written back on export."""
    sequence: int | None = None
    """Its place among its parent's children (see `Competency.sequence`)."""


@dataclass(kw_only=True, frozen=True)
class Link:
    """One end of an association: a CASE node, in the package or elsewhere."""

    identifier: str
    title: str = ""
    uri: str = ""


@dataclass(kw_only=True, frozen=True)
class Association:
    """A CASE association the families and competencies do not already say (anything but
    the isChildOf placing each item and the replacedBy of `Competency.replaces`)."""

    identifier: str
    association_type: str
    origin: Link
    destination: Link
    sequence: int | None = None
    grouping: Link | None = None
    """Its `CFAssociationGroupingURI`: a grouping of `Framework.definitions`."""


@dataclass(kw_only=True)
class Framework:
    identifier: str
    title_en: str
    title_fr: str
    version: str = ""
    families: list[Family] = field(default_factory=list)
    levels_scale: list[ScaleLevel]
    associations: list[Association] = field(default_factory=list)
    kept: dict[str, object] = field(default_factory=dict)
    """Fields of its CASE document Guild does not model (`case.terms.KEPT_DOCUMENT_FIELDS`)."""
    definitions: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """The package's CFDefinitions other than Guild's own (concepts, subjects, licences,
    item types, association groupings), by collection, each as found
    (`case.terms.DEFINITION_FIELDS`): written back on export."""


def derive_identifier(framework_identifier: str, kind: str, code: str) -> str:
    """The stable identifier of the family or competency (`kind`) with this code."""
    namespace = uuid.UUID(framework_identifier)
    return str(uuid.uuid5(namespace, f"{kind}:{code}"))


def with_identifiers(framework: Framework) -> Framework:
    """A copy of the framework where every family and competency has an identifier: those
    left empty are derived from the framework's identifier and their code."""
    if not is_uuid(framework.identifier):
        return framework

    def derived(kind: str, code: str) -> str:
        return derive_identifier(framework.identifier, kind, code) if is_unicode(code) else ""

    def family_id(family: Family) -> str:
        return family.identifier or derived("family", family.code)

    def competency_id(competency: Competency) -> str:
        return competency.identifier or derived("competency", competency.code)

    return replace(
        framework,
        families=[
            replace(
                family,
                identifier=family_id(family),
                competencies=[
                    replace(competency, identifier=competency_id(competency))
                    for competency in family.competencies
                ],
            )
            for family in framework.families
        ],
    )


def validate_framework(framework: Framework, *, translated: bool = True) -> list[Problem]:
    """Every way the framework breaks the model's rules (an empty list when it keeps them).
    Paths name the fields: `families[0].competencies[1].levels[2].indicators_fr`.
    With `translated` False (a draft to translate), text may be blank in one language when
    the other has it."""
    problems: list[Problem] = []

    def add(path: str, message: str) -> None:
        problems.append(Problem(path, message))

    def text(path: str, value: str, *, blank: bool = False, other: str = "") -> None:
        if not is_unicode(value):
            add(path, _("not valid Unicode text (lone surrogate)"))
        elif not blank and is_blank(value) and (translated or is_blank(other)):
            add(path, _("must not be blank"))

    def pair(path: str, english: str, french: str) -> None:
        text(f"{path}_en", english, other=french)
        text(f"{path}_fr", french, other=english)

    if not is_uuid(framework.identifier):
        add("identifier", _("malformed UUID %(value)r") % {"value": framework.identifier})
    pair("title", framework.title_en, framework.title_fr)
    text("version", framework.version, blank=True)

    if [scale.level for scale in framework.levels_scale] != list(LEVELS):
        add("levels_scale", _("expected exactly the levels 1, 2, 3, 4, in order"))
    for i, scale in enumerate(framework.levels_scale):
        pair(f"levels_scale[{i}].name", scale.name_en, scale.name_fr)

    identifiers: dict[str, str] = {framework.identifier: "identifier"}
    family_ids: set[str] = set()
    family_codes: dict[str, str] = {}
    competency_codes: dict[str, str] = {}

    def identifier(path: str, value: str) -> None:
        if not is_uuid(value):
            add(path, _("malformed UUID %(value)r") % {"value": value})
        elif value in identifiers:
            add(path, _("duplicate identifier (also at %(path)s)") % {"path": identifiers[value]})
        else:
            identifiers[value] = path

    def code(path: str, value: str, seen: dict[str, str]) -> None:
        if not is_unicode(value):
            add(path, _("not valid Unicode text (lone surrogate)"))
        elif is_blank(value):
            add(path, _("must not be blank"))
        elif value in seen:
            add(
                path,
                _("duplicate code %(code)r (also at %(path)s)")
                % {"code": value, "path": seen[value]},
            )
        else:
            seen[value] = path

    for f, family in enumerate(framework.families):
        at = f"families[{f}]"
        identifier(f"{at}.identifier", family.identifier)
        family_ids.add(family.identifier)
        code(f"{at}.code", family.code, family_codes)
        pair(f"{at}.name", family.name_en, family.name_fr)
        if family.parent and (
            family.parent == family.identifier or family.parent not in family_ids
        ):
            add(f"{at}.parent", _("not a family listed before this one"))
        for c, competency in enumerate(family.competencies):
            at = f"families[{f}].competencies[{c}]"
            identifier(f"{at}.identifier", competency.identifier)
            code(f"{at}.code", competency.code, competency_codes)
            pair(f"{at}.name", competency.name_en, competency.name_fr)
            text(f"{at}.description_en", competency.description_en, blank=True)
            text(f"{at}.description_fr", competency.description_fr, blank=True)
            # No levels: the competency is described by the framework's scale alone.
            if competency.levels and [level.level for level in competency.levels] != list(LEVELS):
                add(f"{at}.levels", _("expected exactly the levels 1, 2, 3, 4, in order"))
            for i, level in enumerate(competency.levels):
                pair(f"{at}.levels[{i}].indicators", level.indicators_en, level.indicators_fr)

    for f, family in enumerate(framework.families):
        for c, competency in enumerate(family.competencies):
            seen: set[str] = set()
            for r, replaced in enumerate(competency.replaces):
                path = f"families[{f}].competencies[{c}].replaces[{r}]"
                if not is_uuid(replaced):
                    add(path, _("malformed UUID %(value)r") % {"value": replaced})
                elif replaced == competency.identifier:
                    add(path, _("a competency cannot replace itself"))
                elif replaced == framework.identifier or replaced in family_ids:
                    add(path, _("only a competency can be replaced"))
                elif replaced in seen:
                    add(path, _("%(identifier)s is listed twice") % {"identifier": replaced})
                seen.add(replaced)
    return problems
