"""Curricula services: the courses checked against the catalogue with every problem at its
place, the life of a version (draft, open, approved, superseded) and what approving writes
into the linked certification programme, endorsements and their refusals."""

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guild.competencies.models import FrameworkVersion
from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.demo.learning import RULES_FILE, catalogue_file, seed_certificate
from guild.learning.models import (
    CertificationProgramme,
    Curriculum,
    CurriculumVersion,
    Endorsement,
)
from guild.learning.services import course_import
from guild.learning.services.curricula import (
    StructureError,
    curriculum_create,
    endorsement_save,
    structure_check,
    version_approve,
    version_new,
    version_open,
    version_update,
)
from guild.organizations.models import Community, Department

# The demo programme's own courses: a curriculum approved with them changes no rule.
STRUCTURE = {
    key: json.loads(RULES_FILE.read_text(encoding="utf-8"))[key]
    for key in ("required", "electives", "capstone")
}


def demo_catalogue(admin: Any, community: Community) -> CertificationProgramme:
    """The demo's courses and its IM Certificate programme (the framework must be loaded)."""
    course_import(actor=admin, community=community, content=catalogue_file(), file_format="csv")
    return seed_certificate(community=community, actor=admin)


def make_curriculum(
    admin: Any, community: Community, programme: CertificationProgramme | None = None
) -> Curriculum:
    return curriculum_create(
        actor=admin,
        community=community,
        code="im-certificate",
        name_en="IM Certificate",
        name_fr="Certificat en GI",
        programme=programme,
        structure=STRUCTURE,
    )


def open_version(admin: Any, curriculum: Curriculum) -> CurriculumVersion:
    return version_open(actor=admin, version=curriculum.versions.get())


@pytest.fixture
def programme(version: FrameworkVersion, cast: dict[str, Any], im: Community) -> Any:
    return demo_catalogue(cast["admin"].user, im)


@pytest.fixture
def curriculum(programme: Any, cast: dict[str, Any], im: Community) -> Curriculum:
    return make_curriculum(cast["admin"].user, im, programme)


def _refused(im: Community, structure: Any) -> dict[str, list[str]]:
    with pytest.raises(StructureError) as caught:
        structure_check(im, structure)
    return caught.value.fields


def test_structure_is_stored_in_the_rules_shape(programme: Any, im: Community) -> None:
    assert structure_check(im, STRUCTURE) == STRUCTURE
    assert structure_check(im, {"capstone": "i400"}) == {
        "required": [],
        "electives": [],
        "capstone": "i400",
    }


def test_every_problem_of_the_structure_at_its_place(programme: Any, im: Community) -> None:
    fields = _refused(
        im,
        {
            "required": ["i011", "nope", "i011"],
            "electives": [
                {
                    "code": "g",
                    "name_en": "Records practice",
                    "choose": 3,
                    "courses": ["i301", "i011"],
                }
            ],
            "capstone": "t171",
            "levels": {"RIL-01": 2},
        },
    )
    assert fields == {
        "levels": ["Unknown field: a curriculum has required, electives and capstone."],
        "required[1]": ["No course has the code nope."],
        "required[2]": [
            "The course i011 is already in the core courses: a course has one place in a "
            "curriculum."
        ],
        "electives[0].courses[1]": [
            "The course i011 is already in the core courses: a course has one place in a "
            "curriculum."
        ],
        "electives[0].choose": ["Expected a whole number from 1 to 2."],
    }


def test_a_course_in_a_group_and_the_capstone_names_the_group(
    programme: Any, im: Community
) -> None:
    fields = _refused(
        im,
        {
            "electives": [
                {"code": "g", "name_en": "Records practice", "choose": 1, "courses": ["i400"]}
            ],
            "capstone": "i400",
        },
    )
    assert fields == {
        "capstone": [
            "The course i400 is already in the elective group “Records practice”: a course "
            "has one place in a curriculum."
        ]
    }


def test_an_empty_structure_and_a_group_without_courses_are_refused(
    programme: Any, im: Community
) -> None:
    assert _refused(im, {}) == {"__all__": ["A curriculum needs at least one course."]}
    assert _refused(im, {"electives": [{"code": "g", "choose": 1, "courses": []}]}) == {
        "electives[0].courses": ["An elective group needs at least one course."]
    }
    assert _refused(im, ["i011"]) == {
        "__all__": ["Expected an object with required, electives and capstone."]
    }


def test_only_those_who_manage_the_catalogue_create_and_change(
    curriculum: Curriculum, cast: dict[str, Any], im: Community
) -> None:
    draft = curriculum.versions.get()
    for key in ("member", "coordinator", "committee"):
        with pytest.raises(NotFound):
            version_update(actor=cast[key].user, version=draft, structure={"capstone": "i400"})
        with pytest.raises(NotFound):
            version_open(actor=cast[key].user, version=draft)
    draft.refresh_from_db()
    assert draft.structure == STRUCTURE and draft.status == "draft"
    with pytest.raises(NotFound):
        make_curriculum(cast["member"].user, im)


def test_the_life_of_a_version_and_the_programme_takes_the_approved_courses(
    curriculum: Curriculum, programme: CertificationProgramme, cast: dict[str, Any]
) -> None:
    admin = cast["admin"].user
    first = open_version(admin, curriculum)
    closes = first.closes_on
    assert (first.status, first.number, closes) == ("open", 1, None)
    approved = version_approve(actor=admin, version=first)
    assert approved.status == "approved" and approved.approved_by == admin
    programme.refresh_from_db()
    # The programme already had these courses: no new rules version.
    assert programme.rules_version == 1

    second = version_new(actor=admin, curriculum=curriculum)
    assert (second.number, second.status, second.structure) == (2, "draft", STRUCTURE)
    with pytest.raises(ApplicationError) as caught:
        version_new(actor=admin, curriculum=curriculum)
    assert caught.value.code == "version_in_progress"

    changed = {**STRUCTURE, "required": ["i011", "t171", "i303", "iml100"]}
    version_update(
        actor=admin, version=second, structure=changed, notes_en="Leadership", notes_fr="Leadership"
    )
    with pytest.raises(ValidationError) as past:
        version_open(
            actor=admin, version=second, closes_on=timezone.localdate() - datetime.timedelta(1)
        )
    assert past.value.message_dict == {"closes_on": ["Choose today or a later day."]}
    version_open(actor=admin, version=second, closes_on=timezone.localdate())
    version_approve(actor=admin, version=second)

    statuses = dict(curriculum.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "approved"}
    programme.refresh_from_db()
    assert programme.rules_version == 2
    assert programme.rules["required"] == ["i011", "t171", "i303", "iml100"]
    assert programme.rules["capstone"] == "i400"
    assert [g["code"] for g in programme.rules["electives"]] == [
        "records-practice",
        "access-privacy",
    ]
    # What the curriculum does not hold is kept.
    assert programme.rules["levels"] == {"ACP-01": 2, "RIL-01": 2, "RIL-03": 2}
    assert (programme.rules["window_years"], programme.rules["validity_years"]) == (5, 3)
    assert programme.rules["renewal"]["courses"] == 1
    actions = list(
        AuditEvent.objects.filter(action__startswith="learning.").values_list("action", flat=True)
    )
    for action in (
        "learning.curriculum_create",
        "learning.curriculum_version_open",
        "learning.curriculum_version_approve",
        "learning.curriculum_version_supersede",
        "learning.curriculum_version_create",
        "learning.curriculum_version_update",
        "learning.programme_update",
    ):
        assert action in actions, action


def test_approved_and_superseded_versions_never_change(
    curriculum: Curriculum, cast: dict[str, Any]
) -> None:
    admin = cast["admin"].user
    first = version_approve(actor=admin, version=open_version(admin, curriculum))
    for attempt in (
        lambda: version_update(actor=admin, version=first, structure={"capstone": "i400"}),
        lambda: version_open(actor=admin, version=first),
        lambda: version_approve(actor=admin, version=first),
    ):
        with pytest.raises(ApplicationError) as caught:
            attempt()
        assert caught.value.code in {"not_draft", "not_open"}
    with pytest.raises(ApplicationError) as caught:
        version_update(actor=admin, version=first, structure={"capstone": "i400"})
    assert str(caught.value.message) == (
        "Only a draft can be changed; start a new version to change this curriculum."
    )
    first.refresh_from_db()
    assert first.structure == STRUCTURE and first.status == "approved"


def test_a_draft_is_approved_only_once_open(curriculum: Curriculum, cast: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as caught:
        version_approve(actor=cast["admin"].user, version=curriculum.versions.get())
    assert (caught.value.code, str(caught.value.message)) == (
        "not_open",
        "Only a version open for endorsement can be approved.",
    )


def test_a_programme_of_another_community_is_refused(
    programme: Any, cast: dict[str, Any], it_community: Community
) -> None:
    platform = cast["platform"]
    with pytest.raises(ValidationError) as caught:
        make_curriculum(platform, it_community, programme)
    assert caught.value.message_dict == {"programme": ["Choose a programme of this community."]}
    assert not Curriculum.objects.exists()


def test_members_endorse_and_comment_once_each_and_change_their_mind(
    curriculum: Curriculum, cast: dict[str, Any]
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    member = cast["member"]
    first = endorsement_save(actor=member.user, version=version, stance="endorse")
    again = endorsement_save(
        actor=member.user, version=version, stance="comment", text="  Add a course in French. "
    )
    assert first.pk == again.pk
    saved = Endorsement.objects.get()
    assert (saved.member_id, saved.department_id, saved.stance, saved.text) == (
        member.pk,
        None,
        "comment",
        "Add a course in French.",
    )
    with pytest.raises(ValidationError) as caught:
        endorsement_save(actor=member.user, version=version, stance="comment", text=" ")
    assert caught.value.message_dict == {"text": ["Write your comment."]}
    with pytest.raises(ValidationError) as caught:
        endorsement_save(actor=member.user, version=version, stance="veto")
    assert caught.value.message_dict == {
        "stance": ["Choose to endorse the version or to comment on it."]
    }
    assert Endorsement.objects.get().stance == "comment"


def test_a_coordinator_speaks_for_their_department_and_no_other(
    curriculum: Curriculum, cast: dict[str, Any], esdc: Department, cra: Department
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    coordinator = cast["coordinator"]
    own = endorsement_save(actor=coordinator.user, version=version, stance="endorse")
    for_esdc = endorsement_save(
        actor=coordinator.user,
        version=version,
        stance="endorse",
        text="ESDC agrees",
        department=esdc,
    )
    assert own.pk != for_esdc.pk and for_esdc.department_id == esdc.pk
    for actor, department in ((coordinator, cra), (cast["member"], esdc)):
        with pytest.raises(ValidationError) as caught:
            endorsement_save(
                actor=actor.user, version=version, stance="endorse", department=department
            )
        assert caught.value.message_dict == {
            "department": ["You may speak only for a department you coordinate."]
        }
    assert Endorsement.objects.filter(department__isnull=False).count() == 1


def test_endorsing_only_an_open_version_and_only_as_a_member_of_its_community(
    curriculum: Curriculum, cast: dict[str, Any], make_member: Any, cra: Department
) -> None:
    admin, member = cast["admin"].user, cast["member"]
    draft = curriculum.versions.get()
    with pytest.raises(ApplicationError) as caught:
        endorsement_save(actor=member.user, version=draft, stance="endorse")
    assert (caught.value.code, str(caught.value.message)) == (
        "not_open",
        "This version is not open for endorsement.",
    )
    version = open_version(admin, curriculum)
    outsider = make_member(department=cra, communities=[Community.objects.get(code="it")])
    for actor in (outsider.user, cast["platform"]):
        with pytest.raises(ApplicationError) as caught:
            endorsement_save(actor=actor, version=version, stance="endorse")
        assert caught.value.code == "not_a_member"
        assert str(caught.value.message) == (
            "Only members of the curriculum's community can endorse it or comment on it."
        )
    CurriculumVersion.objects.filter(pk=version.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ApplicationError) as caught:
        endorsement_save(actor=member.user, version=version, stance="endorse")
    assert caught.value.code == "closed"
    CurriculumVersion.objects.filter(pk=version.pk).update(closes_on=None)
    version_approve(actor=admin, version=version)
    with pytest.raises(ApplicationError) as caught:
        endorsement_save(actor=member.user, version=version, stance="endorse")
    assert caught.value.code == "not_open"
    assert not Endorsement.objects.exists()
