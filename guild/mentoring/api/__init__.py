"""The mentoring API: pools and my memberships, my pairs, rounds for coordinators, reports."""

from ninja import Router

from guild.mentoring.api import pairs, pools, reports, rounds

router = Router(tags=["mentoring"])
for module in (pools, pairs, rounds, reports):
    router.add_router("", module.router)
