"""Answering a questionnaire: start, save and resume, submit, change.

Who may answer is decided once, by the door (`access.access_questionnaire_for_answering`
with `to_answer=True`), which gives the pages and the API the `user` and `questionnaire`
these services take. What may be recorded is decided here, the same for both:

* A request's answers are checked in one pass over the definition (`answers.check_answers`),
  which also says which questions they leave shown.
* Notes, calculations and read-only questions hold what the server decides (see
  answers.py): a calculation is worked out again on every save and submission.
* An answer sent to a question that the answers hide is refused (`hidden_question`), on
  the page and in the API alike, never silently dropped: the page shows the error on that
  question, so the respondent empties it or changes the answer that hides it. Answers kept
  in the draft from other sections that the new answers hide are left out of the draft:
  the respondent just changed the answer that asks for that.

Anonymity (ADR 0010): for an anonymous questionnaire the only record of *who* is the
`Participation` row (user, receipt, idempotency key; random id, no time); the `Response`
and `Answer` rows carry no respondent, no time and random ids, and are written in the same
transaction so a response exists exactly when its participation does. The audit log says
that the user took part, never which response is theirs. Nothing here logs answers.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record, diff
from guild.core.errors import ApplicationError
from guild.members.models import Member
from guild.questionnaires.answering.answers import (
    AnswerError,
    answer_rows,
    breakdown_values,
    check_answers,
    derived_codes,
)
from guild.questionnaires.answering.page import declined_defaults
from guild.questionnaires.answering.receipts import Receipt, receipt_of
from guild.questionnaires.answering.wal import forget_deleted_rows
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
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
)

MAX_KEY_LENGTH = 100


class Conflict(ApplicationError):
    """The request clashes with what was already recorded (HTTP 409)."""

    status = 409


@dataclass(frozen=True)
class SavedSection:
    """The draft after saving a section, and the codes of the questions its answers show."""

    draft: ResponseDraft
    shown: frozenset[str]


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


def _check_open(questionnaire: Questionnaire, now: datetime | None = None) -> None:
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


def _raise_answer_errors(errors: Mapping[str, AnswerError]) -> None:
    if errors:
        raise ValidationError({code: [error.message] for code, error in errors.items()})


def _section(definition: Definition, index: int) -> Section:
    if not 0 <= index < len(definition.sections):
        raise ApplicationError(
            _("This questionnaire has no section %(number)s.") % {"number": index + 1},
            code="unknown_section",
            fields={"section": [_("Choose a section of this questionnaire.")]},
        )
    return definition.sections[index]


# ---------------------------------------------------------------------------------------------
# Drafts


def _draft_for(user: User, questionnaire: Questionnaire) -> ResponseDraft | None:
    return (
        ResponseDraft.objects.select_for_update()
        .select_related("version")
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )


def _only_known(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    codes = {q.code for q in definition.questions}
    return {code: value for code, value in answers.items() if code in codes}


def _start(user: User, questionnaire: Questionnaire) -> ResponseDraft:
    _check_open(questionnaire)
    version = _current_version(questionnaire)
    draft = _draft_for(user, questionnaire)
    if draft is not None:
        if draft.version_id != version.pk:
            # A newer version was published: keep the answers it still asks for.
            draft.version = version
            draft.answers = _only_known(version_definition(version), draft.answers)
            known = _only_known(version_definition(version), dict.fromkeys(draft.declined))
            draft.declined = sorted(known)
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
    return ResponseDraft.objects.create(
        questionnaire=questionnaire,
        version=version,
        user=user,
        answers=answers,
        declined=_declined_in(version_definition(version), answers) if answers else [],
    )


def _declined_in(definition: Definition, answers: Mapping[str, Any]) -> list[str]:
    """A submitted response's questions with a default that it showed and left empty: the
    person changing their answers finds them empty, as they left them."""
    shown = check_answers(definition, answers, complete=False).shown
    return declined_defaults((), shown, definition.questions, answers)


@transaction.atomic
def response_start(*, user: User, questionnaire: Questionnaire) -> ResponseDraft:
    """Open (or resume) the user's draft on the latest published version. For an
    identified questionnaire already answered, the draft starts from the given answers,
    so submitting it changes them."""
    return _start(user, questionnaire)


def _section_index(definition: Definition, code: str) -> int:
    """The position of the section `code`; a 400 naming the field when there is none."""
    for index, section in enumerate(definition.sections):
        if section.code == code:
            return index
    raise ApplicationError(
        _("This questionnaire has no section “%(code)s”.") % {"code": code},
        code="unknown_section",
        fields={"section": [_("Choose a section of this questionnaire.")]},
    )


@transaction.atomic
def response_save(
    *,
    user: User,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    section: int | str,
    check_required: bool = True,
    shown_on_page: Collection[str] = (),
) -> SavedSection:
    """Validate one section's answers (`section`: its position or its code) and keep them
    in the user's draft, which is started when there is none. The answers replace
    everything the draft held for that section; answers to questions they hide are
    refused, and answers of other sections they hide leave the draft (see the module's
    docstring). With `check_required` false (save and finish later) missing required
    answers are allowed until submission. `shown_on_page`: the questions the page that
    sends the answers showed; those with a default left empty stay empty when the page is
    shown again (`page.page_defaults`)."""
    draft = _start(user, questionnaire)
    definition = version_definition(draft.version)
    index = section if isinstance(section, int) else _section_index(definition, section)
    current = _section(definition, index)
    section_codes = {q.code for q in current.questions}
    outside = sorted(set(answers) - section_codes)
    if outside:
        raise ValidationError(
            {
                code: [_("This question is not in section %(n)s.") % {"n": index + 1}]
                for code in outside
            }
        )
    kept = {code: value for code, value in draft.answers.items() if code not in section_codes}
    checked = check_answers(
        definition,
        {**kept, **answers},
        complete=False,
        section=current.code if check_required else None,
        earlier=frozenset(kept),
    )
    _raise_answer_errors(checked.errors)
    draft.answers = checked.answers
    draft.declined = declined_defaults(
        draft.declined, shown_on_page, current.questions, checked.answers
    )
    draft.section = max(draft.section, min(index + 1, len(definition.sections)))
    draft.save()
    return SavedSection(draft=draft, shown=checked.shown)


# ---------------------------------------------------------------------------------------------
# Submitting and changing


def counted_in_statistics(user: User) -> bool:
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
            sql = f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE"  # noqa: S608 - the model's table
            cursor.execute(sql, [questionnaire.pk])


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
    user: User, questionnaire: Questionnaire, answers: Mapping[str, Any] | None
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
        version = draft.version
        # What the server decides is worked out again, never read back from the draft.
        derived = derived_codes(version_definition(version))
        raw = {code: value for code, value in draft.answers.items() if code not in derived}
    else:
        version, raw = (draft.version if draft else _current_version(questionnaire)), dict(answers)
    checked = check_answers(version_definition(version), raw, complete=True)
    _raise_answer_errors(checked.errors)
    return version, checked.answers, draft


@transaction.atomic
def response_submit(
    *,
    user: User,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any] | None = None,
    idempotency_key: str,
) -> Receipt:
    """Record the user's complete answers (sent, or else their draft's) and return the
    receipt. Idempotent on `idempotency_key`: the same key returns the first receipt, so a
    double click, a retry or two tabs never make two responses. With another key, an
    identified response is changed (until closing) and an anonymous one is refused."""
    key = _check_key(idempotency_key)
    existing = (
        Participation.objects.select_for_update()
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )
    if existing is not None:
        return _after_participation(user, questionnaire, existing, answers, key)
    _check_open(questionnaire)
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
        # response is taken, with that time (results.snapshots): a time of its own
        # would tell which answers appeared then. The draft's bytes go too.
        transaction.on_commit(forget_deleted_rows)
    return receipt_of(questionnaire, participation, response if identified else None)


def _after_participation(
    user: User,
    questionnaire: Questionnaire,
    participation: Participation,
    answers: Mapping[str, Any] | None,
    key: str,
) -> Receipt:
    if questionnaire.anonymous:
        if participation.idempotency_key == key:
            # A replay. Its content cannot be compared without linking the person to the
            # answers, so the first receipt is returned as is (ADR 0010).
            return receipt_of(questionnaire, participation, replayed=True)
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
            return receipt_of(questionnaire, participation, response, replayed=True)
        _version, clean, _draft = _submission(user, questionnaire, answers)
        if clean == response.answers:
            return receipt_of(questionnaire, participation, response, replayed=True)
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
    user: User,
    questionnaire: Questionnaire,
    participation: Participation,
    response: Response,
    answers: Mapping[str, Any] | None,
    key: str | None,
) -> Receipt:
    _check_open(questionnaire)
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
    return receipt_of(questionnaire, participation, response)
