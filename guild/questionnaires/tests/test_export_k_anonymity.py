"""The attack of issue 8, finding 2, written into the suite: an administrator joins the
anonymous questionnaire's row export to every member profile field they can read. Each
response's quasi-identifier answers equal its author's profile, so only the protection
stands between the file and a name."""

import csv
import io
import random
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import openpyxl
import pyreadstat
import pytest

from guild.accounts.models import User
from guild.core.models import AuditEvent, Job
from guild.demo.answers import IM_YEARS_BANDS, respondent_answers, respondent_of
from guild.demo.content import members_definition
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, Region
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.definition.types import QuasiIdentifier, QuestionType
from guild.questionnaires.exports.k_anonymity import SUPPRESSED, WITHHELD
from guild.questionnaires.exports.services import questionnaire_export_start
from guild.questionnaires.models import Participation, Questionnaire
from guild.questionnaires.tests.answering import make_questionnaire, publish
from guild.questionnaires.tests.export_fixtures import FULL_ANSWERS, export_definition

THRESHOLD = 10
RESPONDENTS = 160
LETTERS = ("A", "B", "C", "E", "X")
# Profile columns as the export names them, with the profile value an attacker reads.
PROFILE_COLUMNS = (
    "department",
    "region",
    "occupational_group",
    "level",
    "im_years",
    "first_official_language",
    "second_language_levels__reading",
    "second_language_levels__writing",
    "second_language_levels__oral",
    "supervises",
)


def _band(years: int) -> str:
    for code, low, high in IM_YEARS_BANDS:
        if years >= low and (high is None or years <= high):
            return code
    return IM_YEARS_BANDS[-1][0]


def _letter(level: str) -> str:
    return level if level in {"A", "B", "C", "E"} else "X"


def profile(member: Member, supervisors: set[int]) -> dict[str, str | None]:
    """Everything an administrator reads on a member's profile, as the export codes it."""
    level = member.level
    return {
        "department": member.department.code,
        "region": member.region.code,
        "occupational_group": level.group.code if level else None,
        "level": str(level.level) if level else None,
        "im_years": _band(member.years_in_community or 0),
        "first_official_language": member.first_official_language or "en",
        "second_language_levels__reading": _letter(member.second_language_reading),
        "second_language_levels__writing": _letter(member.second_language_writing),
        "second_language_levels__oral": _letter(member.second_language_oral),
        "supervises": "yes" if member.pk in supervisors else "no",
    }


@pytest.fixture
def population(make_member: Callable[..., Member], im: Community) -> list[Member]:
    """Members skewed like a real community: a few large departments and regions, a long
    tail of small ones, and every profile field varied."""
    rng = random.Random(8)
    departments = list(Department.objects.filter(is_active=True).order_by("code")[:12])
    regions = list(Region.objects.filter(is_active=True).order_by("code")[:6])
    levels = list(OccupationalLevel.objects.select_related("group").order_by("code")[:14])
    members = []
    for _n in range(RESPONDENTS):
        members.append(
            make_member(
                department=departments[min(int(rng.expovariate(0.5)), len(departments) - 1)],
                region=regions[min(int(rng.expovariate(0.8)), len(regions) - 1)],
                level=levels[min(int(rng.expovariate(0.35)), len(levels) - 1)],
                years_in_community=min(int(rng.expovariate(0.12)), 40),
                first_official_language=rng.choice(["en", "en", "fr"]),
                second_language_reading=rng.choice(LETTERS),
                second_language_writing=rng.choice(LETTERS),
                second_language_oral=rng.choice(LETTERS),
            )
        )
    for member in members[::7]:
        supervised = members[(members.index(member) + 1) % len(members)]
        supervised.supervisor = member
        supervised.save(update_fields=["supervisor"])
    return members


def _supervisors() -> set[int]:
    return set(
        Member.objects.filter(supervisor__isnull=False).values_list("supervisor_id", flat=True)
    )


@pytest.fixture
def anonymous(population: list[Member], im: Community) -> Questionnaire:
    definition = members_definition()
    questionnaire = make_questionnaire(im, definition=definition, threshold=THRESHOLD)
    supervisors = _supervisors()
    rng = random.Random(2)
    for member in (
        Member.objects.filter(pk__in=[m.pk for m in population])
        .select_related("department", "region", "level__group")
        .prefetch_related("work_streams")
    ):
        answers = respondent_answers(definition, respondent_of(member, supervisors), rng, skip=0)
        assert member.user is not None
        response_submit(
            user=member.user,
            questionnaire=questionnaire,
            answers=answers,
            idempotency_key=uuid.uuid4().hex,
        )
    publish(questionnaire)
    return questionnaire


def _export(user: User, questionnaire: Questionnaire, file_format: str, capture: Any) -> Job:
    with capture(execute=True):
        job = questionnaire_export_start(
            user=user, questionnaire=questionnaire, kind="rows", format=file_format
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    return job


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _covers(
    label: Any, value: str | None, column: str, options: Sequence[str], explicit: set[str]
) -> bool:
    """Could a member whose profile says `value` have written `label`? Generalised and
    suppressed values are read as an attacker would: as the set of values they stand for."""
    if label in (None, "", SUPPRESSED, WITHHELD) or value is None:
        return True
    label = str(label)
    if label.startswith("other"):
        return value not in explicit  # pooled: any category not shown on its own
    if ".." in label and options:
        first, _dots, last = label.partition("..")
        return options.index(first) <= options.index(value) <= options.index(last)
    return label == value


def _links(rows: list[dict[str, Any]], questionnaire: Questionnaire) -> list[int]:
    """For each row, how many respondents' profiles fit it."""
    definition = members_definition()
    options = {}
    for question in definition.questions:
        codes = [o.code for o in question.options]
        if question.type == QuestionType.MATRIX:
            for row in question.rows:
                options[f"{question.code}__{row.code}"] = codes
        else:
            options[question.code] = codes
    supervisors = _supervisors()
    users = Participation.objects.filter(questionnaire=questionnaire).values("user_id")
    respondents = Member.objects.filter(user_id__in=users).select_related(
        "department", "region", "level__group"
    )
    profiles = [profile(member, supervisors) for member in respondents]
    assert len(profiles) == RESPONDENTS
    explicit = {
        column: {str(r[column]) for r in rows if r[column] not in (None, "")}
        - {SUPPRESSED, WITHHELD}
        for column in PROFILE_COLUMNS
    }
    return [
        sum(
            all(_covers(row[c], p[c], c, options.get(c, []), explicit[c]) for c in PROFILE_COLUMNS)
            for p in profiles
        )
        for row in rows
    ]


def _quasi_columns() -> list[str]:
    columns = []
    for question in members_definition().quasi_identifiers():
        if question.type == QuestionType.MATRIX:
            columns += [f"{question.code}__{row.code}" for row in question.rows]
        else:
            columns.append(question.code)
    return columns


def _assert_k_anonymous(rows: list[dict[str, Any]]) -> None:
    columns = _quasi_columns()
    combinations = Counter(tuple(row[c] for c in columns) for row in rows)
    assert min(combinations.values()) >= THRESHOLD


def _assert_codebook_lists_the_changes(
    rows: list[dict[str, Any]], report: dict[str, tuple[str, int]]
) -> None:
    """Exactly one line per quasi-identifier; its suppressed count is what the file holds,
    and a column said to be unchanged holds only answer codes."""
    assert set(report) == set(_quasi_columns())
    for column, (generalisation, suppressed) in report.items():
        assert sum(str(row[column]) == SUPPRESSED for row in rows) == suppressed, column
        values = {str(row[column]) for row in rows if row[column] not in (None, "")}
        if generalisation == "Unchanged":
            assert not any(".." in v or v in (WITHHELD, "other") for v in values), column
        if generalisation.startswith("Withheld"):
            assert values <= {WITHHELD, SUPPRESSED}, column


@pytest.mark.django_db
def test_protected_csv_export_links_no_response_to_fewer_than_threshold_members(
    cast, anonymous, login, django_capture_on_commit_callbacks
) -> None:
    job = _export(cast["admin"].user, anonymous, "csv", django_capture_on_commit_callbacks)
    assert job.result_name == f"{anonymous.slug}-responses-csv.zip"
    archive = zipfile.ZipFile(io.BytesIO(job.result_file.read()))
    assert archive.namelist() == ["responses.csv", "codebook.csv", "disclosure_control.csv"]
    rows = _csv(archive.read("responses.csv"))
    assert len(rows) == RESPONDENTS
    links = _links(rows, anonymous)
    assert min(links) >= THRESHOLD
    _assert_k_anonymous(rows)
    control = _csv(archive.read("disclosure_control.csv"))
    report = {
        line["code"]: (line["generalisation_en"], int(line["suppressed"])) for line in control
    }
    _assert_codebook_lists_the_changes(rows, report)
    assert {line["threshold"] for line in control} == {str(THRESHOLD)}
    codebook = _csv(archive.read("codebook.csv"))
    department = [line for line in codebook if line["code"] == "department"]
    assert {line["generalisation_en"] for line in department} == {report["department"][0]}
    # The categories the file holds are the ones the codebook lists.
    listed = {line["option_code"] for line in department}
    assert {row["department"] for row in rows} - {""} <= listed
    event = AuditEvent.objects.get(action="questionnaire.export_responses")
    assert event.changes["protected"] is True
    assert event.changes["threshold"] == THRESHOLD


@pytest.mark.django_db
def test_protected_xlsx_and_sav_exports_are_k_anonymous_and_say_what_changed(
    cast, anonymous, django_capture_on_commit_callbacks, tmp_path
) -> None:
    job = _export(cast["admin"].user, anonymous, "xlsx", django_capture_on_commit_callbacks)
    book = openpyxl.load_workbook(io.BytesIO(job.result_file.read()))
    assert book.sheetnames == ["responses", "codebook", "disclosure_control"]
    header, *values = list(book["responses"].values)
    rows = [dict(zip(header, row, strict=True)) for row in values]
    assert min(_links(rows, anonymous)) >= THRESHOLD
    _assert_k_anonymous(rows)
    control_header, *control = list(book["disclosure_control"].values)
    report = {
        line[0]: (
            line[control_header.index("generalisation_en")],
            line[control_header.index("suppressed")],
        )
        for line in control
    }
    _assert_codebook_lists_the_changes(rows, report)
    assert any(generalisation != "Unchanged" for generalisation, _count in report.values())

    job = _export(cast["admin"].user, anonymous, "sav", django_capture_on_commit_callbacks)
    path = tmp_path / "protected.sav"
    path.write_bytes(job.result_file.read())
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    labels = meta.variable_value_labels
    decoded = []
    for index in range(len(frame)):
        row: dict[str, Any] = {}
        for column in _quasi_columns():
            value = frame[column].iloc[index]
            if column in labels and value == value:  # not NaN
                code = int(value)
                row[column] = {-1: SUPPRESSED, -2: WITHHELD}.get(code) or _code_of(
                    book, column, code
                )
            else:
                row[column] = None if value != value else value
        decoded.append(row)
    _assert_k_anonymous(decoded)
    changed = [c for c, (g, n) in report.items() if g != "Unchanged" or n]
    assert changed
    for column in changed:
        assert "[" in str(meta.column_names_to_labels[column])
    assert any("at least 10" in note for note in meta.notes)


def _code_of(book: Any, column: str, spss_value: int) -> str:
    header, *rows = list(book["codebook"].values)
    for row in rows:
        if row[0] == column and row[header.index("spss_value")] == spss_value:
            return str(row[header.index("option_code")])
    raise AssertionError(f"{column}={spss_value} is not in the codebook")


@pytest.mark.django_db
def test_identified_questionnaires_are_exported_as_answered(
    cast, im, django_capture_on_commit_callbacks
) -> None:
    definition = export_definition()
    about = definition.sections[0]
    declared = replace(
        definition,
        sections=(
            replace(
                about,
                questions=(
                    replace(about.questions[0], quasi_identifier=QuasiIdentifier.NOMINAL),
                    *about.questions[1:],
                ),
            ),
            definition.sections[1],
        ),
    )
    questionnaire = make_questionnaire(im, anonymous=False, definition=declared)
    for who in ("member", "other"):
        response_submit(
            user=cast[who].user,
            questionnaire=questionnaire,
            answers=FULL_ANSWERS,
            idempotency_key=uuid.uuid4().hex,
        )
    job = _export(cast["admin"].user, questionnaire, "csv", django_capture_on_commit_callbacks)
    assert job.result_name.endswith("-responses.csv")
    rows = _csv(job.result_file.read())
    assert [(r["member_name"], r["department"], r["hours"]) for r in rows] == [
        ("Mia Member", "cra", "40"),
        ("Olu Other", "cra", "40"),
    ]
    event = AuditEvent.objects.get(action="questionnaire.export_identified")
    assert "protected" not in event.changes
