"""The demo community's competency data: the IM framework, imported from its CASE 1.0
package through the service a coordinator's upload goes through, and published; eight role
profiles at real groups and levels; most members on a profile; self-assessments for about
80% of them and supervisor validations for about half of those; a few learning priorities.

Deterministic and idempotent: each member's draws come from their own random stream
(seed and work e-mail), so a second run, or a run after more members were added, gives
every member the same profile and levels and adds nothing for those already seeded. The
profiles, assessments and priorities are loaded in bulk, like a fixture, without audit
records.
"""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from guild.competencies.gaps import validated_level
from guild.competencies.models import (
    Assessment,
    AssessmentKind,
    Competency,
    CurrentAssessment,
    FrameworkVersion,
    LearningPriority,
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)
from guild.competencies.services import framework_import_case, framework_publish
from guild.demo.content import framework_package
from guild.demo.rows import insert_rows
from guild.members.models import Member
from guild.organizations.models import Community, OccupationalLevel, WorkStream

FRAMEWORK_CODE = "im-competencies"


@dataclass(frozen=True)
class DemoProfile:
    name_en: str
    name_fr: str
    stream: str
    level: str
    # Target by family code; (competency code, target) pairs override single competencies.
    families: dict[str, int]
    overrides: tuple[tuple[str, int], ...] = ()


_BASE = {"RIL": 2, "ACP": 1, "LKS": 1, "IAD": 1, "DWC": 1, "LDS": 1}

PROFILES = (
    DemoProfile(
        "Records manager, IS-04",
        "Gestionnaire des documents, IS-04",
        "records-management",
        "IS-04",
        {**_BASE, "RIL": 3, "IAD": 2, "LDS": 2},
        (("RIL-02", 4), ("ACP-02", 2)),
    ),
    DemoProfile(
        "Records clerk, CR-04",
        "Commis aux documents, CR-04",
        "records-management",
        "CR-04",
        {**_BASE, "RIL": 2},
        (("RIL-01", 3),),
    ),
    DemoProfile(
        "Librarian, LS-03",
        "Bibliothécaire, LS-03",
        "library-services",
        "LS-03",
        {**_BASE, "RIL": 1, "LKS": 3, "IAD": 2},
        (("LKS-03", 4),),
    ),
    DemoProfile(
        "ATIP analyst, PM-04",
        "Analyste de l'AIPRP, PM-04",
        "atip",
        "PM-04",
        {**_BASE, "ACP": 3, "DWC": 2},
        (("ACP-01", 4), ("ACP-02", 3)),
    ),
    DemoProfile(
        "Data analyst, EC-05",
        "Analyste de données, EC-05",
        "data-management",
        "EC-05",
        {**_BASE, "RIL": 1, "IAD": 3, "LDS": 2},
        (("IAD-02", 4), ("ACP-02", 2)),
    ),
    DemoProfile(
        "Web content specialist, IS-03",
        "Spécialiste du contenu Web, IS-03",
        "web-content-management",
        "IS-03",
        {**_BASE, "RIL": 1, "DWC": 3},
        (("DWC-02", 4), ("IAD-01", 2)),
    ),
    DemoProfile(
        "Information architect, IS-05",
        "Architecte de l'information, IS-05",
        "information-architecture",
        "IS-05",
        {**_BASE, "IAD": 3, "DWC": 2, "LDS": 2},
        (("IAD-01", 4),),
    ),
    DemoProfile(
        "IM manager, IS-06",
        "Gestionnaire de la GI, IS-06",
        "im-leadership",
        "IS-06",
        {"RIL": 3, "ACP": 2, "LKS": 2, "IAD": 2, "DWC": 2, "LDS": 3},
        (("LDS-01", 4), ("LDS-04", 4)),
    ),
)

# A member's work stream picks the profile; members in none of these streams get the
# profile of their group where one exists, else the records manager's.
_BY_STREAM = {profile.stream: profile for profile in reversed(PROFILES)}
_BY_GROUP = {"LS": PROFILES[2], "EC": PROFILES[4], "PM": PROFILES[3], "CR": PROFILES[1]}
_EXTRA_STREAMS = {"policy-development": PROFILES[7], "archives": PROFILES[0]}

PROFILE_SHARE = 0.9
SELF_SHARE = 0.8
SUPERVISOR_SHARE = 0.5
BATCH = 2000
SELF, SUPERVISOR = AssessmentKind.SELF.value, AssessmentKind.SUPERVISOR.value
PRIORITIES = {"ACP-01": 2.0, "IAD-02": 1.5, "RIL-02": 1.5, "DWC-02": 1.25}


@dataclass
class CompetencySeedResult:
    profiles_created: int = 0
    members_assigned: int = 0
    assessments_created: int = 0


def _targets(profile: DemoProfile, codes: Sequence[str]) -> dict[str, int]:
    targets = {code: profile.families[code.split("-")[0]] for code in codes}
    targets.update(dict(profile.overrides))
    return targets


def _version(community: Community, actor: Any) -> FrameworkVersion:
    existing = FrameworkVersion.objects.filter(
        framework__community=community, framework__code=FRAMEWORK_CODE
    ).first()
    if existing is not None:
        return existing
    draft = framework_import_case(
        actor=actor, community=community, data=framework_package(), code=FRAMEWORK_CODE
    )
    return framework_publish(actor=actor, version=draft)


def _profiles(
    community: Community, version: FrameworkVersion, result: CompetencySeedResult
) -> dict[str, RoleProfile]:
    competencies = dict(
        Competency.objects.filter(version=version).values_list("code", "pk").order_by("pk")
    )
    levels = {lv.code: lv for lv in OccupationalLevel.objects.all()}
    streams = {s.code: s for s in WorkStream.objects.filter(community=community)}
    found = {
        p.name_en: p
        for p in RoleProfile.objects.filter(
            community=community, version=version, department__isnull=True
        )
    }
    for spec in PROFILES:
        if spec.name_en in found:
            continue
        profile = RoleProfile.objects.create(
            community=community,
            version=version,
            name_en=spec.name_en,
            name_fr=spec.name_fr,
            work_stream=streams[spec.stream],
            level=levels[spec.level],
        )
        RoleProfileTarget.objects.bulk_create(
            RoleProfileTarget(profile=profile, competency_id=competencies[code], target=target)
            for code, target in _targets(spec, list(competencies)).items()
        )
        found[spec.name_en] = profile
        result.profiles_created += 1
    return found


def _profile_for(group: str, streams: list[str]) -> DemoProfile:
    for code in streams:
        if code in _BY_STREAM:
            return _BY_STREAM[code]
        if code in _EXTRA_STREAMS:
            return _EXTRA_STREAMS[code]
    return _BY_GROUP.get(group, PROFILES[0])


def _clamp(level: int) -> int:
    return max(1, min(4, level))


@dataclass(frozen=True)
class _Drawn:
    """One member's levels for one competency: their own, and their supervisor's or None."""

    member_id: int
    competency_id: int
    own: int
    theirs: int | None
    self_at: datetime
    checked_at: datetime


HISTORY_COLUMNS = (
    "member_id",
    "competency_id",
    "kind",
    "level",
    "evidence",
    "links",
    "comment",
    "author_id",
    "created_at",
)
CURRENT_COLUMNS = (
    "member_id",
    "competency_id",
    "self_assessment_id",
    "supervisor_assessment_id",
    "self_level",
    "supervisor_level",
    "validated_level",
    "self_at",
    "updated_at",
)


def _history(drawn: Sequence[_Drawn]) -> Iterator[tuple[Any, ...]]:
    for d in drawn:
        # No evidence, links, comment or author: the demo's levels are numbers only.
        yield (d.member_id, d.competency_id, SELF, d.own, "", [], "", None, d.self_at)
        if d.theirs is not None:
            checked: tuple[Any, ...] = (d.theirs, "", [], "", None, d.checked_at)
            yield (d.member_id, d.competency_id, SUPERVISOR, *checked)


def _write_assessments(drawn: Sequence[_Drawn]) -> int:
    """The history rows, then the current-level rows pointing at them."""
    written = insert_rows(Assessment, HISTORY_COLUMNS, _history(drawn))
    ids = {
        (member_id, competency_id, kind): pk
        for pk, member_id, competency_id, kind in Assessment.objects.filter(
            member_id__in={d.member_id for d in drawn}
        )
        .order_by("pk")
        .values_list("pk", "member_id", "competency_id", "kind")
    }
    insert_rows(
        CurrentAssessment,
        CURRENT_COLUMNS,
        (
            (
                d.member_id,
                d.competency_id,
                ids[d.member_id, d.competency_id, SELF],
                None if d.theirs is None else ids[d.member_id, d.competency_id, SUPERVISOR],
                d.own,
                d.theirs,
                validated_level(d.own, d.theirs),
                d.self_at,
                d.self_at if d.theirs is None else d.checked_at,
            )
            for d in drawn
        ),
    )
    return written


@transaction.atomic
def seed_competencies(
    *, community: Community, members: Sequence[Member], seed: int, actor: Any
) -> CompetencySeedResult:
    """The demo's competency data for `members` (see the module); `actor` manages the
    community's frameworks and imports the IM framework when it is not there yet."""
    result = CompetencySeedResult()
    version = _version(community, actor)
    profiles = _profiles(community, version, result)
    targets = {
        profile.pk: list(
            RoleProfileTarget.objects.filter(profile=profile)
            .order_by("competency__family__order", "competency__order")
            .values_list("competency_id", "target")
        )
        for profile in profiles.values()
    }
    member_ids = [m.pk for m in members]
    assigned = dict(
        MemberRoleProfile.objects.filter(member_id__in=member_ids).values_list(
            "member_id", "profile_id"
        )
    )
    groups = dict(Member.objects.filter(pk__in=member_ids).values_list("pk", "level__group__code"))
    assessed = set(
        CurrentAssessment.objects.filter(member_id__in=member_ids)
        .values_list("member_id", flat=True)
        .distinct()
    )
    streams: dict[int, list[str]] = {}
    for member_id, code in (
        Member.work_streams.through.objects.filter(member_id__in=member_ids)
        .order_by("workstream__order")
        .values_list("member_id", "workstream__code")
    ):
        streams.setdefault(member_id, []).append(code)
    now = timezone.now()
    assignments = []
    drawn: list[_Drawn] = []
    for member in sorted(members, key=lambda m: m.work_email):
        rng = random.Random(f"{seed}:competencies:{member.work_email}")
        if rng.random() >= PROFILE_SHARE:
            continue
        profile = profiles[
            _profile_for(groups.get(member.pk) or "", streams.get(member.pk, [])).name_en
        ]
        if member.pk not in assigned:
            assignments.append(MemberRoleProfile(member_id=member.pk, profile_id=profile.pk))
        if rng.random() >= SELF_SHARE or member.pk in assessed:
            continue
        profile_id = assigned.get(member.pk, profile.pk)
        if profile_id not in targets:  # someone moved them to another profile: leave them
            continue
        validate = member.supervisor_id is not None and rng.random() < SUPERVISOR_SHARE
        self_at = now - timedelta(days=rng.randint(20, 540), minutes=rng.randint(0, 1440))
        checked_at = self_at + timedelta(days=rng.randint(1, 19))
        skill = rng.choice((-1, -1, 0, 0, 0, 1))
        for competency_id, target in targets[profile_id]:
            own = _clamp(target + skill + rng.choice((-1, 0, 0, 0, 1)))
            theirs = _clamp(own + rng.choice((-1, 0, 0, 0, 0))) if validate else None
            drawn.append(_Drawn(member.pk, competency_id, own, theirs, self_at, checked_at))
    MemberRoleProfile.objects.bulk_create(assignments, batch_size=BATCH)
    result.members_assigned = len(assignments)
    result.assessments_created = _write_assessments(drawn)
    for code, weight in PRIORITIES.items():
        LearningPriority.objects.get_or_create(
            community=community, competency_code=code, defaults={"weight": weight}
        )
    return result
