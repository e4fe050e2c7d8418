"""Writes of intakes by the programme's administrators: the intake with its selection
criteria, balance rules and eligible levels saved together (every error at once, nothing
kept when one is wrong), and its stage moved along planned → nominating → selecting →
running → closed, one step at a time (back one step to undo a mistake)."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound
from guild.organizations.models import OccupationalLevel, Region
from guild.programmes.access import administers
from guild.programmes.models import (
    BalanceAttribute,
    BalanceRule,
    Criterion,
    Intake,
    IntakeStage,
    Programme,
    Score,
)

INTAKE_FIELDS = (
    "name_en",
    "name_fr",
    "phase",
    "nominations_open_on",
    "nominations_close_on",
    "starts_on",
    "ends_on",
    "capacity",
    "max_per_department",
    "nominations_per_department",
    "min_departments",
    "attendance_alert_below",
)
STAGES = list(IntakeStage)


@dataclass(frozen=True)
class CriterionInput:
    name_en: str
    name_fr: str
    weight: int | None
    max_score: int | None


@dataclass(frozen=True)
class BalanceInput:
    attribute: str
    value: str
    at_least: int | None
    at_most: int | None
    percent: bool = False


Errors = dict[str, list[Any]]


def _criteria_errors(criteria: list[CriterionInput]) -> Errors:
    errors: Errors = {}
    if not criteria:
        errors["criteria"] = [_("Give at least one selection criterion.")]
    for index, criterion in enumerate(criteria):
        at = f"criteria.{index}"
        if not criterion.name_en.strip():
            errors[f"{at}.name_en"] = [_("Give the criterion's name in English.")]
        if not criterion.name_fr.strip():
            errors[f"{at}.name_fr"] = [_("Give the criterion's name in French.")]
        if criterion.weight is None or not 1 <= criterion.weight <= 100:
            errors[f"{at}.weight"] = [_("The weight is a whole number from 1 to 100.")]
        if criterion.max_score is None or not 1 <= criterion.max_score <= 100:
            errors[f"{at}.max_score"] = [_("The highest score is a whole number from 1 to 100.")]
    return errors


def _known_values(attribute: str) -> set[str]:
    if attribute == BalanceAttribute.REGION:
        return set(Region.objects.values_list("code", flat=True))
    if attribute == BalanceAttribute.LEVEL:
        return set(OccupationalLevel.objects.values_list("code", flat=True))
    return {"en", "fr"}


def _balance_errors(rules: list[BalanceInput], capacity: int | None) -> Errors:
    errors: Errors = {}
    for index, rule in enumerate(rules):
        at = f"balance.{index}"
        if rule.attribute not in BalanceAttribute.values:
            errors[f"{at}.attribute"] = [_("Choose region, first official language or level.")]
        elif rule.value not in _known_values(rule.attribute):
            errors[f"{at}.value"] = [
                _(
                    "Give a region code (ncr), a language (en or fr) or a group and level "
                    "(EX-01) that exists."
                )
            ]
        if rule.at_least is None and rule.at_most is None:
            errors[f"{at}.at_least"] = [_("Give at least, at most, or both.")]
        elif (
            rule.at_least is not None and rule.at_most is not None and rule.at_least > rule.at_most
        ):
            errors[f"{at}.at_most"] = [_("At most cannot be less than at least.")]
        ceiling = 100 if rule.percent else capacity
        for name in ("at_least", "at_most"):
            bound = getattr(rule, name)
            if ceiling is not None and bound is not None and bound > ceiling:
                errors.setdefault(f"{at}.{name}", []).append(
                    _("A percentage is at most 100.")
                    if rule.percent
                    else _("A number of seats is at most the intake's seats.")
                )
    return errors


def _intake_errors(intake: Intake, programme: Programme) -> Errors:
    errors: Errors = {}
    try:
        intake.full_clean(exclude=["programme", "supervisor_feedback"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if intake.phase is not None and intake.phase.programme_id != programme.pk:
        errors["phase"] = [_("Choose a phase of this programme.")]
    if (
        intake.max_per_department is not None
        and intake.capacity
        and intake.max_per_department > intake.capacity
    ):
        errors.setdefault("max_per_department", []).append(
            _("No more can be selected from one department than there are seats.")
        )
    if (
        intake.nominations_close_on
        and intake.starts_on
        and intake.starts_on < intake.nominations_close_on
    ):
        errors.setdefault("starts_on", []).append(
            _("The cohort starts after the nominations close.")
        )
    return errors


@transaction.atomic
def intake_save(
    *,
    actor: AnyUser,
    programme: Programme,
    intake: Intake | None = None,
    criteria: list[CriterionInput],
    balance_rules: list[BalanceInput],
    eligible_levels: list[OccupationalLevel],
    **fields: Any,
) -> Intake:
    """Create (`intake` None) or change an intake of `programme` with its criteria,
    balance rules and eligible levels (both replaced by the lists given). Raises
    `ValidationError` with every error at once (criteria and rules at `criteria.<i>.<field>`
    and `balance.<i>.<field>`); nothing is saved then."""
    if not administers(actor, programme.community_id):
        raise NotFound()
    creating = intake is None
    if intake is None:
        intake = Intake(programme=programme)
    elif intake.programme_id != programme.pk:
        raise NotFound()
    before = {} if creating else _described(intake)
    for name in INTAKE_FIELDS:
        if name in fields:
            setattr(intake, name, fields[name])
    errors = _intake_errors(intake, programme)
    errors.update(_criteria_errors(criteria))
    errors.update(_balance_errors(balance_rules, intake.capacity))
    if not creating:
        errors.update(_scored_above_errors(intake, criteria))
    if errors:
        raise ValidationError(errors)
    intake.save()
    intake.eligible_levels.set(eligible_levels)
    _save_criteria(intake, criteria)
    intake.balance_rules.all().delete()
    BalanceRule.objects.bulk_create(
        BalanceRule(
            intake=intake,
            attribute=r.attribute,
            value=r.value,
            at_least=r.at_least,
            at_most=r.at_most,
            percent=r.percent,
        )
        for r in balance_rules
    )
    after = _described(intake)
    changes = after if creating else diff(before, after)
    if changes:
        action = "programmes.intake_create" if creating else "programmes.intake_update"
        audit_record(actor=actor, action=action, obj=intake, changes=changes)
    return intake


def _scored_above_errors(intake: Intake, criteria: list[CriterionInput]) -> Errors:
    """A criterion kept in place may not get a highest score below a score already given."""
    errors: Errors = {}
    kept = list(intake.criteria.order_by("order", "pk"))
    for index, (existing, criterion) in enumerate(zip(kept, criteria, strict=False)):
        if criterion.max_score is None:
            continue
        highest = Score.objects.filter(criterion=existing).aggregate(top=Max("value"))["top"] or 0
        if highest > criterion.max_score:
            errors[f"criteria.{index}.max_score"] = [
                _("Reviewers already gave scores up to %(score)s on this criterion.")
                % {"score": highest}
            ]
    return errors


def _save_criteria(intake: Intake, criteria: list[CriterionInput]) -> None:
    """Change the criteria in place, position by position, so the reviewers' scores on a
    criterion that stays are kept (replacing every criterion deleted all scores)."""
    kept = list(intake.criteria.order_by("order", "pk"))
    for index, c in enumerate(criteria):
        values = {
            "name_en": c.name_en.strip(),
            "name_fr": c.name_fr.strip(),
            "weight": c.weight or 1,
            "max_score": c.max_score or 5,
            "order": index + 1,
        }
        if index < len(kept):
            existing = kept[index]
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
        else:
            Criterion.objects.create(intake=intake, **values)
    for removed in kept[len(criteria) :]:
        removed.delete()


def _described(intake: Intake) -> dict[str, Any]:
    values = snapshot(intake, (*INTAKE_FIELDS, "eligible_levels"))
    values["criteria"] = [
        [c.name_en, c.name_fr, c.weight, c.max_score] for c in intake.criteria.all()
    ]
    values["balance_rules"] = [
        [r.attribute, r.value, r.at_least, r.at_most, r.percent] for r in intake.balance_rules.all()
    ]
    return values


def next_stages(intake: Intake) -> list[IntakeStage]:
    """The stages an administrator may move `intake` to: the next one, or back one."""
    index = STAGES.index(IntakeStage(intake.stage))
    return [STAGES[i] for i in (index + 1, index - 1) if 0 <= i < len(STAGES)]


def forward_stage(intake: Intake) -> str | None:
    """The stage after `intake`'s, None once closed."""
    index = STAGES.index(IntakeStage(intake.stage))
    return STAGES[index + 1].value if index + 1 < len(STAGES) else None


@transaction.atomic
def intake_stage_set(*, actor: AnyUser, intake: Intake, stage: str) -> Intake:
    """Move the intake to `stage`, next to its current one (`ApplicationError` otherwise)."""
    if not administers(actor, intake.programme.community_id):
        raise NotFound()
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    if stage not in [s.value for s in next_stages(intake)]:
        raise ApplicationError(
            _("An intake moves one stage at a time: %(stages)s.")
            % {"stages": ", ".join(str(s.label) for s in next_stages(intake))},
            code="stage_not_next",
        )
    before = intake.stage
    intake.stage = stage
    intake.save(update_fields=["stage"])
    audit_record(
        actor=actor,
        action="programmes.intake_stage",
        obj=intake,
        changes={"stage": [before, stage]},
    )
    return intake
