"""Frameworks and their versions, and a version rebuilt as the pure `Framework`."""

from collections import defaultdict

from django.db.models import QuerySet

from guild.competencies import framework as pure
from guild.competencies.models import (
    Competency,
    Family,
    Framework,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.organizations.models import Community


def framework_version_content(version: FrameworkVersion) -> pure.Framework:
    """The version as the pure `Framework`, exactly as it was imported (four queries)."""
    families = list(Family.objects.filter(version=version).order_by("order"))
    competencies: dict[int, list[Competency]] = defaultdict(list)
    for competency in Competency.objects.filter(version=version).order_by("order"):
        competencies[competency.family_id].append(competency)
    indicators: dict[int, list[LevelIndicator]] = defaultdict(list)
    for indicator in LevelIndicator.objects.filter(competency__version=version).order_by(
        "competency_id", "level"
    ):
        indicators[indicator.competency_id].append(indicator)
    return pure.Framework(
        identifier=str(version.identifier),
        title_en=version.title_en,
        title_fr=version.title_fr,
        version=version.label,
        levels_scale=[
            pure.ScaleLevel(level=level.level, name_en=level.name_en, name_fr=level.name_fr)
            for level in ProficiencyLevel.objects.filter(version=version).order_by("level")
        ],
        families=[
            pure.Family(
                identifier=str(family.identifier),
                code=family.code,
                name_en=family.name_en,
                name_fr=family.name_fr,
                competencies=[
                    pure.Competency(
                        identifier=str(competency.identifier),
                        code=competency.code,
                        name_en=competency.name_en,
                        name_fr=competency.name_fr,
                        description_en=competency.description_en,
                        description_fr=competency.description_fr,
                        levels=[
                            pure.LevelDescriptor(
                                level=indicator.level,
                                indicators_en=indicator.indicators_en,
                                indicators_fr=indicator.indicators_fr,
                            )
                            for indicator in indicators[competency.pk]
                        ],
                        replaces=list(competency.replaces),
                    )
                    for competency in competencies[family.pk]
                ],
            )
            for family in families
        ],
    )


def frameworks_list(*, community: Community | None = None) -> QuerySet[Framework]:
    frameworks = Framework.objects.select_related("community").order_by("community__code", "code")
    if community is not None:
        frameworks = frameworks.filter(community=community)
    return frameworks


def framework_versions(
    *, framework: Framework, include_drafts: bool = False
) -> QuerySet[FrameworkVersion]:
    versions = framework.versions.order_by("-number")
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


def framework_current_version(framework: Framework) -> FrameworkVersion | None:
    """The latest published version."""
    return framework_versions(framework=framework).first()


def community_current_version(community: Community) -> FrameworkVersion | None:
    """The latest published version of the community's most recently published framework."""
    return (
        FrameworkVersion.objects.filter(
            framework__community=community, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-published_at", "-pk")
        .first()
    )


def version_competencies(version: FrameworkVersion) -> QuerySet[Competency]:
    return (
        Competency.objects.filter(version=version)
        .select_related("family")
        .prefetch_related("indicators")
        .order_by("family__order", "order")
    )


def competency_replaced(competency: Competency) -> list[Competency]:
    """The competencies of earlier versions of the same framework that this one replaces,
    in the order the version lists them (identifiers from outside Guild are left out)."""
    found = {
        str(c.identifier): c
        for c in Competency.objects.filter(
            version__framework_id=competency.version.framework_id,
            version__number__lt=competency.version.number,
            identifier__in=competency.replaces,
        ).order_by("-version__number")
    }
    return [found[identifier] for identifier in competency.replaces if identifier in found]
