"""The attacks of issue 8, run the way an outsider would, each finding nothing now.

1. Differencing over time: read the statistics, submit, read again, subtract.
3. The same pair of variables suppressed two ways (a cross-tab and its transpose).
5. Consent: a member who declined to be counted changes no figure.
6. SQLite's write-ahead log: a copy of the files after submitting holds no draft.
(2, row exports, is in test_export_k_anonymity; 4, heat maps, in the competencies app; 7,
membership, in the members app; the linear-programming audit in test_lp_audit.)
"""

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from guild.core.models import AuditEvent
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.models import (
    NOT_COUNTED,
    Answer,
    Participation,
    Questionnaire,
    RefreshPoint,
    RefreshStatus,
    Response,
    SnapshotReason,
)
from guild.questionnaires.results.snapshots import snapshot_take, snapshots_take_due
from guild.questionnaires.results.statistics import crosstab_results
from guild.questionnaires.tests.answering import COMPLETE, make_questionnaire, publish
from guild.questionnaires.tests.results_data import sample_results_questionnaire

ANSWERS = {**COMPLETE, "department": "esdc"}


def _submit(member: Any, questionnaire: Questionnaire, **changes: Any) -> None:
    response_submit(
        user=member.user,
        questionnaire=questionnaire,
        answers={**ANSWERS, **changes},
        idempotency_key=uuid.uuid4().hex,
    )


def _main(page: bytes) -> str:
    """The page's content, without the per-request nonces of its frame."""
    text = page.decode()
    return text[text.index("<main") : text.index("</main>")]


def _statistics(client: Any, questionnaire: Questionnaire) -> dict[str, Any]:
    response = client.get(f"/api/v1/questionnaires/{questionnaire.pk}/statistics")
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.django_db
def test_a_submission_between_two_reads_changes_nothing_a_reader_can_see(
    im: Any, make_member: Any, login: Any
) -> None:
    survey = make_questionnaire(im)
    for years in range(12):
        _submit(make_member(), survey, years=years)
    publish(survey)
    attacker = make_member()
    client = login(attacker.user)
    page_url = f"/en/questionnaires/{survey.pk}/results/"
    before, page_before = _statistics(client, survey), client.get(page_url).content
    _submit(attacker, survey, years=99, role="manager")
    after, page_after = _statistics(client, survey), client.get(page_url).content
    assert after == before
    assert _main(page_after) == _main(page_before)
    assert before["respondents"] == 12 and before["snapshot"] == 1
    # Nor does the audit log say, yet, that the attacker took part.
    assert not AuditEvent.objects.filter(
        action="questionnaire.participate", actor=attacker.user
    ).exists()


@pytest.mark.django_db
def test_two_snapshots_differ_by_at_least_the_threshold_of_responses(
    im: Any, make_member: Any, login: Any
) -> None:
    survey = make_questionnaire(im)
    for years in range(12):
        _submit(make_member(), survey, years=years)
    publish(survey)
    reader = login(make_member().user)
    first = _statistics(reader, survey)
    now = timezone.now()
    early = RefreshPoint.objects.create(questionnaire=survey, due_at=now + timedelta(hours=1))
    late = RefreshPoint.objects.create(questionnaire=survey, due_at=now + timedelta(hours=2))

    # Nine new responses, then the first refresh: skipped, nothing moves.
    for years in range(9):
        _submit(make_member(), survey, years=years)
    assert snapshots_take_due(questionnaire=survey, now=now + timedelta(hours=1)) is None
    early.refresh_from_db()
    assert (early.status, early.snapshot) == (RefreshStatus.SKIPPED, None)
    assert _statistics(reader, survey) == first

    # A tenth: the next refresh publishes all ten at once.
    _submit(make_member(), survey, years=40)
    snapshot = snapshots_take_due(questionnaire=survey, now=now + timedelta(hours=2))
    assert snapshot is not None
    late.refresh_from_db()
    assert (late.status, late.snapshot) == (RefreshStatus.TAKEN, snapshot)
    second = _statistics(reader, survey)
    assert (second["snapshot"], second["respondents"] - first["respondents"]) == (2, 10)
    assert snapshot.added == 10 == survey.threshold


@pytest.mark.django_db
def test_participation_is_audited_with_the_snapshot_time_only(im: Any, make_member: Any) -> None:
    survey = make_questionnaire(im)
    members = [make_member() for _ in range(10)]
    for member in members:
        _submit(member, survey)
    assert not AuditEvent.objects.filter(action="questionnaire.participate").exists()
    snapshot = publish(survey)
    events = AuditEvent.objects.filter(action="questionnaire.participate")
    assert sorted(e.actor_id or 0 for e in events) == sorted(m.user_id or 0 for m in members)
    assert {e.at for e in events} == {events[0].at}
    assert abs(events[0].at - snapshot.taken_at) < timedelta(seconds=5)
    assert set(Participation.objects.values_list("snapshot", flat=True)) == {1}


@pytest.mark.django_db
def test_closing_publishes_the_rest_only_when_there_are_enough(im: Any, make_member: Any) -> None:
    survey = make_questionnaire(im)
    for _ in range(10):
        _submit(make_member(), survey)
    publish(survey)
    for _ in range(3):
        _submit(make_member(), survey)
    assert survey.closes_at is not None
    after_close = survey.closes_at + timedelta(minutes=1)
    assert snapshots_take_due(questionnaire=survey, now=after_close) is None
    # The three late responses are never published, but who took part is recorded.
    assert Response.objects.filter(questionnaire=survey, snapshot=0).count() == 3
    assert AuditEvent.objects.filter(action="questionnaire.participate").count() == 13
    assert not Participation.objects.filter(questionnaire=survey, snapshot=0).exists()


@pytest.mark.django_db
def test_a_member_who_declined_to_be_counted_changes_no_figure(
    im: Any, make_member: Any, login: Any
) -> None:
    survey = make_questionnaire(im)
    for years in range(10):
        _submit(make_member(), survey, years=years)
    publish(survey)
    reader = login(make_member().user)
    before = _statistics(reader, survey)
    declined = [make_member(consent_statistics=False) for _ in range(10)]
    for member in declined:
        _submit(member, survey, years=50, role="manager")
    assert snapshot_take(questionnaire=survey, reason=SnapshotReason.SCHEDULED) is None
    assert _statistics(reader, survey) == before
    assert set(
        Response.objects.filter(questionnaire=survey, snapshot=NOT_COUNTED).values_list(
            "answers__years", flat=True
        )
    ) == {50}
    assert not Answer.objects.filter(questionnaire=survey, snapshot__gt=1).exists()
    page = reader.get(f"/en/questionnaires/{survey.pk}/results/").content.decode()
    assert "n excludes members who chose not to be counted in statistics." in page


@pytest.mark.django_db
def test_a_cross_tab_and_its_transpose_hide_the_same_cells(im: Any) -> None:
    survey = sample_results_questionnaire(im)
    pairs = [
        ("department", "region"),
        ("occupational_group", "satisfied"),
        ("age_band", "department"),
        ("region", "occupational_group"),
    ]
    for first, second in pairs:
        one = crosstab_results(survey, rows=first, columns=second)
        other = crosstab_results(survey, rows=second, columns=first)
        grid = [list(row.counts) for row in one.question(first).blocks[0].rows]
        transposed = [list(row.counts) for row in other.question(second).blocks[0].rows]
        assert [list(column) for column in zip(*grid, strict=True)] == transposed, (first, second)


def test_the_write_ahead_log_keeps_no_draft_after_an_anonymous_response(tmp_path: Path) -> None:
    """A copy of the database files taken right after an anonymous response is written
    holds the response (that is its job) but not the draft: the member beside the answers.
    Run in a separate process on a SQLite file configured as in production (the suite's
    own database lives in memory)."""
    database = tmp_path / "guild.sqlite3"
    marker = f"zq{uuid.uuid4().hex[:14]}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "WAL_MARKER": marker}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    done = subprocess.run(
        [sys.executable, "-m", "guild.questionnaires.tests.wal_scenario"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    user_id = int(done.stdout.strip().splitlines()[-1])
    files = {suffix: Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm")}
    wal = files["-wal"]
    assert not wal.exists() or wal.stat().st_size == 0
    raw = files[""].read_bytes()
    # Exactly one copy of the answers remains: the response's. A second would be the
    # draft (or an old page holding it), which sits beside the member's id.
    assert raw.count(marker.encode()) == 1
    assert done.stdout.count("draft deleted") == 1 and user_id > 0
