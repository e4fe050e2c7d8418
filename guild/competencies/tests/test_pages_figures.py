"""The coordinators' and administrators' pages: heat maps with small groups hidden, the
ranked learning needs with their priorities, and the XLSX export read back."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from guild.competencies.models import Competency, CompetencySettings, LearningPriority
from guild.competencies.services import assessment_self
from guild.members.models import Member
from guild.organizations.models import Community, Department

pytestmark = pytest.mark.django_db

ESDC = "Employment and Social Development Canada"
CRA = "Canada Revenue Agency"
LAC = "Library and Archives Canada"
DEPARTMENTS = [
    CRA,
    ESDC,
    "Health Canada",
    LAC,
    "Shared Services Canada",
    "Statistics Canada",
    "Treasury Board of Canada Secretariat",
]
RIL01 = "RIL-01 Classification and file plans"

# RIL-01 (target 3) self-assessed levels: below target is level 1 (gap 2) or 2 (gap 1).
LEVELS = {
    "esdc": [2] * 6 + [3] * 7,  # 13: 6 below (46%), total gap 6 (mean 0.46)
    "hc": [1] * 6 + [3] * 8,  # 14: 6 below (43%), total gap 12 (mean 0.86)
    "ssc": [3] * 10 + [4] * 10,  # 20: nobody below
    "statcan": [1] * 12,  # 12: everyone below, mean gap 2
    "tbs": [2] * 5 + [3] * 6,  # 11: hidden beside the small ones
    "cra": [1, 3],  # 2
    "lac": [2, 2, 4],  # 3
}
# Community: 75 assessed, 32 below (43%), total gap 51 (mean 0.68).


@pytest.fixture
def assessed(
    im: Community,
    make_member: Any,
    on_profile: Callable[[Member], Member],
    competency: Callable[[str], Competency],
) -> dict[str, list[Member]]:
    """With a threshold of 5, RIL-01 self-assessed as `LEVELS` says: CRA and LAC are hidden
    as small, and TBS, the department smallest in every figure, with them."""
    CompetencySettings.objects.create(community=im, disclosure_threshold=5)
    ril01 = competency("RIL-01")
    groups: dict[str, list[Member]] = {}
    for code, levels in LEVELS.items():
        department = Department.objects.get(code=code)
        for level in levels:
            member = on_profile(make_member(department=department))
            assessment_self(actor=member.user, member=member, competency=ril01, level=level)
            groups.setdefault(code, []).append(member)
    return groups


def _get(client: Client, path: str) -> Any:
    return client.get(f"/en{path}")


def _table(response: Any, index: int) -> list[list[str]]:
    table = response.context["figures"][index].table
    return [list(table.headers)] + [
        [row.header, *(cell.text for cell in row.display)] for row in table.rows
    ]


def test_community_heat_map_hides_small_groups_and_shows_large_ones_exactly(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    response = _get(login(cast["admin"].user), "/competencies/heat-map/?by=department")

    assert response.status_code == 200
    # Eight groups by three competencies: turned, the groups down the side.
    shares = ["x", "46%", "43%", "x", "0%", "100%", "x", "43%"]
    gaps = ["x", "0.5", "0.9", "x", "0.0", "2.0", "x", "0.7"]
    groups = [*DEPARTMENTS, "Whole community"]
    assert _table(response, 0) == [
        [
            "Department or agency",
            RIL01,
            "RIL-02 Retention and disposition",
            "ACP-01 ATIP request processing",
        ],
        *([group, share, "—", "—"] for group, share in zip(groups, shares, strict=True)),
    ]
    assert [row[1] for row in _table(response, 1)[1:]] == gaps
    html = response.content.decode()
    assert 'class="guild-suppressed"' in html
    assert "it describes fewer than 5 members" in html
    # Each chart, and the copy of its row labels that stays in view as it scrolls.
    assert html.count('class="chart__svg ') == 2 and html.count("<table") == 2
    assert html.count("<svg") == 4 and html.count('class="chart__heat-labels"') == 2


def test_heat_map_by_region_and_by_work_stream(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    client = login(cast["admin"].user)
    by_region = _get(client, "/competencies/heat-map/?by=region")
    assert _table(by_region, 0)[0] == ["Competency", "National Capital Region", "Whole community"]
    assert _table(by_region, 0)[1] == [RIL01, "43%", "43%"]
    by_stream = _get(client, "/competencies/heat-map/?by=work_stream")
    assert _table(by_stream, 0)[0] == ["Competency", "Records management", "Whole community"]
    assert _table(by_stream, 0)[1] == [RIL01, "43%", "43%"]


def test_coordinator_sees_their_department_against_the_community(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    client = login(cast["coordinator"].user)
    cra = Department.objects.get(code="cra")

    response = _get(client, f"/competencies/department/?department={cra.pk}")

    assert response.status_code == 200
    assert response.context["department"].code == "esdc"  # not theirs: their own instead
    assert _table(response, 0)[0] == [
        "Competency",
        "Records management",
        f"All of {ESDC}",
        "Whole community",
    ]
    assert _table(response, 0)[1] == [RIL01, "46%", "46%", "43%"]
    assert _get(client, "/competencies/heat-map/").status_code == 404


def test_figure_pages_per_role(cast: dict[str, Any], assessed: Any, login: Any) -> None:
    expected = {
        "member": (404, 404, 404),
        "supervisor": (404, 404, 404),
        "coordinator": (200, 404, 200),
        "admin": (200, 200, 200),
        "committee": (200, 200, 200),
    }
    for key, statuses in expected.items():
        client = login(cast[key].user)
        got = tuple(
            _get(client, path).status_code
            for path in (
                "/competencies/department/",
                "/competencies/heat-map/",
                "/competencies/learning-needs/",
            )
        )
        assert got == statuses, key
    platform = login(cast["platform"])
    assert _get(platform, "/competencies/heat-map/").status_code == 200
    for path in (
        "/competencies/department/",
        "/competencies/heat-map/",
        "/competencies/learning-needs/",
    ):
        response = Client().get(f"/en{path}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _ranking(response: Any) -> list[tuple[int, str, int, int, float, float]]:
    return [
        (n.rank, n.code, n.below, n.total_gap, n.priority, n.score)
        for n in response.context["result"].needs
    ]


def test_learning_needs_ranked_for_the_community_and_priorities_saved(
    cast: dict[str, Any], assessed: Any, login: Any, im: Community
) -> None:
    client = login(cast["admin"].user)
    response = _get(client, "/competencies/learning-needs/")
    assert response.status_code == 200
    assert _ranking(response) == [
        (1, "RIL-01", 32, 51, 1.0, 51.0),
        (2, "ACP-01", 0, 0, 1.0, 0.0),
        (3, "RIL-02", 0, 0, 1.0, 0.0),
    ]
    form = response.context["priorities"]
    assert list(form.fields)[:3] == ["weight-RIL-01", "weight-RIL-02", "weight-RIL-03"]
    data = {name: str(field.initial) for name, field in form.fields.items()}

    data["weight-RIL-01"] = "2.5"
    saved = client.post("/en/competencies/learning-needs/", data)

    assert saved.status_code == 302
    assert list(LearningPriority.objects.values_list("competency_code", "weight")) == [
        ("RIL-01", 2.5)
    ]
    assert _ranking(_get(client, "/competencies/learning-needs/"))[0] == (
        1,
        "RIL-01",
        32,
        51,
        2.5,
        127.5,
    )


def test_bad_priority_shows_the_error_and_saves_nothing(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    client = login(cast["admin"].user)
    form = _get(client, "/competencies/learning-needs/").context["priorities"]
    data = {name: "3" for name in form.fields}
    data["weight-ACP-01"] = "101"

    response = client.post("/en/competencies/learning-needs/", data)

    assert response.status_code == 400
    assert response.context["priorities"].errors["weight-ACP-01"] == [
        "Ensure this value is less than or equal to 100."
    ]
    assert not LearningPriority.objects.exists()


def test_coordinator_sees_their_departments_needs_but_cannot_set_priorities(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    client = login(cast["coordinator"].user)
    response = _get(client, "/competencies/learning-needs/")
    assert response.status_code == 200
    assert response.context["department"].code == "esdc"
    assert response.context["priorities"] is None
    assert _ranking(response)[0] == (1, "RIL-01", 6, 6, 1.0, 6.0)
    assert (
        client.post("/en/competencies/learning-needs/", {"weight-RIL-01": "5"}).status_code == 404
    )
    assert _get(client, "/competencies/learning-needs/xlsx/").status_code == 404
    assert not LearningPriority.objects.exists()


def test_small_department_needs_are_hidden(cast: dict[str, Any], assessed: Any, login: Any) -> None:
    cra = Department.objects.get(code="cra")
    response = _get(login(cast["admin"].user), f"/competencies/learning-needs/?department={cra.pk}")
    assert response.context["result"].hidden == ["RIL-01"]
    assert [n.code for n in response.context["result"].needs] == ["ACP-01", "RIL-02"]
    assert "Not ranked" in response.content.decode()


def test_learning_needs_xlsx_has_the_ranking_and_each_department_with_suppression(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    response = _get(login(cast["admin"].user), "/competencies/learning-needs/xlsx/")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="learning-needs-im.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Learning needs", "By department"]
    header = [
        "Rank",
        "Code",
        "Competency (English)",
        "Competency (French)",
        "Family",
        "Members below target",
        "Total gap",
        "Priority",
        "Score",
    ]
    ril01 = ("RIL-01", "Classification and file plans", "Classification et plans de classification")
    ril02 = ("RIL-02", "Retention and disposition", "Conservation et disposition")
    acp01 = ("ACP-01", "ATIP request processing", "Traitement des demandes d'AIPRP")
    records = "Records and information life cycle"
    access = "Access and privacy"
    rows = [list(row) for row in workbook["Learning needs"].iter_rows(values_only=True)]
    assert rows == [
        header,
        [1, *ril01, records, 32, 51, 1, 51],
        [2, *acp01, access, 0, 0, 1, 0],
        [3, *ril02, records, 0, 0, 1, 0],
    ]
    by_department = [list(row) for row in workbook["By department"].iter_rows(values_only=True)]
    hidden = ["x", "x", "x", "x"]
    note = (
        "x: hidden to protect privacy, because fewer than 5 members are counted "
        "(or the figure would reveal a smaller group)."
    )
    cra, esdc, hc, lac, ssc, statcan, tbs = DEPARTMENTS

    def hidden_department(name: str) -> list[list[Any]]:
        return [
            [name, 1, *acp01, access, 0, 0, 1, 0],
            [name, 2, *ril02, records, 0, 0, 1, 0],
            [name, None, *ril01, records, *hidden],
        ]

    def ranked_first(name: str, below: int, total_gap: int) -> list[list[Any]]:
        return [
            [name, 1, *ril01, records, below, total_gap, 1, total_gap],
            [name, 2, *acp01, access, 0, 0, 1, 0],
            [name, 3, *ril02, records, 0, 0, 1, 0],
        ]

    assert by_department == [
        ["Department or agency", *header],
        *hidden_department(cra),
        *ranked_first(esdc, 6, 6),
        *ranked_first(hc, 6, 12),
        *hidden_department(lac),
        # Nobody below target: every score is 0 and the codes decide.
        [ssc, 1, *acp01, access, 0, 0, 1, 0],
        [ssc, 2, *ril01, records, 0, 0, 1, 0],
        [ssc, 3, *ril02, records, 0, 0, 1, 0],
        *ranked_first(statcan, 12, 24),
        *hidden_department(tbs),  # 11 members, hidden beside CRA and LAC
        [None] * 10,
        [note] + [None] * 9,
    ]


def test_administrator_picks_any_department_and_an_empty_one_says_so(
    cast: dict[str, Any], assessed: Any, login: Any
) -> None:
    client = login(cast["admin"].user)
    lac = Department.objects.get(code="lac")
    nobody = Department.objects.get(code="nfb")

    small = _get(client, f"/competencies/department/?department={lac.pk}")
    empty = _get(client, f"/competencies/department/?department={nobody.pk}")

    assert small.status_code == 200 and small.context["department"] == lac
    assert _table(small, 0)[1] == [RIL01, "x", "x", "43%"]
    tbs = Department.objects.get(code="tbs")
    beside = _get(client, f"/competencies/department/?department={tbs.pk}")
    assert _table(beside, 0)[1] == [RIL01, "x", "x", "43%"]
    assert empty.status_code == 200 and empty.context["department"] == nobody
    assert "No member of this group has a role profile yet" in empty.content.decode()
