"""A round's reasons as JSON and back, language-free (a pure module): a pair keeps the
criteria that scored for it, an unmatched person the engine's reasons (or `excluded`, when
the coordinator set their pair aside), and pages, the API and e-mails write them in the
reader's language when shown, so a round run in English reads in French too.

A pair's reasons: [{"criterion": "goals", "codes": ["leadership"], "points": "2"}, …].
An unmatched person's: [{"code": "no_candidate", "params": {…}}, …], where the people a
`full` or `taken` reason names are [[member id, "yours", "theirs"], …] and the rules'
counts [[rule, count], …].

Members read a short sentence that names nobody (`member_sentence`): the people a reason
names are other members, whom only the pool's coordinators may see."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from guild.mentoring.matching import Criterion, Reason, Role, pair_sentences, unmatched_sentences
from guild.mentoring.matching import Pair as EnginePair
from guild.mentoring.matching import Unmatched as EngineUnmatched
from guild.mentoring.matching.explain import RULE_NAMES

EXCLUDED = "excluded"


def criteria_json(criteria: Sequence[Criterion]) -> list[dict[str, Any]]:
    return [
        {"criterion": c.name, "codes": list(c.codes), "points": str(c.points)} for c in criteria
    ]


def criteria_from_json(data: Sequence[Mapping[str, Any]]) -> tuple[Criterion, ...]:
    return tuple(
        Criterion(str(c["criterion"]), tuple(str(x) for x in c["codes"]), Decimal(c["points"]))
        for c in data
    )


def _param_json(name: str, value: Any) -> Any:
    if name == "people":
        return [[int(i), str(yours), str(theirs)] for i, yours, theirs in value]
    if name == "counts":
        return [[str(rule), int(count)] for rule, count in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def _param(name: str, value: Any) -> Any:
    if name == "people":
        return tuple((int(i), Decimal(yours), Decimal(theirs)) for i, yours, theirs in value)
    if name == "counts":
        return tuple((str(rule), int(count)) for rule, count in value)
    return value


def reasons_json(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [
        {"code": r.code, "params": {k: _param_json(k, v) for k, v in r.params.items()}}
        for r in reasons
    ]


def reasons_from_json(data: Sequence[Mapping[str, Any]]) -> tuple[Reason, ...]:
    return tuple(
        Reason(str(r["code"]), {k: _param(k, v) for k, v in (r.get("params") or {}).items()})
        for r in data
    )


def pair_reason_sentences(
    first: int,
    second: int,
    score: Decimal,
    data: Sequence[Mapping[str, Any]],
    *,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """A stored pair's reasons in the active language; `labels` names the codes."""
    pair = EnginePair(first, second, score, criteria_from_json(data))
    return pair_sentences(pair, labels=labels)


def unmatched_reason_sentences(
    member: int,
    role: str,
    data: Sequence[Mapping[str, Any]],
    *,
    names: Mapping[int, str] | None = None,
) -> list[str]:
    """A stored unmatched person's reasons in full, for the pool's coordinators."""
    reasons = reasons_from_json(data)
    out = [_("The coordinator set the proposed pair aside.") for r in reasons if r.code == EXCLUDED]
    engine = tuple(r for r in reasons if r.code != EXCLUDED)
    if engine:
        out += unmatched_sentences(EngineUnmatched(member, Role(role), engine), names=names)
    return out


def member_sentence(reason: Mapping[str, Any]) -> str:
    """One reason for the unmatched member themself, naming nobody."""
    code = reason.get("code")
    params = reason.get("params") or {}
    if code == EXCLUDED:
        return _("The coordinator set the proposed pair aside.")
    if code == "empty":
        return _("Nobody else was in this round.")
    if code == "no_candidate":
        rule = RULE_NAMES.get(str(params.get("rule")))
        return _(
            "The pool's rules left no one who could be paired with you; the rule that left "
            "out the most people is “%(rule)s”."
        ) % {"rule": rule or "?"}
    return _(
        "Everyone who could be paired with you was already paired with someone who fits "
        "them at least as well."
    )
