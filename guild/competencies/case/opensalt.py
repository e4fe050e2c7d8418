"""OpenSALT's CSV layout: one row per CASE item, told from Guild's own by its header (a
`fullStatement` column). Header names are matched ignoring case, spaces and underscores.

Each row becomes a CFItem: `Identifier` (a UUID, or any text, from which a UUID 5 is derived),
`fullStatement`, `Human Coding Scheme`, `Notes`, `Language`, `CFItemType`. As OpenSALT's own
importer does, `Is Child Of` names the parent by its code or identifier (empty: the code up
to its last dot, e.g. `M.F` for `M.F.1`; no such item: the document), ordered by
`sequenceNumber`; the association columns (`Is Part Of`, `Replaced By`, `Exemplar`, `Has
Skill Level`, `Is Exact Match Of`, `Precedes`, `Is Peer Of`, `Is Related To`) list items by
code or identifier, separated by commas, or anything else (kept as an outside link). The
package so built is read like any CASE package; its problems are reported by row and
column. Columns CASE items have but Guild does not keep (keywords, education level,
licence, abbreviated statement, association group) are listed in `IGNORED_COLUMNS`.
"""

import csv
import io
import re
import uuid
from typing import Final

from django.utils.translation import gettext as _

from guild.competencies.case.parse import framework_from_case
from guild.competencies.case.problems import CaseImportError, Problem
from guild.competencies.case.terms import CHILD_OF, UUID_ANY_CASE, JsonObject
from guild.competencies.framework import Framework, ScaleLevel
from guild.core.spreadsheet_safety import csv_cell_read
from guild.core.uploads import ReadBudget, UploadTooLarge

_FIELDS: Final = {
    "identifier": "identifier",
    "fullstatement": "fullStatement",
    "humancodingscheme": "humanCodingScheme",
    "sequencenumber": "sequenceNumber",
    "notes": "notes",
    "language": "language",
    "cfitemtype": "CFItemType",
    "itemtype": "CFItemType",
    "ischildof": CHILD_OF,
}
_ASSOCIATIONS: Final = {
    "ispartof": "isPartOf",
    "replacedby": "replacedBy",
    "exemplar": "exemplar",
    "hasskilllevel": "hasSkillLevel",
    "isexactmatchof": "exactMatchOf",
    "exactmatchof": "exactMatchOf",
    "precedes": "precedes",
    "ispeerof": "isPeerOf",
    "isrelatedto": "isRelatedTo",
}
IGNORED_COLUMNS: Final = frozenset(
    {
        "abbreviatedstatement",
        "conceptkeywords",
        "educationlevel",
        "license",
        "cfassociationgroupidentifier",
    }
)
_PATH = re.compile(r"^\$\.(CFItems|CFAssociations)\[(\d+)\](?:\.([A-Za-z]+))?")


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def is_opensalt_header(record: list[str]) -> bool:
    return "fullstatement" in {_key(name) for name in record}


def framework_from_opensalt_csv(
    text: str,
    *,
    identifier: str,
    title_en: str,
    title_fr: str,
    levels_scale: list[ScaleLevel],
    version: str = "",
) -> Framework:
    """The framework an OpenSALT CSV describes; its own fields come from the arguments.
    Raises `CaseImportError` listing every problem at `row N, column NAME`."""
    reader = _Reader(identifier)
    package = reader.package(text, title_en or title_fr, version)
    try:
        framework = framework_from_case(package, levels_scale=levels_scale)
    except CaseImportError as error:
        raise CaseImportError([reader.located(problem) for problem in error.problems]) from None
    framework.title_en, framework.title_fr = title_en, title_fr
    return framework


class _Reader:
    def __init__(self, identifier: str) -> None:
        self.document = identifier
        self.namespace = uuid.UUID(identifier)
        self.problems: list[Problem] = []
        self.item_rows: list[int] = []
        self.association_cells: list[tuple[int, str | None]] = []
        self.headers: dict[str, str] = {}  # CASE field -> the file's column name
        self.seen: set[str] = set()

    def add(self, row: int, column: str | None, message: str) -> None:
        path = (
            _("row %(row)d") % {"row": row}
            if column is None
            else _("row %(row)d, column %(column)s") % {"row": row, "column": column}
        )
        self.problems.append(Problem(path, message))

    def located(self, problem: Problem) -> Problem:
        match = _PATH.match(problem.path)
        if match is None:
            return problem
        collection, index, field = match.group(1), int(match.group(2)), match.group(3)
        if collection == "CFItems":
            column = self.headers.get(field or "") if field else None
            row = self.item_rows[index]
        else:
            row, column = self.association_cells[index]
        path = (
            _("row %(row)d") % {"row": row}
            if column is None
            else _("row %(row)d, column %(column)s") % {"row": row, "column": column}
        )
        return Problem(path, problem.message)

    def rows(self, text: str) -> list[tuple[int, dict[str, str]]]:
        records = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        budget = ReadBudget()
        columns: list[str] | None = None
        found: list[tuple[int, dict[str, str]]] = []
        row = 0
        try:
            for record in records:
                row += 1
                if columns is not None and not any(cell.strip() for cell in record):
                    continue
                try:
                    budget.row(len(found) + 1, len(record))
                except UploadTooLarge as error:
                    self.add(row, None, str(error.message))
                    raise CaseImportError(self.problems) from None
                if columns is None:
                    columns = [name.strip() for name in record]
                    for name in columns:
                        key = _key(name)
                        field = _FIELDS.get(key) or _ASSOCIATIONS.get(key)
                        if field is not None and field in self.headers:
                            self.add(1, name, _("duplicate column"))
                        elif field is not None:
                            self.headers[field] = name
                        elif key not in IGNORED_COLUMNS and key:
                            self.add(1, name, _("unknown column"))
                    continue
                cells = dict(zip(columns, (csv_cell_read(cell) for cell in record), strict=False))
                found.append((row, cells))
        except csv.Error as error:
            self.add(row + 1, None, _("unreadable CSV: %(error)s") % {"error": error})
        if self.problems:
            raise CaseImportError(self.problems)
        return found

    def cell(self, cells: dict[str, str], field: str) -> str:
        column = self.headers.get(field)
        return (cells.get(column) or "").strip() if column else ""

    def package(self, text: str, title: str, version: str) -> JsonObject:
        rows = self.rows(text)
        document_link = {
            "title": title,
            "identifier": self.document,
            "uri": self.uri(self.document),
        }
        items: list[JsonObject] = []
        references: dict[str, JsonObject] = {}
        for row, cells in rows:
            own = self.cell(cells, "identifier")
            code = self.cell(cells, "humanCodingScheme")
            if UUID_ANY_CASE.fullmatch(own):
                identifier = own.lower()
            else:
                identifier = str(uuid.uuid5(self.namespace, f"opensalt:{own or code or row}"))
            item: JsonObject = {"identifier": identifier, "uri": self.uri(identifier)}
            for field in ("fullStatement", "humanCodingScheme", "notes", "language", "CFItemType"):
                value = self.cell(cells, field)
                if value or field == "fullStatement":
                    item[field] = value
            items.append(item)
            self.item_rows.append(row)
            link = {"title": code or item["fullStatement"], "identifier": identifier}
            link["uri"] = item["uri"]
            for reference in (own, code):
                if reference:
                    references.setdefault(reference, link)
        associations: list[JsonObject] = []
        for (row, cells), item in zip(rows, items, strict=True):
            origin = references.get(self.cell(cells, "identifier")) or {
                "title": item.get("humanCodingScheme", ""),
                "identifier": item["identifier"],
                "uri": item["uri"],
            }
            code = self.cell(cells, "humanCodingScheme")
            parent_ref = self.cell(cells, CHILD_OF) or (
                code.rsplit(".", 1)[0] if "." in code else ""
            )
            parent = references.get(parent_ref)
            if parent is None or parent["identifier"] == item["identifier"]:
                parent = document_link
            column = self.headers.get(CHILD_OF) or self.headers.get("humanCodingScheme")
            child: JsonObject = {"associationType": CHILD_OF}
            sequence = self.cell(cells, "sequenceNumber")
            if sequence:
                child["sequenceNumber"] = sequence
            self.append(associations, child, origin, parent, row, column)
            for field in _ASSOCIATIONS.values():
                for value in self.cell(cells, field).split(","):
                    if value.strip():
                        target = references.get(value.strip()) or self.outside(value.strip())
                        association = {"associationType": field}
                        self.append(
                            associations, association, origin, target, row, self.headers[field]
                        )
        return {
            "CFDocument": {
                "identifier": self.document,
                "uri": self.uri(self.document),
                "creator": "OpenSALT CSV",
                "title": title,
                **({"version": version} if version else {}),
            },
            "CFItems": items,
            "CFAssociations": associations,
        }

    def append(
        self,
        associations: list[JsonObject],
        association: JsonObject,
        origin: JsonObject,
        destination: JsonObject,
        row: int,
        column: str | None,
    ) -> None:
        kind = association["associationType"]
        identifier = str(
            uuid.uuid5(self.namespace, f"{kind}:{origin['identifier']}:{destination['identifier']}")
        )
        if identifier in self.seen:
            return  # the same link twice in a cell
        self.seen.add(identifier)
        association.update(
            identifier=identifier,
            uri=self.uri(identifier),
            originNodeURI=dict(origin),
            destinationNodeURI=dict(destination),
        )
        associations.append(association)
        self.association_cells.append((row, column))

    def outside(self, value: str) -> JsonObject:
        """Something the file names that is not one of its rows: kept as a link."""
        if UUID_ANY_CASE.fullmatch(value):
            return {"title": value, "identifier": value.lower(), "uri": self.uri(value.lower())}
        uri = value if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) else ""
        return {"title": value, "identifier": value, "uri": uri}

    def uri(self, identifier: str) -> str:
        return f"urn:uuid:{identifier}"
