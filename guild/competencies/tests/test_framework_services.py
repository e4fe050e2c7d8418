"""Framework services against the database: imports (CASE, CSV) create drafts, bad files
save nothing, publishing freezes, new versions copy or replace, and the DB round-trips."""

import copy
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.competencies.case import framework_from_case, framework_to_case, framework_to_csv
from guild.competencies.framework import with_identifiers
from guild.competencies.models import (
    Competency,
    Family,
    Framework,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.competencies.selectors import competency_replaced, framework_version_content
from guild.competencies.services import (
    competency_update,
    framework_import_case,
    framework_import_csv,
    framework_new_version,
    framework_publish,
)
from guild.competencies.tests.builders import C1, C2, C3, link, package, small
from guild.core.errors import ApplicationError, PermissionDenied
from guild.core.models import AuditEvent
from guild.demo.content import im_framework

MODELS = (Framework, FrameworkVersion, Family, Competency, LevelIndicator, ProficiencyLevel)


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in MODELS)


@pytest.fixture
def admin(cast: dict[str, Any]) -> Any:
    return cast["admin"].user


@pytest.mark.django_db
def test_case_import_creates_an_audited_draft(admin: Any, im: Any) -> None:
    version = framework_import_case(actor=admin, community=im, data=package())
    assert version.status == "draft" and version.number == 1 and version.published_at is None
    assert version.framework.code == "digital-competencies"
    assert _counts() == (1, 1, 2, 3, 12, 4)
    assert framework_version_content(version) == small()
    event = AuditEvent.objects.get(action="competency_framework.create")
    assert event.actor == admin and event.object_id == str(version.pk)
    assert event.changes["competencies"] == [None, 3]


@pytest.mark.django_db
def test_im_framework_round_trips_through_the_database_and_case(admin: Any, im: Any) -> None:
    framework = im_framework()
    case = framework_to_case(framework)
    version = framework_import_case(actor=admin, community=im, data=case)
    content = framework_version_content(version)
    assert content == with_identifiers(framework)
    assert framework_to_case(content) == case
    assert framework_to_csv(content) == framework_to_csv(framework)
    assert framework_from_case(framework_to_case(content)) == content


def _cycle() -> dict[str, Any]:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"] = link("Analysis", C2)
    case["CFAssociations"][2]["destinationNodeURI"] = link("Data literacy", C1)
    return case


def _dangling() -> dict[str, Any]:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = (
        "99999999-9999-4999-8999-999999999999"
    )
    return case


def _duplicate() -> dict[str, Any]:
    case = package()
    case["CFItems"][0]["identifier"] = C1
    return case


def _wrong_type() -> dict[str, Any]:
    case = package()
    case["CFItems"][1]["fullStatement"] = 42
    return case


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (_cycle(), "$.CFAssociations[1]", "isChildOf cycle: 'DATA-1' → 'DATA-2' → 'DATA-1'"),
        (
            _dangling(),
            "$.CFAssociations[1].destinationNodeURI.identifier",
            "refers to unknown item 99999999-9999-4999-8999-999999999999",
        ),
        (_wrong_type(), "$.CFItems[1].fullStatement", "expected a string, got a number"),
        ("not a package", "$", "expected an object, got a string"),
    ],
)
def test_bad_case_files_are_refused_with_paths_and_save_nothing(
    admin: Any, im: Any, data: Any, path: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as raised:
        framework_import_case(actor=admin, community=im, data=data)
    assert raised.value.code == "invalid_framework"
    assert raised.value.fields[path] == [message]
    assert _counts() == (0, 0, 0, 0, 0, 0)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_duplicate_identifiers_are_refused(admin: Any, im: Any) -> None:
    with pytest.raises(ApplicationError) as raised:
        framework_import_case(actor=admin, community=im, data=_duplicate())
    assert any("duplicate identifier" in m for ms in raised.value.fields.values() for m in ms)
    assert _counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_the_same_document_imported_again_is_the_next_version(admin: Any, im: Any) -> None:
    first = framework_import_case(actor=admin, community=im, data=package())
    framework_publish(actor=admin, version=first)
    second = framework_import_case(actor=admin, community=im, data=package(), code="again")
    assert (second.framework_id, second.number, second.is_published) == (
        first.framework_id,
        2,
        False,
    )
    assert second.identifier == uuid.uuid5(first.identifier, "version:2")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "coordinator", "committee", "supervisor"])
def test_only_programme_administrators_import(cast: dict[str, Any], im: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        framework_import_case(actor=cast[who].user, community=im, data=package())
    assert _counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_platform_administrator_imports(cast: dict[str, Any], im: Any) -> None:
    framework_import_case(actor=cast["platform"], community=im, data=package())
    assert Framework.objects.count() == 1


@pytest.mark.django_db
def test_csv_import_and_bad_csv(admin: Any, im: Any) -> None:
    text = framework_to_csv(small())
    version = framework_import_csv(
        actor=admin,
        community=im,
        text=text,
        title_en="Digital",
        title_fr="Numérique",
        levels_scale=small().levels_scale,
    )
    content = framework_version_content(version)
    assert [c.code for f in content.families for c in f.competencies] == [
        "DATA-1",
        "DATA-2",
        "SEC-1",
    ]
    assert framework_to_csv(content) == text
    before = _counts()
    bad = text.replace("DATA-2,Analysis", ",Analysis", 1)
    with pytest.raises(ApplicationError) as raised:
        framework_import_csv(actor=admin, community=im, text=bad, title_en="X", title_fr="Y")
    assert "row 6, column competency_code" in raised.value.fields
    assert _counts() == before


@pytest.mark.django_db
def test_publish_freezes_the_version(admin: Any, im: Any) -> None:
    version = framework_import_case(actor=admin, community=im, data=package())
    data_1 = Competency.objects.get(version=version, code="DATA-1")
    competency_update(actor=admin, competency=data_1, name_en="Data literacy and use")
    framework_publish(actor=admin, version=version)
    version.refresh_from_db()
    assert version.status == "published" and version.published_at is not None
    with pytest.raises(ApplicationError) as raised:
        competency_update(actor=admin, competency=data_1, name_en="Changed")
    assert raised.value.code == "frozen"
    assert Competency.objects.get(pk=data_1.pk).name_en == "Data literacy and use"
    with pytest.raises(ApplicationError):
        framework_publish(actor=admin, version=version)
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "competency_framework.create",
        "competency.update",
        "competency_framework.publish",
    ]


@pytest.mark.django_db
def test_competency_update_refuses_blank_names(admin: Any, im: Any) -> None:
    version = framework_import_case(actor=admin, community=im, data=package())
    data_1 = Competency.objects.get(version=version, code="DATA-1")
    with pytest.raises(ValidationError):
        competency_update(actor=admin, competency=data_1, name_fr="  ")
    assert Competency.objects.get(pk=data_1.pk).name_fr == "Littératie des données"


@pytest.mark.django_db
def test_new_version_copies_the_latest(admin: Any, im: Any) -> None:
    first = framework_import_case(actor=admin, community=im, data=package())
    with pytest.raises(ApplicationError) as raised:
        framework_new_version(actor=admin, framework=first.framework)
    assert raised.value.code == "draft_exists"
    framework_publish(actor=admin, version=first)
    second = framework_new_version(actor=admin, framework=first.framework)
    assert (second.number, second.status) == (2, "draft")
    assert second.identifier != first.identifier
    old, new = framework_version_content(first), framework_version_content(second)
    assert new.families == [
        type(f)(
            **{
                **vars(f),
                "competencies": [type(c)(**{**vars(c), "replaces": []}) for c in f.competencies],
            }
        )
        for f in old.families
    ]


@pytest.mark.django_db
def test_new_version_says_which_competencies_it_replaces(admin: Any, im: Any) -> None:
    first = framework_import_case(actor=admin, community=im, data=package())
    framework_publish(actor=admin, version=first)
    content = copy.deepcopy(small())
    content.identifier = "7a1c1f6e-3d2a-4a8e-9d37-2f0d2b7c5a11"
    content.version = "2026.1"
    data = content.families[0]
    replacement = copy.deepcopy(data.competencies[1])
    replacement.identifier = "c0000009-0000-4000-8000-000000000009"
    replacement.code = "DATA-3"
    replacement.replaces = [C2]
    data.competencies[1] = replacement
    content.families[1].competencies[0].replaces = []
    second = framework_new_version(actor=admin, framework=first.framework, content=content)
    new = Competency.objects.get(version=second, code="DATA-3")
    assert new.replaces == [C2]
    assert competency_replaced(new) == [Competency.objects.get(version=first, code="DATA-2")]


@pytest.mark.django_db
def test_new_version_refuses_unknown_or_kept_replacements(admin: Any, im: Any) -> None:
    first = framework_import_case(actor=admin, community=im, data=package())
    framework_publish(actor=admin, version=first)
    content = copy.deepcopy(small())
    content.identifier = "7a1c1f6e-3d2a-4a8e-9d37-2f0d2b7c5a11"
    content.families[0].competencies[0].replaces = [C2]  # DATA-2 stays in the version
    # What version 1 already replaced may stay replaced (an export brought back); an
    # identifier no version knows may not.
    content.families[1].competencies[0].replaces = ["0b1c1f6e-3d2a-4a8e-9d37-2f0d2b7c5a12"]
    before = _counts()
    with pytest.raises(ApplicationError) as raised:
        framework_new_version(actor=admin, framework=first.framework, content=content)
    assert raised.value.fields == {
        "families[0].competencies[0].replaces[0]": [
            "a replaced competency cannot stay in the version"
        ],
        "families[1].competencies[0].replaces[0]": ["not a competency of an earlier version"],
    }
    assert _counts() == before
    assert C3  # the builder's SEC-1 replaces an identifier from outside Guild
