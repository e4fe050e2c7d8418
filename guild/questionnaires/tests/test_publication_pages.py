"""The "When results are published" page: an administrator schedules and cancels refreshes,
every field error shows at once, others cannot reach it, and the results pages say which
publication they show."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from guild.core.models import AuditEvent
from guild.questionnaires.models import RefreshPoint, RefreshStatus
from guild.questionnaires.tests.answering import make_questionnaire


def _url(survey: Any) -> str:
    return f"/en/questionnaires/manage/{survey.pk}/publication/"


@pytest.mark.django_db
def test_an_administrator_schedules_and_cancels_a_refresh(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    survey = make_questionnaire(im)
    client = login(cast["admin"].user)
    detail = client.get(f"/en/questionnaires/manage/{survey.pk}/").content.decode()
    assert _url(survey) in detail
    page = client.get(_url(survey)).content.decode()
    assert "Nothing has been published yet." in page
    assert "Fewer than 10 new responses are waiting" in page
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    response = client.post(_url(survey), {"due_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    point = RefreshPoint.objects.get(questionnaire=survey)
    assert (point.due_at, point.status, point.created_by) == (
        when,
        RefreshStatus.WAITING,
        cast["admin"].user,
    )
    event = AuditEvent.objects.get(action="questionnaire.refresh_point_add")
    assert event.changes == {"due_at": [None, when.isoformat()]}
    response = client.post(f"{_url(survey)}{point.pk}/cancel/")
    assert response.status_code == 302
    assert not RefreshPoint.objects.exists()
    assert AuditEvent.objects.filter(action="questionnaire.refresh_point_remove").count() == 1


@pytest.mark.django_db
def test_a_refresh_in_the_past_or_after_closing_is_refused_with_its_reason(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    survey = make_questionnaire(im)
    client = login(cast["admin"].user)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(_url(survey), {"due_at": past})
    assert response.status_code == 400
    assert "Choose a time in the future." in response.content.decode()
    assert survey.closes_at is not None
    late = timezone.localtime(survey.closes_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/fr" + _url(survey)[3:], {"due_at": late})
    assert response.status_code == 400
    assert "Choisissez un moment avant la fermeture du questionnaire" in response.content.decode()
    response = client.post(_url(survey), {"due_at": "not a date"})
    assert response.status_code == 400
    assert not RefreshPoint.objects.exists()


@pytest.mark.django_db
def test_only_those_who_manage_the_questionnaire_reach_the_page(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    survey = make_questionnaire(im)
    point = RefreshPoint.objects.create(
        questionnaire=survey, due_at=timezone.now() + timedelta(days=1)
    )
    for who in ("member", "coordinator", "committee"):
        client = login(cast[who].user)
        assert client.get(_url(survey)).status_code == 404
        assert client.post(f"{_url(survey)}{point.pk}/cancel/").status_code == 404
    assert RefreshPoint.objects.count() == 1


@pytest.mark.django_db
def test_cancelling_a_refresh_that_is_gone_says_so_and_changes_nothing(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    survey = make_questionnaire(im)
    client = login(cast["admin"].user)
    response = client.post(f"/fr{_url(survey)[3:]}999999/cancel/")
    assert response.status_code == 400
    assert "Cette mise à jour a déjà eu lieu." in response.content.decode()
    assert not AuditEvent.objects.filter(action="questionnaire.refresh_point_remove").exists()
