"""Identifiers the CASE 1.0 binding refuses (not RFC 4122 UUIDs, as OpenSALT's test
frameworks publish): the 1.0 export replaces them and records the originals, the import
gives the originals back, the 1.1 export writes them as they are."""

import json
from pathlib import Path
from typing import Any

from guild.competencies.case import framework_from_case, framework_to_case
from guild.competencies.case.identifiers import replacement, restore_originals
from guild.competencies.tests.builders import EPOCH, SCALE, package
from guild.competencies.tests.case_schemas import case_errors

OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "case"
DOCUMENT = "d0000000-0000-0000-0000-000000000000"
ITEM = "00000000-0000-0000-0000-000000000001"
ITEM_TYPE = "b0000000-0000-0000-0000-000000000000"
NEW_DOCUMENT = "d1614e40-b628-5a53-bfce-c9e7693616f7"
NEW_ITEM = "9b49916f-834e-5e97-bba6-51723e8c6de4"
NEW_ITEM_TYPE = "0816fce7-7e73-5ce6-82e9-0a9f821bb828"
ORIGINALS = "2ebe0e0d-afe8-5472-8b38-429d51a8ea93"
ORIGINALS_LINK = {
    "title": "Original identifiers",
    "identifier": ORIGINALS,
    "uri": f"urn:uuid:{ORIGINALS}",
}
SERVER = "https://server/ims/case/v1p0"


def item_type_test() -> Any:
    text = (OUTSIDE / "opensalt-ItemTypeTestFramework.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_replacements_are_uuid5_of_the_original_urn() -> None:
    assert [replacement(old) for old in (DOCUMENT, ITEM, ITEM_TYPE, ITEM.upper())] == [
        NEW_DOCUMENT,
        NEW_ITEM,
        NEW_ITEM_TYPE,
        NEW_ITEM,
    ]


def test_the_1_0_export_replaces_and_records_them() -> None:
    framework = framework_from_case(item_type_test(), levels_scale=SCALE)
    assert framework.identifier == DOCUMENT
    case = framework_to_case(framework)
    assert case_errors(case) == {"1.0": [], "1.1": []}
    assert (case["CFDocument"]["identifier"], case["CFDocument"]["uri"]) == (
        NEW_DOCUMENT,
        f"urn:uuid:{NEW_DOCUMENT}",
    )
    item = case["CFItems"][1]
    assert (item["identifier"], item["uri"]) == (NEW_ITEM, f"urn:uuid:{NEW_ITEM}")
    # A link keeps its URI (OpenSALT's, wrong as published); the import gives it back whole.
    assert item["CFItemTypeURI"] == {
        "title": "Standard",
        "identifier": NEW_ITEM_TYPE,
        "uri": f"{SERVER}/CFDocuments/{ITEM_TYPE}",
    }
    assert case["CFDefinitions"]["CFItemTypes"] == [
        {
            "identifier": NEW_ITEM_TYPE,
            "uri": f"urn:uuid:{NEW_ITEM_TYPE}",
            "title": "Standard",
            "description": "Standard",
            "hierarchyCode": "1",
            "typeCode": "Standard",
            "lastChangeDateTime": EPOCH,
        }
    ]
    records = [
        (
            a["identifier"],
            a["associationType"],
            a["originNodeURI"],
            a["destinationNodeURI"],
            a["CFAssociationGroupingURI"],
        )
        for a in case["CFAssociations"]
        if a.get("CFAssociationGroupingURI", {}).get("identifier") == ORIGINALS
    ]
    assert records == [
        (
            "c6330d53-8081-5991-86e3-1c96e7ed4008",
            "exactMatchOf",
            {
                "title": "Item Type Test",
                "identifier": NEW_DOCUMENT,
                "uri": f"urn:uuid:{NEW_DOCUMENT}",
            },
            {"title": "Item Type Test", "identifier": DOCUMENT, "uri": f"urn:uuid:{DOCUMENT}"},
            ORIGINALS_LINK,
        ),
        (
            "d61df68f-d9ae-5e88-9753-b4ae1008b585",
            "exactMatchOf",
            {"title": "Item 1", "identifier": NEW_ITEM, "uri": f"urn:uuid:{NEW_ITEM}"},
            {"title": "Item 1", "identifier": ITEM, "uri": f"urn:uuid:{ITEM}"},
            ORIGINALS_LINK,
        ),
        (
            "6795768b-69b4-5b36-bef7-f4e21a1880dc",
            "exactMatchOf",
            {"title": "Standard", "identifier": NEW_ITEM_TYPE, "uri": f"urn:uuid:{NEW_ITEM_TYPE}"},
            {
                "title": "Standard",
                "identifier": ITEM_TYPE,
                "uri": f"{SERVER}/CFItemTypes/{ITEM_TYPE}",
            },
            ORIGINALS_LINK,
        ),
    ]
    assert case["CFDefinitions"]["CFAssociationGroupings"] == [
        {
            **ORIGINALS_LINK,
            "description": (
                "Guild: this CASE 1.0 package replaced identifiers that are not RFC 4122 "
                'UUIDs with uuid5(NAMESPACE_URL, "urn:uuid:<original>"); each replaced '
                "identifier is exactMatchOf its original."
            ),
            "lastChangeDateTime": EPOCH,
        }
    ]
    again = framework_from_case(case, levels_scale=SCALE)
    assert again == framework
    assert again.definitions == {
        "CFItemTypes": [
            {
                "identifier": ITEM_TYPE,
                "uri": f"{SERVER}/CFItemTypes/{ITEM_TYPE}",
                "title": "Standard",
                "description": "Standard",
                "hierarchyCode": "1",
                "typeCode": "Standard",
            }
        ]
    }
    assert again.associations == []


def test_the_1_1_export_writes_them_as_they_are() -> None:
    framework = framework_from_case(item_type_test(), levels_scale=SCALE)
    case = framework_to_case(framework, case_version="1.1")
    assert case_errors(case)["1.1"] == []
    assert case["CFDocument"]["identifier"] == DOCUMENT
    assert case["CFDocument"]["caseVersion"] == "1.1"
    assert case["CFItems"][1]["identifier"] == ITEM
    assert case["CFItems"][1]["CFItemTypeURI"]["identifier"] == ITEM_TYPE
    assert [a["associationType"] for a in case["CFAssociations"]] == ["isChildOf", "isChildOf"]
    assert "CFAssociationGroupings" not in case["CFDefinitions"]
    assert framework_from_case(case, levels_scale=SCALE) == framework


def test_a_package_of_rfc_4122_identifiers_is_left_as_it_is() -> None:
    case = package()
    assert restore_originals(case) is case
    assert not any(
        a.get("CFAssociationGroupingURI", {}).get("title") == "Original identifiers"
        for a in case["CFAssociations"]
    )


def test_records_that_do_not_match_their_replacement_are_ordinary_associations() -> None:
    """Only a record whose new identifier is the replacement of its original is read as
    one; another association in that grouping is kept as it came."""
    case = framework_to_case(framework_from_case(item_type_test(), levels_scale=SCALE))
    case["CFAssociations"][-1]["originNodeURI"]["identifier"] = NEW_ITEM
    framework = framework_from_case(case, levels_scale=SCALE)
    assert framework.identifier == DOCUMENT
    assert [
        (a.association_type, a.origin.identifier, a.destination.identifier)
        for a in framework.associations
    ] == [("exactMatchOf", ITEM, ITEM_TYPE)]
