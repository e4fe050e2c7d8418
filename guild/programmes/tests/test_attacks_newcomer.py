"""What helper G's walk through the cycle found did not hold, each kept fixed by a test."""

import pytest
from django.core.exceptions import ValidationError

from guild.programmes.models import Score
from guild.programmes.services.intakes import CriterionInput, intake_save
from guild.programmes.tests.selection_setup import score_everyone


def _resave(intake, actor, criteria, **changes):
    fields = {
        name: getattr(intake, name)
        for name in (
            "name_en",
            "name_fr",
            "phase",
            "nominations_open_on",
            "nominations_close_on",
            "starts_on",
            "ends_on",
            "capacity",
            "max_per_department",
            "nominations_per_department",
            "min_departments",
            "attendance_alert_below",
        )
    }
    fields.update(changes)
    return intake_save(
        actor=actor,
        programme=intake.programme,
        intake=intake,
        criteria=criteria,
        balance_rules=[],
        eligible_levels=list(intake.eligible_levels.all()),
        **fields,
    )


SAME = [
    CriterionInput("Leadership", "Leadership", 3, 5),
    CriterionInput("IM experience", "Expérience en GI", 2, 5),
]


@pytest.mark.django_db
def test_editing_an_intake_keeps_the_reviewers_scores(cast, intake, people) -> None:
    """Relaxing a rule after the optimiser found a conflict (the page's own advice) used to
    delete and recreate the criteria, and with them every reviewer's scores."""
    score_everyone(cast["committee"].user, people)
    before = set(Score.objects.values_list("pk", "criterion_id", "value"))
    assert len(before) == 12
    _resave(intake, cast["admin"].user, SAME, min_departments=1)
    assert set(Score.objects.values_list("pk", "criterion_id", "value")) == before
    # a criterion renamed or reweighted stays the same criterion, its scores kept
    _resave(intake, cast["admin"].user, [SAME[0], CriterionInput("IM", "GI", 4, 6)])
    assert Score.objects.count() == 12
    # a criterion removed takes only its own scores with it
    _resave(intake, cast["admin"].user, SAME[:1])
    assert Score.objects.count() == 6


@pytest.mark.django_db
def test_a_highest_score_below_scores_given_is_refused(cast, intake, people) -> None:
    score_everyone(cast["committee"].user, people)
    with pytest.raises(ValidationError) as raised:
        _resave(intake, cast["admin"].user, [CriterionInput("Leadership", "L", 3, 3), SAME[1]])
    assert "criteria.0.max_score" in raised.value.message_dict
    assert Score.objects.count() == 12


@pytest.mark.django_db
def test_a_cohort_of_one_is_one_person_not_one_people(cast, intake, people, login) -> None:
    from django.urls import reverse

    from guild.programmes.models import Nomination, SelectionRun
    from guild.programmes.services.nominations import withdraw

    score_everyone(cast["committee"].user, people)
    for name in ("Bruno", "Chloé", "Dev", "Élise", "Farid"):
        withdraw(actor=cast["admin"].user, nomination=people[name], reason="Moved on.")
    client = login(cast["committee"].user)
    url = reverse("programmes:selection", args=[intake.pk])
    assert client.post(url, {"action": "run"}).status_code == 302
    run = SelectionRun.objects.get()
    done = client.post(url, {"action": "confirm", "run": run.pk}, follow=True)
    page = done.content.decode()
    assert "The cohort of 1 person is confirmed" in page
    assert "1 people" not in page
    assert Nomination.objects.filter(outcome="selected").count() == 1


@pytest.mark.django_db
def test_the_nomination_e_mails_read_as_sentences(
    cast, intake, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    from guild.programmes.services.nominations import nominate

    with django_capture_on_commit_callbacks(execute=True):
        nominate(
            actor=cast["coordinator"].user,
            intake=intake,
            member=cast["member"],
            rationale="Leads the records team.",
        )
    bodies = "\n".join(message.body for message in mailoutbox)
    assert "You were nominated to the programme IM Leadership Initiative (Intake 1)." in bodies
    assert (
        "Mia Member was nominated to the programme IM Leadership Initiative (Intake 1) and "
        "names you as supervisor." in " ".join(bodies.split())
    )
    assert "proposée au programme Initiative de leadership en GI (Cohorte 1)" in " ".join(
        bodies.split()
    )
    assert "Une candidature a été proposée pour Mia Member au programme" in " ".join(bodies.split())


@pytest.mark.django_db
def test_the_edit_page_relaxes_a_rule_and_keeps_the_scores(cast, intake, people, login) -> None:
    """The browser walk: the optimiser names the conflicting rule, the administrator relaxes
    it on the edit page; the scores survive, and a highest score below one given is a
    field error on the page."""
    score_everyone(cast["committee"].user, people)
    client = login(cast["admin"].user)
    data = {
        "name_en": intake.name_en,
        "name_fr": intake.name_fr,
        "nominations_open_on": intake.nominations_open_on.isoformat(),
        "nominations_close_on": intake.nominations_close_on.isoformat(),
        "starts_on": intake.starts_on.isoformat(),
        "ends_on": intake.ends_on.isoformat(),
        "capacity": "3",
        "min_departments": "1",
        "attendance_alert_below": "75",
        "criterion_1_name_en": "Leadership",
        "criterion_1_name_fr": "Leadership",
        "criterion_1_weight": "3",
        "criterion_1_max_score": "5",
        "criterion_2_name_en": "IM experience",
        "criterion_2_name_fr": "Expérience en GI",
        "criterion_2_weight": "2",
        "criterion_2_max_score": "5",
    }
    url = f"/en/programmes/intakes/{intake.pk}/edit/"
    assert client.post(url, data).status_code == 302
    assert Score.objects.count() == 12
    refused = client.post(url, {**data, "criterion_1_max_score": "2"})
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "criterion_1_max_score": ["Reviewers already gave scores up to 5 on this criterion."]
    }
    assert Score.objects.count() == 12
