"""Every write of curricula: creating one with its first draft, changing a draft's courses
(checked against the community's catalogue by the certification rules' own reader), opening
it for endorsement, approving it (the previous approved version is superseded, and a linked
certification programme takes its courses), starting the next version, and the members' and
departments' endorsements. Approved and superseded versions never change."""

import datetime
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser, signed_in
from guild.core.audit import audit_record
from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.learning.access import can_manage_catalogue, endorsing_departments
from guild.learning.models import (
    CertificationProgramme,
    Curriculum,
    CurriculumStatus,
    CurriculumVersion,
    Endorsement,
    EndorsementStance,
)
from guild.learning.rules.definition import RulesError, parse_rules, serialize_rules
from guild.learning.selectors.certificates import rules_catalogue
from guild.learning.services.certificates import programme_save
from guild.members.access import approved_memberships, own_member_id
from guild.members.models import Member
from guild.organizations.models import Community, Department

STRUCTURE_KEYS = ("required", "electives", "capstone")
TEXT_MAX = 4000


class StructureError(ApplicationError):
    """A curriculum's courses are refused; `fields` holds every problem by its JSON path
    (`required[1]`, `electives[0].choose`, `capstone`; `__all__` for the whole)."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(
            gettext_lazy("The curriculum's courses were refused."),
            code="invalid_structure",
            fields=fields,
        )


def _path(path: str) -> str:
    return "__all__" if path == "$" else path.removeprefix("$.")


def _place_name(structure: dict[str, Any], path: str) -> str:
    if path.startswith("$.required"):
        return _("the core courses")
    if path.startswith("$.capstone"):
        return _("the capstone")
    index = int(path.split("[", 1)[1].split("]", 1)[0])
    group = structure["electives"][index]
    names = SimpleNamespace(name_en=group.get("name_en") or "", name_fr=group.get("name_fr") or "")
    name = localize(names, "name").text or str(group.get("code") or index + 1)
    return _("the elective group “%(group)s”") % {"group": name}


def _second_places(structure: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """The paths where a course is named again, with its code and first path, walked in the
    order the rules' reader walks them."""
    placed: dict[str, str] = {}
    again: dict[str, tuple[str, str]] = {}

    def walk(path: str, value: Any) -> None:
        if not isinstance(value, str):
            return
        if value in placed:
            again[path] = (value, placed[value])
        else:
            placed[value] = path

    required = structure.get("required")
    for index, code in enumerate(required if isinstance(required, list) else []):
        walk(f"$.required[{index}]", code)
    electives = structure.get("electives")
    for index, group in enumerate(electives if isinstance(electives, list) else []):
        courses = group.get("courses") if isinstance(group, dict) else None
        for position, code in enumerate(courses if isinstance(courses, list) else []):
            walk(f"$.electives[{index}].courses[{position}]", code)
    if structure.get("capstone") is not None:
        walk("$.capstone", structure.get("capstone"))
    return again


def structure_check(community: Community, structure: Any) -> dict[str, Any]:
    """The structure as stored (`required`, `electives`, `capstone`), read by the rules'
    reader against the community's catalogue: courses exist, each has one place, a group
    chooses from 1 to as many courses as it lists, at least one course is required.
    `StructureError` with every problem at once."""
    if not isinstance(structure, dict):
        raise StructureError(
            {"__all__": [_("Expected an object with required, electives and capstone.")]}
        )
    fields: dict[str, list[str]] = {}
    for key in structure:
        if key not in STRUCTURE_KEYS:
            fields.setdefault(key, []).append(
                _("Unknown field: a curriculum has required, electives and capstone.")
            )
    rules = {"code": "curriculum", **{k: structure[k] for k in STRUCTURE_KEYS if k in structure}}
    again = _second_places(structure)
    try:
        parsed = parse_rules(rules, rules_catalogue(community))
    except RulesError as error:
        for problem in error.problems:
            message = problem.message
            if problem.path in again:
                code, first = again[problem.path]
                reader_says = _(
                    "The course %(code)s is already at %(other)s: a course has one place."
                ) % {"code": code, "other": first}
                if message == reader_says:
                    message = _(
                        "The course %(code)s is already in %(place)s: a course has one place "
                        "in a curriculum."
                    ) % {"code": code, "place": _place_name(structure, first)}
            if problem.path == "$" and message == _(
                "The rules need at least one course or competency requirement."
            ):
                message = _("A curriculum needs at least one course.")
            fields.setdefault(_path(problem.path), []).append(message)
    if fields:
        raise StructureError(fields)
    stored = serialize_rules(parsed)
    return {key: stored[key] for key in STRUCTURE_KEYS}


def _require_manager(actor: AnyUser, community_id: int) -> None:
    if not can_manage_catalogue(actor, community_id):
        raise NotFound()


def _texts(**texts: str) -> dict[str, str]:
    errors = {
        name: [_("Keep it to %(max)d characters.") % {"max": TEXT_MAX}]
        for name, value in texts.items()
        if len(value) > TEXT_MAX
    }
    if errors:
        raise ValidationError(errors)
    return {name: value.strip() for name, value in texts.items()}


@transaction.atomic
def curriculum_create(
    *,
    actor: AnyUser,
    community: Community,
    code: str,
    name_en: str,
    name_fr: str,
    summary_en: str = "",
    summary_fr: str = "",
    programme: CertificationProgramme | None = None,
    structure: Any = None,
    notes_en: str = "",
    notes_fr: str = "",
) -> Curriculum:
    """A curriculum of the community with its first version as a draft (courses optional
    until it opens); `programme`, when given, must be of the same community."""
    _require_manager(actor, community.pk)
    if programme is not None and programme.community_id != community.pk:
        raise ValidationError({"programme": [_("Choose a programme of this community.")]})
    curriculum = Curriculum(
        community=community,
        code=code,
        name_en=name_en,
        name_fr=name_fr,
        summary_en=summary_en,
        summary_fr=summary_fr,
        programme=programme,
    )
    if Curriculum.objects.filter(community=community, code=code).exists():
        raise ValidationError(
            {"code": [_("Another curriculum of this community has this code: choose another.")]}
        )
    curriculum.full_clean()
    stored = structure_check(community, structure) if structure else {}
    curriculum.save()
    version = CurriculumVersion(
        curriculum=curriculum,
        number=1,
        structure=stored,
        **_texts(notes_en=notes_en, notes_fr=notes_fr),
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action="learning.curriculum_create",
        obj=curriculum,
        changes={"code": code, "programme": programme.pk if programme else None},
    )
    return curriculum


def _locked(version: CurriculumVersion) -> CurriculumVersion:
    return (
        CurriculumVersion.objects.select_for_update(of=("self",))
        .select_related("curriculum__community", "curriculum__programme")
        .get(pk=version.pk)
    )


def _not_draft() -> ApplicationError:
    return ApplicationError(
        _("Only a draft can be changed; start a new version to change this curriculum."),
        code="not_draft",
    )


@transaction.atomic
def version_update(
    *,
    actor: AnyUser,
    version: CurriculumVersion,
    structure: Any,
    notes_en: str = "",
    notes_fr: str = "",
) -> CurriculumVersion:
    """Change a draft's courses and its notes on what changed."""
    _require_manager(actor, version.curriculum.community_id)
    version = _locked(version)
    if version.status != CurriculumStatus.DRAFT:
        raise _not_draft()
    version.structure = structure_check(version.curriculum.community, structure)
    texts = _texts(notes_en=notes_en, notes_fr=notes_fr)
    version.notes_en, version.notes_fr = texts["notes_en"], texts["notes_fr"]
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action="learning.curriculum_version_update",
        obj=version,
        changes={"structure": version.structure},
    )
    return version


@transaction.atomic
def version_open(
    *, actor: AnyUser, version: CurriculumVersion, closes_on: datetime.date | None = None
) -> CurriculumVersion:
    """Open a draft for endorsement, until `closes_on` (included) when given."""
    _require_manager(actor, version.curriculum.community_id)
    version = _locked(version)
    if version.status != CurriculumStatus.DRAFT:
        raise ApplicationError(_("Only a draft can be opened for endorsement."), code="not_draft")
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": [_("Choose today or a later day.")]})
    # A draft may have been saved empty; what is opened must hold.
    version.structure = structure_check(version.curriculum.community, version.structure)
    version.status = CurriculumStatus.OPEN
    version.opened_at = timezone.now()
    version.closes_on = closes_on
    version.save()
    audit_record(
        actor=actor,
        action="learning.curriculum_version_open",
        obj=version,
        changes={"closes_on": closes_on.isoformat() if closes_on else None},
    )
    return version


def _programme_take(actor: AnyUser, programme: CertificationProgramme, structure: dict) -> None:
    """The programme's rules with the version's courses; its levels, window, validity and
    renewal kept. Through the programme's own save, which checks, versions and audits."""
    programme = CertificationProgramme.objects.select_for_update().get(pk=programme.pk)
    if all(programme.rules.get(key) == structure.get(key) for key in STRUCTURE_KEYS):
        return
    rules = {**programme.rules, **{key: structure.get(key) for key in STRUCTURE_KEYS}}
    if not rules.get("electives"):
        rules["electives"] = []
    programme_save(
        actor=actor,
        community=programme.community,
        code=programme.code,
        name_en=programme.name_en,
        name_fr=programme.name_fr,
        rules=rules,
        programme=programme,
    )


@transaction.atomic
def version_approve(*, actor: AnyUser, version: CurriculumVersion) -> CurriculumVersion:
    """Approve an open version: the approved one before it is superseded, and the linked
    certification programme's rules take its courses (a new rules version)."""
    _require_manager(actor, version.curriculum.community_id)
    version = _locked(version)
    if version.status != CurriculumStatus.OPEN:
        raise ApplicationError(
            _("Only a version open for endorsement can be approved."), code="not_open"
        )
    curriculum = version.curriculum
    structure = structure_check(curriculum.community, version.structure)
    for previous in CurriculumVersion.objects.select_for_update().filter(
        curriculum=curriculum, status=CurriculumStatus.APPROVED
    ):
        previous.status = CurriculumStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="learning.curriculum_version_supersede",
            obj=previous,
            changes={"superseded_by": version.number},
        )
    version.structure = structure
    version.status = CurriculumStatus.APPROVED
    version.approved_at = timezone.now()
    version.approved_by = signed_in(actor)
    version.save()
    audit_record(
        actor=actor,
        action="learning.curriculum_version_approve",
        obj=version,
        changes={"programme": curriculum.programme_id},
    )
    if curriculum.programme is not None:
        _programme_take(actor, curriculum.programme, structure)
    return version


@transaction.atomic
def version_new(*, actor: AnyUser, curriculum: Curriculum) -> CurriculumVersion:
    """The next version as a draft, starting from the latest approved one's courses."""
    _require_manager(actor, curriculum.community_id)
    Curriculum.objects.select_for_update().filter(pk=curriculum.pk).first()
    versions = CurriculumVersion.objects.filter(curriculum=curriculum)
    if versions.filter(status__in=[CurriculumStatus.DRAFT, CurriculumStatus.OPEN]).exists():
        raise ApplicationError(
            _("This curriculum already has a version in draft or open for endorsement."),
            code="version_in_progress",
        )
    approved = versions.filter(status=CurriculumStatus.APPROVED).order_by("-number").first()
    last = versions.order_by("-number").first()
    version = CurriculumVersion(
        curriculum=curriculum,
        number=(last.number + 1) if last else 1,
        structure=dict(approved.structure) if approved else {},
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action="learning.curriculum_version_create",
        obj=version,
        changes={"from": approved.number if approved else None},
    )
    return version


def _endorser(actor: AnyUser, community_id: int) -> Member:
    member_id = own_member_id(actor)
    member = (
        Member.objects.filter(
            pk=member_id,
            is_active=True,
            pk__in=approved_memberships().filter(community_id=community_id).values("member_id"),
        ).first()
        if member_id is not None
        else None
    )
    if member is None:
        raise ApplicationError(
            _("Only members of the curriculum's community can endorse it or comment on it."),
            code="not_a_member",
        )
    return member


@transaction.atomic
def endorsement_save(
    *,
    actor: AnyUser,
    version: CurriculumVersion,
    stance: str,
    text: str = "",
    department: Department | None = None,
    language: str | None = None,
) -> Endorsement:
    """The actor's endorsement or comment on an open version, for themself or on behalf of a
    department they coordinate in the community; saving again changes it. Shown with the
    member's name (and the department's). The text's `language` is the page's unless
    given."""
    version = _locked(version)
    community_id = version.curriculum.community_id
    member = _endorser(actor, community_id)
    if version.status != CurriculumStatus.OPEN:
        raise ApplicationError(_("This version is not open for endorsement."), code="not_open")
    if version.closes_on is not None and timezone.localdate() > version.closes_on:
        raise ApplicationError(
            _("Endorsement of this version closed on %(day)s.")
            % {"day": version.closes_on.isoformat()},
            code="closed",
        )
    errors: dict[str, list[str]] = {}
    if stance not in EndorsementStance.values:
        errors["stance"] = [_("Choose to endorse the version or to comment on it.")]
    text = text.strip()
    if stance == EndorsementStance.COMMENT and not text:
        errors["text"] = [_("Write your comment.")]
    if len(text) > TEXT_MAX:
        errors.setdefault("text", []).append(
            _("Keep it to %(max)d characters.") % {"max": TEXT_MAX}
        )
    if department is not None and department.pk not in {
        d.pk for d in endorsing_departments(actor, community_id)
    }:
        errors["department"] = [_("You may speak only for a department you coordinate.")]
    if errors:
        raise ValidationError(errors)
    found = Endorsement.objects.filter(version=version)
    found = (
        found.filter(department=department)
        if department is not None
        else found.filter(member=member, department__isnull=True)
    )
    endorsement = found.first() or Endorsement(version=version, department=department)
    created = endorsement.pk is None
    endorsement.member, endorsement.stance, endorsement.text = member, stance, text
    endorsement.language = "fr" if (language or get_language() or "").startswith("fr") else "en"
    endorsement.full_clean()
    endorsement.save()
    audit_record(
        actor=actor,
        action="learning.endorsement_create" if created else "learning.endorsement_update",
        obj=endorsement,
        changes={
            "version": version.pk,
            "stance": stance,
            "department": department.pk if department else None,
        },
    )
    return endorsement
