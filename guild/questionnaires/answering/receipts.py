"""What a respondent keeps of a response: the receipt. It names the participation, never
the response, and carries no time for an anonymous questionnaire."""

from dataclasses import dataclass
from datetime import datetime

from guild.core.bilingual import current_language
from guild.questionnaires.models import Participation, Questionnaire, Response


@dataclass(frozen=True)
class Receipt:
    code: str
    questionnaire_id: int
    title_en: str
    title_fr: str
    anonymous: bool
    submitted_at: datetime | None  # not recorded for anonymous questionnaires
    updated_at: datetime | None
    editable_until: datetime | None  # identified questionnaires that are still open
    replayed: bool = False
    # When the questionnaire is open: what tells apart editions with the same title.
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    @property
    def title(self) -> str:
        if current_language() == "fr":
            return self.title_fr or self.title_en
        return self.title_en or self.title_fr


def receipt_of(
    questionnaire: Questionnaire,
    participation: Participation,
    response: Response | None = None,
    *,
    replayed: bool = False,
    now: datetime | None = None,
) -> Receipt:
    """The receipt of a participation; `response` is left out for anonymous ones."""
    identified = not questionnaire.anonymous and response is not None
    editable = identified and questionnaire.is_open(now)
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
        opens_at=questionnaire.opens_at,
        closes_at=questionnaire.closes_at,
    )
