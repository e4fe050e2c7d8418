"""The audit log shows names and labels, filters with lists, and exports CSV safely."""

import csv
import io

import pytest

from guild.accounts.models import Role
from guild.core.audit import audit_record


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.django_db
def test_values_are_whole_and_ids_are_names(cast, login, esdc, im) -> None:
    member = cast["member"]
    # A value set once (a string, not [old, new]) and a relation given by id.
    audit_record(
        actor=cast["admin"].user,
        action="questionnaire.export",
        obj=member,
        changes={"format": "sav", "job": "b4c1d2"},
    )
    audit_record(
        actor=cast["admin"].user,
        action="member.update",
        obj=member,
        changes={"department": [esdc.pk, None], "consent_directory": [True, False]},
    )
    html = login(cast["platform"]).get("/en/audit/").content.decode()
    assert "<dd>sav</dd>" in html
    assert "<dd>b4c1d2</dd>" in html
    assert "<dd>Employment and Social Development Canada → —</dd>" in html
    assert "<dd>Yes → No</dd>" in html
    assert f"department {esdc.pk}" not in html


@pytest.mark.django_db
def test_roles_show_their_labels_and_people_their_address(cast, login, grant, im) -> None:
    client = login(cast["platform"])
    client.post(
        "/en/roles/",
        {"email": cast["other"].user.email, "role": Role.COMMITTEE_MEMBER, "community": im.pk},
    )
    html = client.get("/en/audit/?action=role.assign").content.decode()
    assert "<dd>— → Committee member</dd>" in html
    assert f"<dd>— → {cast['other'].user.email}</dd>" in html
    assert "<dd>— → Information Management community</dd>" in html


@pytest.mark.django_db
def test_filters_are_lists_of_what_the_log_holds(cast, login) -> None:
    audit_record(actor=cast["admin"].user, action="member.update", obj=cast["member"])
    html = login(cast["platform"]).get("/en/audit/").content.decode()
    assert '<select name="actor"' in html
    assert f'<option value="{cast["admin"].user.email}">' in html
    assert '<select name="action"' in html
    assert '<option value="member.update">member.update</option>' in html
    assert '<select name="object_type"' in html
    assert '<option value="members.member">Member</option>' in html
    assert 'type="date"' in html


@pytest.mark.django_db
def test_a_period_ending_before_it_starts_is_refused(cast, login) -> None:
    response = login(cast["platform"]).get("/en/audit/?since=2026-05-01&until=2026-04-01")
    assert response.status_code == 400
    assert "The end of the period must not come before its start." in response.content.decode()
    response = login(cast["platform"]).get("/en/audit/?since=2026-02-30")
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


@pytest.mark.django_db
def test_csv_export_follows_the_filters_and_defuses_formulas(cast, login) -> None:
    member = cast["member"]
    member.position_title = '=HYPERLINK("http://x")'
    audit_record(
        actor=cast["admin"].user,
        action="member.update",
        obj=member,
        changes={"position_title": ["Analyst", '=HYPERLINK("http://x")']},
    )
    audit_record(actor=cast["admin"].user, action="token.create", obj=member)
    client = login(cast["platform"])
    html = client.get("/en/audit/?action=member.update").content.decode()
    assert 'href="/en/audit/export.csv?action=member.update"' in html
    response = client.get("/en/audit/export.csv?action=member.update")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="guild-audit-')
    rows = _csv(response)
    assert rows[0] == [
        "Time (UTC)",
        "Actor",
        "Action",
        "Object type",
        "Object id",
        "Object",
        "Changed fields",
    ]
    assert len(rows) == 2
    assert rows[1][1:5] == [cast["admin"].user.email, "member.update", "Member", str(member.pk)]
    assert rows[1][6] == 'Position title: Analyst → =HYPERLINK("http://x")'
    # A cell that starts like a formula is written as text.
    member.given_name = "=SUM(1)"
    member.save()
    audit_record(actor=cast["admin"].user, action="member.update", obj=member)
    rows = _csv(client.get("/en/audit/export.csv?action=member.update"))
    assert rows[1][5] == f"'{member}"
    assert rows[1][5].startswith("'=SUM(1)")


@pytest.mark.django_db
def test_only_platform_administrators_export(cast, login) -> None:
    assert login(cast["admin"].user).get("/en/audit/export.csv").status_code == 404
    assert login(cast["member"].user).get("/en/audit/").status_code == 404


@pytest.mark.django_db
def test_a_relation_recorded_by_its_code_shows_the_code(cast, login, esdc) -> None:
    # Assessments record their competency by code ("RIL-01"), not by id: the page read
    # it as an id and answered 500.
    audit_record(
        actor=cast["admin"].user,
        action="member.update",
        obj=cast["member"],
        changes={"department": [None, "ESDC-CODE"], "supervisor": [esdc.pk, None]},
    )
    response = login(cast["platform"]).get("/en/audit/")
    assert response.status_code == 200
    assert "<dd>— → ESDC-CODE</dd>" in response.content.decode()
