"""API: an intake's success measures, with the same figures and withheld reasons as the
page and the PDF (ADR 19)."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_language
from ninja import Field, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.api_schemas import Hidden, hidden_json
from guild.core.bilingual import localize
from guild.core.disclosure import DEFAULT_THRESHOLD
from guild.programmes import access
from guild.programmes.measures import Measure, withheld_notes
from guild.programmes.models import ThemeSource
from guild.programmes.selectors.reports import success_measures
from guild.programmes.services.evaluations import evaluations_publish_due

router = Router(tags=["programmes"])


class MeasureOut(Schema):
    code: str = Field(description="event_attendance, understanding, group_attendance or benefit")
    title: str
    definition: str
    published: bool
    percent: int | None = Field(description="Rounded half up; null when withheld.")
    n: int | Hidden = Field(
        description="Participants counted (attendance) or answers (evaluations); hidden "
        "under the threshold."
    )
    response_rate: int | None = Field(
        description="Answers ÷ people the published evaluations were sent to, in percent; "
        "null for attendance and when withheld."
    )
    withheld: str | None = Field(description="null, no_data or too_few")
    withheld_reason: str | None


class ThemesOut(Schema):
    participants: list[str]
    supervisors: list[str]


class SuccessMeasuresOut(Schema):
    intake_id: int
    threshold: int
    measures: list[MeasureOut]
    themes: ThemesOut = Field(description="Theme names, the most tagged first; no counts.")
    withheld: list[str] = Field(description="What the report does not publish, and why.")


def _measure(measure: Measure) -> MeasureOut:
    return MeasureOut(
        code=measure.code,
        title=measure.title,
        definition=measure.definition,
        published=measure.published,
        percent=measure.percent,
        n=hidden_json(measure.n),
        response_rate=measure.response_rate,
        withheld=measure.withheld,
        withheld_reason=measure.withheld_text,
    )


@router.get(
    "/intakes/{intake_id}/success-measures",
    response={200: SuccessMeasuresOut, codes_4xx: ErrorOut},
    operation_id="programmes_success_measures",
)
def intake_success_measures(
    request: HttpRequest, intake_id: int, language: str = ""
) -> SuccessMeasuresOut:
    """The intake's success measures for the whole cohort, in `language` (en or fr; the
    request's by default). A measure counting fewer people than the threshold is withheld,
    its n hidden; none is broken down."""
    intake = access.access_intake_reports(request.user, intake_id)
    chosen = "fr" if (language or get_language() or "en").startswith("fr") else "en"
    evaluations_publish_due(intake=intake)
    with translation.override(chosen):
        report = success_measures(intake)
        themes = {
            source.value: [
                localize(t, "name", chosen).text for t in report.themes.get(source.value, [])
            ]
            for source in ThemeSource
        }
        return SuccessMeasuresOut(
            intake_id=intake.pk,
            threshold=DEFAULT_THRESHOLD,
            measures=[_measure(m) for m in report.measures],
            themes=ThemesOut(**themes),
            withheld=[str(note) for note in withheld_notes(DEFAULT_THRESHOLD)],
        )
