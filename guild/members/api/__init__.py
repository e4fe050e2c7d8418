"""The members API: your account and profile and the member directory (`profiles`), and
community membership (`memberships`). Each module declares its endpoints on its own router;
this one router holds both, for `config/api.py` to mount."""

from ninja import Router

from guild.members.api import memberships, profiles

router = Router(tags=["members"])
router.add_router("", profiles.router)
router.add_router("", memberships.router)
