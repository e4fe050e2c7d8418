from django.db.models import QuerySet

from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)


def community_list() -> QuerySet[Community]:
    return Community.objects.active()


def department_list() -> QuerySet[Department]:
    return Department.objects.active()


def region_list() -> QuerySet[Region]:
    return Region.objects.active()


def occupational_group_list() -> QuerySet[OccupationalGroup]:
    return OccupationalGroup.objects.active()


def occupational_level_list() -> QuerySet[OccupationalLevel]:
    return OccupationalLevel.objects.active().select_related("group")


def work_stream_list(*, community_id: int | None = None) -> QuerySet[WorkStream]:
    streams = WorkStream.objects.active().select_related("community")
    if community_id is not None:
        streams = streams.filter(community_id=community_id)
    return streams
