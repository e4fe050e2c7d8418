"""What issues a certificate without anyone asking: the completion that meets the last rule
(recorded by an import here, as by the roster or a self-declaration), and the daily
`certification_checks` command for what changes elsewhere (a level validated)."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Certificate
from guild.learning.services.completion import completion_import
from guild.learning.tests.test_certificates import TODAY, complete, programme, validate

__all__ = ["programme"]  # the fixture

pytestmark = pytest.mark.django_db


def _csv(email: str, course: str) -> bytes:
    return f"email,course,date,result\n{email},{course},{TODAY.isoformat()},completed\n".encode()


def test_the_completion_that_meets_the_last_rule_issues_the_certificate(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    member = cast["member"]
    complete(member, "c101")
    validate(member, version, "RIL-01", 2)
    assert not Certificate.objects.exists()
    completion_import(
        actor=cast["admin"].user,
        community=programme.community,
        content=_csv(member.work_email, "c201"),
    )
    certificate = Certificate.objects.get()
    assert (certificate.member, certificate.programme, certificate.issued_by) == (
        member,
        programme,
        None,
    )
    # Another completion changes nothing: one active certificate.
    completion_import(
        actor=cast["admin"].user,
        community=programme.community,
        content=_csv(member.work_email, "c202"),
    )
    assert Certificate.objects.count() == 1


def test_the_daily_check_issues_what_a_validated_level_completed(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    member = cast["member"]
    complete(member, "c101")
    complete(member, "c201")
    out = StringIO()
    call_command("certification_checks", stdout=out)
    assert out.getvalue() == "Certificates issued: 0\n"
    validate(member, version, "RIL-01", 2)
    call_command("certification_checks", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Certificates issued: 1"
    assert Certificate.objects.get().member == member
    call_command("certification_checks", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Certificates issued: 0"


def test_the_programme_page_reads_a_page_of_members_in_a_fixed_number_of_queries(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any, make_member: Any
) -> None:
    admin = login(cast["admin"].user)
    url = f"/en/learning/certification/{programme.pk}/"
    # Searched, by department and standing: the members below are all "in progress" in ESDC.
    filtered = f"{url}?q=e&department={cast['member'].department_id}&status=in_progress"
    admin.get(url)  # the menu's and the session's first reads
    admin.get(filtered)  # the department list, kept in the process

    def queries(address: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(address).status_code == 200
        return len(captured)

    def in_progress(count: int) -> None:
        for _ in range(count):
            member = make_member()  # in the IM community, the programme's, and in ESDC
            complete(member, "c101")
            validate(member, version, "RIL-01", 1)

    in_progress(1)
    before = queries(url)
    before_filtered = queries(filtered)
    assert before_filtered <= before
    in_progress(10)
    assert queries(url) == before
    assert queries(filtered) == before_filtered
    assert admin.get(filtered).content.decode().count('<th scope="row">') == 11


def test_the_daily_check_reads_members_who_do_not_qualify_in_a_fixed_number_of_queries(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, make_member: Any
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            call_command("certification_checks", stdout=StringIO())
        return len(captured)

    before = queries()
    for _ in range(12):
        complete(make_member(), "c101")  # one course of three: not yet
    assert queries() == before
