"""The leadership programme's API: one router per step of the cycle, mounted here."""

from ninja import Router

from guild.programmes.api import cohort, intakes, nominations, reports, selection

router = Router(tags=["programmes"])
for module in (intakes, nominations, selection, cohort, reports):
    router.add_router("", module.router)
