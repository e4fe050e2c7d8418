"""Every member's progress at once (`programme_evaluations`): what the daily check reads and
evaluates, read-only; the same evaluation as one member's progress, in a fixed number of
queries whatever the number of members."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Certificate
from guild.learning.rules.evaluation import evaluate
from guild.learning.selectors.certificates import (
    member_facts,
    programme_evaluations,
    programme_rules,
)
from guild.learning.tests.test_certificates import TODAY, complete, programme, validate
from guild.organizations.models import Community

__all__ = ["programme"]  # the fixture

pytestmark = pytest.mark.django_db


def test_every_active_member_of_the_community_is_evaluated_as_alone_and_nothing_is_issued(
    cast: dict[str, Any],
    programme: Any,
    version: FrameworkVersion,
    make_member: Any,
    it_community: Community,
) -> None:
    # Between members who are evaluated, so that their rows are read and left out.
    gone = make_member(is_active=False)
    complete(gone, "c101")
    validate(gone, version, "RIL-01", 2)
    elsewhere = make_member(communities=[it_community])
    complete(elsewhere, "c202")
    done = make_member()
    complete(done, "c101")
    complete(done, "c202", days_ago=5)
    validate(done, version, "RIL-01", 2)
    validate(done, version, "RIL-03", 1)  # a level the rules do not ask for
    partly = make_member()
    complete(partly, "c201")
    validate(partly, version, "RIL-01", 1)

    found = dict(programme_evaluations(programme, on=TODAY))

    assert done.pk in found and partly.pk in found
    assert gone.pk not in found and elsewhere.pk not in found
    rules = programme_rules(programme)
    for member in (done, partly, cast["member"]):
        assert found[member.pk] == evaluate(rules, member_facts(member, programme), TODAY)
    assert found[done.pk].met and not found[partly.pk].met
    assert not Certificate.objects.exists()
    later = dict(programme_evaluations(programme, on=TODAY + datetime.timedelta(days=1)))
    assert later[done.pk].on == TODAY + datetime.timedelta(days=1)


def test_evaluating_everyone_reads_a_batch_in_a_fixed_number_of_queries(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, make_member: Any
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert all(pk for pk, _evaluation in programme_evaluations(programme))
        return len(captured)

    before = queries()
    for _ in range(12):
        member = make_member()
        complete(member, "c101")
        validate(member, version, "RIL-01", 2)
    assert queries() == before
