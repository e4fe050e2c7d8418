"""What a CASE package holds beyond Guild's tree (its CFDefinitions, children's sequence
numbers, association groupings, fields Guild does not model) survives the database: every
outside package imported through the service, read back by the selector and exported as
CASE 1.0 or 1.1 gives exactly what the pure round trip gives. The framework page lists the
kept definitions and offers both CASE versions; the API takes `case_version`."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from guild.accounts.services import token_create
from guild.competencies.case import framework_from_case, framework_to_case
from guild.competencies.framework import Link
from guild.competencies.models import (
    Competency,
    Family,
    FrameworkAssociation,
    FrameworkVersion,
)
from guild.competencies.selectors import framework_version_content
from guild.competencies.services import (
    framework_import_case,
    framework_new_version,
    framework_publish,
)
from guild.competencies.tests.builders import C1, C2, C3, F1, F2, SCALE
from guild.competencies.tests.case_schemas import case_errors
from guild.competencies.tests.test_case_definitions import (
    CONCEPT,
    GROUPING,
    LICENCE,
    RELATED,
    SUBJECT,
    with_definitions,
)
from guild.core.errors import ApplicationError
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "case"
PACKAGES = sorted(path.name for path in OUTSIDE.glob("*.json"))
API = "/api/v1/competencies"


@pytest.fixture
def admin(cast: dict[str, Any]) -> Any:
    return cast["admin"].user


def stored(admin: Any, community: Community, data: object) -> FrameworkVersion:
    """Imported through the service, then read afresh: nothing comes from memory."""
    version = framework_import_case(actor=admin, community=community, data=data, levels_scale=SCALE)
    return FrameworkVersion.objects.get(pk=version.pk)


def rich() -> Any:
    """A package with a concept, a subject, a licence, an association grouping holding an
    association, and sequence numbers Guild's own numbering would not give: SEC sits inside
    DATA between DATA's two competencies, which come in reverse order."""
    case = with_definitions()
    associations = case["CFAssociations"]
    associations[1]["sequenceNumber"] = 30  # C1 under F1
    associations[2]["sequenceNumber"] = 10  # C2 under F1
    associations[3]["destinationNodeURI"] = {
        "title": "Data",
        "identifier": F1,
        "uri": f"urn:uuid:{F1}",
    }
    associations[3]["sequenceNumber"] = 20  # F2 under F1
    return case


def test_every_outside_case_package_is_checked() -> None:
    assert PACKAGES == [
        "opensalt-AdoptedTestFramework.json",
        "opensalt-EmptyExternalFramework.json",
        "opensalt-ItemTypeTestFramework.json",
        "opensalt-MarkdownFramework.json",
        "opensalt-Ordering.json",
        "opensalt-SequenceNumberFramework.json",
        "opensalt-SmartLevelFramework.json",
        "opensalt-Utf8TestFramework.json",
        "opensalt-sample-framework-20c5134f.json",
    ]


@pytest.mark.parametrize("case_version", ["1.0", "1.1"])
@pytest.mark.parametrize("name", PACKAGES)
def test_outside_packages_export_from_the_database_as_from_the_pure_round_trip(
    admin: Any, im: Community, name: str, case_version: str
) -> None:
    data = json.loads((OUTSIDE / name).read_text(encoding="utf-8"))
    pure = framework_from_case(data, levels_scale=SCALE)
    version = stored(admin, im, data)
    content = framework_version_content(version)
    assert content == pure
    moment = version.created_at
    exported = framework_to_case(content, changed_at=moment, case_version=case_version)
    assert exported == framework_to_case(pure, changed_at=moment, case_version=case_version)
    assert exported["CFDocument"].get("caseVersion") == ("1.1" if case_version == "1.1" else None)
    # A 1.0 package passes both schemas; a 1.1 one keeps identifiers 1.0 refuses.
    errors = case_errors(exported)
    assert (errors["1.1"], errors["1.0"] if case_version == "1.0" else []) == ([], [])
    assert framework_from_case(exported, levels_scale=SCALE) == pure


@pytest.mark.parametrize("case_version", ["1.0", "1.1"])
def test_definitions_sequences_and_groupings_are_stored_in_their_rows(
    admin: Any, im: Community, case_version: str
) -> None:
    data = rich()
    pure = framework_from_case(data, levels_scale=SCALE)
    version = stored(admin, im, data)
    assert {
        collection: [entry["identifier"] for entry in entries]
        for collection, entries in version.case_definitions.items()
    } == {
        "CFConcepts": [CONCEPT],
        "CFSubjects": [SUBJECT],
        "CFLicenses": [LICENCE],
        "CFAssociationGroupings": [GROUPING],
    }
    assert version.case_definitions == pure.definitions
    families = Family.objects.filter(version=version).order_by("order")
    assert [(str(f.identifier), f.sequence) for f in families] == [(F1, None), (F2, 20)]
    competencies = Competency.objects.filter(version=version).order_by("family__order", "order")
    assert [(str(c.identifier), c.sequence) for c in competencies] == [
        (C2, 10),
        (C1, 30),
        (C3, None),
    ]
    related = FrameworkAssociation.objects.get(version=version, identifier=RELATED)
    assert (related.grouping_identifier, related.grouping_title, related.grouping_uri) == (
        GROUPING,
        "Related work",
        f"urn:uuid:{GROUPING}",
    )
    assert FrameworkAssociation.objects.filter(version=version).count() == 1
    content = framework_version_content(version)
    assert content == pure
    moment = version.created_at
    exported = framework_to_case(content, changed_at=moment, case_version=case_version)
    assert exported == framework_to_case(pure, changed_at=moment, case_version=case_version)
    errors = case_errors(exported)
    assert (errors["1.1"], errors["1.0"] if case_version == "1.0" else []) == ([], [])
    written = exported["CFDefinitions"]
    assert [entry["identifier"] for entry in written["CFConcepts"]] == [CONCEPT]
    assert GROUPING in [entry["identifier"] for entry in written["CFAssociationGroupings"]]
    grouped = next(a for a in exported["CFAssociations"] if a["identifier"] == RELATED)
    assert grouped["CFAssociationGroupingURI"]["identifier"] == GROUPING
    placed = {
        a["originNodeURI"]["identifier"]: a.get("sequenceNumber")
        for a in exported["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    assert (placed[C2], placed[C1], placed[F2]) == (10, 30, 20)


def test_the_page_lists_the_kept_definitions_and_offers_both_case_versions(
    admin: Any, im: Community, login: Any
) -> None:
    version = stored(admin, im, rich())
    client = login(admin)
    page = client.get(f"/en/competencies/frameworks/{version.framework_id}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert '<h2 id="definitions-heading">CASE definitions</h2>' in text
    headings = [
        "Concepts (1)",
        "Subjects (1)",
        "Licences (1)",
        "Association groupings (1)",
    ]
    assert [h for h in headings if f">{h}</h3>" in text] == headings
    assert "Item types (" not in text
    assert "<li>Data</li>" in text  # the concept, without a hierarchy code
    assert "<li><code>D</code> Digital</li>" in text  # the subject
    assert "<li>Related work — Across families</li>" in text
    one_zero = f"/en/competencies/frameworks/versions/{version.pk}/case.json"
    one_one = f"/en/competencies/frameworks/versions/{version.pk}/case-1.1.json"
    assert f'href="{one_zero}" download>Download as 1EdTech CASE 1.0 / 1.1 (JSON)</a>' in text
    assert f'href="{one_one}" download>Download as 1EdTech CASE 1.1 (JSON)</a>' in text
    french = client.get(f"/fr/competencies/frameworks/{version.framework_id}/").content.decode()
    kinds = [
        "Concepts (1)",
        "Matières (1)",
        "Licences (1)",
        "Regroupements d\u2019associations (1)",
    ]
    assert [h for h in kinds if f">{h}</h3>" in french] == kinds
    content = framework_version_content(version)
    for url, case_version, name in (
        (one_zero, "1.0", f"{version.framework.code}-v1.json"),
        (one_one, "1.1", f"{version.framework.code}-v1-case-1.1.json"),
    ):
        download = client.get(url)
        assert download.status_code == 200
        assert download["Content-Disposition"] == f'attachment; filename="{name}"'
        assert download.json() == framework_to_case(
            content, changed_at=version.created_at, case_version=case_version
        )


def test_the_page_shows_the_first_twenty_definitions_of_a_kind_and_counts_the_rest(
    admin: Any, im: Community, login: Any
) -> None:
    data = rich()
    data["CFDefinitions"]["CFConcepts"] = [
        {"identifier": f"a1000000-0000-4000-8000-{n:012d}", "title": f"Concept {n}"}
        for n in range(1, 24)
    ]
    version = stored(admin, im, data)
    text = login(admin).get(f"/en/competencies/frameworks/{version.framework_id}/").content
    page = text.decode()
    assert ">Concepts (23)</h3>" in page
    assert "<li>Concept 20</li>" in page and "<li>Concept 21</li>" not in page
    assert "And 3 more, in the CASE downloads." in page


def test_the_api_exports_either_case_version_and_refuses_others(admin: Any, im: Community) -> None:
    version = stored(admin, im, rich())
    _token, raw = token_create(user=admin, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    content = framework_version_content(version)
    url = f"{API}/versions/{version.pk}/case"
    for query, case_version in (
        ("", "1.0"),
        ("?case_version=1.0", "1.0"),
        ("?case_version=1.1", "1.1"),
    ):
        response = client.get(url + query)
        assert response.status_code == 200
        assert response.json() == framework_to_case(
            content, changed_at=version.created_at, case_version=case_version
        )
    for bad in ("1.2", "", "v1.1"):
        refused = client.get(f"{url}?case_version={bad}")
        assert refused.status_code == 400
        assert refused.json() == {
            "code": "invalid",
            "message": "Some fields need your attention.",
            "fields": {"case_version": ["Choose CASE version 1.0 or 1.1."]},
        }


def test_a_new_version_copied_from_the_last_keeps_what_the_package_kept(
    admin: Any, im: Community
) -> None:
    first = stored(admin, im, rich())
    framework_publish(actor=admin, version=first)
    copy = framework_new_version(actor=admin, framework=first.framework)
    before = framework_version_content(first)
    after = framework_version_content(FrameworkVersion.objects.get(pk=copy.pk))
    assert after.definitions == before.definitions != {}
    assert after.associations == before.associations
    assert [a.grouping for a in after.associations] == [
        Link(identifier=GROUPING, title="Related work", uri=f"urn:uuid:{GROUPING}")
    ]
    assert [(f.sequence, [c.sequence for c in f.competencies]) for f in after.families] == [
        (None, [10, 30]),
        (20, [None]),
    ]


def test_the_page_lists_the_item_types_of_an_outside_package(
    admin: Any, im: Community, login: Any
) -> None:
    data = json.loads((OUTSIDE / PACKAGES[-1]).read_text(encoding="utf-8"))
    version = stored(admin, im, data)
    client = login(admin)
    english = client.get(f"/en/competencies/frameworks/{version.framework_id}/").content.decode()
    assert ">Item types (3)</h3>" in english
    section = english[english.index('id="definitions-CFItemTypes"') :]
    items = section[: section.index("</ul>")]
    assert re.findall(r"<li>(.*?)</li>", items) == [
        "<code>1</code> Cluster",
        "<code>1</code> Standard",
        "<code>1</code> Component",
    ]
    french = client.get(f"/fr/competencies/frameworks/{version.framework_id}/").content.decode()
    assert ">Types d\u2019éléments (3)</h3>" in french


def test_a_sequence_number_beyond_what_the_database_holds_is_refused_at_its_path(
    admin: Any, im: Community
) -> None:
    data = rich()
    data["CFAssociations"][1]["sequenceNumber"] = 2**31
    before = FrameworkVersion.objects.count()
    with pytest.raises(ApplicationError) as refused:
        stored(admin, im, data)
    assert refused.value.fields == {
        "$.CFAssociations[1].sequenceNumber": [
            "expected a whole number no larger than 2147483647, got 2147483648"
        ]
    }
    assert FrameworkVersion.objects.count() == before
    data["CFAssociations"][1]["sequenceNumber"] = 2**31 - 1  # the largest, kept exactly
    version = stored(admin, im, data)
    assert Competency.objects.get(version=version, identifier=C1).sequence == 2**31 - 1
    assert framework_version_content(version) == framework_from_case(data, levels_scale=SCALE)
