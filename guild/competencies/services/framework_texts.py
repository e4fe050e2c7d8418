"""Translating a draft framework version on one page: every text written in one
transaction, checked all at once, audited once with what changed."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.models import (
    Competency,
    Family,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.competencies.selectors.framework_texts import TextRow, framework_texts
from guild.competencies.services.frameworks import _check_manager
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError


def _errors(row: TextRow, english: str, french: str) -> list[str]:
    found = []
    if row.required and not english.strip() and not french.strip():
        found.append(_("Give this text in at least one language."))
    for language, text in ((_("English"), english), (_("French"), french)):
        if row.longest is not None and len(text) > row.longest:
            found.append(
                _("The %(language)s text is longer than %(limit)d characters (%(length)d).")
                % {"language": language, "limit": row.longest, "length": len(text)}
            )
    return found


@transaction.atomic
def framework_translate(
    *, actor: AnyUser, version: FrameworkVersion, texts: Mapping[str, tuple[str, str]]
) -> int:
    """Write the (English, French) of each text `texts` names by its key
    (`selectors.framework_texts`); keys not given are left as they are. Refused with every
    error at once (`ValidationError` keyed by text key); returns how many texts changed."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    _check_manager(actor, version.framework.community_id)
    if version.is_published:
        raise ApplicationError(
            _("A published version is frozen: create a new version to change it."),
            code="frozen",
        )
    rows = {row.key: row for row in framework_texts(version)}
    unknown = sorted(set(texts) - set(rows))
    errors: dict[str, list[str]] = {
        key: [_("This text is not part of this version.")] for key in unknown
    }
    changed: dict[str, tuple[str, str]] = {}
    for key, (english, french) in texts.items():
        row = rows.get(key)
        if row is None:
            continue
        found = _errors(row, english, french)
        if found:
            errors[key] = found
        elif (english, french) != (row.english, row.french):
            changed[key] = (english, french)
    if errors:
        raise ValidationError(errors)
    for key, (english, french) in changed.items():
        _write(version, key, english, french)
    if changed:
        audit_record(
            actor=actor,
            action="competency_framework.translate",
            obj=version,
            changes={
                key: [[rows[key].english, rows[key].french], [english, french]]
                for key, (english, french) in changed.items()
            },
        )
    return len(changed)


def _write(version: FrameworkVersion, key: str, english: str, french: str) -> None:
    kind, _dot, rest = key.partition(".")
    if kind == "title":
        version.title_en, version.title_fr = english, french
        version.save(update_fields=["title_en", "title_fr"])
    elif kind == "scale":
        ProficiencyLevel.objects.filter(version=version, level=int(rest)).update(
            name_en=english, name_fr=french
        )
    elif kind == "family":
        Family.objects.filter(version=version, pk=int(rest)).update(name_en=english, name_fr=french)
    elif kind == "competency":
        pk, _dot, part = rest.partition(".")
        Competency.objects.filter(version=version, pk=int(pk)).update(
            **{f"{part}_en": english, f"{part}_fr": french}
        )
    elif kind == "indicator":
        LevelIndicator.objects.filter(competency__version=version, pk=int(rest)).update(
            indicators_en=english, indicators_fr=french
        )
