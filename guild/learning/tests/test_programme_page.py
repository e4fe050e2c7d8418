"""The administrator's list of a programme's members: searched by name or e-mail, filtered
by department and by standing (certified, in progress, not started), the department in a
column, every filter kept from page to page, and bad filters reported, not crashed on."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Certificate
from guild.learning.tests.test_certificates import certified, complete, programme
from guild.organizations.models import Department

__all__ = ["programme"]  # the fixture

pytestmark = pytest.mark.django_db

ROW_NAME = re.compile(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>')


def names(page: Any) -> list[str]:
    assert page.status_code == 200
    return ROW_NAME.findall(page.content.decode())


@pytest.fixture
def standings(cast: dict[str, Any], programme: Any, version: FrameworkVersion) -> dict[str, Any]:
    """Mia (ESDC) is certified; Olu (CRA) has done a course of the rules and is in progress;
    the six others have done nothing."""
    certified(cast["member"], programme, version)
    complete(cast["other"], "c101")
    return cast


def test_every_member_is_listed_by_name_with_their_department(
    standings: dict[str, Any], programme: Any, login: Any
) -> None:
    page = login(standings["admin"].user).get(f"/en/learning/certification/{programme.pk}/")
    assert names(page) == [
        "Ada Admin",
        "Cam Committee",
        "Coco Coordinator",
        "Ora Hidden",
        "Mia Member",
        "Olu Other",
        "Pat Private",
        "Sam Supervisor",
    ]
    text = page.content.decode()
    assert '<td><abbr title="Canada Revenue Agency">CRA</abbr></td>' in text
    assert "8 members in the community" in text
    french = login(standings["admin"].user).get(f"/fr/learning/certification/{programme.pk}/")
    body = french.content.decode()
    assert '<abbr title="Agence du revenu du Canada">ARC</abbr>' in body
    assert "Nom ou courriel" in body and "Non commencé" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=certified", ["Mia Member"]),
        ("status=in_progress", ["Olu Other"]),
        (
            "status=none",
            [
                "Ada Admin",
                "Cam Committee",
                "Coco Coordinator",
                "Ora Hidden",
                "Pat Private",
                "Sam Supervisor",
            ],
        ),
        ("q=mia", ["Mia Member"]),
        ("q=MEMBER+mi", ["Mia Member"]),
        ("department=cra", ["Cam Committee", "Ora Hidden", "Olu Other"]),
        ("department=esdc&status=certified", ["Mia Member"]),
        ("department=cra&status=certified", []),
        ("q=nobody-at-all", []),
    ],
)
def test_the_filters_keep_only_the_members_they_describe(
    standings: dict[str, Any], programme: Any, login: Any, query: str, expected: list[str]
) -> None:
    for code in ("esdc", "cra"):
        query = query.replace(f"department={code}", f"department={_department(code)}")
    page = login(standings["admin"].user).get(f"/en/learning/certification/{programme.pk}/?{query}")
    assert names(page) == expected
    text = page.content.decode()
    if expected:
        count = len(expected)
        assert f"{count} member{'s' if count > 1 else ''} found" in text
    else:
        assert "No member matches these filters." in text


def _department(code: str) -> int:
    return Department.objects.get(code=code).pk


def test_an_e_mail_address_finds_its_member(
    standings: dict[str, Any], programme: Any, login: Any
) -> None:
    email = standings["other"].work_email
    page = login(standings["admin"].user).get(
        f"/en/learning/certification/{programme.pk}/", {"q": email}
    )
    assert names(page) == ["Olu Other"]


def test_an_expired_certificate_is_not_certified_any_more(
    standings: dict[str, Any], programme: Any, login: Any
) -> None:
    Certificate.objects.filter(member=standings["member"]).update(
        valid_until=timezone.now() - datetime.timedelta(days=1)
    )
    client = login(standings["admin"].user)
    url = f"/en/learning/certification/{programme.pk}/"
    assert names(client.get(url, {"status": "certified"})) == []
    assert names(client.get(url, {"status": "in_progress"})) == ["Mia Member", "Olu Other"]


def test_pages_keep_the_filters(
    standings: dict[str, Any], programme: Any, login: Any, make_member: Any, cra: Department
) -> None:
    for number in range(30):
        make_member(department=cra, given_name="Zed", family_name=f"Zulu{number:02d}")
    client = login(standings["admin"].user)
    url = f"/en/learning/certification/{programme.pk}/"
    first = client.get(url, {"department": cra.pk, "status": "none"})
    assert len(names(first)) == 25
    text = first.content.decode()
    assert "32 members found" in text
    assert f'href="?department={cra.pk}&amp;status=none&amp;page=2" rel="next"' in text
    second = client.get(url, {"department": cra.pk, "status": "none", "page": 2})
    assert names(second) == [f"Zed Zulu{number:02d}" for number in range(23, 30)]
    assert f'<option value="{cra.pk}" selected>' in second.content.decode()


def test_bad_filters_are_each_reported_and_nothing_is_filtered(
    standings: dict[str, Any], programme: Any, login: Any
) -> None:
    page = login(standings["admin"].user).get(
        f"/en/learning/certification/{programme.pk}/",
        {"department": "999999", "status": "gold", "q": "x" * 101},
    )
    assert len(names(page)) == 8
    assert sorted(page.context["form"].errors) == ["department", "q", "status"]
    text = page.content.decode()
    assert "Select a valid choice. gold is not one of the available choices." in text
    assert "Select a valid choice. 999999 is not one of the available choices." in text
    assert "Ensure this value has at most 100 characters (it has 101)." in text


def test_only_administrators_see_the_list_even_filtered(
    standings: dict[str, Any], programme: Any, login: Any
) -> None:
    url = f"/en/learning/certification/{programme.pk}/?status=certified"
    for who in ("member", "other", "coordinator", "committee"):
        assert login(standings[who].user).get(url).status_code == 404
