"""The reference data that migration 0002 loads: exact facts, and idempotence."""

import importlib

import pytest
from django.apps import apps

from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)

MODELS = [Community, WorkStream, Department, Region, OccupationalGroup, OccupationalLevel]


def _counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


@pytest.mark.django_db
def test_the_three_communities():
    assert set(Community.objects.values_list("code", flat=True)) == {"im", "it", "hr"}
    im = Community.objects.get(code="im")
    assert im.name_en == "Information Management community"
    assert im.name_fr == "Communauté de la gestion de l'information"
    for community in Community.objects.all():
        assert community.is_active
        assert community.description_en
        assert community.description_fr


@pytest.mark.django_db
def test_work_streams_per_community():
    assert WorkStream.objects.filter(community__code="im").count() >= 12
    for community in Community.objects.all():
        assert community.work_streams.count() >= 5, community.code
    atip = WorkStream.objects.get(community__code="im", code="atip")
    assert atip.name_fr == (
        "Accès à l'information et protection des renseignements personnels (AIPRP)"
    )
    assert WorkStream.objects.filter(community__code="hr", code="staffing").exists()
    assert WorkStream.objects.filter(community__code="it", code="cyber-security").exists()


@pytest.mark.django_db
def test_departments_are_bilingual_and_distinct():
    departments = list(Department.objects.active())
    assert len(departments) >= 40
    for department in departments:
        assert department.name_en and department.name_fr, department.code
        assert department.acronym_en and department.acronym_fr, department.code
        assert department.name_en != department.name_fr, department.code
    for field in ("code", "name_en", "name_fr", "acronym_en", "acronym_fr"):
        values = [getattr(department, field) for department in departments]
        assert len(values) == len(set(values)), field


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "acronym_en", "acronym_fr", "name_en", "name_fr"),
    [
        (
            "esdc",
            "ESDC",
            "EDSC",
            "Employment and Social Development Canada",
            "Emploi et Développement social Canada",
        ),
        ("cra", "CRA", "ARC", "Canada Revenue Agency", "Agence du revenu du Canada"),
        ("nrcan", "NRCan", "RNCan", "Natural Resources Canada", "Ressources naturelles Canada"),
        (
            "pspc",
            "PSPC",
            "SPAC",
            "Public Services and Procurement Canada",
            "Services publics et Approvisionnement Canada",
        ),
        (
            "tbs",
            "TBS",
            "SCT",
            "Treasury Board of Canada Secretariat",
            "Secrétariat du Conseil du Trésor du Canada",
        ),
        ("lac", "LAC", "BAC", "Library and Archives Canada", "Bibliothèque et Archives Canada"),
        (
            "csps",
            "CSPS",
            "EFPC",
            "Canada School of Public Service",
            "École de la fonction publique du Canada",
        ),
        ("statcan", "StatCan", "StatCan", "Statistics Canada", "Statistique Canada"),
    ],
)
def test_department_names_and_acronyms(code, acronym_en, acronym_fr, name_en, name_fr):
    department = Department.objects.get(code=code)
    assert (department.acronym_en, department.acronym_fr) == (acronym_en, acronym_fr)
    assert (department.name_en, department.name_fr) == (name_en, name_fr)


@pytest.mark.django_db
def test_regions_in_order():
    assert list(Region.objects.values_list("code", flat=True)) == [
        "ncr",
        "atlantic",
        "quebec",
        "ontario",
        "prairies",
        "bc",
        "north",
        "outside",
    ]
    assert Region.objects.get(code="ncr").name_fr == "Région de la capitale nationale"
    assert Region.objects.get(code="outside").name_fr == "À l'extérieur du Canada"


@pytest.mark.django_db
def test_occupational_groups_and_levels():
    level = OccupationalLevel.objects.get(code="IS-04")
    assert level.group.code == "IS"
    assert level.level == 4
    assert OccupationalLevel.objects.filter(group__code="IS").count() == 6
    assert OccupationalLevel.objects.filter(group__code="EX").count() == 5
    assert OccupationalGroup.objects.get(code="IS").name_fr == "Services d'information"
    for level in OccupationalLevel.objects.select_related("group"):
        assert level.code == f"{level.group.code}-{level.level:02d}"


@pytest.mark.django_db
def test_historical_groups_are_kept_but_inactive():
    assert not OccupationalGroup.objects.get(code="CS").is_active
    assert not OccupationalLevel.objects.active().filter(group__code="CS").exists()
    assert OccupationalGroup.objects.active().filter(code="IT").exists()


@pytest.mark.django_db
def test_loading_again_duplicates_nothing():
    migration = importlib.import_module("guild.organizations.migrations.0002_reference_data")
    before = _counts()
    assert all(before.values())
    migration.load_reference_data(apps, None)
    assert _counts() == before


@pytest.mark.django_db
def test_loading_again_restores_names_but_keeps_retired_rows_retired():
    migration = importlib.import_module("guild.organizations.migrations.0002_reference_data")
    Department.objects.filter(code="cra").update(name_fr="Revenu Canada", is_active=False)
    migration.load_reference_data(apps, None)
    cra = Department.objects.get(code="cra")
    assert cra.name_fr == "Agence du revenu du Canada"
    assert not cra.is_active
