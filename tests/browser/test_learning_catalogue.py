"""A programme administrator builds the course catalogue from the home page: opens the
catalogue, imports a file with a mistake (refused, every problem located, nothing saved),
imports the course scan, finds a course and what it develops, and opens the coverage
report with the competencies no course develops. In English and in French; every page
passes axe and fits a 390 px screen."""

from pathlib import Path
from typing import Any

import pytest

from guild.demo.learning import CATALOGUE_FILE
from guild.learning.models import Course, Provider
from tests.browser.test_role_journeys import Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = {
    "en": "Records management fundamentals",
    "fr": "Principes fondamentaux de la gestion des documents",
}


def _bad_file(directory: Path) -> Path:
    lines = CATALOGUE_FILE.read_text(encoding="utf-8").splitlines()
    # The second course develops a competency the framework does not have.
    lines[2] = lines[2].replace("RIL-01:2", "RIL-99:2")
    path = directory / "courses-with-a-mistake.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_administrator_imports_the_course_scan_and_reads_its_coverage(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str, tmp_path: Path
) -> None:
    journey = Journey(page, axe_source, language, "learning")
    journey.start(live_server, cast["admin"].user.email)
    main = page.locator("main")

    journey.click(
        main.get_by_role(
            "link", name=t(language, "Course catalogue: courses, providers and imports")
        )
    )
    assert page.locator("h1").inner_text() == t(language, "Course catalogue")
    assert main.locator("#no-courses").count() == 1

    journey.click(main.get_by_role("link", name=t(language, "Import courses (CSV or XLSX)")))
    page.set_input_files("#id_file", str(_bad_file(tmp_path)))
    journey.click(main.locator("form button[type=submit]"))
    problems = main.locator("#import-problems tbody tr")
    assert problems.count() == 1
    assert "RIL-99" in problems.first.inner_text()
    assert problems.first.locator("th code").inner_text() == t(
        language, "line %(row)d, column %(column)s"
    ) % {"row": 3, "column": "competencies"}
    assert not Course.objects.exists() and not Provider.objects.exists()

    page.go_back()
    page.set_input_files("#id_file", str(CATALOGUE_FILE))
    journey.click(main.locator("form button[type=submit]"))
    assert Course.objects.count() == 21
    journey.click(main.locator("#job-result a"))

    assert main.locator("#courses tbody tr").count() == 20
    journey.click(main.get_by_role("link", name=TITLE[language], exact=True))
    assert page.locator("h1").inner_text() == TITLE[language]
    rows = main.locator("#course-competencies tbody tr")
    assert rows.count() == 2
    assert rows.first.locator("th").inner_text().startswith("RIL-01 ")
    assert rows.first.locator("td").last.inner_text().startswith("1")

    breadcrumbs = page.locator("gcds-breadcrumbs")
    journey.click(breadcrumbs.get_by_role("link", name=t(language, "Course catalogue")))
    journey.click(
        main.get_by_role("link", name=t(language, "Coverage of the competency framework"))
    )
    assert page.locator("h1").inner_text() == t(language, "Coverage of the competency framework")
    uncovered = main.locator("#coverage tbody tr", has_text=t(language, "No course"))
    assert [row.locator("th").inner_text()[:6] for row in uncovered.all()] == [
        "LKS-02",
        "DWC-03",
        "LDS-04",
    ]
    journey.finish()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_administrator_adds_a_provider_and_a_course_by_hand(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    journey = Journey(page, axe_source, language, "learning-forms")
    journey.start(live_server, cast["admin"].user.email)
    main = page.locator("main")
    journey.click(
        main.get_by_role(
            "link", name=t(language, "Course catalogue: courses, providers and imports")
        )
    )
    journey.click(main.get_by_role("link", name=t(language, "Learning providers")))
    journey.click(main.get_by_role("link", name=t(language, "Add a provider")))
    page.fill("#id_code", "lac")
    page.fill("#id_name_en", "Library and Archives Canada")
    page.fill("#id_name_fr", "Bibliothèque et Archives Canada")
    page.select_option("#id_kind", "library-archives")
    journey.click(main.get_by_role("button", name=t(language, "Save the provider")))
    assert main.locator("#providers tbody tr").count() == 1

    breadcrumbs = page.locator("gcds-breadcrumbs")
    journey.click(breadcrumbs.get_by_role("link", name=t(language, "Course catalogue")))
    journey.click(main.get_by_role("link", name=t(language, "Add a course")))
    with page.expect_navigation() as refused:
        main.get_by_role("button", name=t(language, "Save the course")).click()
    assert refused.value is not None and refused.value.status == 400
    journey.check()
    # Every missing field is reported at once, each error beside its field.
    assert main.locator(".gcds-field--error").count() == 4
    assert not Course.objects.exists()
    page.select_option(
        "#id_provider",
        label="Bibliothèque et Archives Canada"
        if language == "fr"
        else "Library and Archives Canada",
    )
    page.fill("#id_code", "collections")
    page.fill("#id_title_en", "Building collections")
    page.fill("#id_title_fr", "Développer les collections")
    page.select_option("#id_format", "classroom")
    page.select_option("#id_level_LKS-02", "2")
    journey.click(main.get_by_role("button", name=t(language, "Save the course")))
    title = {"en": "Building collections", "fr": "Développer les collections"}[language]
    assert page.locator("h1").inner_text() == title
    assert main.locator("#course-competencies tbody th").inner_text().startswith("LKS-02 ")
    journey.click(main.get_by_role("link", name=t(language, "Edit the course")))
    assert page.locator("#id_level_LKS-02").input_value() == "2"
    journey.finish()
