"""Every text of a framework version with its English and French, in reading order: what
the translation page shows and `services.framework_texts.framework_translate` writes."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from guild.competencies.models import (
    Competency,
    Family,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.competencies.models.frameworks import NAME_MAX

TITLE_MAX = 255
SCALE_MAX = 120


@dataclass(frozen=True)
class TextRow:
    key: str  # "title", "scale.2", "family.7", "competency.9.name", "indicator.31" …
    what: str  # what the text is, for the person translating
    english: str
    french: str
    longest: int | None  # None: no limit
    required: bool  # a name: must not be blank in both languages


def framework_texts(version: FrameworkVersion) -> list[TextRow]:
    rows = [
        TextRow(
            "title",
            _("Title of the framework"),
            version.title_en,
            version.title_fr,
            TITLE_MAX,
            True,
        )
    ]
    for level in ProficiencyLevel.objects.filter(version=version).order_by("level"):
        rows.append(
            TextRow(
                f"scale.{level.level}",
                _("Name of level %(level)d") % {"level": level.level},
                level.name_en,
                level.name_fr,
                SCALE_MAX,
                True,
            )
        )
    indicators: dict[int, list[LevelIndicator]] = {}
    for indicator in LevelIndicator.objects.filter(competency__version=version).order_by(
        "competency_id", "level"
    ):
        indicators.setdefault(indicator.competency_id, []).append(indicator)
    competencies: dict[int, list[Competency]] = {}
    for competency in Competency.objects.filter(version=version).order_by("family_id", "order"):
        competencies.setdefault(competency.family_id, []).append(competency)
    for family in Family.objects.filter(version=version).order_by("order"):
        rows.append(
            TextRow(
                f"family.{family.pk}",
                _("Family %(code)s") % {"code": family.code},
                family.name_en,
                family.name_fr,
                NAME_MAX,
                True,
            )
        )
        for competency in competencies.get(family.pk, []):
            code = competency.code
            rows.append(
                TextRow(
                    f"competency.{competency.pk}.name",
                    _("Competency %(code)s: name") % {"code": code},
                    competency.name_en,
                    competency.name_fr,
                    NAME_MAX,
                    True,
                )
            )
            rows.append(
                TextRow(
                    f"competency.{competency.pk}.description",
                    _("Competency %(code)s: description") % {"code": code},
                    competency.description_en,
                    competency.description_fr,
                    None,
                    False,
                )
            )
            for indicator in indicators.get(competency.pk, []):
                rows.append(
                    TextRow(
                        f"indicator.{indicator.pk}",
                        _("Competency %(code)s: indicators at level %(level)d")
                        % {"code": code, "level": indicator.level},
                        indicator.indicators_en,
                        indicator.indicators_fr,
                        None,
                        False,
                    )
                )
    return rows
