"""Drawing one person's answers to the IM Members Questionnaire from what their profile says
(department, region, group and level, years in the community, languages, position), so
results look like an IM workforce: an older community, some retiring soon, second-language
results as the profile holds them. The seeder draws from it, and the benchmark generator
too, at scale. No queries: the callers load what a profile needs."""

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from guild.members.models import Member
from guild.questionnaires.answering.answers import validate_answers, visible_questions
from guild.questionnaires.definition.types import Definition, Question, QuestionType

YEAR = 2026  # the demo's "now" for ages and retirement years; answers stay deterministic

# Whole years each band code of the questionnaire stands for: (code, low, high), `high`
# inclusive, None for an open top band. The codes are the workbook's option codes.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_25", 16, 24),
    ("25_29", 25, 29),
    ("30_34", 30, 34),
    ("35_39", 35, 39),
    ("40_44", 40, 44),
    ("45_49", 45, 49),
    ("50_54", 50, 54),
    ("55_59", 55, 59),
    ("60_64", 60, 64),
    ("65_plus", 65, None),
)
SERVICE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_2", 0, 1),
    ("2_4", 2, 4),
    ("5_9", 5, 9),
    ("10_14", 10, 14),
    ("15_19", 15, 19),
    ("20_24", 20, 24),
    ("25_29", 25, 29),
    ("30_34", 30, 34),
    ("35_plus", 35, None),
)
IM_YEARS_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_2", 0, 1),
    ("2_4", 2, 4),
    ("5_9", 5, 9),
    ("10_19", 10, 19),
    ("20_plus", 20, None),
)


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


def checked_answers(definition: Definition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """`raw` as the response service would store it; a generated set that fails the
    questionnaire's own validation is a bug here, so it raises."""
    clean, errors = validate_answers(definition, raw, complete=True)
    if errors:
        raise ValueError(f"generated answers refused: {errors}")
    return clean
