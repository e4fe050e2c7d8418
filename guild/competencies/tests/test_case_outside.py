"""CASE packages and OpenSALT CSV files nobody here wrote (tests/fixtures/outside/case/,
see SOURCES.md): each comes in with exactly what it holds, and Guild's export of it
validates against both CASE schemas."""

import json
from pathlib import Path
from typing import Any

import pytest

from guild.competencies.case import (
    CaseImportError,
    framework_from_case,
    framework_from_csv,
    framework_to_case,
)
from guild.competencies.framework import Framework
from guild.competencies.tests.builders import FW, SCALE
from guild.competencies.tests.case_schemas import case_errors

OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "case"


def outside(name: str) -> Any:
    return json.loads((OUTSIDE / name).read_text(encoding="utf-8"))


def read(name: str) -> Framework:
    return framework_from_case(outside(name), levels_scale=SCALE)


def depth(framework: Framework) -> int:
    """Levels of the hierarchy below the document, competencies included."""
    levels: dict[str, int] = {}
    for family in framework.families:
        levels[family.identifier] = levels[family.parent] + 1 if family.parent else 1
    nested = [levels[f.identifier] + bool(f.competencies) for f in framework.families]
    return max(nested, default=0)


def counts(framework: Framework) -> tuple[int, int, int]:
    return (
        len(framework.families),
        sum(len(family.competencies) for family in framework.families),
        len(framework.associations),
    )


@pytest.mark.parametrize(
    ("name", "title", "shape", "levels"),
    [
        ("opensalt-sample-framework-20c5134f.json", "What Standards Could Be", (4, 12, 23), 3),
        ("opensalt-Ordering.json", "ACT Holistic Framework, Math", (4, 24, 0), 5),
        ("opensalt-SmartLevelFramework.json", "SmartLevel Test", (2, 12, 0), 2),
        ("opensalt-SequenceNumberFramework.json", "Sequence Number Test", (1, 2, 0), 2),
        ("opensalt-MarkdownFramework.json", "Test Markdown Framework", (1, 2, 0), 2),
        ("opensalt-ItemTypeTestFramework.json", "Item Type Test", (1, 1, 0), 2),
        ("opensalt-Utf8TestFramework.json", "UTF8 \U0001d451 Test", (1, 1, 0), 2),
        ("opensalt-AdoptedTestFramework.json", "Adopted Test", (1, 1, 0), 2),
        ("opensalt-EmptyExternalFramework.json", "Test Framework External Empty", (0, 0, 0), 0),
    ],
)
def test_outside_packages_come_in_whole(
    name: str, title: str, shape: tuple[int, int, int], levels: int
) -> None:
    package = outside(name)
    framework = read(name)
    assert (framework.title_en, framework.title_fr) == (title, "")
    assert counts(framework) == shape
    # Every item is a family or a competency (items right under the document are gathered
    # in a family named after it); every association the tree does not say is kept.
    nodes = {f.identifier for f in framework.families}
    nodes |= {c.identifier for f in framework.families for c in f.competencies}
    assert {item["identifier"] for item in package.get("CFItems", [])} <= nodes
    placing = sum(1 for a in package["CFAssociations"] if a["associationType"] == "isChildOf")
    assert shape[2] == len(package["CFAssociations"]) - placing
    assert depth(framework) == levels
    assert framework.levels_scale == SCALE
    exported = framework_to_case(framework)
    # CASE 1.0 wants RFC 4122 UUIDs (version 1-5); OpenSALT's test data uses 0000...-0000
    # ones, which the 1.0 export replaces (case.identifiers) and the import restores.
    assert case_errors(exported) == {"1.0": [], "1.1": []}
    assert framework_from_case(exported, levels_scale=SCALE) == framework
    latest = framework_to_case(framework, case_version="1.1")
    assert case_errors(latest)["1.1"] == []
    assert framework_from_case(latest, levels_scale=SCALE) == framework


def test_the_opensalt_sample_keeps_types_codes_and_links_outside() -> None:
    framework = read("opensalt-sample-framework-20c5134f.json")
    cluster = framework.families[0]
    assert (cluster.code, cluster.item_type, cluster.parent) == (
        "CCSS.Math.Content.6.RP.A",
        "Cluster",
        "",
    )
    assert cluster.name_en == "Understand ratio concepts and use ratio reasoning to solve problems."
    standard = framework.families[1]
    assert (standard.code, standard.item_type, standard.parent) == (
        "CCSS.Math.Content.6.RP.A.3",
        "Standard",
        cluster.identifier,
    )
    first = cluster.competencies[0]
    assert (first.code, first.item_type, first.levels) == (
        "CCSS.Math.Content.6.RP.A.1",
        "Standard",
        [],
    )
    kinds: dict[str, int] = {}
    for association in framework.associations:
        kinds[association.association_type] = kinds.get(association.association_type, 0) + 1
    assert kinds == {"exactMatchOf": 16, "precedes": 3, "exemplar": 2, "isRelatedTo": 2}
    match = framework.associations[0]
    assert (match.association_type, match.origin.identifier, match.destination.identifier) == (
        "exactMatchOf",
        "edfce0e7-dbbf-40d5-af1a-baccabef85e9",
        "5b6c487e-04f1-5ba9-9722-d099849b9167",
    )


def test_items_without_codes_get_their_position() -> None:
    framework = read("opensalt-SmartLevelFramework.json")
    assert [(f.code, [c.code for c in f.competencies][:2]) for f in framework.families] == [
        ("1", ["1.1", "1.2"]),
        ("2", ["2.1", "2.2"]),
    ]


def test_sequence_numbers_order_the_items() -> None:
    framework = read("opensalt-SequenceNumberFramework.json")
    assert [c.code for c in framework.families[0].competencies] == ["SNT.2", "SNT.1"]
    # Items placed right under the document are gathered in a family named after it.
    assert (framework.families[0].code, framework.families[0].name_en) == (
        "0",
        "Sequence Number Test",
    )


def test_the_originals_fail_the_schemas_guild_validates_its_export_against() -> None:
    """What the outside tools publish is not schema-valid either: Guild reads it anyway."""
    errors = case_errors(outside("opensalt-sample-framework-20c5134f.json"))
    # 59 of them are date-times without a time zone, which jsonschema's format extra checks.
    assert (len(errors["1.0"]), len(errors["1.1"])) == (120, 120)


def _opensalt_csv(name: str) -> Framework:
    return framework_from_csv(
        (OUTSIDE / name).read_text(encoding="utf-8"),
        identifier=FW,
        title_en="Sample",
        title_fr="Exemple",
        levels_scale=SCALE,
    )


def test_opensalt_csv_sample() -> None:
    framework = _opensalt_csv("opensalt-sample_case.csv")
    assert [
        (f.code, f.name_en[:24], [c.code for c in f.competencies]) for f in framework.families
    ] == [
        ("M", "Everything about math", []),
        ("M.F", "Fractions are rational n", []),
        ("M.F.1-2", "Students understand oper", []),
        ("M.F.1-2.S1", "Students understand that", ["M.F.1-2.S1a", "M.F.1-2.S1b"]),
        ("M.F.C2", "Students are able to dis", ["M.F.C2.S1"]),
        ("M.E", "Exponents", ["M.E.C1"]),
    ]
    assert [(a.association_type, a.destination.identifier) for a in framework.associations] == [
        ("isRelatedTo", "CCSS.Math.Content.HSF-IF.C.8b"),
        ("isRelatedTo", "http://asn.jesandco.org/resources/S1143417"),
        (
            "exemplar",
            "https://www.opened.com/video/classify-and-order-real-numbers-using-subsets/801540",
        ),
        ("isRelatedTo", "CCSS.MATH.CONTENT.1.G.A.1"),
    ]
    assert (framework.title_en, framework.title_fr) == ("Sample", "Exemple")


def test_opensalt_csv_parents_from_the_codes() -> None:
    framework = _opensalt_csv("opensalt-children.csv")
    assert [
        (f.code, f.parent != "", [c.code for c in f.competencies]) for f in framework.families
    ] == [
        ("A.B", False, ["A.B.D"]),
        ("A.B.C", True, ["A.B.C.L"]),
    ]
    assert framework.families[0].competencies[0].item_type == "Career Pathway"


def test_opensalt_csv_problems_are_located_by_row_and_column() -> None:
    text = (OUTSIDE / "opensalt-children.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace("full statement B", "")
    with pytest.raises(CaseImportError) as raised:
        framework_from_csv(
            "\n".join(lines),
            identifier=FW,
            title_en="Sample",
            title_fr="Exemple",
            levels_scale=SCALE,
        )
    assert [str(problem) for problem in raised.value.problems] == [
        "row 3, column fullStatement: must not be blank"
    ]
