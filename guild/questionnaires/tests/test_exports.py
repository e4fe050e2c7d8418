"""Exports through the real pages, API, service and job runner, read back from the files."""

import csv
import io
import re
import uuid
import zipfile
from dataclasses import replace
from typing import Any

import openpyxl
import pyreadstat
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from guild.accounts.services import token_create
from guild.core.models import AuditEvent, Job
from guild.organizations.models import Community
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.definition.json_codec import definition_to_json
from guild.questionnaires.definition.types import Question, QuestionType, Text
from guild.questionnaires.exports.aggregate import FREQUENCY_HEADER, frequency_rows
from guild.questionnaires.exports.services import questionnaire_export_start
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, Response
from guild.questionnaires.results.statistics import questionnaire_results
from guild.questionnaires.tests.answering import publish
from guild.questionnaires.tests.export_fixtures import FULL_ANSWERS, export_definition


def make_questionnaire(
    community: Community, *, anonymous: bool, slug: str = "survey"
) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        community=community,
        slug=slug,
        title_en="Export test",
        title_fr="Test d'exportation",
        anonymous=anonymous,
    )
    QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        definition=definition_to_json(export_definition()),
        status="published",
        published_at=timezone.now(),
    )
    return questionnaire


def submit(member: Any, questionnaire: Questionnaire, **answers: Any) -> None:
    response_submit(
        user=member.user,
        questionnaire=questionnaire,
        answers=answers,
        idempotency_key=uuid.uuid4().hex,
    )


def download(client: Any, job: Job) -> bytes:
    response = client.get(f"/en/jobs/{job.id}/download/")
    assert response.status_code == 200
    return response.getvalue()


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def identified(cast, im) -> Questionnaire:
    questionnaire = make_questionnaire(im, anonymous=False)
    submit(cast["member"], questionnaire, **FULL_ANSWERS)
    submit(cast["other"], questionnaire, department="esdc", hours=7)
    return questionnaire


@pytest.mark.django_db
def test_identified_csv_export_from_the_page_names_respondents_and_is_audited(
    cast, identified, login, django_capture_on_commit_callbacks
) -> None:
    admin = cast["admin"]
    client = login(admin.user)
    page = client.get(f"/en/questionnaires/{identified.pk}/exports/").content.decode()
    assert "Responses (SPSS)" in page and "Frequencies (CSV)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/questionnaires/{identified.pk}/exports/", {"kind": "rows", "format": "csv"}
        )
    job = Job.objects.get()
    assert response["Location"] == f"/en/jobs/{job.id}/"
    assert (job.status, job.percent, job.message) == ("succeeded", 100, "2 responses exported")
    assert job.result_name == "survey-responses.csv"
    rows = csv_rows(download(client, job))
    member, other = cast["member"], cast["other"]
    assert [(r["member_id"], r["member_name"], r["member_email"]) for r in rows] == [
        (str(member.pk), "Mia Member", member.work_email),
        (str(other.pk), "Olu Other", other.work_email),
    ]
    assert rows[0]["department"] == "cra" and rows[0]["skills__data"] == "1"
    assert rows[0]["comment"] == "'=SUM(A1) c'est ça"
    assert (rows[1]["department"], rows[1]["hours"], rows[1]["skills__data"]) == ("esdc", "7", "")
    event = AuditEvent.objects.get(action="questionnaire.export_identified")
    assert (event.actor, event.object_id) == (admin.user, str(identified.pk))
    assert event.changes == {"format": "csv", "job": str(job.id), "anonymous": False}


@pytest.mark.django_db
def test_anonymous_export_has_no_identity_and_is_not_in_key_or_submission_order(
    make_member, cast, im, login, django_capture_on_commit_callbacks
) -> None:
    questionnaire = make_questionnaire(im, anonymous=True)
    for hours in range(30):
        submit(make_member(), questionnaire, hours=hours, department="esdc")
    publish(questionnaire)
    with django_capture_on_commit_callbacks(execute=True):
        job = questionnaire_export_start(
            user=cast["admin"].user, questionnaire=questionnaire, kind="rows", format="csv"
        )
    job.refresh_from_db()
    assert job.result_name == "survey-responses-csv.zip"
    archive = zipfile.ZipFile(io.BytesIO(download(login(cast["admin"].user), job)))
    rows = csv_rows(archive.read("responses.csv"))
    assert list(rows[0])[:3] == ["version", "department", "skills__records"]
    assert not {"member_id", "member_name", "member_email"} & set(rows[0])
    exported = [int(r["hours"]) for r in rows]
    by_key = [a["hours"] for a in Response.objects.order_by("id").values_list("answers", flat=True)]
    assert sorted(exported) == list(range(30))
    assert exported != by_key
    assert exported != list(range(30))
    event = AuditEvent.objects.get(action="questionnaire.export_responses")
    assert event.changes == {
        "format": "csv",
        "job": str(job.id),
        "anonymous": True,
        "protected": True,
        "threshold": questionnaire.threshold,
    }


@pytest.mark.django_db
def test_xlsx_export_through_the_api_has_responses_and_codebook(
    cast, identified, django_capture_on_commit_callbacks
) -> None:
    _token, raw = token_create(user=cast["admin"].user, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            f"/api/v1/questionnaires/{identified.pk}/exports",
            {"kind": "rows", "format": "xlsx"},
            content_type="application/json",
        )
    assert created.status_code == 202
    job_id = created.json()["id"]
    status = client.get(f"/api/v1/questionnaires/exports/{job_id}").json()
    assert (status["status"], status["percent"], status["file_name"]) == (
        "succeeded",
        100,
        "survey-responses.xlsx",
    )
    assert status["download_url"] == f"/api/v1/questionnaires/exports/{job_id}/download"
    content = client.get(status["download_url"]).getvalue()
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["responses", "codebook"]
    responses = list(book["responses"].values)
    assert responses[0][:5] == ("member_id", "member_name", "member_email", "version", "department")
    assert [row[1] for row in responses[1:]] == ["Mia Member", "Olu Other"]
    codebook = list(book["codebook"].values)
    assert codebook[5] == (
        "department", "department", "single", "Department", "Ministère",
        "esdc", "ESDC", "EDSC", "department", 1,
    )  # fmt: skip


@pytest.mark.django_db
def test_sav_export_reads_back_with_labels_in_the_requesters_language(
    cast, identified, login, django_capture_on_commit_callbacks, tmp_path
) -> None:
    client = login(cast["admin"].user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/fr/questionnaires/{identified.pk}/exports/", {"kind": "rows", "format": "sav"}
        )
    job = Job.objects.get()
    assert job.status == "succeeded"
    path = tmp_path / "r.sav"
    path.write_bytes(download(client, job))
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names_to_labels["department"] == "Ministère"
    assert meta.variable_value_labels["department"] == {1.0: "EDSC", 2.0: "ARC"}
    assert frame["department"].tolist() == [2.0, 1.0]
    assert frame["member_name"].tolist() == ["Mia Member", "Olu Other"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "member", "committee"])
def test_only_programme_administrators_export_responses(
    who, cast, identified, login, django_capture_on_commit_callbacks
) -> None:
    client = login(cast[who].user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/questionnaires/{identified.pk}/exports/", {"kind": "rows", "format": "csv"}
        )
    # The committee sees the questionnaire's frequencies, so it is told "forbidden".
    assert response.status_code == (403 if who == "committee" else 404)
    assert not Job.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="questionnaire.export").exists()


@pytest.mark.django_db
def test_platform_administrators_export_responses(
    cast, identified, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = questionnaire_export_start(
            user=cast["platform"], questionnaire=identified, kind="rows", format="csv"
        )
    job.refresh_from_db()
    assert job.status == "succeeded"


@pytest.fixture
def admin_api(cast) -> Any:
    _token, raw = token_create(user=cast["admin"].user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"kind": "rows", "format": "pdf"}, 422, "invalid_input"),
        ({"kind": "everything", "format": "csv"}, 422, "invalid_input"),
        ({"kind": "rows"}, 422, "invalid_input"),
        ({"kind": "rows", "format": "csv", "extra": 1}, 422, "invalid_input"),
        ({"kind": "aggregate", "format": "sav"}, 400, "invalid_export_format"),
    ],
)
def test_bad_export_requests_are_refused_with_json(
    admin_api, identified, body, status, code
) -> None:
    response = admin_api.post(
        f"/api/v1/questionnaires/{identified.pk}/exports", body, content_type="application/json"
    )
    assert response.status_code == status
    assert response.json()["code"] == code
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_unknown_questionnaires_and_other_peoples_jobs_are_not_found(
    admin_api, cast, identified
) -> None:
    missing = admin_api.post(
        "/api/v1/questionnaires/999999/exports",
        {"kind": "rows", "format": "csv"},
        content_type="application/json",
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    theirs = Job.objects.create(owner=cast["platform"], kind="questionnaires.export")
    assert admin_api.get(f"/api/v1/questionnaires/exports/{theirs.id}").status_code == 404
    assert admin_api.get(f"/api/v1/questionnaires/exports/{theirs.id}/download").status_code == 404
    assert admin_api.get("/api/v1/questionnaires/exports/not-a-uuid").status_code == 422


@pytest.mark.django_db
def test_an_unfinished_export_cannot_be_downloaded_yet(admin_api, cast) -> None:
    job = Job.objects.create(
        owner=cast["admin"].user, kind="questionnaires.export", status="running"
    )
    response = admin_api.get(f"/api/v1/questionnaires/exports/{job.id}/download")
    assert (response.status_code, response.json()["code"]) == (409, "export_not_ready")
    job.result_file.save("x.csv", ContentFile(b"a"), save=False)
    job.status = "succeeded"
    job.result_name = "x.csv"
    job.save()
    assert admin_api.get(f"/api/v1/questionnaires/exports/{job.id}/download").status_code == 200


@pytest.fixture
def answered(make_member, im, esdc, cra) -> Questionnaire:
    questionnaire = make_questionnaire(im, anonymous=True, slug="small")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(threshold=5)
    questionnaire.refresh_from_db()
    for vision in ["agree"] * 5 + ["neutral"] * 2:
        submit(make_member(department=esdc), questionnaire, department="esdc", vision=vision)
    for _ in range(6):
        submit(make_member(department=cra), questionnaire, department="cra", vision="agree")
    publish(questionnaire)
    return questionnaire


@pytest.mark.django_db
def test_frequency_export_is_suppressed_like_the_pages(
    cast, answered, login, django_capture_on_commit_callbacks
) -> None:
    client = login(cast["committee"].user)
    page = client.get(f"/en/questionnaires/{answered.pk}/exports/").content.decode()
    assert "Frequencies (CSV)" in page and "Responses (CSV)" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/questionnaires/{answered.pk}/exports/", {"kind": "aggregate", "format": "csv"}
        )
    job = Job.objects.get()
    assert (job.status, job.result_name) == ("succeeded", "small-aggregate.csv")
    content = download(client, job).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert tuple(rows[0]) == FREQUENCY_HEADER
    published = questionnaire_results(answered, by="department")
    expected = [["" if v is None else str(v) for v in row] for row in frequency_rows(published)]
    assert rows[1:] == expected

    def cell(question: str, category: str, group: str) -> tuple[str, str]:
        (found,) = [r for r in rows if (r[0], r[7], r[10]) == (question, category, group)]
        return found[13], found[14]

    assert cell("department", "esdc", "") == ("7", "53.8")
    assert cell("department", "cra", "") == ("6", "46.2")
    assert cell("vision", "neutral", "") == ("x", "x")  # 2 people: never published
    assert all(row[13] == "x" or row[13] == "0" or int(row[13]) >= 5 for row in rows[1:])


@pytest.mark.django_db
def test_frequency_xlsx_has_frequencies_summary_and_notes(
    cast, answered, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = questionnaire_export_start(
            user=cast["admin"].user, questionnaire=answered, kind="aggregate", format="xlsx"
        )
    job.refresh_from_db()
    book = openpyxl.load_workbook(io.BytesIO(job.result_file.read()))
    assert book.sheetnames == ["frequencies", "summary", "notes"]
    summary = {row[0]: row for row in list(book["summary"].values)[1:]}
    assert summary["department"][4] == 13
    notes = {row[0]: row[1:] for row in book["notes"].values}
    assert notes["threshold"] == (5, 5)
    assert notes["respondents"] == (13, 13)
    assert notes["x"][0].startswith("Hidden to protect privacy")
    assert not AuditEvent.objects.filter(action__startswith="questionnaire.export").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "member"])
def test_coordinators_and_members_cannot_export_frequencies(who, cast, answered, login) -> None:
    response = login(cast[who].user).post(
        f"/en/questionnaires/{answered.pk}/exports/", {"kind": "aggregate", "format": "csv"}
    )
    assert response.status_code == 404
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_rows_of_every_version_line_up_by_question_code(
    cast, identified, login, django_capture_on_commit_callbacks
) -> None:
    first = export_definition()
    about, numbers = first.sections
    renamed = replace(about.questions[0], label=Text("Organization", "Organisation"))
    second = replace(
        first,
        sections=(
            replace(about, questions=(renamed, *about.questions[1:])),
            replace(
                numbers, questions=(Question("team", QuestionType.INTEGER, Text("Team", "Équipe")),)
            ),
        ),
    )
    version = QuestionnaireVersion.objects.create(
        questionnaire=identified,
        number=2,
        definition=definition_to_json(second),
        status="published",
        published_at=timezone.now(),
    )
    Response.objects.create(
        questionnaire=identified,
        version=version,
        respondent=cast["admin"].user,
        answers={"department": "esdc", "team": 4},
        submitted_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = questionnaire_export_start(
            user=cast["admin"].user, questionnaire=identified, kind="rows", format="xlsx"
        )
    job.refresh_from_db()
    book = openpyxl.load_workbook(io.BytesIO(job.result_file.read()))
    header, *rows = list(book["responses"].values)
    assert header[-6:] == ("team", "hours", "retire", "fte", "joined", "comment")
    assert header.index("team") < header.index("hours")  # the latest version's order first
    columns = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(c["version"], c["department"], c["team"], c["hours"]) for c in columns] == [
        (1, "cra", None, 40),
        (1, "esdc", None, 7),
        (2, "esdc", 4, None),
    ]
    codebook = {row[0]: row for row in book["codebook"].values}
    assert codebook["department"][3:5] == ("Organization", "Organisation")


@pytest.mark.django_db
def test_the_export_buttons_post_what_the_page_renders(
    cast, answered, login, django_capture_on_commit_callbacks
) -> None:
    """The form's own fields, read from the page, start the job (they were empty once)."""
    client = login(cast["admin"].user)
    page = client.get(f"/en/questionnaires/{answered.pk}/exports/").content.decode()
    kinds = re.findall(r'<input type="hidden" name="kind" value="([^"]*)">', page)
    assert kinds == ["aggregate", "rows"]
    assert "at least 5 responses" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/questionnaires/{answered.pk}/exports/", {"kind": kinds[0], "format": "csv"}
        )
    job = Job.objects.get()
    assert response["Location"] == f"/en/jobs/{job.id}/"
    assert (job.status, job.result_name) == ("succeeded", "small-aggregate.csv")
