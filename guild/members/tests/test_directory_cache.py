import pytest

from guild.members.access import visibility_signature
from guild.members.selectors import MemberFilters, member_directory, member_directory_count
from guild.members.services import member_update


@pytest.mark.django_db
def test_only_people_who_see_the_same_members_share_a_signature(cast) -> None:
    assert visibility_signature(cast["member"].user) == "directory"
    assert visibility_signature(cast["other"].user) == "directory"
    assert visibility_signature(cast["platform"]) == "all"
    personal = {
        visibility_signature(cast[role].user)
        for role in ("supervisor", "coordinator", "admin", "private")
    }
    assert len(personal) == 4
    assert all(signature.startswith("user-") for signature in personal)


@pytest.mark.django_db
def test_a_withdrawn_consent_leaves_the_count_at_once(
    cast, cra, django_capture_on_commit_callbacks
) -> None:
    reader = cast["member"].user
    filters = MemberFilters(department=cra.pk)

    def count() -> int:
        user = type(reader).objects.get(pk=reader.pk)  # a new request
        members = member_directory(user=user, filters=filters)
        return member_directory_count(user=user, filters=filters, members=members)

    assert count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        member_update(actor=cast["other"].user, member=cast["other"], consent_directory=False)
    assert count() == 1
