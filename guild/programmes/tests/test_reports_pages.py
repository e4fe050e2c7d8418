"""The report pages and the API through the real HTTP stack: the figures each role sees, the
withheld section, the PDF read back by outside tools, and every door closed to others."""

import datetime
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator

from guild.accounts.models import Role
from guild.learning.tests.test_certificate_pdf import pdf_info, pdf_strings, pdf_text, tool
from guild.organizations.models import Community, Department
from guild.programmes.models import Intake
from guild.programmes.tests.reports_data import answered, built, evaluate
from guild.questionnaires.models import Questionnaire, ResultsSnapshot

__all__ = ["built"]

pytestmark = pytest.mark.django_db

FIGURES = {
    "event_attendance": (91, 11, None),
    "understanding": (90, 10, 91),
    "group_attendance": (91, 11, None),
    "benefit": (90, 10, 100),
}


def _page(client: Client, intake: Intake, language: str = "en") -> str:
    response = client.get(f"/{language}/programmes/intakes/{intake.pk}/success-measures/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_each_measure_with_its_n_and_response_rate(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    answered(built)
    intake = built["crew"].intake
    html = _page(login(cast["admin"].user), intake)
    for code, (figure, n, rate) in FIGURES.items():
        row = html[html.index(f'id="measure-{code}"') :]
        row = row[: row.index("</tr>")]
        assert f'measure-figure">{figure}%<' in row
        assert f'measure-n">{n}<' in row
        assert (f"{rate}%" in row) if rate else "not a survey" in row
    assert "What is withheld and why" in html
    assert "No measure is broken down by department, region, level" in html
    french = _page(login(cast["admin"].user), intake, "fr")
    assert 'measure-figure">90\u00a0%<' in french
    assert "pas publié et pourquoi</h2>" in french
    assert "Aucune mesure n&#x27;est ventilée par ministère" in french


def test_committee_and_coordinators_read_it_members_and_other_communities_do_not(
    built: dict[str, Any],
    login: Any,
    cast: dict[str, Any],
    make_member: Any,
    grant: Any,
    it_community: Community,
    cra: Department,
) -> None:
    intake = built["crew"].intake
    for reader in ("admin", "committee", "coordinator"):
        _page(login(cast[reader].user), intake)
    outsider = make_member(department=cra)
    grant(outsider.user, Role.PROGRAMME_ADMINISTRATOR, it_community)
    other_coordinator = make_member(department=cra)
    grant(other_coordinator.user, Role.DEPARTMENT_COORDINATOR, it_community, cra)
    participant = built["crew"].participants[0].member.user
    for user in (cast["member"].user, outsider.user, other_coordinator.user, participant):
        client = login(user)
        for url in (
            f"/en/programmes/intakes/{intake.pk}/success-measures/",
            f"/en/programmes/intakes/{intake.pk}/success-measures.pdf",
            f"/en/programmes/intakes/{intake.pk}/themes/",
            f"/en/programmes/intakes/{intake.pk}/evaluations/",
            f"/en/programmes/{intake.programme_id}/evaluation-report/",
            f"/api/v1/programmes/intakes/{intake.pk}/success-measures",
        ):
            assert client.get(url).status_code == 404, (user, url)
    admin = login(cast["admin"].user)
    assert admin.get("/en/programmes/intakes/999999/success-measures/").status_code == 404
    assert admin.get("/api/v1/programmes/intakes/999999/success-measures").status_code == 404
    # Coordinators read the measures but the administrators' pages are closed to them.
    coordinator = login(cast["coordinator"].user)
    assert coordinator.get(f"/en/programmes/intakes/{intake.pk}/themes/").status_code == 404
    assert coordinator.get(f"/en/programmes/intakes/{intake.pk}/evaluations/").status_code == 404


def test_the_api_gives_the_same_figures_and_withheld_reasons(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    intake = built["crew"].intake
    client = login(cast["committee"].user)
    url = f"/api/v1/programmes/intakes/{intake.pk}/success-measures"
    before = client.get(url).json()
    assert [m["withheld"] for m in before["measures"]] == [None, "no_data", None, "no_data"]
    assert before["measures"][1]["n"] == {"suppressed": True}
    assert before["measures"][1]["percent"] is None
    answered(built)
    body = client.get(url).json()
    got = {m["code"]: (m["percent"], m["n"], m["response_rate"]) for m in body["measures"]}
    assert got == FIGURES
    assert body["threshold"] == 10
    assert body["themes"] == {"participants": [], "supervisors": []}
    assert any("broken down" in note for note in body["withheld"])
    french = client.get(url + "?language=fr").json()
    assert french["measures"][0]["title"] != body["measures"][0]["title"]
    denied = login(cast["member"].user).get(url)
    assert denied.status_code == 404
    assert set(denied.json()) == {"code", "message", "fields"}


def _pdf(client: Client, intake: Intake, tmp_path: Path) -> Path:
    response = client.get(f"/en/programmes/intakes/{intake.pk}/success-measures.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    saved = tmp_path / "measures.pdf"
    saved.write_bytes(response.content)
    return saved


def test_the_pdf_is_tagged_bilingual_valid_and_has_the_figures(
    built: dict[str, Any], login: Any, cast: dict[str, Any], tmp_path: Path
) -> None:
    answered(built)
    intake = built["crew"].intake
    saved = _pdf(login(cast["coordinator"].user), intake, tmp_path)
    info = pdf_info(saved)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Success measures — Intake 1 / ")
    text = " ".join(pdf_text(saved).split())
    assert "Attendance at formal learning events 91% 11 not a survey" in text
    assert "90% 10 91%" in text
    assert "90% 10 100%" in text
    assert "What is withheld and why" in text
    assert (
        "90 % 10 91 %" in text
    )  # the French half (pdftotext prints its no-break spaces as spaces)
    assert "Présence aux activités d'apprentissage structurées" in text
    assert set(pdf_strings(saved, "Lang")) >= {"en", "fr"}
    with pikepdf.open(saved) as pdf:  # qpdf, through pikepdf
        assert pdf.check_pdf_syntax() == []
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en"
        # Every page's section is tagged with the language its text is in.
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        tagged = sorted(
            (pages[item.Pg.objgen], str(item.Lang))
            for item in pdf.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/Sect"
        )
        assert [language for _page, language in tagged] == ["en", "en", "fr", "fr"]
    for page, language in tagged:
        words = tool("pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(saved), "-")
        assert ("Mesure" in words or "pourquoi" in words) == (language == "fr"), page


def test_a_withheld_measure_shows_neither_figure_nor_n(
    built: dict[str, Any], login: Any, cast: dict[str, Any], tmp_path: Path
) -> None:
    intake = built["crew"].intake
    html = _page(login(cast["admin"].user), intake)
    row = html[html.index('id="measure-understanding"') :]
    row = row[: row.index("</tr>")]
    assert "Withheld: nothing to count yet." in row
    assert "measure-n" not in row
    text = " ".join(pdf_text(_pdf(login(cast["admin"].user), intake, tmp_path)).split())
    assert "Withheld: nothing to count yet." in text


def test_the_openapi_document_describes_the_answer(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    answered(built)
    intake = built["crew"].intake
    document = Client().get("/api/v1/openapi.json").json()
    path = "/api/v1/programmes/intakes/{intake_id}/success-measures"
    responses = document["paths"][path]["get"]["responses"]
    assert {"200", "404"} <= set(responses)
    client = login(cast["admin"].user)
    for answer in (
        client.get(f"/api/v1/programmes/intakes/{intake.pk}/success-measures"),
        client.get(f"/api/v1/programmes/intakes/{intake.pk + 1000}/success-measures"),
    ):
        schema = responses[str(answer.status_code)]["content"]["application/json"]["schema"]
        Draft202012Validator({**schema, "components": document["components"]}).validate(
            answer.json()
        )


def test_reading_the_report_publishes_an_evaluation_that_has_closed(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    crew = built["crew"]
    event = evaluate(
        built["admin"],
        built["sessions"][0],
        crew.participants,
        ["agree"] * 9 + ["neutral"],
        question="understanding",
    )
    client = login(cast["committee"].user)
    url = f"/api/v1/programmes/intakes/{crew.intake.pk}/success-measures"
    assert client.get(url).json()["measures"][1]["withheld"] == "no_data"
    now = timezone.now()
    Questionnaire.objects.filter(pk=event.pk).update(
        opens_at=now - datetime.timedelta(days=15), closes_at=now - datetime.timedelta(days=1)
    )
    understanding = client.get(url).json()["measures"][1]
    assert (understanding["percent"], understanding["n"]) == (90, 10)
    assert ResultsSnapshot.objects.get(questionnaire=event).reason == "closing"
