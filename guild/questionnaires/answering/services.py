"""Answering a questionnaire: start, save and resume, submit, change.

Anonymity (ADR 0010): for an anonymous questionnaire the only record of *who* is the
`Participation` row (user, receipt, idempotency key; random id, no time); the `Response`
and `Answer` rows carry no respondent, no time and random ids, and are written in the same
transaction so a response exists exactly when its participation does. The audit log says
that the user took part, never which response is theirs. Nothing here logs answers.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from guild.core.audit import audit_record, diff
from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError
from guild.members.models import Member
from guild.questionnaires.access import can_answer
from guild.questionnaires.answering.answers import answer_rows, breakdown_values, validate_answers
from guild.questionnaires.answering.wal import forget_deleted_rows
from guild.questionnaires.definition.cache import published_definition
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.types import Definition, Section
from guild.questionnaires.models import (
    NOT_COUNTED,
    PENDING,
    Answer,
    Participation,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResponseDraft,
    VersionStatus,
)

MAX_KEY_LENGTH = 100


class Conflict(ApplicationError):
    """The request clashes with what was already recorded (HTTP 409)."""

    status = 409


@dataclass(frozen=True)
class Receipt:
    """What a respondent keeps. It names the participation, never the response."""

    code: str
    questionnaire_id: int
    title_en: str
    title_fr: str
    anonymous: bool
    submitted_at: datetime | None  # not recorded for anonymous questionnaires
    updated_at: datetime | None
    editable_until: datetime | None  # identified questionnaires that are still open
    replayed: bool = False

    @property
    def title(self) -> str:
        if current_language() == "fr":
            return self.title_fr or self.title_en
        return self.title_en or self.title_fr


# ---------------------------------------------------------------------------------------------
# Reading the frozen definition


def version_definition(version: QuestionnaireVersion) -> Definition:
    """The parsed definition of a version. Published versions never change, so the parse
    is kept for the life of the process."""
    if version.status != VersionStatus.PUBLISHED:
        return definition_from_json(version.definition)
    return published_definition(version.pk, version.published_at, lambda: version.definition)


def latest_published_version(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.filter(
            questionnaire=questionnaire, status=VersionStatus.PUBLISHED
        )
        .order_by("-number")
        .first()
    )


def _current_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    version = latest_published_version(questionnaire)
    if version is None:
        raise ApplicationError(
            _("This questionnaire is not available for answering yet."), code="not_published"
        )
    return version


# ---------------------------------------------------------------------------------------------
# Rules


def _date(value: datetime) -> str:
    return str(formats.date_format(timezone.localtime(value), "DATE_FORMAT"))


def check_open(questionnaire: Questionnaire, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if questionnaire.opens_at and now < questionnaire.opens_at:
        raise Conflict(
            _("This questionnaire opens on %(date)s.") % {"date": _date(questionnaire.opens_at)},
            code="not_open_yet",
        )
    if questionnaire.closes_at and now >= questionnaire.closes_at:
        raise Conflict(
            _("This questionnaire closed on %(date)s.") % {"date": _date(questionnaire.closes_at)},
            code="closed",
        )


def _check_audience(user: Any, questionnaire: Questionnaire, token: str | None) -> None:
    if not can_answer(user, questionnaire, token=token):
        raise ApplicationError(
            _("This questionnaire is not addressed to you."), code="not_in_audience"
        )


def _check_key(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ApplicationError(
            _("Send an idempotency key of 1 to %(max)s printable characters.")
            % {"max": MAX_KEY_LENGTH},
            code="invalid_idempotency_key",
            fields={"idempotency_key": [_("This key is missing or not valid.")]},
        )
    return key


def _raise_answer_errors(errors: Mapping[str, Any]) -> None:
    if errors:
        raise ValidationError(
            {code: [str(getattr(error, "message", error))] for code, error in errors.items()}
        )


def _section(definition: Definition, index: int) -> Section:
    if not 0 <= index < len(definition.sections):
        raise ApplicationError(
            _("This questionnaire has no section %(number)s.") % {"number": index + 1},
            code="unknown_section",
            fields={"section": [_("Choose a section of this questionnaire.")]},
        )
    return definition.sections[index]


def _receipt(
    questionnaire: Questionnaire,
    participation: Participation,
    response: Response | None = None,
    *,
    replayed: bool = False,
) -> Receipt:
    identified = not questionnaire.anonymous
    editable = identified and questionnaire.is_open()
    return Receipt(
        code=participation.receipt,
        questionnaire_id=questionnaire.pk,
        title_en=questionnaire.title_en,
        title_fr=questionnaire.title_fr,
        anonymous=questionnaire.anonymous,
        submitted_at=response.submitted_at if identified and response else None,
        updated_at=response.updated_at if identified and response else None,
        editable_until=questionnaire.closes_at if editable else None,
        replayed=replayed,
    )


# ---------------------------------------------------------------------------------------------
# Drafts


def _draft_for(user: Any, questionnaire: Questionnaire) -> ResponseDraft | None:
    return (
        ResponseDraft.objects.select_for_update()
        .select_related("version")
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )


def _only_known(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    codes = {q.code for q in definition.questions}
    return {code: value for code, value in answers.items() if code in codes}


@transaction.atomic
def response_start(
    *, user: Any, questionnaire: Questionnaire, token: str | None = None
) -> ResponseDraft:
    """Open (or resume) the user's draft on the latest published version. For an
    identified questionnaire already answered, the draft starts from the given answers,
    so submitting it changes them."""
    _check_audience(user, questionnaire, token)
    check_open(questionnaire)
    version = _current_version(questionnaire)
    draft = _draft_for(user, questionnaire)
    if draft is not None:
        if draft.version_id != version.pk:
            # A newer version was published: keep the answers it still asks for.
            draft.version = version
            draft.answers = _only_known(version_definition(version), draft.answers)
            draft.section = 0
            draft.save()
        return draft
    answers: dict[str, Any] = {}
    if Participation.objects.filter(questionnaire=questionnaire, user=user).exists():
        if questionnaire.anonymous:
            raise Conflict(
                _("You have already responded. Anonymous responses cannot be changed."),
                code="already_responded",
            )
        response = Response.objects.filter(questionnaire=questionnaire, respondent=user).first()
        if response is not None:
            answers = _only_known(version_definition(version), response.answers)
    draft = ResponseDraft.objects.create(
        questionnaire=questionnaire, version=version, user=user, answers=answers
    )
    return draft


@transaction.atomic
def response_save(
    *,
    user: Any,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    section: int,
    check_required: bool = True,
) -> ResponseDraft:
    """Validate one section's answers and keep them in the user's draft. The answers
    replace everything the draft held for that section. Answers that later sections held
    for questions the new answers hide are dropped. With `check_required` false (save and
    finish later) missing required answers are allowed until submission."""
    draft = _draft_for(user, questionnaire) or response_start(
        user=user, questionnaire=questionnaire
    )
    check_open(questionnaire)
    definition = version_definition(draft.version)
    current = _section(definition, section)
    section_codes = {q.code for q in current.questions}
    outside = sorted(set(answers) - section_codes)
    if outside:
        raise ValidationError(
            {
                code: [_("This question is not in section %(n)s.") % {"n": section + 1}]
                for code in outside
            }
        )
    kept = {code: value for code, value in draft.answers.items() if code not in section_codes}
    raw = {**kept, **answers}
    clean, errors = validate_answers(
        definition, raw, complete=False, section=current.code if check_required else None
    )
    stale = {code for code in errors if code in kept}
    if stale and not set(errors) - stale:
        # Only earlier-saved answers failed: they belong to questions the new answers hide.
        clean, errors = validate_answers(
            definition,
            {code: value for code, value in raw.items() if code not in stale},
            complete=False,
            section=current.code if check_required else None,
        )
    _raise_answer_errors(errors)
    draft.answers = clean
    draft.section = max(draft.section, min(section + 1, len(definition.sections)))
    draft.save()
    return draft


# ---------------------------------------------------------------------------------------------
# Submitting and changing


def counted_in_statistics(user: Any) -> bool:
    """Whether the member agreed that their answers be used for statistics (their profile).
    Read when a response is first submitted; the response keeps that choice."""
    if getattr(user, "pk", None) is None:
        return False
    found = Member.objects.filter(user_id=user.pk).only("consent_statistics").first()
    return bool(found and found.consent_statistics)


def _hold_snapshots_off(questionnaire: Questionnaire) -> None:
    """On PostgreSQL, a shared lock on the questionnaire until this submission commits: a
    snapshot (which locks it for update) then sees all of a response's rows or none."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Questionnaire._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [questionnaire.pk])


def _write_answer_rows(
    questionnaire: Questionnaire, response: Response, definition: Definition, answers: dict
) -> None:
    department, region = breakdown_values(definition, answers)
    # New rows wait for the next snapshot; those of a member who is not counted never come.
    state = NOT_COUNTED if response.snapshot == NOT_COUNTED else PENDING
    Answer.objects.bulk_create(
        [
            Answer(
                questionnaire=questionnaire,
                response=response,
                snapshot=state,
                question=row.question,
                item=row.item or "",
                choice=row.choice or "",
                number=row.number,
                department=department or "",
                region=region or "",
            )
            for row in answer_rows(definition, answers)
        ]
    )


def _submission(
    user: Any, questionnaire: Questionnaire, answers: Mapping[str, Any] | None
) -> tuple[QuestionnaireVersion, dict[str, Any], ResponseDraft | None]:
    """The version and validated, complete answers to record: the ones sent, or else the
    draft's. Raises ValidationError with one entry per question."""
    draft = _draft_for(user, questionnaire)
    if answers is None:
        if draft is None:
            raise ApplicationError(
                _("There are no answers to submit. Start the questionnaire first."),
                code="nothing_to_submit",
            )
        version, raw = draft.version, dict(draft.answers)
    else:
        version, raw = (draft.version if draft else _current_version(questionnaire)), dict(answers)
    clean, errors = validate_answers(version_definition(version), raw, complete=True)
    _raise_answer_errors(errors)
    return version, clean, draft


@transaction.atomic
def response_submit(
    *,
    user: Any,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any] | None = None,
    idempotency_key: str,
    token: str | None = None,
) -> Receipt:
    """Record the user's complete answers (sent, or else their draft's) and return the
    receipt. Idempotent on `idempotency_key`: the same key returns the first receipt, so a
    double click, a retry or two tabs never make two responses. With another key, an
    identified response is changed (until closing) and an anonymous one is refused."""
    key = _check_key(idempotency_key)
    _check_audience(user, questionnaire, token)
    existing = (
        Participation.objects.select_for_update()
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )
    if existing is not None:
        return _after_participation(user, questionnaire, existing, answers, key)
    check_open(questionnaire)
    version, clean, draft = _submission(user, questionnaire, answers)
    _hold_snapshots_off(questionnaire)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                questionnaire=questionnaire, user=user, idempotency_key=key
            )
    except IntegrityError:
        # Another request of the same person got there first (two tabs, a retry).
        existing = Participation.objects.get(questionnaire=questionnaire, user=user)
        return _after_participation(user, questionnaire, existing, answers, key)
    identified = not questionnaire.anonymous
    now = timezone.now()
    response = Response.objects.create(
        questionnaire=questionnaire,
        version=version,
        respondent=user if identified else None,
        answers=clean,
        submitted_at=now if identified else None,
        updated_at=now if identified else None,
        snapshot=PENDING if counted_in_statistics(user) else NOT_COUNTED,
    )
    _write_answer_rows(questionnaire, response, version_definition(version), clean)
    if draft is not None:
        draft.delete()
    if identified:
        audit_record(
            actor=user,
            action="questionnaire.response_submit",
            obj=response,
            changes=diff({}, clean),
        )
    else:
        # Who took part enters the audit log when the snapshot that publishes this
        # response is taken, with that time (services.snapshots): a time of its own
        # would tell which answers appeared then. The draft's bytes go too.
        transaction.on_commit(forget_deleted_rows)
    return _receipt(questionnaire, participation, response if identified else None)


def _after_participation(
    user: Any,
    questionnaire: Questionnaire,
    participation: Participation,
    answers: Mapping[str, Any] | None,
    key: str,
) -> Receipt:
    if questionnaire.anonymous:
        if participation.idempotency_key == key:
            # A replay. Its content cannot be compared without linking the person to the
            # answers, so the first receipt is returned as is (ADR 0010).
            return _receipt(questionnaire, participation, replayed=True)
        raise Conflict(
            _("You have already responded. Anonymous responses cannot be changed."),
            code="already_responded",
        )
    response = Response.objects.select_for_update().get(
        questionnaire=questionnaire, respondent=user
    )
    has_draft = ResponseDraft.objects.filter(questionnaire=questionnaire, user=user).exists()
    if participation.idempotency_key == key:
        if answers is None and not has_draft:
            return _receipt(questionnaire, participation, response, replayed=True)
        _version, clean, _draft = _submission(user, questionnaire, answers)
        if clean == response.answers:
            return _receipt(questionnaire, participation, response, replayed=True)
        raise Conflict(
            _("This idempotency key was already used for different answers."),
            code="idempotency_conflict",
        )
    if answers is None and not has_draft:
        raise Conflict(
            _("You have already responded. Use “Change my answers” to change them."),
            code="already_responded",
        )
    return _update(user, questionnaire, participation, response, answers, key)


def _update(
    user: Any,
    questionnaire: Questionnaire,
    participation: Participation,
    response: Response,
    answers: Mapping[str, Any] | None,
    key: str | None,
) -> Receipt:
    check_open(questionnaire)
    version, clean, draft = _submission(user, questionnaire, answers)
    before = dict(response.answers)
    response.answers = clean
    response.version = version
    response.updated_at = timezone.now()
    response.save(update_fields=["answers", "version", "updated_at"])
    # Published rows stay on show until the next snapshot replaces them.
    response.answer_rows.filter(snapshot__gt=0).update(retired=True)
    response.answer_rows.filter(snapshot__lte=0).delete()
    _write_answer_rows(questionnaire, response, version_definition(version), clean)
    if key:
        participation.idempotency_key = key
        participation.save(update_fields=["idempotency_key"])
    if draft is not None:
        draft.delete()
    changes = diff(before, clean)
    if changes:
        audit_record(
            actor=user, action="questionnaire.response_update", obj=response, changes=changes
        )
    return _receipt(questionnaire, participation, response)


@transaction.atomic
def response_update(
    *,
    user: Any,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> Receipt:
    """Replace an identified response's answers (sent, or else the draft's) until the
    questionnaire closes; the audit record holds the changed answers."""
    if questionnaire.anonymous:
        raise Conflict(
            _("Anonymous responses cannot be changed: nothing links them to you."),
            code="anonymous_final",
        )
    _check_audience(user, questionnaire, None)
    participation = (
        Participation.objects.select_for_update()
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )
    response = (
        Response.objects.select_for_update()
        .filter(questionnaire=questionnaire, respondent=user)
        .first()
    )
    if participation is None or response is None:
        raise ApplicationError(_("You have not responded yet."), code="not_responded")
    key = _check_key(idempotency_key) if idempotency_key is not None else None
    return _update(user, questionnaire, participation, response, answers, key)


def response_receipt(*, user: Any, questionnaire: Questionnaire) -> Receipt | None:
    participation = Participation.objects.filter(questionnaire=questionnaire, user=user).first()
    if participation is None:
        return None
    response = (
        None
        if questionnaire.anonymous
        else Response.objects.filter(questionnaire=questionnaire, respondent=user).first()
    )
    return _receipt(questionnaire, participation, response)
