"""Questionnaire benchmark data: `python -m benchmarks.generate_questionnaires --info F
--respondents N --submitters M --submitters-out S`.

Runs after `benchmarks.generate` on the same database. Creates and publishes, through the
definition services, an anonymous questionnaire of 40 questions: the IM Members
Questionnaire (36) and four more of the common kinds. Then writes N anonymous responses in
bulk (`benchmarks.bulk`: COPY on PostgreSQL, executemany on SQLite), each drawn from a
generated member's profile by `guild.demo.answers.respondent_answers`, validated by
`answers.validate_answers` and turned into `Answer` rows by `answers.answer_rows`, in
shuffled order with random keys as the anonymity model requires. Generated members have no
sign-in, so these responses have no `Participation` rows.

M more members get an account and a personal access token: they are the people who
submit through the response service and over HTTP during the benchmark. Their tokens,
idempotency keys and answers go to the submitters file; they give no generated response.
Adds a `questionnaire` entry to the info file.
"""

import argparse
import json
import os
import random
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any

CHUNK = 5000
SLUG = "bench-im-members"
SUBMITTER_DOMAIN = "submit.bench.guild.test"


def bench_definition() -> Any:
    """The IM Members Questionnaire with four more questions: 40 in all."""
    from guild.demo.content import members_definition
    from guild.questionnaires.definition.scales import agree_scale
    from guild.questionnaires.definition.types import Option, Question, QuestionType, Section, Text

    def option(code: str, en: str, fr: str) -> Option:
        return Option(code, Text(en, fr))

    extra = Section(
        "workplace",
        Text("Your workplace", "Votre milieu de travail"),
        None,
        (
            Question(
                "manager_support",
                QuestionType.LIKERT,
                Text(
                    "My manager supports my development.",
                    "Mon gestionnaire appuie mon perfectionnement.",
                ),
                options=agree_scale(),
            ),
            Question(
                "workload",
                QuestionType.SINGLE,
                Text("How is your workload?", "Comment est votre charge de travail?"),
                options=(
                    option("light", "Light", "Légère"),
                    option("right", "About right", "Adéquate"),
                    option("heavy", "Heavy", "Lourde"),
                    option("too_heavy", "Too heavy", "Trop lourde"),
                ),
            ),
            Question(
                "tools_used",
                QuestionType.MULTIPLE,
                Text("Which tools do you use every week?", "Quels outils utilisez-vous?"),
                options=(
                    option("gcdocs", "GCdocs", "GCdocs"),
                    option("m365", "Microsoft 365", "Microsoft 365"),
                    option("sharepoint", "SharePoint", "SharePoint"),
                    option("atipxpress", "ATIPXpress", "AIPRPXpress"),
                    option("power_bi", "Power BI", "Power BI"),
                    option("other", "Other", "Autre"),
                ),
            ),
            Question(
                "office_days",
                QuestionType.INTEGER,
                Text("Days a week in the office", "Jours par semaine au bureau"),
                minimum=Decimal(0),
                maximum=Decimal(5),
            ),
        ),
    )
    definition = members_definition()
    return replace(definition, sections=(*definition.sections, extra))


def _profiles(exclude: set[int]) -> list[Any]:
    """Every generated member but `exclude`, as `demo.Respondent`, in id order."""
    from guild.demo.answers import Respondent
    from guild.members.models import Member
    from guild.organizations.models import Community

    community = Community.objects.get(code="im")
    streams: dict[int, list[str]] = {}
    for member_id, code in (
        Member.work_streams.through.objects.filter(workstream__community=community)
        .order_by("member_id", "workstream__order")
        .values_list("member_id", "workstream__code")
    ):
        streams.setdefault(member_id, []).append(code)
    supervisors = set(
        Member.objects.exclude(supervisor=None).values_list("supervisor_id", flat=True).distinct()
    )
    people = []
    for row in (
        Member.objects.filter(user__isnull=True)
        .order_by("pk")
        .values_list(
            "pk",
            "department__code",
            "region__code",
            "level__group__code",
            "level__level",
            "years_in_community",
            "first_official_language",
            "second_language_reading",
            "second_language_writing",
            "second_language_oral",
        )
    ):
        pk, department, region, group, level, years, language, reading, writing, oral = row
        if pk in exclude:
            continue
        people.append(
            Respondent(
                department=department,
                region=region,
                group=group or "",
                level=level or 0,
                years_in_community=years or 0,
                language=language or "en",
                second_language=(reading, writing, oral),
                supervises=pk in supervisors,
                streams=tuple(streams.get(pk, ())),
            )
        )
    return people


def _submitters(count: int, rng: random.Random) -> list[tuple[Any, int]]:
    """`count` generated members, spread over the table, each given an account."""
    from django.contrib.auth.hashers import make_password

    from guild.accounts.models import User
    from guild.members.models import Member

    ids = list(Member.objects.filter(user__isnull=True).order_by("pk").values_list("pk", flat=True))
    if count > len(ids) // 2:
        raise SystemExit(f"{count} submitters need at least {count * 2} generated members.")
    chosen = sorted(rng.sample(ids, count))
    password = make_password(None)  # unusable: they sign in with their token only
    users = User.objects.bulk_create(
        [User(email=f"submitter{n}@{SUBMITTER_DOMAIN}", password=password) for n in range(count)],
        batch_size=1000,
    )
    members = Member.objects.in_bulk(chosen)
    for user, pk in zip(users, chosen, strict=True):
        members[pk].user = user
    Member.objects.bulk_update(list(members.values()), ["user"], batch_size=1000)
    return list(zip(users, chosen, strict=True))


def generate(respondents: int, submitter_count: int, seed: int) -> tuple[dict[str, Any], list[Any]]:
    from django.db import transaction
    from django.utils import timezone

    from benchmarks.bulk import insert_rows
    from benchmarks.generate_competencies import bench_admin
    from guild.accounts.services import token_create
    from guild.demo.answers import checked_answers, respondent_answers
    from guild.organizations.models import Community
    from guild.questionnaires.answering.answers import answer_rows, breakdown_values
    from guild.questionnaires.definition.services import questionnaire_create, version_publish
    from guild.questionnaires.models import (
        Answer,
        Questionnaire,
        Response,
        ResultsSnapshot,
        SnapshotReason,
        random_id,
    )

    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    timings: dict[str, float] = {}
    started = time.monotonic()
    community = Community.objects.get(code="im")
    definition = bench_definition()
    now = timezone.now()
    admin = bench_admin()
    questionnaire = questionnaire_create(
        actor=admin,
        community=community,
        slug=SLUG,
        definition=definition,
        anonymous=True,
        threshold=10,
        opens_at=now - dt_days(30),
        closes_at=now + dt_days(60),
    )
    version_id = version_publish(actor=admin, questionnaire=questionnaire).pk
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    timings["questionnaire"] = time.monotonic() - started

    started = time.monotonic()
    with transaction.atomic():
        submitters = _submitters(submitter_count, rng)
    people = _profiles({pk for _, pk in submitters})
    # Who answers in which order: shuffled, and cycling through the profiles when there
    # are more respondents than members.
    order = [i % len(people) for i in range(respondents)]
    rng.shuffle(order)
    timings["profiles"] = time.monotonic() - started

    counts = {"responses": 0, "answers": 0}
    drawing = [0.0]

    def chunks() -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
        for start in range(0, len(order), CHUNK):
            began = time.monotonic()
            responses: list[tuple[Any, ...]] = []
            answers: list[tuple[Any, ...]] = []
            for index in order[start : start + CHUNK]:
                clean = checked_answers(
                    definition, respondent_answers(definition, people[index], rng)
                )
                response_id = random_id()
                responses.append(
                    (response_id, questionnaire.pk, version_id, None, clean, None, None, 1)
                )
                department, region = breakdown_values(definition, clean)
                answers.extend(
                    (
                        random_id(),
                        questionnaire.pk,
                        response_id,
                        row.question,
                        row.item,
                        row.choice,
                        row.number,
                        department,
                        region,
                        1,
                        False,
                    )
                    for row in answer_rows(definition, clean)
                )
            drawing[0] += time.monotonic() - began
            yield responses, answers

    started = time.monotonic()
    with transaction.atomic():
        for responses, answers in chunks():
            counts["responses"] += insert_rows(
                Response,
                [
                    "id",
                    "questionnaire_id",
                    "version_id",
                    "respondent_id",
                    "answers",
                    "submitted_at",
                    "updated_at",
                    "snapshot",
                ],
                responses,
            )
            counts["answers"] += insert_rows(
                Answer,
                [
                    "id",
                    "questionnaire_id",
                    "response_id",
                    "question",
                    "item",
                    "choice",
                    "number",
                    "department",
                    "region",
                    "snapshot",
                    "retired",
                ],
                answers,
            )
        # Everything generated is published at once, as the first results snapshot.
        ResultsSnapshot.objects.create(
            questionnaire=questionnaire,
            number=1,
            taken_at=timezone.now(),
            respondents=counts["responses"],
            added=counts["responses"],
            reason=SnapshotReason.SCHEDULED,
        )
    timings["draw"] = drawing[0]
    timings["write"] = time.monotonic() - started - drawing[0]

    started = time.monotonic()
    by_pk = {}
    from guild.demo.answers import Respondent
    from guild.members.models import Member

    supervisors = set(
        Member.objects.exclude(supervisor=None).values_list("supervisor_id", flat=True).distinct()
    )
    for member in Member.objects.filter(pk__in=[pk for _, pk in submitters]).select_related(
        "department", "region", "level__group"
    ):
        by_pk[member.pk] = member
    streams: dict[int, list[str]] = {}
    for member_id, code in (
        Member.work_streams.through.objects.filter(
            member_id__in=list(by_pk), workstream__community=community
        )
        .order_by("member_id", "workstream__order")
        .values_list("member_id", "workstream__code")
    ):
        streams.setdefault(member_id, []).append(code)
    out = []
    for user, pk in submitters:
        member = by_pk[pk]
        person = Respondent(
            department=member.department.code,
            region=member.region.code,
            group=member.level.group.code if member.level else "",
            level=member.level.level if member.level else 0,
            years_in_community=member.years_in_community or 0,
            language=member.first_official_language or "en",
            second_language=(
                member.second_language_reading,
                member.second_language_writing,
                member.second_language_oral,
            ),
            supervises=pk in supervisors,
            streams=tuple(streams.get(pk, ())),
        )
        _, raw = token_create(user=user, name="benchmark")
        out.append(
            {
                "user_id": user.pk,
                "token": raw,
                "key": secrets.token_urlsafe(16),
                "answers": checked_answers(definition, respondent_answers(definition, person, rng)),
            }
        )
    timings["submitters"] = time.monotonic() - started
    return (
        {
            "id": questionnaire.pk,
            "version_id": version_id,
            "questions": len(definition.questions),
            "respondents": counts["responses"],
            "answer_rows": counts["answers"],
            "submitters": len(out),
            "submit_path": f"/api/v1/questionnaires/{questionnaire.pk}/response/submit",
            **results_paths(questionnaire.pk, "department"),
            **committee_session(),
            "timings": {name: round(seconds, 2) for name, seconds in timings.items()},
        },
        out,
    )


def dt_days(days: int) -> Any:
    import datetime as dt

    return dt.timedelta(days=days)


def _reverse(names: tuple[str, ...], args: list[Any]) -> str | None:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override("en"):
        for name in names:
            try:
                return reverse(name, args=args)
            except NoReverseMatch:
                continue
    return None


def results_paths(questionnaire_id: int, by: str) -> dict[str, str | None]:
    """The results pages measured: by department (for the committee) and the
    service-wide overview (for a member)."""
    return {
        "results_path": _reverse(("questionnaires:results_by",), [questionnaire_id, by]),
        "overview_path": _reverse(
            ("questionnaires:results", "questionnaires:results_overview"), [questionnaire_id]
        ),
    }


def committee_session() -> dict[str, str]:
    """A committee member of the IM community, signed in: who reads results by department."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from benchmarks.generate_competencies import bench_admin
    from guild.accounts.models import Role, User
    from guild.accounts.services import role_assign
    from guild.organizations.models import Community

    email = "bench.committee@bench.guild.test"
    user = User.objects.create_user(email, secrets.token_urlsafe(24))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    role_assign(
        actor=bench_admin(),
        user=user,
        role=Role.COMMITTEE_MEMBER,
        community_id=Community.objects.get(code="im").pk,
        department_id=None,
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {"committee_session_key": store.session_key or ""}


def count_tally(questionnaire_id: int) -> None:
    """The answer tally of the first snapshot, counted afresh from the generated rows (the
    generator publishes them directly, not through `snapshot_take`)."""
    from django.db import transaction

    from guild.questionnaires.results.statistics.tally import tally_snapshot

    with transaction.atomic():
        tally_snapshot(questionnaire_id=questionnaire_id, number=1, previous=None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", type=Path, required=True, help="the generator's JSON")
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--submitters", type=int, default=4200)
    parser.add_argument("--submitters-out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    from benchmarks.bulk import refresh_statistics

    started = time.monotonic()
    result, submitters = generate(args.respondents, args.submitters, args.seed)
    tallied = time.monotonic()
    count_tally(result["id"])
    result["timings"]["tally"] = round(time.monotonic() - tallied, 2)
    analyzed = time.monotonic()
    refresh_statistics()
    result["timings"]["analyze"] = round(time.monotonic() - analyzed, 2)
    result["timings"]["total"] = round(time.monotonic() - started, 2)
    info = json.loads(args.info.read_text())
    info["questionnaire"] = result
    args.info.write_text(json.dumps(info, indent=2))
    args.submitters_out.write_text(json.dumps(submitters))
    print(
        f"Generated {result['respondents']:,} responses ({result['answer_rows']:,} answer rows, "
        f"{result['questions']} questions) and {result['submitters']:,} submitters in "
        f"{result['timings']['total']:.1f} s ({result['timings']})."
    )


if __name__ == "__main__":
    main()
