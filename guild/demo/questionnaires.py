"""The demo community's questionnaires: the IM Members Questionnaire, published and answered
by most demo members, and a small identified event evaluation.

`respondent_answers` draws one person's answers from what their profile says (department,
region, group and level, years in the community, languages, position) so results look like
an IM workforce: an older community, some retiring soon, second-language results as the
profile holds them. The benchmark generator draws from it too, at scale.

Anonymous responses are written in bulk, as many respondents at once: `Response` and
`Answer` rows with no respondent, no time and random keys, in shuffled order
(ADR 0010). Demo members with a sign-in do not answer, so a visitor can answer the
questionnaire themselves. Seeding twice adds nothing.
"""

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalGroup, Region, WorkStream
from guild.questionnaires.answering.answers import (
    answer_rows,
    breakdown_values,
    validate_answers,
    visible_questions,
)
from guild.questionnaires.definition.scales import agree_scale
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.demo_definition import (
    AGE_BANDS,
    IM_YEARS_BANDS,
    SERVICE_BANDS,
    im_members_questionnaire,
)
from guild.questionnaires.models import (
    NOT_COUNTED,
    PENDING,
    Answer,
    Questionnaire,
    RefreshPoint,
    Response,
    SnapshotReason,
)

MEMBERS_SLUG = "im-members-questionnaire"
EVENT_SLUG = "community-event-evaluation"
RESPONSE_SHARE = 0.85
OPEN_DAYS = 60
THRESHOLD = 10
YEAR = 2026  # the demo's "now" for ages and retirement years; answers stay deterministic


@dataclass(frozen=True)
class Respondent:
    """What the answers are drawn from: a member's profile, as plain data."""

    department: str
    region: str
    group: str  # occupational group code, e.g. "IS"
    level: int  # 1 to 8 (EX-03 gives 3)
    years_in_community: int
    language: str  # first official language, "en" or "fr"
    second_language: tuple[str, str, str]  # reading, writing, oral: "A" … "E", "X" or ""
    supervises: bool
    streams: tuple[str, ...]  # IM work stream codes


def respondent_of(member: Member, supervisors: set[int]) -> Respondent:
    """`member` with `department`, `region`, `level__group` and `work_streams` loaded."""
    level = member.level
    return Respondent(
        department=member.department.code,
        region=member.region.code,
        group=level.group.code if level else "",
        level=level.level if level else 0,
        years_in_community=member.years_in_community or 0,
        language=member.first_official_language or "en",
        second_language=(
            member.second_language_reading,
            member.second_language_writing,
            member.second_language_oral,
        ),
        supervises=member.pk in supervisors,
        streams=tuple(stream.code for stream in member.work_streams.all()),
    )


# --- drawing answers ---------------------------------------------------------------------


def _pick(rng: random.Random, weighted: Mapping[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _band(bands: Sequence[tuple[str, int, int | None]], value: int) -> str:
    for code, low, high in bands:
        if value >= low and (high is None or value <= high):
            return code
    return bands[0][0] if value < bands[0][1] else bands[-1][0]


def _some(rng: random.Random, weighted: Mapping[str, float], low: int, high: int) -> list[str]:
    """Between `low` and `high` distinct options, drawn by weight."""
    pool = dict(weighted)
    chosen: list[str] = []
    for _ in range(rng.randint(low, high)):
        if not pool:
            break
        code = _pick(rng, pool)
        chosen.append(code)
        del pool[code]
    return chosen


AGREE_POSITIVE = {
    "strongly_agree": 22,
    "agree": 38,
    "neutral": 20,
    "disagree": 13,
    "strongly_disagree": 7,
}
SPECIALTY_FOR_STREAM = {
    "records-management": "records",
    "library-services": "library",
    "archives": "archives",
    "atip": "atip",
    "web-content-management": "web",
    "data-management": "data",
    "information-architecture": "architecture",
    "im-systems-development": "systems",
    "policy-development": "policy",
    "knowledge-management": "library",
    "im-business-analysis": "systems",
}
TRAINING_FOR_SPECIALTY = {
    "records": "records",
    "archives": "digital",
    "library": "metadata",
    "atip": "privacy_atip",
    "privacy": "privacy_atip",
    "web": "tools",
    "data": "data",
    "architecture": "metadata",
    "systems": "tools",
    "policy": "leadership",
}
PRIORITIES = {
    "en": [
        "More training on records management in the cloud.",
        "A mentoring programme for new IM professionals.",
        "Clearer career paths for the IM community.",
        "Better tools to manage information in Microsoft 365.",
        "Practical guidance on artificial intelligence and information management.",
        "Recognition of IM work by senior management.",
    ],
    "fr": [
        "Plus de formation sur la gestion des documents dans le nuage.",
        "Un programme de mentorat pour les nouveaux professionnels de la GI.",
        "Des parcours de carrière plus clairs pour la communauté de la GI.",
        "De meilleurs outils pour gérer l'information dans Microsoft 365.",
        "Des conseils pratiques sur l'intelligence artificielle et la gestion de l'information.",
        "La reconnaissance du travail en GI par la haute direction.",
    ],
}
COMMENTS = {
    "en": [
        "Thank you for asking. I hope the results lead to real training opportunities.",
        "The community events are useful, but it is hard to find time to attend.",
        "Many of my colleagues will retire soon; we need to plan for knowledge transfer.",
    ],
    "fr": [
        "Merci de nous consulter. J'espère que les résultats mèneront à de vraies formations.",
        "Les activités de la communauté sont utiles, mais il est difficile d'y assister.",
        "Plusieurs collègues prendront bientôt leur retraite; il faut planifier le transfert "
        "des connaissances.",
    ],
}


def _language_result(level: str) -> str:
    return level if level in {"A", "B", "C", "E"} else "X"


def _im_answers(person: Respondent, rng: random.Random) -> dict[str, Any]:
    """Answers to the IM Members Questionnaire's questions, before show-if conditions."""
    senior = person.group == "EX" or person.level >= 6 or person.supervises
    prior = rng.choice((0, 0, 1, 2, 3, 5, 8, 12))
    service = min(40, person.years_in_community + prior)
    # The IM workforce is older than the public service as a whole.
    age = int(max(19, min(68, 24 + service + rng.gauss(5, 6) + (4 if senior else 0))))
    answers: dict[str, Any] = {
        "department": person.department,
        "region": person.region,
        "occupational_group": person.group,
        "level": str(min(8, max(1, person.level))) if person.level else None,
        "tenure": "student"
        if age < 25 and rng.random() < 0.5
        else _pick(rng, {"indeterminate": 86, "term": 9, "casual": 2, "student": 1}),
        "age_band": _band(AGE_BANDS, age),
        "service_years": _band(SERVICE_BANDS, service),
        "im_years": _band(IM_YEARS_BANDS, person.years_in_community),
        "first_official_language": person.language,
    }
    if rng.random() < 0.6:
        joined = dt.date(YEAR - service, 1, 1) + timedelta(days=rng.randint(0, 364))
        answers["joined_public_service"] = min(joined, dt.date(YEAR, 1, 1)).isoformat()
    reading, writing, oral = (_language_result(level) for level in person.second_language)
    answers["second_language_levels"] = {"reading": reading, "writing": writing, "oral": oral}
    weak = sum(level in {"A", "X"} for level in (reading, writing, oral))
    answers["language_training_interest"] = _pick(
        rng, {"yes": 30 + 15 * weak, "no": 40 - 5 * weak, "unsure": 20}
    )

    specialties = {SPECIALTY_FOR_STREAM[s] for s in person.streams if s in SPECIALTY_FOR_STREAM}
    if "atip" in specialties and rng.random() < 0.5:
        specialties.add("privacy")
    if not specialties or rng.random() < 0.3:
        specialties.add(
            _pick(rng, {"records": 30, "data": 15, "web": 10, "policy": 10, "systems": 10})
        )
    answers["specialties"] = sorted(specialties)
    answers["im_time_share"] = str(rng.choice((100, 100, 100, 90, 80, 75, 60, 50, 40, 25)))
    answers["team_size"] = rng.randint(4, 60) if senior else rng.randint(2, 25)
    answers["supervises"] = "yes" if person.supervises else "no"
    answers["work_arrangement"] = _pick(rng, {"hybrid": 72, "onsite": 16, "remote": 12})

    education = {
        "secondary": 6,
        "college": 20,
        "bachelor": 34,
        "graduate_certificate": 9,
        "master": 27,
        "doctorate": 4,
    }
    if "library" in specialties or "archives" in specialties:
        education.update(master=70, doctorate=6)
    answers["education_level"] = _pick(rng, education)
    credentials = []
    if answers["education_level"] in {"master", "doctorate"} and "library" in specialties:
        credentials.append("mlis")
    if "archives" in specialties and rng.random() < 0.4:
        credentials.append("mas")
    for code, share, wanted in (
        ("crm", 0.12, "records"),
        ("cip", 0.08, "records"),
        ("igp", 0.05, "policy"),
        ("atip_cert", 0.45, "atip"),
        ("cipp_c", 0.25, "privacy"),
    ):
        if wanted in specialties and rng.random() < share:
            credentials.append(code)
    if senior and rng.random() < 0.12:
        credentials.append("pmp")
    if "library" in specialties and rng.random() < 0.3:
        credentials.append("lit")
    answers["credentials"] = credentials or ["none"]
    answers["studying"] = "yes" if rng.random() < (0.2 if age < 35 else 0.07) else "no"

    answers["training_hours"] = min(500, int(rng.expovariate(1 / 22)))
    needs = {"ai": 24, "data": 18, "tools": 16, "leadership": 8 if senior else 5, "digital": 8}
    for specialty in specialties:
        topic = TRAINING_FOR_SPECIALTY.get(specialty)
        if topic:
            needs[topic] = needs.get(topic, 6) + 14
    needs.setdefault("records", 10)
    needs.setdefault("metadata", 6)
    needs.setdefault("privacy_atip", 6)
    chosen_needs = _some(rng, needs, 1, 4)
    answers["training_needs"] = chosen_needs
    ranked = list(chosen_needs)
    rng.shuffle(ranked)
    answers["training_priorities"] = ranked[:3]
    answers["training_format"] = _pick(
        rng, {"virtual": 38, "self_paced": 24, "classroom": 18, "on_the_job": 20}
    )
    if rng.random() < 0.14:
        answers["training_barriers"] = ["nothing"]
    else:
        answers["training_barriers"] = _some(
            rng, {"time": 45, "budget": 30, "approval": 12, "language": 6, "relevance": 10}, 1, 2
        )

    retire_share = 0.5 if age >= 60 else 0.28 if age >= 55 else 0.06 if age >= 50 else 0.005
    if rng.random() < retire_share:
        answers["career_intentions"] = "retire"
    else:
        answers["career_intentions"] = _pick(rng, {"stay": 58, "move_im": 28, "leave_im": 8})
    answers["retire_within_5"] = _pick(
        rng,
        {"yes": 80, "no": 8, "unsure": 12} if age >= 57 else {"yes": 30, "no": 35, "unsure": 35},
    )
    answers["retirement_year"] = YEAR + rng.randint(0, 5)
    answers["mobility"] = _pick(
        rng,
        {"yes": 25, "no": 45, "unsure": 30} if age < 50 else {"yes": 10, "no": 70, "unsure": 20},
    )
    answers["leadership_interest"] = _pick(
        rng,
        AGREE_POSITIVE
        if senior or age < 45
        else {
            "strongly_agree": 8,
            "agree": 20,
            "neutral": 32,
            "disagree": 25,
            "strongly_disagree": 15,
        },
    )
    # Awareness of the community's vision is the weak point the committee wants to see.
    answers["vision_awareness"] = _pick(
        rng,
        {"strongly_agree": 9, "agree": 24, "neutral": 29, "disagree": 23, "strongly_disagree": 15},
    )
    answers["community_views"] = {
        row: _pick(rng, AGREE_POSITIVE)
        for row in ("belonging", "events", "resources", "development", "recommend")
    }
    answers["support_satisfaction"] = _pick(
        rng,
        {
            "very_satisfied": 14,
            "satisfied": 38,
            "neutral": 28,
            "dissatisfied": 14,
            "very_dissatisfied": 6,
        },
    )
    if rng.random() < 0.35:
        answers["participation"] = ["none"]
    else:
        answers["participation"] = _some(
            rng, {"webinars": 50, "conference": 25, "working_groups": 15, "mentoring": 10}, 1, 3
        )
    language = person.language if person.language in PRIORITIES else "en"
    if rng.random() < 0.3:
        answers["one_priority"] = rng.choice(PRIORITIES[language])
    if rng.random() < 0.08:
        answers["comments"] = rng.choice(COMMENTS[language])
    return answers


def _any_answer(question: Question, rng: random.Random) -> Any:
    """A plausible answer to a question the profile says nothing about."""
    kind = question.type
    codes = [option.code for option in question.options]
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        if {option.code for option in question.options} == set(AGREE_POSITIVE):
            return _pick(rng, AGREE_POSITIVE)
        # A fixed, uneven spread per question, so results are not flat.
        shape = random.Random(question.code)
        return _pick(rng, {code: shape.uniform(1, 10) for code in codes})
    if kind == QuestionType.MULTIPLE:
        shape = random.Random(question.code)
        return _some(rng, {code: shape.uniform(1, 10) for code in codes}, 1, min(3, len(codes)))
    if kind == QuestionType.MATRIX:
        return {row.code: rng.choice(codes) for row in question.rows}
    if kind == QuestionType.RANKING:
        ranked = list(codes)
        rng.shuffle(ranked)
        return ranked[:3]
    low = int(question.minimum) if question.minimum is not None else 0
    high = int(question.maximum) if question.maximum is not None else low + 100
    if kind in (QuestionType.INTEGER, QuestionType.YEAR):
        return rng.randint(low, high)
    if kind == QuestionType.DECIMAL:
        return str(rng.randint(low, high))
    if kind == QuestionType.DATE:
        return (dt.date(YEAR, 1, 1) - timedelta(days=rng.randint(0, 3650))).isoformat()
    return None  # free text: left unanswered


def respondent_answers(
    definition: Definition, person: Respondent, rng: random.Random, skip: float = 0.03
) -> dict[str, Any]:
    """One person's answers to `definition`: drawn from the profile for the IM Members
    Questionnaire's questions, plausibly for any other; optional questions are left out
    `skip` of the time; questions hidden by the answers given are left out."""
    drawn = _im_answers(person, rng)
    raw: dict[str, Any] = {}
    for question in definition.questions:
        value = drawn[question.code] if question.code in drawn else _any_answer(question, rng)
        offered = {option.code for option in question.options}
        if question.type in (QuestionType.SINGLE, QuestionType.LIKERT) and value not in offered:
            value = None  # a profile value the options don't offer (a retired group)
        if value is None or (not question.required and rng.random() < skip):
            continue
        raw[question.code] = value
    shown = {question.code for question in visible_questions(definition, raw)}
    return {code: value for code, value in raw.items() if code in shown}


# --- definitions -------------------------------------------------------------------------


def references() -> tuple[list[tuple[str, str, str]], ...]:
    """Departments, regions and occupational groups as `(code, name_en, name_fr)`."""
    departments = [
        (d.code, d.name_en, d.name_fr) for d in Department.objects.filter(is_active=True)
    ]
    regions = [(r.code, r.name_en, r.name_fr) for r in Region.objects.filter(is_active=True)]
    groups = [
        (g.code, f"{g.code}: {g.name_en}", f"{g.code} : {g.name_fr}")
        for g in OccupationalGroup.objects.filter(is_active=True)
    ]
    return departments, regions, groups


def members_definition() -> Definition:
    return im_members_questionnaire(*references())


def event_definition() -> Definition:
    """The identified "Community event evaluation": six questions."""
    agree = agree_scale()

    def option(code: str, en: str, fr: str) -> Option:
        return Option(code, Text(en, fr))

    return Definition(
        title=Text("Community event evaluation", "Évaluation d'une activité de la communauté"),
        description=Text(
            "Tell us what you thought of the IM community's spring forum. Your name is kept "
            "with your answers so we can follow up on your suggestions.",
            "Dites-nous ce que vous avez pensé du forum du printemps de la communauté de la "
            "GI. Votre nom est conservé avec vos réponses pour que nous puissions donner "
            "suite à vos suggestions.",
        ),
        sections=(
            Section(
                "event",
                Text("The event", "L'activité"),
                None,
                (
                    Question(
                        "attended",
                        QuestionType.SINGLE,
                        Text("How did you attend?", "Comment avez-vous participé?"),
                        required=True,
                        options=(
                            option("in_person", "In person", "En personne"),
                            option("online", "Online", "En ligne"),
                        ),
                    ),
                    Question(
                        "overall",
                        QuestionType.LIKERT,
                        Text(
                            "The event was worth my time.",
                            "L'activité valait le temps que j'y ai consacré.",
                        ),
                        required=True,
                        options=agree,
                    ),
                    Question(
                        "sessions",
                        QuestionType.MATRIX,
                        Text(
                            "How useful were the sessions?",
                            "Dans quelle mesure les séances ont-elles été utiles?",
                        ),
                        rows=(
                            option("keynote", "Opening keynote", "Conférence d'ouverture"),
                            option(
                                "panel",
                                "Panel on AI and records",
                                "Panel sur l'IA et les documents",
                            ),
                            option("workshop", "Metadata workshop", "Atelier sur les métadonnées"),
                        ),
                        options=agree,
                    ),
                    Question(
                        "topics_next",
                        QuestionType.MULTIPLE,
                        Text(
                            "Which topics would you like next time?",
                            "Quels sujets aimeriez-vous aborder la prochaine fois?",
                        ),
                        options=(
                            option("ai", "Artificial intelligence", "Intelligence artificielle"),
                            option(
                                "privacy", "Privacy", "Protection des renseignements personnels"
                            ),
                            option("careers", "IM careers", "Carrières en GI"),
                            option("tools", "Tools and platforms", "Outils et plateformes"),
                        ),
                    ),
                    Question(
                        "rating",
                        QuestionType.INTEGER,
                        Text(
                            "Out of 10, how likely are you to recommend the event to a colleague?",
                            "Sur 10, quelle est la probabilité que vous recommandiez l'activité "
                            "à un collègue?",
                        ),
                        minimum=Decimal(0),
                        maximum=Decimal(10),
                    ),
                    Question(
                        "suggestions",
                        QuestionType.LONG_TEXT,
                        Text(
                            "What should we do differently?",
                            "Que devrions-nous faire autrement?",
                        ),
                        max_length=2000,
                    ),
                ),
            ),
        ),
    )


EVENT_ANSWERS: dict[str, dict[str, Any]] = {
    "supervisor": {
        "attended": "in_person",
        "overall": "strongly_agree",
        "sessions": {"keynote": "agree", "panel": "strongly_agree", "workshop": "agree"},
        "topics_next": ["ai", "careers"],
        "rating": 9,
        "suggestions": "More time for questions after the panel.",
    },
    "coordinator": {
        "attended": "online",
        "overall": "agree",
        "sessions": {"keynote": "neutral", "panel": "agree", "workshop": "agree"},
        "topics_next": ["privacy", "tools"],
        "rating": 7,
        "suggestions": "Share the slides before the sessions start.",
    },
    "committee": {
        "attended": "in_person",
        "overall": "agree",
        "sessions": {"keynote": "agree", "panel": "agree", "workshop": "strongly_agree"},
        "topics_next": ["ai"],
        "rating": 8,
    },
    "admin": {
        "attended": "online",
        "overall": "neutral",
        "sessions": {"keynote": "disagree", "panel": "agree", "workshop": "neutral"},
        "topics_next": ["careers", "tools"],
        "rating": 6,
        "suggestions": "Le son de la diffusion en ligne était faible.",
    },
}


# --- writing -----------------------------------------------------------------------------


def response_rows(
    questionnaire: Questionnaire,
    version_id: int,
    definition: Definition,
    answer_sets: Iterable[tuple[Mapping[str, Any], bool]],
) -> tuple[list[Response], list[Answer]]:
    """Anonymous `Response` and `Answer` rows for validated answer sets, each with whether
    its member agreed to be counted in statistics: no respondent, no time, random keys;
    waiting for the next results snapshot."""
    responses: list[Response] = []
    answers: list[Answer] = []
    for answer_set, counted in answer_sets:
        state = PENDING if counted else NOT_COUNTED
        response = Response(
            questionnaire=questionnaire,
            version_id=version_id,
            answers=dict(answer_set),
            snapshot=state,
        )
        responses.append(response)
        department, region = breakdown_values(definition, answer_set)
        answers.extend(
            Answer(
                questionnaire=questionnaire,
                response=response,
                question=row.question,
                item=row.item,
                choice=row.choice,
                number=row.number,
                department=department,
                region=region,
                snapshot=state,
            )
            for row in answer_rows(definition, answer_set)
        )
    return responses, answers


def checked_answers(definition: Definition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """`raw` as the response service would store it; a generated set that fails the
    questionnaire's own validation is a bug here, so it raises."""
    clean, errors = validate_answers(definition, raw, complete=True)
    if errors:
        raise ValueError(f"generated answers refused: {errors}")
    return clean


def create_published(
    *,
    actor: Any,
    community: Community,
    slug: str,
    definition: Definition,
    anonymous: bool,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
) -> tuple[Questionnaire, int]:
    """A questionnaire through the definition services, published; with its version id."""
    from guild.questionnaires.definition.services import (
        questionnaire_create,
        version_publish,
    )

    questionnaire = questionnaire_create(
        actor=actor,
        community=community,
        slug=slug,
        definition=definition,
        anonymous=anonymous,
        threshold=THRESHOLD,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    version = version_publish(actor=actor, questionnaire=questionnaire)
    return questionnaire, version.pk


@dataclass
class QuestionnaireSeed:
    questionnaires_created: int = 0
    responses_created: int = 0


@transaction.atomic
def seed_questionnaires(
    community: Community,
    members: Sequence[Member],
    rng: random.Random,
    *,
    actor: Any,
    accounts: Mapping[str, Any] | None = None,
) -> QuestionnaireSeed:
    """The IM Members Questionnaire with answers from about 85 % of `members` (those
    without a sign-in), and the identified event evaluation answered by a few of the demo
    `accounts` (key -> user) through the response service."""
    from guild.questionnaires.answering.services import response_submit
    from guild.questionnaires.results.snapshots import snapshot_take

    result = QuestionnaireSeed()
    now = timezone.now()
    if not Questionnaire.objects.filter(community=community, slug=MEMBERS_SLUG).exists():
        definition = members_definition()
        questionnaire, version_id = create_published(
            actor=actor,
            community=community,
            slug=MEMBERS_SLUG,
            definition=definition,
            anonymous=True,
            opens_at=now - timedelta(days=14),
            closes_at=now + timedelta(days=OPEN_DAYS),
        )
        result.questionnaires_created += 1
        ids = [member.pk for member in members]
        supervisors = set(
            Member.objects.filter(supervisor_id__in=ids).values_list("supervisor_id", flat=True)
        )
        people = (
            Member.objects.filter(pk__in=ids, user__isnull=True, is_active=True)
            .select_related("department", "region", "level__group")
            .prefetch_related(
                Prefetch("work_streams", queryset=WorkStream.objects.filter(community=community))
            )
            .order_by("pk")
        )
        answering = [person for person in people if rng.random() < RESPONSE_SHARE]
        answer_sets = [
            (
                checked_answers(
                    definition, respondent_answers(definition, respondent_of(m, supervisors), rng)
                ),
                m.consent_statistics,
            )
            for m in answering
        ]
        # Nothing about the order of rows may follow the order of members.
        rng.shuffle(answer_sets)
        responses, answers = response_rows(questionnaire, version_id, definition, answer_sets)
        Response.objects.bulk_create(responses, batch_size=500)
        Answer.objects.bulk_create(answers, batch_size=2000)
        snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED)
        for days in (7, 14):
            RefreshPoint.objects.create(
                questionnaire=questionnaire, due_at=now + timedelta(days=days), created_by=actor
            )
        questionnaire.results_published = True
        questionnaire.save(update_fields=["results_published"])
        result.responses_created += len(responses)

    if not Questionnaire.objects.filter(community=community, slug=EVENT_SLUG).exists():
        event, _ = create_published(
            actor=actor,
            community=community,
            slug=EVENT_SLUG,
            definition=event_definition(),
            anonymous=False,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=21),
        )
        result.questionnaires_created += 1
        for key, answers_given in EVENT_ANSWERS.items():
            user = (accounts or {}).get(key)
            if user is None:
                continue
            response_submit(
                user=user,
                questionnaire=event,
                answers=answers_given,
                idempotency_key=f"demo-{key}",
            )
            result.responses_created += 1
    return result
