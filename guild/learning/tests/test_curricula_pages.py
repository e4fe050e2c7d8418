"""Curriculum pages through the real HTTP stack: who reads which version, the draft form
with every error at once, endorsing from the version page (attributed, listed, tallied),
the manager's actions, the home worklist; tampered and foreign ids 404."""

from typing import Any

import pytest

from guild.competencies.models import FrameworkVersion
from guild.learning.models import CertificationProgramme, Curriculum, CurriculumVersion, Endorsement
from guild.learning.services.curricula import endorsement_save, version_approve
from guild.learning.tests.test_curricula_services import (
    STRUCTURE,
    demo_catalogue,
    make_curriculum,
    open_version,
)
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(version: FrameworkVersion, cast: dict[str, Any], im: Community) -> Any:
    return demo_catalogue(cast["admin"].user, im)


@pytest.fixture
def curriculum(programme: Any, cast: dict[str, Any], im: Community) -> Curriculum:
    return make_curriculum(cast["admin"].user, im, programme)


def _url(version: CurriculumVersion, action: str = "") -> str:
    return f"/en/learning/curricula/versions/{version.pk}/{action}"


def test_members_read_open_versions_and_only_managers_read_drafts(
    curriculum: Curriculum, cast: dict[str, Any], login: Any, make_member: Any
) -> None:
    draft = curriculum.versions.get()
    member, admin = login(cast["member"].user), login(cast["admin"].user)
    assert member.get(_url(draft)).status_code == 404
    assert member.get(_url(draft, "edit/")).status_code == 404
    page = admin.get(_url(draft))
    assert page.status_code == 200
    assert "Edit the draft" in page.content.decode()

    open_version(cast["admin"].user, curriculum)
    page = member.get(_url(draft))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Records management fundamentals" in body
    assert "Records practice: 2 courses of these" in body
    assert "your name and your department are shown with it" in body
    assert "Approve this version" not in body
    assert member.get(f"/en/learning/curricula/{curriculum.pk}/").status_code == 200
    listing = member.get("/en/learning/curricula/").content.decode()
    assert "Version 1 is open for endorsement" in listing

    outsider = make_member(communities=[Community.objects.get(code="it")])
    stranger = login(outsider.user)
    for url in (
        _url(draft),
        f"/en/learning/curricula/{curriculum.pk}/",
        "/en/learning/curricula/versions/99999999/",
        "/en/learning/curricula/versions/99999999999999999999999/",
    ):
        assert stranger.get(url).status_code == 404, url
    assert "IM Certificate" not in stranger.get("/en/learning/curricula/").content.decode()


def test_the_competency_map_shows_courses_levels_and_what_is_uncovered(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    page = login(cast["admin"].user).get(_url(curriculum.versions.get()))
    rows = {row.competency.code: row for row in page.context["map"].rows}
    assert [(e.course.code, e.place, e.level) for e in rows["RIL-03"].entries] == [
        ("i303", "core", 2)
    ]
    assert [(e.course.code, e.place) for e in rows["LDS-01"].entries] == [("i400", "capstone")]
    uncovered = {c.code for c in page.context["map"].uncovered}
    assert "LKS-01" in uncovered and "RIL-03" not in uncovered
    assert 'id="competency-map"' in page.content.decode()


def test_the_draft_form_shows_every_error_at_once_and_saves_nothing(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    draft = curriculum.versions.get()
    admin = login(cast["admin"].user)
    form = admin.get(_url(draft, "edit/"))
    assert form.status_code == 200
    assert form.context["form"]["group1_name_en"].value() == "Records practice"
    assert "group3_name_en" in form.context["form"].fields  # two blank groups to fill
    answer = admin.post(
        _url(draft, "edit/"),
        {
            "core": ["i011"],
            "group1_name_en": "Records practice",
            "group1_choose": "5",
            "group1_courses": ["i011", "i301"],
            "group2_name_en": "Empty",
            "capstone": "",
        },
    )
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert errors["group1_choose"] == ["Expected a whole number from 1 to 2."]
    assert errors["group1_courses"] == [
        "The course i011 is already in the core courses: a course has one place in a curriculum."
    ]
    assert errors["group2_courses"] == ["An elective group needs at least one course."]
    assert errors["group2_choose"] == ["Expected a whole number from 1 to 1."]
    draft.refresh_from_db()
    assert draft.structure == STRUCTURE

    saved = admin.post(
        _url(draft, "edit/"),
        {
            "core": ["i011", "iml100"],
            "group1_code": "records-practice",
            "group1_name_en": "Records practice",
            "group1_name_fr": "Pratique",
            "group1_choose": "1",
            "group1_courses": ["i301", "i302"],
            "capstone": "i400",
            "notes_en": "Shorter",
        },
    )
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.structure == {
        "required": ["i011", "iml100"],
        "electives": [
            {
                "code": "records-practice",
                "name_en": "Records practice",
                "name_fr": "Pratique",
                "choose": 1,
                "courses": ["i301", "i302"],
            }
        ],
        "capstone": "i400",
    }
    assert draft.notes_en == "Shorter"


def test_an_approved_version_is_not_edited(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    admin_user = cast["admin"].user
    version = version_approve(actor=admin_user, version=open_version(admin_user, curriculum))
    admin = login(admin_user)
    answer = admin.post(_url(version, "edit/"), {"core": ["i011"]}, follow=True)
    assert answer.redirect_chain == [(_url(version), 302)]
    assert "Only a draft can be changed" in answer.content.decode()
    version.refresh_from_db()
    assert version.structure == STRUCTURE


def test_a_member_comments_sees_it_listed_and_the_tally_counts_it(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    client = login(cast["member"].user)
    empty = client.post(_url(version), {"stance": "comment", "text": ""})
    assert empty.status_code == 400
    assert empty.context["form"].errors == {"text": ["Write your comment."]}
    assert not Endorsement.objects.exists()

    done = client.post(
        _url(version), {"stance": "comment", "text": "Offer it in French too."}, follow=True
    )
    body = done.content.decode()
    assert "Thank you: what you said is recorded." in body
    assert "Mia Member" in body and "Offer it in French too." in body
    tally = done.context["tally"]
    assert (tally.endorsements, tally.comments, tally.departments) == (0, 1, 0)
    assert "Change what you said" in body


def test_a_coordinator_chooses_their_department_and_no_other(
    curriculum: Curriculum, cast: dict[str, Any], login: Any, esdc: Any, cra: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    client = login(cast["coordinator"].user)
    refused = client.post(_url(version), {"stance": "endorse", "department": str(cra.pk)})
    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["department"]
    assert not Endorsement.objects.exists()
    client.post(_url(version), {"stance": "endorse", "department": str(esdc.pk)})
    said = Endorsement.objects.get()
    assert (said.department_id, said.member_id) == (esdc.pk, cast["coordinator"].pk)
    page = client.get(_url(version)).content.decode()
    assert "on behalf of Employment and Social Development Canada" in page


def test_managers_open_and_approve_and_members_cannot(
    curriculum: Curriculum,
    programme: CertificationProgramme,
    cast: dict[str, Any],
    login: Any,
) -> None:
    draft = curriculum.versions.get()
    member = login(cast["member"].user)
    assert member.post(_url(draft, "open/")).status_code == 404
    admin = login(cast["admin"].user)
    past = admin.post(_url(draft, "open/"), {"closes_on": "2001-01-01"})
    assert past.status_code == 400
    assert past.context["open_form"].errors == {"closes_on": ["Choose today or a later day."]}
    assert admin.post(_url(draft, "open/"), {"closes_on": ""}).status_code == 302
    assert member.post(_url(draft, "approve/")).status_code == 404
    done = admin.post(_url(draft, "approve/"), follow=True)
    assert "The version is approved; the certification programme" in done.content.decode()
    draft.refresh_from_db()
    assert draft.status == "approved"

    started = admin.post(f"/en/learning/curricula/{curriculum.pk}/versions/new/")
    second = curriculum.versions.get(number=2)
    assert started["Location"] == _url(second, "edit/")
    again = admin.post(f"/en/learning/curricula/{curriculum.pk}/versions/new/", follow=True)
    assert "already has a version in draft or open" in again.content.decode()


def test_the_home_worklist_asks_members_until_they_speak_and_shows_managers_the_tally(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    item = "Version 1 of IM Certificate is open for endorsement"
    member = login(cast["member"].user)
    assert item in member.get("/en/").content.decode()
    endorsement_save(actor=cast["member"].user, version=version, stance="endorse")
    assert item not in member.get("/en/").content.decode()
    admin_home = login(cast["admin"].user).get("/en/").content.decode()
    assert "Curricula you manage, open for endorsement" in admin_home
    assert "1 endorsement, 0 comments, 0 departments spoke" in admin_home


def test_a_curriculum_without_a_programme_is_approved_alone(
    programme: CertificationProgramme,
    cast: dict[str, Any],
    im: Community,
    login: Any,
) -> None:
    admin = cast["admin"].user
    alone = make_curriculum(admin, im)
    version = open_version(admin, alone)
    done = login(admin).post(_url(version, "approve/"), follow=True)
    assert "The version is approved." in done.content.decode()
    programme.refresh_from_db()
    assert programme.rules_version == 1


def test_a_manager_outside_the_community_reads_but_is_told_why_they_cannot_speak(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    platform = login(cast["platform"])
    page = platform.get(_url(version))
    assert page.status_code == 200 and page.context["form"] is None
    refused = platform.post(_url(version), {"stance": "endorse"})
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        "Only members of the curriculum's community can endorse it or comment on it."
    ]
    assert not Endorsement.objects.exists()


def test_a_comment_keeps_the_language_it_was_written_in(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    client = login(cast["member"].user)
    french = f"/fr/learning/curricula/versions/{version.pk}/"
    client.post(french, {"stance": "comment", "text": "Offrez-le aussi en région."})
    assert Endorsement.objects.get().language == "fr"
    # Read on the English page, the French comment is marked French for screen readers.
    body = client.get(_url(version)).content.decode()
    assert '<span lang="fr">Offrez-le aussi en région.</span>' in body


def test_a_manager_creates_a_curriculum_and_fills_its_first_draft(
    programme: Any, cast: dict[str, Any], login: Any, im: Community
) -> None:
    member = login(cast["member"].user)
    assert "curriculum-create" not in member.get("/en/learning/curricula/").content.decode()
    assert member.get("/en/learning/curricula/new/").status_code == 404

    admin = login(cast["admin"].user)
    page = admin.get("/en/learning/curricula/").content.decode()
    assert 'href="/en/learning/curricula/new/"' in page
    bad = admin.post(
        "/en/learning/curricula/new/",
        {"code": "not a slug!", "name_en": "", "name_fr": "", "programme": "999999"},
    )
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"code", "name_en", "name_fr", "programme"}
    assert not Curriculum.objects.exists()

    programme_row = CertificationProgramme.objects.get()
    done = admin.post(
        "/en/learning/curricula/new/",
        {
            "code": "records-path",
            "name_en": "Records path",
            "name_fr": "Parcours en tenue de documents",
            "summary_en": "",
            "summary_fr": "",
            "programme": str(programme_row.pk),
        },
    )
    curriculum = Curriculum.objects.get(code="records-path")
    draft = curriculum.versions.get()
    assert (curriculum.community, curriculum.programme, draft.number, draft.status) == (
        im,
        programme_row,
        1,
        "draft",
    )
    assert done.status_code == 302
    assert done["Location"] == f"/en/learning/curricula/versions/{draft.pk}/edit/"

    again = admin.post(
        "/en/learning/curricula/new/",
        {"code": "records-path", "name_en": "Again", "name_fr": "Encore", "programme": ""},
    )
    assert again.status_code == 400
    assert again.context["form"].errors == {
        "code": ["Another curriculum of this community has this code: choose another."]
    }
    assert Curriculum.objects.count() == 1
