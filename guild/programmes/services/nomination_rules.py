"""What refuses a nomination, every problem found at once: a closed call (or history
entered by someone not an administrator, or of an intake whose call is still open), and
a member inactive, outside the community or the actor's departments, ineligible, already
nominated, without a supervisor, or from a department at its quota. History is not held
to the quota: it records what was decided then."""

from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.errors import Problem
from guild.members.access import approved_memberships
from guild.members.models import Member
from guild.programmes.access import administers, can_nominate
from guild.programmes.models import Intake, IntakeStage
from guild.programmes.selectors.nominations import open_nominations_count


def window_problems(actor: AnyUser, intake: Intake, historical: bool) -> list[Problem]:
    today = timezone.localdate()
    if historical:
        if not administers(actor, intake.programme.community_id):
            return [
                Problem("historical", _("Only administrators enter nominations to load history."))
            ]
        if intake.nominations_close_on >= today:
            return [
                Problem(
                    "historical",
                    _("Only nominations of an intake whose call has closed are history."),
                )
            ]
        return []
    if not intake.window_is_open(today):
        return [
            Problem(
                "intake",
                _("Nominations are accepted from %(open)s to %(close)s, not today.")
                % {
                    "open": intake.nominations_open_on.isoformat(),
                    "close": intake.nominations_close_on.isoformat(),
                },
            )
        ]
    if intake.stage != IntakeStage.NOMINATING:
        return [Problem("intake", _("This intake is not calling for nominations."))]
    return []


def member_problems(
    actor: AnyUser, intake: Intake, member: Member, historical: bool
) -> list[Problem]:
    problems = []
    who = {"name": member.full_name}
    community_id = intake.programme.community_id
    if not member.is_active or not (
        approved_memberships().filter(member=member, community_id=community_id).exists()
    ):
        problems.append(
            Problem(
                "member", _("%(name)s is not an active member of this programme's community.") % who
            )
        )
    if not can_nominate(actor, community_id, member.department_id):
        problems.append(
            Problem(
                "member",
                _(
                    "%(name)s works in a department you do not coordinate; only their "
                    "department's coordinator nominates them."
                )
                % who,
            )
        )
    levels = list(intake.eligible_levels.all())
    if levels and member.level_id not in {level.pk for level in levels}:
        problems.append(
            Problem(
                "member",
                _("%(name)s is not eligible: this intake takes %(levels)s only.")
                % {**who, "levels": ", ".join(level.code for level in levels)},
            )
        )
    if intake.nominations.filter(member=member, withdrawn_at__isnull=True).exists():
        problems.append(Problem("member", _("%(name)s is already nominated to this intake.") % who))
    if member.supervisor_id is None and not historical:
        problems.append(
            Problem(
                "member",
                _(
                    "%(name)s's profile names no supervisor, so no one could endorse the "
                    "nomination. Ask them to add their supervisor to their profile first."
                )
                % who,
            )
        )
    quota = intake.nominations_per_department
    if (
        not historical
        and quota is not None
        and open_nominations_count(intake, member.department_id) >= quota
    ):
        problems.append(
            Problem(
                "member",
                _("%(department)s already has %(quota)d open nominations, its quota.")
                % {"department": str(member.department), "quota": quota},
            )
        )
    return problems
