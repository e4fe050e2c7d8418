"""Framework imports are read within bounds: deeply nested JSON, CSV files with too many
lines, and trailing blank lines, through the real import page; nothing is saved when refused."""

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guild.competencies.case import framework_to_csv
from guild.competencies.models import Framework, FrameworkVersion
from guild.competencies.tests.builders import small
from guild.core.uploads import DEFAULT_LIMITS
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

URL = "/en/competencies/frameworks/import/"


def _post(client: Any, community: Community, content: bytes, file_format: str) -> Any:
    return client.post(
        URL,
        {
            "community": str(community.pk),
            "framework": "0",
            "file_format": file_format,
            "title_en": "Digital",
            "title_fr": "Numérique",
            "file": SimpleUploadedFile("f.txt", content, content_type="text/plain"),
        },
    )


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_200000_nested_brackets_are_refused_with_their_place(
    cast: dict[str, Any], im: Community, login: Any, opening: str
) -> None:
    response = _post(login(cast["admin"].user), im, (opening * 200_000).encode(), "case")

    assert response.status_code == 400
    column = 64 * len(opening) + 1
    assert response.context["form"].errors["file"] == [
        f"The file is nested more than 64 levels deep (line 1, column {column})."
    ]
    assert not Framework.objects.exists()


def test_a_csv_over_the_line_limit_stops_there_and_saves_nothing(
    cast: dict[str, Any], im: Community, login: Any
) -> None:
    header = framework_to_csv(small()).split("\r\n")[0]
    lines = [header] + [
        f"F,Family,Famille,C-{n // 4},Name,Nom,,,{n % 4 + 1},Does,Fait,"
        for n in range(DEFAULT_LIMITS.max_rows + 40)
    ]

    started = time.monotonic()
    response = _post(login(cast["admin"].user), im, "\r\n".join(lines).encode(), "csv")

    assert time.monotonic() - started < 20
    assert response.status_code == 400
    limit = DEFAULT_LIMITS.max_rows
    assert response.context["problems"] == [
        (f"row {limit + 1}", f"The file has more than {limit} lines.")
    ]
    assert not FrameworkVersion.objects.exists()


def test_trailing_blank_csv_lines_are_ignored(
    cast: dict[str, Any], im: Community, login: Any
) -> None:
    text = framework_to_csv(small()) + ",,,,,,,,,,,\r\n" * 100_000

    response = _post(login(cast["admin"].user), im, text.encode(), "csv")

    assert response.status_code == 302
    assert FrameworkVersion.objects.get().competencies.count() == 3
