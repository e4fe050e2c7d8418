"""What the CASE reader keeps of each object it has read, for the checks that span objects:
identifiers and codes as found (None where missing or invalid), text as (English, French)."""

from dataclasses import dataclass, field


@dataclass
class Document:
    identifier: str | None = None
    language: str = "en"
    title: tuple[str, str] = ("", "")
    version: str = ""
    scale: list[tuple[int, str, str]] | None = None
    scale_declared: bool = False
    present: bool = False


@dataclass
class Item:
    index: int
    path: str
    identifier: str | None
    kind: str | None
    code: str | None
    name: tuple[str, str]
    description: tuple[str, str]

    @property
    def label(self) -> str:
        return repr(self.code) if self.code else str(self.identifier)


@dataclass
class Association:
    index: int
    path: str
    association_type: str | None
    origin: str | None
    destination: str | None
    sequence: int | None


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


Edges = list[tuple[Association, str | None]]
"""An item's isChildOf associations, each with the parent it names (None when unknown)."""
