"""A small questionnaire with every question type, for the answering tests."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from guild.organizations.models import Community
from guild.questionnaires.definition.json_codec import definition_to_json
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.models import (
    Questionnaire,
    QuestionnaireVersion,
    ResultsSnapshot,
    SnapshotReason,
    VersionStatus,
)
from guild.questionnaires.results.snapshots import snapshot_take


def _t(en: str, fr: str | None = None) -> Text:
    return Text(en, fr or f"{en} (fr)")


def _options(*codes: str) -> tuple[Option, ...]:
    return tuple(Option(code, _t(code.title())) for code in codes)


def every_type_definition() -> Definition:
    about = Section(
        code="about",
        title=_t("About you", "À votre sujet"),
        questions=(
            Question(
                "department",
                QuestionType.SINGLE,
                _t("Department", "Ministère"),
                required=True,
                options=_options("esdc", "cra"),
                breakdown=Breakdown.DEPARTMENT,
            ),
            Question(
                "region",
                QuestionType.SINGLE,
                _t("Region", "Région"),
                required=True,
                options=_options("ncr", "quebec"),
                breakdown=Breakdown.REGION,
            ),
            Question(
                "role",
                QuestionType.SINGLE,
                _t("Role", "Rôle"),
                help=_t("Your current job", "Votre poste actuel"),
                required=True,
                options=_options("manager", "analyst"),
            ),
            Question(
                "years",
                QuestionType.INTEGER,
                _t("Years in IM", "Années en GI"),
                required=True,
                minimum=Decimal(0),
                maximum=Decimal(1000),
            ),
            Question(
                "team_size",
                QuestionType.INTEGER,
                _t("Team size", "Taille de l'équipe"),
                minimum=Decimal(1),
                maximum=Decimal(500),
                relevant="${role} = 'manager'",
            ),
        ),
    )
    skills = Section(
        code="skills",
        title=_t("Skills", "Compétences"),
        questions=(
            Question(
                "tools",
                QuestionType.MULTIPLE,
                _t("Tools", "Outils"),
                options=_options("excel", "python", "sql"),
            ),
            Question(
                "levels",
                QuestionType.MATRIX,
                _t("Second-language levels", "Niveaux en langue seconde"),
                required=True,
                options=_options("a", "b", "c"),
                rows=(
                    Option("reading", _t("Reading", "Lecture")),
                    Option("writing", _t("Writing", "Écriture")),
                ),
            ),
            Question(
                "priorities",
                QuestionType.RANKING,
                _t("Priorities", "Priorités"),
                options=_options("training", "tools", "pay"),
            ),
            Question(
                "satisfaction",
                QuestionType.LIKERT,
                _t("I am satisfied", "Je suis satisfait"),
                options=_options("disagree", "neutral", "agree"),
            ),
            Question(
                "start_year",
                QuestionType.YEAR,
                _t("Year you started", "Année de début"),
                minimum=Decimal(1960),
                maximum=Decimal(2030),
            ),
            Question(
                "hours",
                QuestionType.DECIMAL,
                _t("Training hours", "Heures de formation"),
                minimum=Decimal(0),
                maximum=Decimal(100),
            ),
            Question("joined", QuestionType.DATE, _t("Date joined", "Date d'entrée")),
            Question("nickname", QuestionType.TEXT, _t("Nickname", "Surnom"), max_length=20),
            Question("comments", QuestionType.LONG_TEXT, _t("Comments", "Commentaires")),
        ),
    )
    return Definition(title=_t("Members survey", "Sondage des membres"), sections=(about, skills))


def make_questionnaire(
    community: Community,
    *,
    anonymous: bool = True,
    definition: Definition | None = None,
    published: bool = True,
    **fields: Any,
) -> Questionnaire:
    now = timezone.now()
    fields.setdefault("opens_at", now - timedelta(days=1))
    fields.setdefault("closes_at", now + timedelta(days=30))
    questionnaire = Questionnaire.objects.create(
        community=community,
        slug=fields.pop("slug", f"survey-{Questionnaire.objects.count() + 1}"),
        title_en="Members survey",
        title_fr="Sondage des membres",
        anonymous=anonymous,
        **fields,
    )
    QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        definition=definition_to_json(definition or every_type_definition()),
        status=VersionStatus.PUBLISHED if published else VersionStatus.DRAFT,
        published_at=now if published else None,
    )
    return questionnaire


ABOUT = {"department": "cra", "region": "quebec", "role": "analyst", "years": 7}
# What pages and the API both answer to an answer given to a question the answers hide.
HIDDEN_MESSAGE = "This question is not asked given your earlier answers; leave it empty."
SKILLS = {
    "tools": ["python", "excel"],
    "levels": {"reading": "b", "writing": "c"},
    "priorities": ["pay", "training"],
    "satisfaction": "agree",
    "start_year": 2010,
    "hours": "12.5",
    "joined": "2010-04-01",
    "nickname": "Sam",
    "comments": "Fine.",
}
COMPLETE = {**ABOUT, **SKILLS}
CANONICAL = {**COMPLETE, "tools": ["excel", "python"]}


def publish(questionnaire: Questionnaire) -> ResultsSnapshot:
    """Take a results snapshot of what has been submitted (at least the threshold)."""
    snapshot = snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED)
    assert snapshot is not None, "fewer new responses than the threshold"
    return snapshot
