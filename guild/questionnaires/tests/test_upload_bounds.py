"""Definition uploads are read within bounds: a small workbook that describes a huge sheet
(rows that only look empty, or a zip that inflates a hundredfold) is refused quickly, at the
first row over the limit, with the place named, and nothing is saved."""

import io
import re
import time
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guild.core.models import Job
from guild.core.uploads import DEFAULT_LIMITS
from guild.organizations.models import Community
from guild.questionnaires.definition.formats import definition_parse
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.services import questionnaire_create
from guild.questionnaires.definition.xlsform import definition_to_xlsform
from guild.questionnaires.models import QuestionnaireVersion
from guild.questionnaires.tests.test_definitions import small

# A zero-width space: the row looks empty but is not, so pyxform never stops reading.
LOOKS_EMPTY = '<row><c t="inlineStr"><is><t>\u200b</t></is></c></row>'
EMPTY = "<row/>"


def _with_rows(row: str, count: int) -> bytes:
    """The small questionnaire's workbook with `count` copies of `row` after its survey."""
    source = zipfile.ZipFile(io.BytesIO(definition_to_xlsform(small())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("</sheetData>", row * count + "</sheetData>")
                # The sheet claims a million rows, as wide as the export writes it.
                text = re.sub(
                    r'<dimension ref="A1:([A-Z]+)[0-9]+"/>',
                    r'<dimension ref="A1:\g<1>1048576"/>',
                    text,
                )
                data = text.encode()
            target.writestr(item.filename, data)
    return out.getvalue()


def _problems(content: bytes) -> list[tuple[str, str, str]]:
    with pytest.raises(DefinitionError) as caught:
        definition_parse(content, "xlsform")
    return [(p.code, p.location, p.message) for p in caught.value.problems]


def test_a_million_rows_that_look_empty_are_refused_in_seconds() -> None:
    content = _with_rows(LOOKS_EMPTY, 1_000_000)
    assert len(content) < 500_000  # the attack: a small file

    started = time.monotonic()
    problems = _problems(content)

    assert time.monotonic() - started < 10  # it took 103 s and 1 GB before
    assert problems == [("file_too_large", "", "The workbook unzips to more than 25 MB.")]


def test_reading_stops_at_the_first_row_over_the_limit() -> None:
    rows = DEFAULT_LIMITS.max_rows
    content = _with_rows(LOOKS_EMPTY, rows)  # the survey's own rows take it over

    started = time.monotonic()
    problems = _problems(content)

    assert time.monotonic() - started < 10
    assert problems == [
        (
            "file_too_large",
            f"survey!{rows + 1}",
            f"The sheet “survey” has more than {rows} rows.",
        )
    ]


def test_trailing_empty_rows_cost_nothing_and_are_ignored() -> None:
    content = _with_rows(EMPTY, 1_000_000)

    started = time.monotonic()
    definition = definition_parse(content, "xlsform")

    assert time.monotonic() - started < 5
    assert definition == small()


@pytest.mark.django_db
def test_the_upload_page_names_the_limit_and_saves_nothing(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    questionnaire = questionnaire_create(
        actor=cast["admin"].user, community=im, slug="pulse", definition=small()
    )
    before = list(QuestionnaireVersion.objects.values())
    client = login(cast["admin"].user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questionnaires:manage_upload", args=[questionnaire.pk]),
            {
                "file": SimpleUploadedFile(
                    "form.xlsx", _with_rows(LOOKS_EMPTY, DEFAULT_LIMITS.max_rows)
                )
            },
        )

    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert f"The sheet “survey” has more than {DEFAULT_LIMITS.max_rows} rows." in body
    assert re.search(rf"<td>survey</td>\s*<td>{DEFAULT_LIMITS.max_rows + 1}</td>", body)
    assert list(QuestionnaireVersion.objects.values()) == before


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(
    cast: dict[str, Any], im: Community, login: Any
) -> None:
    questionnaire = questionnaire_create(
        actor=cast["admin"].user, community=im, slug="pulse", definition=small()
    )
    too_big = b"x" * (DEFAULT_LIMITS.max_bytes + 1)

    response = login(cast["admin"].user).post(
        reverse("questionnaires:manage_upload", args=[questionnaire.pk]),
        {"file": SimpleUploadedFile("form.xlsx", too_big)},
    )

    assert response.status_code == 400
    assert response.context["upload_form"].non_field_errors() == [
        f"The file is larger than {DEFAULT_LIMITS.max_bytes // (1024 * 1024)} MB."
    ]
    assert not Job.objects.exists()
