"""What an evaluation or a recommendation means, as structured reasons and as sentences.

`reasons` gives language-free items (a stable code and its parameters: codes, counts, days)
that the API returns and tests compare; `explain` turns them into sentences in English or
French with Django's gettext under `translation.override`. Translation is not the ORM, so
this stays a pure module, and the evaluation itself never depends on the active language.
Days are written as ISO 8601 dates, which read the same in both languages.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.learning.rules.definition import RuleSet
from guild.learning.rules.evaluation import Evaluation, Kind, RenewalState, Status

Param = str | int | date | tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Param] = field(default_factory=dict)


def reasons(evaluation: Evaluation) -> list[Reason]:
    """Each requirement's state, then the window, the overall result, expiry and renewal."""
    found: list[Reason] = []
    for item in evaluation.requirements:
        if item.kind is Kind.COURSE:
            if item.status is Status.MET:
                found.append(
                    Reason("course_done", {"course": item.code, "date": item.counted[0][1]})
                )
            else:
                found.append(Reason("course_missing", {"course": item.code}))
        elif item.kind is Kind.ELECTIVES:
            found.append(
                Reason("electives", {"group": item.code, "done": item.done, "needed": item.needed})
            )
            if item.status is not Status.MET:
                found.append(
                    Reason(
                        "electives_choose",
                        {
                            "group": item.code,
                            "count": item.needed - item.done,
                            "courses": item.missing,
                        },
                    )
                )
        elif item.kind is Kind.CAPSTONE:
            if item.status is Status.MET:
                found.append(
                    Reason("capstone_done", {"course": item.code, "date": item.counted[0][1]})
                )
            elif item.too_early is not None:
                found.append(
                    Reason("capstone_early", {"course": item.code, "date": item.too_early})
                )
            else:
                found.append(Reason("capstone_missing", {"course": item.code}))
        else:
            params: dict[str, Param] = {
                "competency": item.code,
                "needed": item.needed,
                "have": item.done,
            }
            code = {Status.MET: "level_met", Status.PARTLY: "level_needed"}.get(
                item.status, "level_none"
            )
            found.append(Reason(code, params))
        for course, day in item.lapsed:
            start = evaluation.window_starts or day
            found.append(Reason("course_lapsed", {"course": course, "date": day, "start": start}))
    if evaluation.met_on is not None:
        found.append(Reason("met", {"date": evaluation.met_on}))
    if evaluation.expires_on is not None:
        found.append(Reason("expires", {"date": evaluation.expires_on}))
    renewal = evaluation.renewal
    if renewal is not None and renewal.state is RenewalState.EXPIRED:
        found.append(Reason("renewal_expired", {"date": renewal.expires_on}))
    elif renewal is not None and renewal.state is RenewalState.DUE:
        found.append(Reason("renewal_due", {"date": renewal.expires_on}))
        if renewal.needed:
            found.append(
                Reason(
                    "renewal_courses",
                    {"done": renewal.done, "needed": renewal.needed, "date": renewal.certified_on},
                )
            )
    return found


def _names(codes: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes)


def sentence(
    reason: Reason,
    *,
    courses: Mapping[str, str],
    competencies: Mapping[str, str],
    groups: Mapping[str, str],
) -> str:
    """One reason in the active language."""
    p = reason.params
    values: dict[str, object] = {
        key: value.isoformat() if isinstance(value, date) else value for key, value in p.items()
    }
    if "course" in p:
        values["course"] = courses.get(str(p["course"]), str(p["course"]))
    if "competency" in p:
        values["competency"] = competencies.get(str(p["competency"]), str(p["competency"]))
    if "group" in p:
        values["group"] = groups.get(str(p["group"]), str(p["group"]))
    if isinstance(p.get("courses"), tuple):
        values["courses"] = _names(p["courses"], courses)  # type: ignore[arg-type]
    count = int(p["needed"]) if "needed" in p else int(p.get("count", 0))  # type: ignore[arg-type]
    match reason.code:
        case "course_done":
            text = _("Required course %(course)s: done on %(date)s.")
        case "course_missing":
            text = _("Required course %(course)s: not done yet.")
        case "course_lapsed":
            text = _("%(course)s was completed on %(date)s, before %(start)s: it no longer counts.")
        case "electives":
            text = ngettext(
                "%(group)s: %(done)d of %(needed)d elective done.",
                "%(group)s: %(done)d of %(needed)d electives done.",
                count,
            )
        case "electives_choose":
            text = _("%(group)s: choose %(count)d more from %(courses)s.")
        case "capstone_done":
            text = _("Capstone %(course)s: done on %(date)s.")
        case "capstone_missing":
            text = _("Capstone %(course)s: not done yet; it is taken after the other courses.")
        case "capstone_early":
            text = _(
                "Capstone %(course)s: completed on %(date)s, before the other course "
                "requirements were met; it counts only when taken last."
            )
        case "level_met":
            text = _("%(competency)s at level %(needed)d: met (you have %(have)d).")
        case "level_needed":
            text = _("%(competency)s at level %(needed)d needed, you have %(have)d.")
        case "level_none":
            text = _("%(competency)s at level %(needed)d needed, you have no validated level.")
        case "met":
            text = _("All requirements met on %(date)s.")
        case "expires":
            text = _("A certificate issued then would expire on %(date)s.")
        case "renewal_due":
            text = _("Renewal is due: your certificate expires on %(date)s.")
        case "renewal_expired":
            text = _("Your certificate expired on %(date)s: meet all the requirements again.")
        case "renewal_courses":
            text = ngettext(
                "%(done)d of %(needed)d continuing course completed since %(date)s.",
                "%(done)d of %(needed)d continuing courses completed since %(date)s.",
                count,
            )
        case "closes_course":
            text = _("Completes the required course %(course)s.")
        case "closes_capstone":
            text = _("Completes the capstone %(course)s.")
        case "closes_elective":
            text = _("Counts as an elective in %(group)s.")
        case "closes_level":
            text = _("Develops %(competency)s to level %(level)d (level %(needed)d needed).")
        case "raises_level":
            text = _(
                "Develops %(competency)s to level %(level)d, towards the level %(needed)d needed."
            )
        case _:
            raise ValueError(f"unknown reason {reason.code}")
    return text % values


def explain(
    rules: RuleSet,
    evaluation: Evaluation,
    language: str,
    *,
    courses: Mapping[str, str] | None = None,
    competencies: Mapping[str, str] | None = None,
) -> list[str]:
    """The evaluation's reasons as sentences in `language` ("en" or "fr"); `courses` and
    `competencies` name codes in that language (a code without a name is shown as is)."""
    return sentences(
        rules, reasons(evaluation), language, courses=courses, competencies=competencies
    )


def sentences(
    rules: RuleSet,
    items: Sequence[Reason],
    language: str,
    *,
    courses: Mapping[str, str] | None = None,
    competencies: Mapping[str, str] | None = None,
) -> list[str]:
    groups = {
        group.code: (group.name_fr if language == "fr" else group.name_en)
        or group.name_en
        or group.code
        for group in rules.electives
    }
    with translation.override(language):
        return [
            sentence(item, courses=courses or {}, competencies=competencies or {}, groups=groups)
            for item in items
        ]
