"""Removal by an administrator ends a membership exactly as leaving does, across the apps
that read membership: both go through the same code (`members.services._membership_end`).
Two members with the same footprint, one leaves and one is removed; what is left of them
is the same, and what membership opened closes for both."""

from typing import Any

import pytest

from guild.accounts.models import Role, RoleAssignment
from guild.competencies.models import Competency, CurrentAssessment, MemberRoleProfile
from guild.competencies.services import (
    assessment_self,
    framework_load_published,
    member_role_profile_set,
    role_profile_create,
)
from guild.core.errors import NotFound
from guild.demo.content import im_framework
from guild.members.models import Member
from guild.members.services import membership_leave, membership_remove
from guild.organizations.models import Community, OccupationalLevel, WorkStream
from guild.questionnaires.access import access_questionnaire_for_answering
from guild.questionnaires.answering.services import response_save, response_start
from guild.questionnaires.models import Questionnaire, ResponseDraft
from guild.questionnaires.tests.answering import ABOUT, make_questionnaire


def _footprint(member: Member) -> dict[str, Any]:
    return {
        "communities": sorted(member.communities.values_list("code", flat=True)),
        "work_streams": sorted(member.work_streams.values_list("code", flat=True)),
        "roles": sorted(
            RoleAssignment.objects.filter(user=member.user).values_list("role", "community__code")
        ),
        "drafts": ResponseDraft.objects.filter(user=member.user).count(),
        "role_profile": MemberRoleProfile.objects.filter(member=member)
        .values_list("profile__name_en", flat=True)
        .first(),
        "current_levels": sorted(
            CurrentAssessment.objects.filter(member=member).values_list(
                "competency__code", "self_level"
            )
        ),
    }


def _may_answer(member: Member, survey: Questionnaire) -> bool:
    assert member.user is not None
    try:
        return access_questionnaire_for_answering(member.user, survey.pk).may_answer
    except NotFound:
        return False


@pytest.mark.django_db
def test_leaving_and_being_removed_leave_the_same_footprint(
    cast: dict[str, Any],
    im: Community,
    it_community: Community,
    make_member: Any,
    grant: Any,
) -> None:
    admin = cast["admin"].user
    version = framework_load_published(community=im, content=im_framework(), code="im-fw")
    profile = role_profile_create(
        actor=admin,
        community=im,
        version=version,
        name_en="Records manager, IS-04",
        name_fr="Gestionnaire des documents, IS-04",
        work_stream=WorkStream.objects.get(community=im, code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets={"RIL-01": 3},
    )
    ril01 = Competency.objects.get(version=version, code="RIL-01")
    survey = make_questionnaire(im)
    streams = [
        WorkStream.objects.get(community=im, code="archives"),
        WorkStream.objects.get(community=it_community, code="cyber-security"),
    ]
    leaver, removed = (make_member(communities=[im, it_community]) for _ in range(2))
    for member in (leaver, removed):
        member.work_streams.add(*streams)
        grant(member.user, Role.COMMITTEE_MEMBER, im)
        member_role_profile_set(actor=admin, member=member, profile=profile)
        assessment_self(actor=member.user, member=member, competency=ril01, level=2)
        response_start(user=member.user, questionnaire=survey)
        response_save(user=member.user, questionnaire=survey, answers=ABOUT, section=0)
    assert _may_answer(leaver, survey) and _may_answer(removed, survey)

    membership_leave(actor=leaver.user, member=leaver, community_id=im.pk)
    membership_remove(actor=admin, member=removed, community_id=im.pk, reason="Moved")

    # Leaving takes the member out of the community and its work streams, and nothing else:
    # an assigned role is not membership, and the draft, role profile and levels stay.
    expected = {
        "communities": ["it"],
        "work_streams": ["cyber-security"],
        "roles": [(Role.COMMITTEE_MEMBER.value, "im")],
        "drafts": 1,
        "role_profile": "Records manager, IS-04",
        "current_levels": [("RIL-01", 2)],
    }
    assert _footprint(leaver) == _footprint(removed) == expected
    assert not _may_answer(leaver, survey)
    assert not _may_answer(removed, survey)
