"""Who sees and changes the course catalogue. Missing and forbidden look the same (NotFound).

* The catalogue is not personal data: every signed-in person reads the courses on offer
  (active ones); courses no longer offered, and every change, are for those who manage the
  community's catalogue (its programme administrators and platform administrators).
* An offering is seen by whoever sees its course; it is created and changed, and its roster
  read and its completions recorded, by those who manage the catalogue.
* An enrolment is seen by its member, by the member's direct supervisor (who approves or
  refuses it: the person who manages the work, as for competency validations) and by those
  who manage the catalogue. A member's enrolments and completions are nobody else's to see.
* A curriculum and its approved, open and superseded versions are read by the members of
  its community and those who manage its catalogue; drafts, and every change, only by the
  latter. A member endorses or comments for themself; a department coordinator may also
  speak for the departments they coordinate in the community.
* The coverage report sets the catalogue beside the community's learning needs, figures
  about people: it follows the learning needs' own door (community-wide figures only).
"""

from typing import Any

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.competencies.access import access_heat_map, is_direct_supervisor
from guild.core.errors import NotFound
from guild.learning.models import (
    Certificate,
    CertificationProgramme,
    Course,
    Curriculum,
    CurriculumStatus,
    CurriculumVersion,
    Enrolment,
    Offering,
    Provider,
)
from guild.members.access import approved_memberships, is_community_member, own_member_id
from guild.members.models import Member
from guild.organizations.models import Community, Department


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def can_manage_catalogue(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def managed_communities(user: AnyUser) -> list[Community]:
    """The communities whose catalogue `user` manages, by name."""
    scope = scope_for(user)
    return [c for c in Community.objects.active().order_by("code") if scope.administers(c.pk)]


def own_community_ids(user: AnyUser) -> set[int]:
    """The communities a person has a role in or belongs to: where their pages open first."""
    scope = scope_for(user)
    ids = set(scope.admin_communities) | set(scope.committee_communities)
    ids |= {community for community, _department in scope.coordinated}
    member_id = own_member_id(user)
    if member_id is not None:
        ids |= set(
            approved_memberships()
            .filter(member_id=member_id)
            .values_list("community_id", flat=True)
        )
    return ids


def access_provider(user: AnyUser, provider_id: Any, *, to_change: bool = False) -> Provider:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    provider = Provider.objects.select_related("community").filter(pk=_pk(provider_id)).first()
    if provider is None:
        raise NotFound()
    if to_change and not can_manage_catalogue(user, provider.community_id):
        raise NotFound()
    return provider


def access_course(user: AnyUser, course_id: Any, *, to_change: bool = False) -> Course:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    course = Course.objects.select_related("provider__community").filter(pk=_pk(course_id)).first()
    if course is None:
        raise NotFound()
    manages = can_manage_catalogue(user, course.provider.community_id)
    if (to_change or not course.active) and not manages:
        raise NotFound()
    return course


def access_coverage(user: AnyUser, community: Community) -> None:
    """Raise NotFound unless `user` may read the community-wide learning needs."""
    access_heat_map(user, community.pk, None)


def access_offering(user: AnyUser, offering_id: Any, *, to_manage: bool = False) -> Offering:
    """The offering of a course `user` sees; `to_manage` for its changes and roster."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    offering = (
        Offering.objects.select_related("course__provider__community")
        .filter(pk=_pk(offering_id))
        .first()
    )
    if offering is None:
        raise NotFound()
    manages = can_manage_catalogue(user, offering.course.provider.community_id)
    if (to_manage or not offering.course.active) and not manages:
        raise NotFound()
    return offering


def can_see_enrolment(user: AnyUser, enrolment: Enrolment) -> bool:
    own_id = own_member_id(user)
    if own_id is not None and enrolment.member_id == own_id:
        return True
    if is_direct_supervisor(user, enrolment.member):
        return True
    return can_manage_catalogue(user, enrolment.offering.course.provider.community_id)


def access_enrolment(user: AnyUser, enrolment_id: Any, *, own: bool = False) -> Enrolment:
    """An enrolment `user` may see (`own`: only their own, to withdraw it)."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    enrolment = (
        Enrolment.objects.select_related("member", "offering__course__provider__community")
        .filter(pk=_pk(enrolment_id))
        .first()
    )
    if enrolment is None:
        raise NotFound()
    if own and enrolment.member_id != own_member_id(user):
        raise NotFound()
    if not can_see_enrolment(user, enrolment):
        raise NotFound()
    return enrolment


def access_programme(
    user: AnyUser, programme_id: Any, *, to_manage: bool = False
) -> CertificationProgramme:
    """A certification programme: its rules are seen by its community's members and those
    who manage it; its members' progress and certificates only by those who manage it."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    programme = (
        CertificationProgramme.objects.select_related("community")
        .filter(pk=_pk(programme_id))
        .first()
    )
    if programme is None:
        raise NotFound()
    if can_manage_catalogue(user, programme.community_id):
        return programme
    member_id = own_member_id(user)
    belongs = (
        member_id is not None
        and approved_memberships()
        .filter(member_id=member_id, community_id=programme.community_id)
        .exists()
    )
    if to_manage or not belongs or not programme.active:
        raise NotFound()
    return programme


def access_programme_member(
    user: AnyUser, programme: CertificationProgramme, member_id: Any
) -> Member:
    """A member of the programme's community, for those who manage the programme."""
    if not can_manage_catalogue(user, programme.community_id):
        raise NotFound()
    in_community = approved_memberships().filter(community_id=programme.community_id)
    member = Member.objects.filter(
        pk=_pk(member_id), pk__in=in_community.values("member_id")
    ).first()
    if member is None:
        raise NotFound()
    return member


def access_certificate(
    user: AnyUser, certificate_id: Any, *, to_manage: bool = False
) -> Certificate:
    """A certificate, for its holder (to read and download) and those who manage its
    programme (`to_manage`: to revoke it). The public sees only the verification page."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    certificate = (
        Certificate.objects.select_related("programme__community", "member")
        .filter(pk=_pk(certificate_id))
        .first()
    )
    if certificate is None:
        raise NotFound()
    if can_manage_catalogue(user, certificate.programme.community_id):
        return certificate
    if to_manage or certificate.member_id != own_member_id(user):
        raise NotFound()
    return certificate


def curricula_communities(user: AnyUser) -> list[Community]:
    """The communities whose curricula `user` reads: those they belong to or manage."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    member_id = own_member_id(user)
    belongs: set[int] = set()
    if member_id is not None:
        belongs = set(
            approved_memberships()
            .filter(member_id=member_id, member__is_active=True)
            .values_list("community_id", flat=True)
        )
    return [
        c
        for c in Community.objects.active().order_by("code")
        if c.pk in belongs or scope.administers(c.pk)
    ]


def _sees_community(user: AnyUser, community_id: int) -> bool:
    return can_manage_catalogue(user, community_id) or is_community_member(user, community_id)


def access_curriculum(user: AnyUser, curriculum_id: Any, *, to_manage: bool = False) -> Curriculum:
    """A curriculum of a community `user` belongs to (`to_manage`: whose catalogue they
    manage, to change its versions)."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    curriculum = (
        Curriculum.objects.select_related("community", "programme")
        .filter(pk=_pk(curriculum_id))
        .first()
    )
    if curriculum is None:
        raise NotFound()
    manages = can_manage_catalogue(user, curriculum.community_id)
    if (to_manage and not manages) or not _sees_community(user, curriculum.community_id):
        raise NotFound()
    return curriculum


def access_curriculum_version(
    user: AnyUser, version_id: Any, *, to_manage: bool = False
) -> CurriculumVersion:
    """A version of a curriculum `user` reads; drafts only for those who manage it."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    version = (
        CurriculumVersion.objects.select_related(
            "curriculum__community", "curriculum__programme", "approved_by"
        )
        .filter(pk=_pk(version_id))
        .first()
    )
    if version is None:
        raise NotFound()
    community_id = version.curriculum.community_id
    manages = can_manage_catalogue(user, community_id)
    if not manages and (to_manage or version.status == CurriculumStatus.DRAFT):
        raise NotFound()
    if not _sees_community(user, community_id):
        raise NotFound()
    return version


def endorsing_departments(user: AnyUser, community_id: int) -> list[Department]:
    """The departments `user` may endorse on behalf of in the community: those they
    coordinate there (the department coordinator role), by name."""
    ids = [d for c, d in scope_for(user).coordinated if c == community_id]
    return list(Department.objects.filter(pk__in=ids).order_by("name_en"))
