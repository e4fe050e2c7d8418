"""Run by test_disclosure_attacks in its own process: on a fresh SQLite file (settings from
the environment), a member saves a draft twice and submits an anonymous response whose
nickname is $WAL_MARKER. Prints the member's user id last."""

import os

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    from guild.accounts.tests.factories import UserFactory
    from guild.members.tests.factories import MemberFactory
    from guild.organizations.models import Community
    from guild.questionnaires.answering.services import (
        response_save,
        response_start,
        response_submit,
    )
    from guild.questionnaires.models import ResponseDraft
    from guild.questionnaires.tests.answering import ABOUT, SKILLS, make_questionnaire

    call_command("migrate", verbosity=0)
    marker = os.environ["WAL_MARKER"]
    community = Community.objects.get(code="im")
    survey = make_questionnaire(community)
    user = UserFactory.create()
    MemberFactory.create(user=user, work_email=user.email)
    response_start(user=user, questionnaire=survey)
    response_save(user=user, questionnaire=survey, answers=ABOUT, section=0)
    response_save(
        user=user, questionnaire=survey, answers={**SKILLS, "nickname": marker}, section=1
    )
    response_submit(user=user, questionnaire=survey, idempotency_key="k")
    if not ResponseDraft.objects.exists():
        print("draft deleted")
    print(user.pk)


if __name__ == "__main__":
    main()
