"""Moving a community from one published version of a framework to a later one: which
competency of the new version takes over each competency of the old, and what moves."""

from dataclasses import dataclass

from guild.competencies.models import (
    Competency,
    CurrentAssessment,
    FrameworkVersion,
    RoleProfile,
)

REPLACES = "replaces"
SAME_IDENTIFIER = "identifier"
SAME_CODE = "code"


@dataclass(frozen=True)
class MappingRow:
    """An old competency and the new one that takes it over (None: dropped), and how they
    were matched: `REPLACES` (the new one says so: CASE `replacedBy`), `SAME_IDENTIFIER`
    (unchanged) or `SAME_CODE`."""

    old: Competency
    new: Competency | None
    how: str


@dataclass(frozen=True)
class MovePreview:
    rows: list[MappingRow]
    profiles: list[RoleProfile]
    members: int

    @property
    def mapping(self) -> dict[int, Competency]:
        return {row.old.pk: row.new for row in self.rows if row.new is not None}


def version_mapping(old: FrameworkVersion, new: FrameworkVersion) -> list[MappingRow]:
    """Each competency of `old`, in its order, with its successor in `new`: the first new
    competency that replaces it, else the one with its identifier, else with its code."""
    old_items = list(
        Competency.objects.filter(version=old).order_by("family__order", "order", "pk")
    )
    new_items = list(
        Competency.objects.filter(version=new).order_by("family__order", "order", "pk")
    )
    replaced_by: dict[str, Competency] = {}
    for competency in new_items:
        for identifier in competency.replaces:
            replaced_by.setdefault(str(identifier), competency)
    by_identifier = {str(competency.identifier): competency for competency in new_items}
    by_code = {competency.code: competency for competency in new_items}
    rows = []
    for competency in old_items:
        identifier = str(competency.identifier)
        for how, found in (
            (REPLACES, replaced_by.get(identifier)),
            (SAME_IDENTIFIER, by_identifier.get(identifier)),
            (SAME_CODE, by_code.get(competency.code)),
        ):
            if found is not None:
                rows.append(MappingRow(competency, found, how))
                break
        else:
            rows.append(MappingRow(competency, None, ""))
    return rows


def move_preview(old: FrameworkVersion, new: FrameworkVersion) -> MovePreview:
    """The mapping, the role profiles on `old` that move, and how many members have levels
    on `old` that carry over."""
    rows = version_mapping(old, new)
    mapped = [row.old.pk for row in rows if row.new is not None]
    profiles = list(
        RoleProfile.objects.filter(version=old)
        .select_related("department")
        .order_by("name_en", "pk")
    )
    members = (
        CurrentAssessment.objects.filter(competency_id__in=mapped)
        .values("member_id")
        .distinct()
        .count()
    )
    return MovePreview(rows, profiles, members)


def versions_to_move_from(new: FrameworkVersion) -> list[FrameworkVersion]:
    """Earlier published versions of the same framework that role profiles still use."""
    return list(
        FrameworkVersion.objects.filter(
            framework_id=new.framework_id,
            number__lt=new.number,
            status=FrameworkVersion.Status.PUBLISHED,
            role_profiles__isnull=False,
        )
        .distinct()
        .order_by("-number")
    )
