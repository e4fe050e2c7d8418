"""Translating a one-language framework draft on its translation page, then publishing it
(issue 11: a framework in one language comes in as a draft to translate)."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.competencies.models import FrameworkVersion
from guild.competencies.selectors.framework_texts import framework_texts
from guild.competencies.services import framework_import_case, framework_publish
from guild.competencies.services.framework_texts import framework_translate
from guild.core.errors import ApplicationError
from guild.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ORDERING = (
    Path(__file__).resolve().parents[3] / "tests/fixtures/outside/case/opensalt-Ordering.json"
)


@pytest.fixture
def draft(cast: dict[str, Any], im: Any) -> FrameworkVersion:
    data = json.loads(ORDERING.read_text(encoding="utf-8"))
    return framework_import_case(actor=cast["admin"].user, community=im, data=data)


def _page_data(version: FrameworkVersion, french: dict[str, str]) -> dict[str, str]:
    """What the page holds, with `french` typed over the French of the texts it names."""
    data = {}
    for index, row in enumerate(framework_texts(version)):
        data[f"t{index}_en"] = row.english
        data[f"t{index}_fr"] = french.get(row.key, row.french)
    return data


def test_the_page_lists_every_text_and_publishing_waits_for_the_french(
    draft: FrameworkVersion, cast: dict[str, Any], login: Any
) -> None:
    admin = cast["admin"].user
    rows = framework_texts(draft)
    # title, 4 levels, 4 families, 24 competencies with a name and a description, no indicators
    assert len(rows) == 1 + 4 + 4 + 24 * 2
    assert (rows[0].key, rows[0].english, rows[0].french) == (
        "title",
        "ACT Holistic Framework, Math",
        "",
    )
    client = login(admin)
    detail = client.get(f"/en/competencies/frameworks/{draft.framework_id}/")
    assert f'href="/en/competencies/frameworks/versions/{draft.pk}/translate/"' in (
        detail.content.decode()
    )
    page = client.get(f"/fr/competencies/frameworks/versions/{draft.pk}/translate/")
    assert page.status_code == 200
    assert "Titre du cadre (Français)" in page.content.decode()
    with pytest.raises(ApplicationError):
        framework_publish(actor=admin, version=draft)
    french = {row.key: f"FR {row.english}" for row in rows if row.english and not row.french}
    saved = client.post(
        f"/en/competencies/frameworks/versions/{draft.pk}/translate/", _page_data(draft, french)
    )
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.title_fr == "FR ACT Holistic Framework, Math"
    event = AuditEvent.objects.get(action="competency_framework.translate")
    assert len(event.changes) == len(french)
    assert framework_publish(actor=admin, version=draft).is_published


def test_every_error_is_shown_at_once_and_nothing_is_saved(
    draft: FrameworkVersion, cast: dict[str, Any], login: Any
) -> None:
    rows = framework_texts(draft)
    family = next(row for row in rows if row.key.startswith("family."))
    data = _page_data(draft, {"title": "x" * 256})
    index = rows.index(family)
    data[f"t{index}_en"] = data[f"t{index}_fr"] = " "
    page = login(cast["admin"].user).post(
        f"/en/competencies/frameworks/versions/{draft.pk}/translate/", data
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "The French text is longer than 255 characters (256)." in text
    assert "Give this text in at least one language." in text
    draft.refresh_from_db()
    assert draft.title_fr == ""


def test_only_managers_reach_a_draft_and_a_tampered_key_is_refused(
    draft: FrameworkVersion, cast: dict[str, Any], login: Any
) -> None:
    url = f"/en/competencies/frameworks/versions/{draft.pk}/translate/"
    assert login(cast["member"].user).get(url).status_code == 404
    assert login(cast["coordinator"].user).get(url).status_code == 404
    with pytest.raises(ValidationError) as refused:
        framework_translate(
            actor=cast["admin"].user, version=draft, texts={"competency.999999.name": ("a", "b")}
        )
    assert refused.value.message_dict == {
        "competency.999999.name": ["This text is not part of this version."]
    }


def test_a_published_version_cannot_be_translated(
    draft: FrameworkVersion, cast: dict[str, Any], login: Any
) -> None:
    admin = cast["admin"].user
    french = {row.key: "fr" for row in framework_texts(draft) if row.english and not row.french}
    framework_translate(
        actor=admin,
        version=draft,
        texts={
            row.key: (row.english, french.get(row.key, row.french))
            for row in framework_texts(draft)
        },
    )
    framework_publish(actor=admin, version=draft)
    url = f"/en/competencies/frameworks/versions/{draft.pk}/translate/"
    assert login(admin).get(url).status_code == 404
    with pytest.raises(ApplicationError):
        framework_translate(actor=admin, version=draft, texts={"title": ("a", "b")})
