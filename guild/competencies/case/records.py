"""What the CASE reader keeps of each object it has read, for the checks that span objects:
identifiers as found (None where missing or invalid), text as (English, French)."""

from dataclasses import dataclass, field

from guild.competencies.framework import Link


@dataclass
class Document:
    identifier: str | None = None
    language: str = "en"
    title: tuple[str, str] = ("", "")
    version: str = ""
    scale: list[tuple[int, str, str]] | None = None
    present: bool = False
    kept: dict[str, object] = field(default_factory=dict)


@dataclass
class Item:
    index: int
    path: str
    identifier: str | None
    item_type: str
    code: str | None
    """`humanCodingScheme`, None when the item has none."""
    language: str
    name: tuple[str, str]
    description: tuple[str, str]
    kept: dict[str, object] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return repr(self.code) if self.code else str(self.identifier)


@dataclass
class Association:
    index: int
    path: str
    identifier: str | None
    association_type: str | None
    origin: Link | None
    destination: Link | None
    sequence: int | None
    grouping: Link | None = None


@dataclass
class Level:
    path: str
    score: int | None
    description: tuple[str, str]
    quality: tuple[str, str]


@dataclass
class Rubric:
    path: str
    competency: str | None
    competency_path: str
    levels: list[Level] = field(default_factory=list)
