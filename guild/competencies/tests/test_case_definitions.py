"""CFDefinitions (concepts, subjects, licences, item types, association groupings) kept as a
package gives them and written back on export; associations keep their grouping."""

import json
from pathlib import Path
from typing import Any

from guild.competencies.case import framework_from_case, framework_to_case
from guild.competencies.case.definitions import definition_kinds
from guild.competencies.framework import Link
from guild.competencies.tests.builders import C1, C3, EPOCH, FW, SCALE, link, package, problems
from guild.competencies.tests.case_schemas import case_errors

OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "case"
OPENSALT = "http://opensalt-staging.opened.com/uri/"
CLUSTER = "5b5f9983-eabb-4661-aca4-9e0c81046772"
STANDARD = "bbc1a9ba-640e-4bf2-a52c-b1cec75b4ee7"
COMPONENT = "25e51172-9ee2-4990-806f-1bceb32633d1"
CONCEPT = "a1000000-0000-4000-8000-000000000001"
SUBJECT = "a2000000-0000-4000-8000-000000000002"
LICENCE = "a3000000-0000-4000-8000-000000000003"
GROUPING = "a4000000-0000-4000-8000-000000000004"
RELATED = "a5000000-0000-4000-8000-000000000005"


def sample() -> Any:
    text = (OUTSIDE / "opensalt-sample-framework-20c5134f.json").read_text(encoding="utf-8")
    return json.loads(text)


def with_definitions() -> Any:
    case = package()
    case["CFDefinitions"].update(
        {
            "CFConcepts": [
                {
                    "identifier": CONCEPT,
                    "uri": f"https://example.org/concepts/{CONCEPT}",
                    "title": "Data",
                    "keywords": "data, analysis",
                    "lastChangeDateTime": "2020-01-01T00:00:00+00:00",
                }
            ],
            "CFSubjects": [
                {"identifier": SUBJECT, "title": "Digital", "hierarchyCode": "D", "extra": 1}
            ],
            "CFLicenses": [
                {"identifier": LICENCE, "title": "OGL-Canada 2.0", "licenseText": "Open licence"}
            ],
        }
    )
    case["CFDefinitions"]["CFAssociationGroupings"].append(
        {"identifier": GROUPING, "title": "Related work", "description": "Across families"}
    )
    case["CFAssociations"].append(
        {
            "identifier": RELATED,
            "uri": f"urn:uuid:{RELATED}",
            "associationType": "isRelatedTo",
            "originNodeURI": link("Data literacy", C1),
            "destinationNodeURI": link("Cyber hygiene", C3),
            "CFAssociationGroupingURI": {
                "title": "Related work",
                "identifier": GROUPING,
                "uri": f"urn:uuid:{GROUPING}",
            },
            "lastChangeDateTime": EPOCH,
        }
    )
    return case


def test_an_outside_package_keeps_its_item_types() -> None:
    framework = framework_from_case(sample(), levels_scale=SCALE)
    # OpenSALT gives "description": null; the 1.0 binding wants one, so it is kept as "".
    assert framework.definitions == {
        "CFItemTypes": [
            {
                "identifier": identifier,
                "uri": OPENSALT + identifier,
                "title": title,
                "description": "",
                "hierarchyCode": "1",
                "typeCode": title,
            }
            for identifier, title in (
                (CLUSTER, "Cluster"),
                (STANDARD, "Standard"),
                (COMPONENT, "Component"),
            )
        ]
    }
    case = framework_to_case(framework, base_uri="https://guild.example/case")
    assert case_errors(case) == {"1.0": [], "1.1": []}
    assert case["CFDefinitions"] == {
        "CFItemTypes": [
            {
                "identifier": CLUSTER,
                "uri": OPENSALT + CLUSTER,
                "title": "Cluster",
                "description": "",
                "hierarchyCode": "1",
                "typeCode": "Cluster",
                "lastChangeDateTime": EPOCH,
            },
            {
                "identifier": STANDARD,
                "uri": OPENSALT + STANDARD,
                "title": "Standard",
                "description": "",
                "hierarchyCode": "1",
                "typeCode": "Standard",
                "lastChangeDateTime": EPOCH,
            },
            {
                "identifier": COMPONENT,
                "uri": OPENSALT + COMPONENT,
                "title": "Component",
                "description": "",
                "hierarchyCode": "1",
                "typeCode": "Component",
                "lastChangeDateTime": EPOCH,
            },
        ]
    }
    assert framework_from_case(case, levels_scale=SCALE) == framework


def test_every_kind_of_definition_is_kept_and_written_back() -> None:
    framework = framework_from_case(with_definitions())
    # Text fields of the class only; what the schemas require is there ("" for a field, a
    # urn:uuid: URI, when the package left it out); Guild's translation grouping is the
    # export's, not kept.
    assert framework.definitions == {
        "CFConcepts": [
            {
                "identifier": CONCEPT,
                "uri": f"https://example.org/concepts/{CONCEPT}",
                "title": "Data",
                "keywords": "data, analysis",
                "hierarchyCode": "",
            }
        ],
        "CFSubjects": [
            {
                "identifier": SUBJECT,
                "uri": f"urn:uuid:{SUBJECT}",
                "title": "Digital",
                "hierarchyCode": "D",
            }
        ],
        "CFLicenses": [
            {
                "identifier": LICENCE,
                "uri": f"urn:uuid:{LICENCE}",
                "title": "OGL-Canada 2.0",
                "licenseText": "Open licence",
            }
        ],
        "CFAssociationGroupings": [
            {
                "identifier": GROUPING,
                "uri": f"urn:uuid:{GROUPING}",
                "title": "Related work",
                "description": "Across families",
            }
        ],
    }
    [related] = framework.associations
    assert (related.association_type, related.grouping) == (
        "isRelatedTo",
        Link(identifier=GROUPING, title="Related work", uri=f"urn:uuid:{GROUPING}"),
    )
    case = framework_to_case(framework)
    assert case_errors(case) == {"1.0": [], "1.1": []}
    definitions = case["CFDefinitions"]
    assert list(definitions) == ["CFConcepts", "CFSubjects", "CFLicenses", "CFAssociationGroupings"]
    assert definitions["CFConcepts"] == [
        {
            "identifier": CONCEPT,
            "uri": f"https://example.org/concepts/{CONCEPT}",
            "title": "Data",
            "keywords": "data, analysis",
            "hierarchyCode": "",
            "lastChangeDateTime": EPOCH,
        }
    ]
    assert definitions["CFSubjects"] == [
        {
            "identifier": SUBJECT,
            "uri": f"urn:uuid:{SUBJECT}",
            "title": "Digital",
            "hierarchyCode": "D",
            "lastChangeDateTime": EPOCH,
        }
    ]
    assert definitions["CFLicenses"] == [
        {
            "identifier": LICENCE,
            "uri": f"urn:uuid:{LICENCE}",
            "title": "OGL-Canada 2.0",
            "licenseText": "Open licence",
            "lastChangeDateTime": EPOCH,
        }
    ]
    groupings = definitions["CFAssociationGroupings"]
    assert [(g["identifier"], g["title"]) for g in groupings] == [
        (
            package()["CFDefinitions"]["CFAssociationGroupings"][0]["identifier"],
            "Compétences numériques",
        ),
        (GROUPING, "Related work"),
    ]
    assert groupings[1] == {
        "identifier": GROUPING,
        "uri": f"urn:uuid:{GROUPING}",
        "title": "Related work",
        "description": "Across families",
        "lastChangeDateTime": EPOCH,
    }
    written = next(a for a in case["CFAssociations"] if a["identifier"] == RELATED)
    assert written["CFAssociationGroupingURI"] == {
        "title": "Related work",
        "identifier": GROUPING,
        "uri": f"urn:uuid:{GROUPING}",
    }
    assert framework_from_case(case) == framework
    assert framework.identifier == FW


def test_damaged_definitions_are_located() -> None:
    case = with_definitions()
    case["CFDefinitions"]["CFSubjects"].append(
        {"identifier": SUBJECT.upper(), "title": "Again", "hierarchyCode": "E"}
    )
    case["CFDefinitions"]["CFLicenses"][0]["title"] = 5
    case["CFDefinitions"]["CFConcepts"][0]["identifier"] = "concept-1"
    case["CFAssociations"][-1]["CFAssociationGroupingURI"]["identifier"] = "related"
    assert problems(case) == [
        ("$.CFAssociations[11].CFAssociationGroupingURI.identifier", "malformed UUID 'related'"),
        ("$.CFDefinitions.CFConcepts[0].identifier", "malformed UUID 'concept-1'"),
        (
            "$.CFDefinitions.CFSubjects[1].identifier",
            f"duplicate identifier {SUBJECT} (also in CFSubjects)",
        ),
        ("$.CFDefinitions.CFLicenses[0].title", "expected a string, got a number"),
    ]


def test_definition_kinds_have_names_for_people() -> None:
    assert definition_kinds() == {
        "CFConcepts": "Concepts",
        "CFSubjects": "Subjects",
        "CFLicenses": "Licences",
        "CFItemTypes": "Item types",
        "CFAssociationGroupings": "Association groupings",
    }
