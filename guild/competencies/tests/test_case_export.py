"""CASE 1.0 JSON export of competency frameworks: exact shapes."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from guild.competencies.case import (
    framework_from_case,
    framework_to_case,
    framework_to_csv,
)
from guild.competencies.framework import (
    FrameworkError,
    derive_identifier,
    with_identifiers,
)
from guild.competencies.tests.builders import (
    C1,
    C2,
    C3,
    DOCUMENT_LINK,
    EPOCH,
    F1,
    F2,
    FW,
    OLD,
    link,
    package,
    small,
)


def test_package_layout() -> None:
    case = package()
    assert list(case) == ["CFDocument", "CFItems", "CFAssociations", "CFRubrics"]
    assert [(item["humanCodingScheme"], item["CFItemType"]) for item in case["CFItems"]] == [
        ("DATA", "Competency Family"),
        ("DATA-1", "Competency"),
        ("DATA-2", "Competency"),
        ("SEC", "Competency Family"),
        ("SEC-1", "Competency"),
    ]
    assert [
        (
            a["associationType"],
            a["originNodeURI"]["identifier"],
            a["destinationNodeURI"]["identifier"],
            a.get("sequenceNumber"),
        )
        for a in case["CFAssociations"]
    ] == [
        ("isChildOf", F1, FW, 1),
        ("isChildOf", C1, F1, 1),
        ("isChildOf", C2, F1, 2),
        ("isChildOf", F2, FW, 2),
        ("isChildOf", C3, F2, 1),
        ("replacedBy", OLD, C3, None),
    ]
    assert [r["CFRubricCriteria"][0]["CFItemURI"]["identifier"] for r in case["CFRubrics"]] == [
        C1,
        C2,
        C3,
    ]


def test_document_shape() -> None:
    document = package()["CFDocument"]
    assert document == {
        "identifier": FW,
        "uri": f"urn:uuid:{FW}",
        "creator": "Guild",
        "title": "Digital competencies",
        "version": "2025.1",
        "language": "en",
        "lastChangeDateTime": EPOCH,
        "extensions": {
            "fr": {"title": "Compétences numériques"},
            "levelsScale": [
                {"score": 1, "quality": "Basic", "extensions": {"fr": {"quality": "Élémentaire"}}},
                {
                    "score": 2,
                    "quality": "Intermediate",
                    "extensions": {"fr": {"quality": "Intermédiaire"}},
                },
                {"score": 3, "quality": "Advanced", "extensions": {"fr": {"quality": "Avancé"}}},
                {"score": 4, "quality": "Expert", "extensions": {"fr": {"quality": "Expert"}}},
            ],
        },
    }


def test_competency_item_shape() -> None:
    item = package()["CFItems"][1]
    assert item == {
        "identifier": C1,
        "uri": f"urn:uuid:{C1}",
        "CFDocumentURI": DOCUMENT_LINK,
        "CFItemType": "Competency",
        "humanCodingScheme": "DATA-1",
        "fullStatement": "Data literacy",
        "notes": "Finds and interprets data.",
        "language": "en",
        "lastChangeDateTime": EPOCH,
        "extensions": {
            "fr": {
                "fullStatement": "Littératie des données",
                "notes": "Trouve et interprète les données.",
            }
        },
    }
    assert list(item) == [
        "identifier",
        "uri",
        "CFDocumentURI",
        "CFItemType",
        "humanCodingScheme",
        "fullStatement",
        "notes",
        "language",
        "lastChangeDateTime",
        "extensions",
    ]


def test_empty_description_is_left_out_per_language() -> None:
    items = package()["CFItems"]
    assert "notes" not in items[2] and "notes" not in items[2]["extensions"]["fr"]
    assert "notes" not in items[4]
    assert items[4]["extensions"]["fr"]["notes"] == "Seulement en français : « œuvre »"


def test_child_of_association_shape() -> None:
    association = package()["CFAssociations"][1]
    identifier = "4559e2b9-1feb-5ea2-9b97-0f975eaead74"  # uuid5(FW, "isChildOf:C1:F1")
    assert association == {
        "identifier": identifier,
        "uri": f"urn:uuid:{identifier}",
        "CFDocumentURI": DOCUMENT_LINK,
        "associationType": "isChildOf",
        "sequenceNumber": 1,
        "originNodeURI": link("Data literacy", C1),
        "destinationNodeURI": link("Data", F1),
        "lastChangeDateTime": EPOCH,
    }


def test_replaced_by_association_runs_from_the_old_item_to_the_new() -> None:
    association = package()["CFAssociations"][5]
    assert association["associationType"] == "replacedBy"
    assert "sequenceNumber" not in association
    assert association["originNodeURI"] == link(OLD, OLD)
    assert association["destinationNodeURI"] == link("Cyber hygiene", C3)


def test_rubric_shape() -> None:
    rubric = package()["CFRubrics"][0]
    rubric_id = "dcd77f06-4f87-57df-b8a2-7bf67a08d670"
    criterion_id = "bdb8ce27-4cdf-5935-8c1b-a012b3c1f338"
    level_id = "c914a7e1-64c5-501b-91b3-d5087b79ccd4"
    criterion = rubric["CFRubricCriteria"][0]
    assert {k: v for k, v in rubric.items() if k != "CFRubricCriteria"} == {
        "identifier": rubric_id,
        "uri": f"urn:uuid:{rubric_id}",
        "title": "Data literacy",
        "lastChangeDateTime": EPOCH,
        "extensions": {"fr": {"title": "Littératie des données"}},
    }
    assert {k: v for k, v in criterion.items() if k != "CFRubricCriterionLevels"} == {
        "identifier": criterion_id,
        "uri": f"urn:uuid:{criterion_id}",
        "rubricId": rubric_id,
        "CFItemURI": link("Data literacy", C1),
        "position": 1,
        "lastChangeDateTime": EPOCH,
    }
    assert [level["score"] for level in criterion["CFRubricCriterionLevels"]] == [1, 2, 3, 4]
    assert criterion["CFRubricCriterionLevels"][1] == {
        "identifier": level_id,
        "uri": f"urn:uuid:{level_id}",
        "rubricCriterionId": criterion_id,
        "position": 2,
        "score": 2,
        "quality": "Intermediate",
        "description": "DATA-1 at level 2",
        "lastChangeDateTime": EPOCH,
        "extensions": {"fr": {"quality": "Intermédiaire", "description": "DATA-1 au niveau 2"}},
    }


def test_missing_identifiers_are_derived_from_the_framework_and_code() -> None:
    assert derive_identifier(FW, "family", "SEC") == F2
    assert derive_identifier(FW, "competency", "SEC-1") == C3
    assert with_identifiers(small(derived=True)) == small()
    assert framework_to_case(small(derived=True)) == package()


def test_export_is_deterministic_and_json_serialisable() -> None:
    first = json.dumps(package(), ensure_ascii=False)
    assert first == json.dumps(package(), ensure_ascii=False)
    assert json.loads(json.dumps(package())) == package()


def test_changed_at_and_base_uri() -> None:
    moment = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    case = framework_to_case(
        small(), changed_at=moment, base_uri="https://guild.example/ims/case/v1p0/"
    )
    assert case["CFDocument"]["lastChangeDateTime"] == "2025-03-01T14:30:00+00:00"
    assert case["CFItems"][1]["uri"] == f"https://guild.example/ims/case/v1p0/CFItems/{C1}"
    assert case["CFDocument"]["uri"] == f"https://guild.example/ims/case/v1p0/CFDocuments/{FW}"
    assert framework_from_case(case) == small()
    with pytest.raises(ValueError):
        framework_to_case(small(), changed_at=datetime(2025, 3, 1))
    assert datetime.fromisoformat(case["CFItems"][0]["lastChangeDateTime"]).tzinfo == UTC


def test_invalid_framework_is_not_exported() -> None:
    framework = small()
    framework.families[0].competencies[0].levels.pop()
    framework.families[1].name_fr = " "
    with pytest.raises(FrameworkError) as raised:
        framework_to_case(framework)
    assert [p.path for p in raised.value.problems] == [
        "families[0].competencies[0].levels",
        "families[1].name_fr",
    ]
    with pytest.raises(FrameworkError):
        framework_to_csv(framework)
