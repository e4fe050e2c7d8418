"""CASE packages through the services and pages: associations stored and shown, the scale
the import is given, Guild's export through both CASE schemas, and an edited export brought
back as the next version (issue 10 #8)."""

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guild.competencies.case import framework_to_case
from guild.competencies.models import Family, FrameworkAssociation, FrameworkVersion
from guild.competencies.selectors import framework_version_content
from guild.competencies.services import framework_import_case, framework_publish
from guild.competencies.services.frameworks import DEFAULT_LEVELS_SCALE
from guild.competencies.tests.builders import SCALE, small
from guild.competencies.tests.case_schemas import case_errors
from guild.core.errors import ApplicationError
from guild.demo.content import im_framework

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "tests/fixtures/outside/case/opensalt-sample-framework-20c5134f.json"
)


@pytest.fixture
def admin(cast: dict[str, Any]) -> Any:
    return cast["admin"].user


def test_an_outside_package_is_stored_whole_and_shown(
    admin: Any, im: Any, cast: dict[str, Any], login: Any
) -> None:
    version = framework_import_case(
        actor=admin, community=im, data=json.loads(SAMPLE.read_text(encoding="utf-8"))
    )
    assert (version.title_en, version.title_fr, version.is_published) == (
        "What Standards Could Be",
        "",
        False,
    )
    assert FrameworkAssociation.objects.filter(version=version).count() == 23
    standard = Family.objects.get(version=version, code="CCSS.Math.Content.6.RP.A.3")
    assert standard.parent is not None
    assert (standard.item_type, standard.parent.code) == ("Standard", "CCSS.Math.Content.6.RP.A")
    assert [level.name_en for level in version.levels.order_by("level")] == [
        level.name_en for level in DEFAULT_LEVELS_SCALE
    ]
    page = login(admin).get(f"/en/competencies/frameworks/{version.framework_id}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<code>exactMatchOf</code>" in text and "<code>precedes</code>" in text
    assert "within CCSS.Math.Content.6.RP.A (level 1 of nesting)" in text
    assert "publishing needs both languages" in text
    with pytest.raises(ApplicationError):
        framework_publish(actor=admin, version=version)
    back = framework_to_case(framework_version_content(version))
    assert case_errors(back) == {"1.0": [], "1.1": []}
    assert len(back["CFAssociations"]) == 16 + 23


def test_items_without_levels_take_the_scale_the_import_is_given(admin: Any, im: Any) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    version = framework_import_case(actor=admin, community=im, data=data, levels_scale=SCALE)
    assert [(level.name_en, level.name_fr) for level in version.levels.order_by("level")] == [
        (level.name_en, level.name_fr) for level in SCALE
    ]


def test_guild_exports_pass_both_case_schemas() -> None:
    assert case_errors(framework_to_case(small())) == {"1.0": [], "1.1": []}
    assert case_errors(framework_to_case(im_framework())) == {"1.0": [], "1.1": []}
    # French the way Guild wrote it before ADR 15 (an `extensions` object on an item) is
    # what the 1.0 binding refused: the schemas still catch it.
    package = framework_to_case(small())
    items = package["CFItems"]
    assert isinstance(items, list) and isinstance(items[0], dict)
    items[0]["extensions"] = {"fr": {"fullStatement": "Énoncé"}}
    assert len(case_errors(package)["1.0"]) == 1


def test_the_export_page_stamps_the_publication_date(
    admin: Any, im: Any, cast: dict[str, Any], login: Any
) -> None:
    version = framework_import_case(actor=admin, community=im, data=framework_to_case(small()))
    framework_publish(actor=admin, version=version)
    version.refresh_from_db()
    assert version.published_at is not None
    response = login(cast["member"].user).get(
        f"/en/competencies/frameworks/versions/{version.pk}/case.json"
    )
    package = json.loads(response.content)
    assert package["CFDocument"]["lastChangeDateTime"] == version.published_at.isoformat()
    assert not package["CFDocument"]["lastChangeDateTime"].startswith("1970")
    assert case_errors(package) == {"1.0": [], "1.1": []}


def test_an_edited_export_comes_back_as_the_next_version(admin: Any, im: Any) -> None:
    first = framework_import_case(actor=admin, community=im, data=framework_to_case(small()))
    framework_publish(actor=admin, version=first)
    package = framework_to_case(framework_version_content(first))
    # The editor kept English only and renamed one competency.
    french = {item["identifier"] for item in package["CFItems"] if item["language"] == "fr"}
    package["CFItems"] = [item for item in package["CFItems"] if item["identifier"] not in french]
    package["CFAssociations"] = [
        a for a in package["CFAssociations"] if a["originNodeURI"]["identifier"] not in french
    ]
    package["CFRubrics"] = package["CFRubrics"][::2]
    del package["CFDefinitions"]
    package["CFItems"][1]["fullStatement"] = "Data literacy and statistics"

    second = framework_import_case(actor=admin, community=im, data=package)

    assert (second.framework_id, second.number, second.is_published) == (
        first.framework_id,
        2,
        False,
    )
    assert second.identifier == uuid.uuid5(first.identifier, "version:2")
    content = framework_version_content(second)
    assert (content.title_en, content.title_fr) == (
        "Digital competencies",
        "Compétences numériques",
    )
    renamed, kept = content.families[0].competencies
    assert (renamed.name_en, renamed.name_fr) == ("Data literacy and statistics", "")
    assert (kept.name_en, kept.name_fr) == ("Analysis", "Analyse")
    assert kept.levels[0].indicators_fr == "DATA-2 au niveau 1"
    with pytest.raises(ApplicationError) as raised:
        framework_publish(actor=admin, version=second)
    assert list(raised.value.fields) == ["families[0].competencies[0].name_fr"]
    assert FrameworkVersion.objects.filter(framework=first.framework).count() == 2


def test_the_import_page_asks_which_scale_items_without_levels_take(
    admin: Any, im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    scaled = framework_import_case(actor=admin, community=im, data=framework_to_case(small()))
    client = login(admin)
    form = client.get("/en/competencies/frameworks/import/").content.decode()
    assert "Proficiency scale" in form
    assert "Basic · Intermediate · Advanced · Expert" in form
    upload = SimpleUploadedFile("sample.json", SAMPLE.read_bytes(), "application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/competencies/frameworks/import/",
            {
                "community": str(im.pk),
                "framework": "0",
                "file_format": "case",
                "scale": str(scaled.pk),
                "file": upload,
            },
        )
    assert response.status_code == 302
    imported = FrameworkVersion.objects.exclude(pk=scaled.pk).get()
    assert [(lv.name_en, lv.name_fr) for lv in imported.levels.order_by("level")] == [
        (level.name_en, level.name_fr) for level in SCALE
    ]


def test_fields_guild_does_not_model_are_kept_and_exported(admin: Any, im: Any) -> None:
    """educationLevel, listEnumeration, abbreviatedStatement, the document's adoptionStatus
    and description: stored as found and written back, the export still valid."""
    package = json.loads(SAMPLE.read_text(encoding="utf-8"))
    version = framework_import_case(actor=admin, community=im, data=package)
    assert version.case_fields == {"adoptionStatus": "Draft"}
    # Each item's CFItemTypeURI names the package's CFItemTypes definition of its type.
    opensalt = "http://opensalt-staging.opened.com/uri/"
    standard = "bbc1a9ba-640e-4bf2-a52c-b1cec75b4ee7"
    competency = version.competencies.get(code="CCSS.Math.Content.6.RP.A.1")
    # OpenSALT's early spelling "educationalLevel": "06" is read as CASE's educationLevel.
    assert competency.case_fields == {
        "educationLevel": ["06"],
        "listEnumeration": "1.",
        "CFItemTypeURI": {"title": "Standard", "identifier": standard, "uri": opensalt + standard},
    }
    cluster = version.families.get(code="CCSS.Math.Content.6.RP.A")
    clustered = "5b5f9983-eabb-4661-aca4-9e0c81046772"
    assert cluster.case_fields == {
        "educationLevel": ["06"],
        "CFItemTypeURI": {"title": "Cluster", "identifier": clustered, "uri": opensalt + clustered},
    }
    listed = version.competencies.get(code="CCSS.Math.Content.6.RP.A.3a")
    component = "25e51172-9ee2-4990-806f-1bceb32633d1"
    assert listed.case_fields == {
        "educationLevel": ["06"],
        "listEnumeration": "a.",
        "CFItemTypeURI": {
            "title": "Component",
            "identifier": component,
            "uri": opensalt + component,
        },
    }
    exported = framework_to_case(framework_version_content(version))
    assert case_errors(exported) == {"1.0": [], "1.1": []}
    assert exported["CFDocument"]["adoptionStatus"] == "Draft"
    item = next(i for i in exported["CFItems"] if i["humanCodingScheme"] == listed.code)
    assert (item["educationLevel"], item["listEnumeration"]) == (["06"], "a.")
    assert item["CFItemTypeURI"] == {
        "title": "Component",
        "identifier": component,
        "uri": opensalt + component,
    }


def test_the_framework_page_shows_the_kept_fields(admin: Any, im: Any, login: Any) -> None:
    package = json.loads(SAMPLE.read_text(encoding="utf-8"))
    version = framework_import_case(actor=admin, community=im, data=package)
    text = login(admin).get(f"/en/competencies/frameworks/{version.framework_id}/").content.decode()
    assert text.count("Other CASE fields, kept as the file gave them") == 1 + 4 + 12
    assert "<dt><code>listEnumeration</code></dt><dd>a.</dd>" in text
    assert "<dt><code>adoptionStatus</code></dt><dd>Draft</dd>" in text


def test_a_kept_field_of_the_wrong_shape_is_refused_where_it_is(admin: Any, im: Any) -> None:
    package = json.loads(SAMPLE.read_text(encoding="utf-8"))
    package["CFItems"][1]["educationLevel"] = [6]
    package["CFItems"][2]["statusStartDate"] = "next week"
    package["CFDocument"]["licenseURI"] = {"title": "CC BY"}
    with pytest.raises(ApplicationError) as refused:
        framework_import_case(actor=admin, community=im, data=package)
    assert refused.value.fields == {
        "$.CFDocument.licenseURI.identifier": ["required field is missing"],
        "$.CFDocument.licenseURI.uri": ["required field is missing"],
        "$.CFItems[1].educationLevel[0]": ["expected a string, got a number"],
        "$.CFItems[2].statusStartDate": ["not an ISO 8601 date: 'next week'"],
    }
    assert not FrameworkVersion.objects.filter(framework__community=im).exists()
