"""A member's own pairs, and the people they may list as people to avoid."""

from django.db.models import Prefetch, QuerySet

from guild.accounts.models import AnyUser
from guild.mentoring.access import my_pairs_q
from guild.mentoring.models import CheckIn, Pair


def my_pairs(user: AnyUser) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(my_pairs_q(user))
        .select_related("pool", "round", "first__member", "second__member")
        .prefetch_related(Prefetch("check_ins", queryset=CheckIn.objects.order_by("-at", "-pk")))
        .order_by("-round__published_at", "-pk")
    )
