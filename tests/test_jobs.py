import csv
import io

import pytest

from guild.accounts.models import Role
from guild.core.models import Job


@pytest.mark.django_db
def test_directory_export_runs_as_a_job_with_progress_and_a_download(
    make_member, grant, login, im, esdc, cra, django_capture_on_commit_callbacks
) -> None:
    coordinator = make_member(department=esdc, family_name="Coordinator")
    grant(coordinator.user, Role.DEPARTMENT_COORDINATOR, im, esdc)
    for n in range(3):
        make_member(department=esdc, family_name=f"Esdc{n}")
    make_member(department=cra, family_name="Cra")
    client = login(coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/members/export/", {"department": esdc.pk})
    job = Job.objects.get()
    assert response["Location"] == f"/en/jobs/{job.id}/"
    assert (job.status, job.percent, job.owner) == ("succeeded", 100, coordinator.user)
    assert job.message == "4 members exported"
    page = client.get(f"/en/jobs/{job.id}/").content.decode()
    assert 'value="100"' in page
    assert "Download members.csv" in page
    partial = client.get(f"/en/jobs/{job.id}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial  # finished jobs stop polling
    download = client.get(f"/en/jobs/{job.id}/download/")
    rows = list(csv.reader(io.StringIO(download.getvalue().decode("utf-8-sig"))))
    assert rows[0][:4] == ["id", "given_name", "family_name", "work_email"]
    assert sorted(row[2] for row in rows[1:]) == ["Coordinator", "Esdc0", "Esdc1", "Esdc2"]


@pytest.mark.django_db
def test_a_running_job_keeps_polling(make_member, login) -> None:
    member = make_member()
    job = Job.objects.create(
        owner=member.user,
        kind="members.export",
        status="running",
        percent=40,
        message="200 of 500 members",
    )
    partial = login(member.user).get(f"/en/jobs/{job.id}/", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'value="40"' in html
    assert "200 of 500 members" in html


@pytest.mark.django_db
def test_export_progress_appears_on_the_directory_page(
    make_member, grant, login, im, esdc, django_capture_on_commit_callbacks
) -> None:
    coordinator = make_member(department=esdc)
    grant(coordinator.user, Role.DEPARTMENT_COORDINATOR, im, esdc)
    client = login(coordinator.user)
    assert 'hx-target="#export-status"' in client.get("/en/members/").content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/en/members/export/", {}, HTTP_HX_REQUEST="true")
    job = Job.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert f'hx-get="/en/jobs/{job.id}/"' in html
    assert 'value="0"' in html
