"""The demo's answers to the IM Members Questionnaire: realistic, and passing the
questionnaire's own rules."""

import random
from collections import Counter

from guild.demo import answers as demo
from guild.demo.content import members_definition
from guild.questionnaires.answering.answers import validate_answers


def _person(**overrides: object) -> demo.Respondent:
    fields: dict[str, object] = {
        "department": "esdc",
        "region": "ncr",
        "group": "IS",
        "level": 4,
        "years_in_community": 12,
        "language": "fr",
        "second_language": ("C", "B", ""),
        "supervises": False,
        "streams": ("records-management", "atip"),
    }
    fields.update(overrides)
    return demo.Respondent(**fields)  # type: ignore[arg-type]


def test_answers_follow_the_profile_and_pass_validation() -> None:
    definition = members_definition()
    rng = random.Random(7)
    person = _person()
    for _ in range(200):
        answers = demo.respondent_answers(definition, person, rng, skip=0)
        clean, errors = validate_answers(definition, answers, complete=True)
        assert errors == {}
        assert clean["department"] == "esdc"
        assert clean["region"] == "ncr"
        assert clean["occupational_group"] == "IS"
        assert clean["first_official_language"] == "fr"
        assert clean["second_language_levels"] == {"reading": "C", "writing": "B", "oral": "X"}
        specialties = clean["specialties"]
        assert isinstance(specialties, list)
        assert "records" in specialties and "atip" in specialties
        assert clean["supervises"] == "no"
        if "retirement_year" in clean:
            assert clean["retire_within_5"] == "yes"
            assert 2026 <= int(str(clean["retirement_year"])) <= 2031


def test_an_older_community_with_some_retiring() -> None:
    definition = members_definition()
    rng = random.Random(11)
    ages: Counter[object] = Counter()
    intentions: Counter[object] = Counter()
    for n in range(600):
        person = _person(years_in_community=n % 30, level=1 + n % 7)
        answers = demo.respondent_answers(definition, person, rng)
        ages[answers.get("age_band")] += 1
        intentions[answers["career_intentions"]] += 1
    older = sum(ages[band] for band in ("45_49", "50_54", "55_59", "60_64", "65_plus"))
    younger = sum(ages[band] for band in ("under_25", "25_29", "30_34"))
    assert older > younger
    assert 0 < intentions["retire"] < intentions["stay"]
