"""A draft may lack French (or English); the translation page and a translator's workbook
fill it in, all or nothing; publishing requires both languages and says where to go."""

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from guild.core.errors import ApplicationError
from guild.core.models import AuditEvent, Job
from guild.organizations.models import Community
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.services import (
    questionnaire_create,
    version_publish,
    version_translate,
)
from guild.questionnaires.definition.translation import (
    translation_entries,
    translation_workbook,
    with_texts,
)
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.models import Questionnaire, VersionStatus

pytestmark = pytest.mark.django_db

KEYS = [
    "title",
    "sections[0].title",
    "sections[0].questions[0].label",
    "sections[0].questions[0].options[0].label",
    "sections[0].questions[0].options[1].label",
    "sections[0].questions[1].label",
    "sections[0].questions[1].help",
]
FRENCH = {
    "title": "Sondage",
    "sections[0].title": "À propos",
    "sections[0].questions[0].label": "Ministère",
    "sections[0].questions[0].options[0].label": "EDSC",
    "sections[0].questions[0].options[1].label": "ARC",
    "sections[0].questions[1].label": "Heures",
    "sections[0].questions[1].help": "Par semaine",
}


def english_only() -> Definition:
    """Six texts in English only; the CRA option is in both languages."""
    return Definition(
        title=Text("Survey", ""),
        sections=(
            Section(
                "about",
                Text("About", ""),
                None,
                (
                    Question(
                        "dept",
                        QuestionType.SINGLE,
                        Text("Department", ""),
                        options=(
                            Option("esdc", Text("ESDC", "")),
                            Option("cra", Text("CRA", "ARC")),
                        ),
                        breakdown=Breakdown.DEPARTMENT,
                        required=True,
                    ),
                    Question(
                        "hours",
                        QuestionType.INTEGER,
                        Text("Hours", ""),
                        help=Text("Per week", ""),
                        minimum=Decimal(0),
                        maximum=Decimal(60),
                    ),
                ),
            ),
        ),
    )


@pytest.fixture
def draft(cast: dict[str, Any], im: Community) -> Questionnaire:
    return questionnaire_create(
        actor=cast["admin"].user, community=im, slug="pulse", definition=english_only()
    )


def _draft_definition(questionnaire: Questionnaire) -> Definition:
    return definition_from_json(questionnaire.versions.get(status=VersionStatus.DRAFT).definition)


def _field(key: str, language: str) -> str:
    return f"{key.replace('[', '-').replace(']', '').replace('.', '-')}-{language}"


def test_every_text_has_a_stable_key_and_can_be_replaced() -> None:
    definition = english_only()

    entries = translation_entries(definition)
    translated = with_texts(
        definition, {k: (e.text.en, FRENCH[k]) for k, e in zip(KEYS, entries, strict=True)}
    )

    assert [e.key for e in entries] == KEYS
    assert [e.text.fr for e in translation_entries(translated)] == [FRENCH[k] for k in KEYS]
    assert translated.sections[0].questions[0].options[1].label == Text("CRA", "ARC")
    assert translated.sections[0].questions[1].minimum == Decimal(0)
    cleared = with_texts(definition, {"sections[0].questions[1].help": ("", "")})
    assert cleared.sections[0].questions[1].help is None


def test_a_draft_in_one_language_cannot_be_published_until_translated(
    cast: dict[str, Any], draft: Questionnaire, login: Any
) -> None:
    client = login(cast["admin"].user)

    response = client.post(reverse("questionnaires:manage_publish", args=[draft.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:manage_detail", args=[draft.pk])
    translate = reverse("questionnaires:manage_translate", args=[draft.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "6 texts have no translation yet: give every text in English and in French before "
        f'publishing. <a href="{translate}">Translate the texts</a>'
    ]
    assert draft.versions.get().status == VersionStatus.DRAFT
    detail = client.get(reverse("questionnaires:manage_detail", args=[draft.pk])).content.decode()
    assert "6 texts of version 1 have no translation yet" in detail
    assert f'href="{translate}"' in detail

    page = client.get(translate)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<textarea") == 2 * len(KEYS)
    assert 'name="sections-0-questions-0-options-1-label-fr"' in html
    assert "Question “dept”, option “cra”" in html

    saved = client.post(
        translate,
        {
            **{
                _field(k, "en"): e.text.en
                for k, e in zip(KEYS, translation_entries(english_only()), strict=True)
            },
            **{_field(k, "fr"): FRENCH[k] for k in KEYS},
        },
    )

    assert saved.status_code == 302 and saved["Location"] == translate
    assert [e.text.fr for e in translation_entries(_draft_definition(draft))] == [
        FRENCH[k] for k in KEYS
    ]
    event = AuditEvent.objects.get(action="questionnaire_version.translate")
    assert event.changes == {
        "number": 1,
        "texts": sorted(k for k in KEYS if k != "sections[0].questions[0].options[1].label"),
        "untranslated": 0,
    }
    published = client.post(reverse("questionnaires:manage_publish", args=[draft.pk]))
    assert published.status_code == 302
    assert draft.versions.get().status == VersionStatus.PUBLISHED


def test_the_service_refuses_publishing_with_the_count(
    cast: dict[str, Any], draft: Questionnaire
) -> None:
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=cast["admin"].user, questionnaire=draft)

    assert refused.value.code == "untranslated"
    assert str(refused.value.message) == (
        "6 texts have no translation yet: give every text in English and in French before "
        "publishing."
    )


def test_the_translation_page_shows_every_error_at_once_and_saves_nothing(
    cast: dict[str, Any], draft: Questionnaire, login: Any
) -> None:
    client = login(cast["admin"].user)
    entries = translation_entries(english_only())
    data = {_field(e.key, "en"): e.text.en for e in entries}
    data[_field("title", "fr")] = "x" * 2001
    data[_field("sections[0].questions[0].options[0].label", "en")] = "y" * 2001

    response = client.post(reverse("questionnaires:manage_translate", args=[draft.pk]), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "title-fr": ["This text is longer than 2000 characters."],
        "sections-0-questions-0-options-0-label-en": ["This text is longer than 2000 characters."],
    }
    assert _draft_definition(draft) == english_only()
    assert not AuditEvent.objects.filter(action="questionnaire_version.translate").exists()


def _workbook_rows(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content))["translation"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _workbook(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "translation"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(
    client: Any, questionnaire: Questionnaire, name: str, content: bytes, capture: Any
) -> Any:
    with capture(execute=True):
        return client.post(
            reverse("questionnaires:manage_translation_upload", args=[questionnaire.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )


def test_a_translators_workbook_goes_out_and_comes_back(
    cast: dict[str, Any], draft: Questionnaire, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)

    download = client.get(reverse("questionnaires:manage_translation_download", args=[draft.pk]))

    assert download["Content-Disposition"] == 'attachment; filename="pulse-v1-translation.xlsx"'
    rows = _workbook_rows(download.content)
    assert rows == [
        ["key", "English", "French"],
        ["title", "Survey", None],
        ["sections[0].title", "About", None],
        ["sections[0].questions[0].label", "Department", None],
        ["sections[0].questions[0].options[0].label", "ESDC", None],
        ["sections[0].questions[0].options[1].label", "CRA", "ARC"],
        ["sections[0].questions[1].label", "Hours", None],
        ["sections[0].questions[1].help", "Per week", None],
    ]

    filled = _workbook([rows[0], *([key, en, FRENCH[key]] for key, en, _fr in rows[1:])])
    response = _upload(client, draft, "traduction.xlsx", filled, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert (job.kind, job.status) == ("questionnaires.translation_import", Job.Status.SUCCEEDED)
    assert job.outcome["link"]["en"] == {
        "url": reverse("questionnaires:manage_translate", args=[draft.pk]),
        "label": "Open the translation page",
    }
    assert [e.text.fr for e in translation_entries(_draft_definition(draft))] == [
        FRENCH[k] for k in KEYS
    ]
    version_publish(actor=cast["admin"].user, questionnaire=draft)


def test_a_workbook_with_unknown_keys_or_changed_english_changes_nothing(
    cast: dict[str, Any], draft: Questionnaire, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    content = _workbook(
        [
            ["key", "English", "French"],
            ["title", "Survey", "Sondage"],
            ["sections[9].title", "Nowhere", "Nulle part"],
            ["sections[0].title", "About us", "À propos"],
            ["title", "Survey", "Encore"],
            [None, None, None],
            ["", "Orphan", "Orphelin"],
        ]
    )

    _upload(client, draft, "t.xlsx", content, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    problems = job.outcome["refusal"]["en"]["problems"]
    assert [(p["sheet"], p["row"], p["column"], p["message"]) for p in problems] == [
        ("translation", 3, "key (A)", "“sections[9].title” names no text of the draft."),
        (
            "translation",
            4,
            "English (B)",
            "The English text is not the draft's (“About”): change English on the translation "
            "page, and only French in this file.",
        ),
        ("translation", 5, "key (A)", "“title” appears twice in the file."),
        ("translation", 7, "key (A)", "The key is missing."),
    ]
    assert _draft_definition(draft) == english_only()


def test_a_workbook_with_other_headers_is_refused_where_they_are(
    cast: dict[str, Any], draft: Questionnaire, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = _workbook([["key", "Anglais", "Français"], ["title", "Survey", "Sondage"]])

    _upload(login(cast["admin"].user), draft, "t.xlsx", content, django_capture_on_commit_callbacks)

    problems = Job.objects.get().outcome["refusal"]["en"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(1, "English (B)"), (1, "French (C)")]
    assert _draft_definition(draft) == english_only()


def test_hostile_workbooks_are_refused_and_nothing_changes(
    cast: dict[str, Any], draft: Questionnaire, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    capture = django_capture_on_commit_callbacks

    wrong_name = _upload(client, draft, "t.csv", b"key,English,French\n", capture)
    too_big = _upload(client, draft, "t.xlsx", b"x" * (5 * 1024 * 1024 + 1), capture)

    assert (wrong_name.status_code, too_big.status_code) == (400, 400)
    assert wrong_name.context["upload_form"].errors == {
        "file": ["Upload an Excel workbook (.xlsx)."]
    }
    assert too_big.context["upload_form"].errors == {"__all__": ["The file is larger than 5 MB."]}
    assert not Job.objects.exists()

    _upload(client, draft, "t.xlsx", b"PK not really a workbook", capture)
    not_a_workbook = Job.objects.get()
    assert not_a_workbook.status == Job.Status.FAILED
    assert [p["message"] for p in not_a_workbook.outcome["refusal"]["en"]["problems"]] == [
        "The file is not an Excel workbook (.xlsx)."
    ]

    rows = [["key", "English", "French"]] + [["title", "Survey", "Sondage"]] * 20_000
    _upload(client, draft, "t.xlsx", _workbook(rows), capture)
    too_long = Job.objects.exclude(pk=not_a_workbook.pk).get()
    assert too_long.status == Job.Status.FAILED
    assert too_long.outcome["refusal"]["en"]["summary"] == (
        "The sheet “translation” has more than 20000 rows."
    )
    assert _draft_definition(draft) == english_only()


def test_others_cannot_translate_or_download(
    cast: dict[str, Any], draft: Questionnaire, login: Any
) -> None:
    member = login(cast["member"].user)
    names = ("manage_translate", "manage_translation_download")

    assert [
        member.get(reverse(f"questionnaires:{n}", args=[draft.pk])).status_code for n in names
    ] == [404, 404]
    assert (
        member.post(
            reverse("questionnaires:manage_translate", args=[draft.pk]),
            {_field("title", "fr"): "Piraté"},
        ).status_code
        == 404
    )
    with pytest.raises(ApplicationError):
        version_translate(
            actor=cast["member"].user, questionnaire=draft, texts={"title": ("Survey", "Piraté")}
        )
    assert _draft_definition(draft) == english_only()


def test_the_workbook_lists_only_texts_the_definition_has() -> None:
    rows = _workbook_rows(translation_workbook(english_only()))

    assert [row[0] for row in rows[1:]] == KEYS


def test_a_json_file_in_one_language_comes_straight_in_as_a_draft(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = json.dumps(definition_to_json(english_only())).encode()
    with django_capture_on_commit_callbacks(execute=True):
        login(cast["admin"].user).post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "pulse",
                "start": "upload",
                "file": SimpleUploadedFile("pulse.json", content),
            },
        )

    job = Job.objects.get()
    questionnaire = Questionnaire.objects.get()
    assert job.status == Job.Status.SUCCEEDED
    assert _draft_definition(questionnaire) == english_only()
    assert (questionnaire.title_en, questionnaire.title_fr) == ("Survey", "Survey")
    with pytest.raises(ApplicationError):
        version_publish(actor=cast["admin"].user, questionnaire=questionnaire)
