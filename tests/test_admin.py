"""Reference data is edited in the admin site, and the edit shows at once in filters."""

import pytest

from guild.organizations.models import Region
from guild.organizations.selectors import reference_choices


@pytest.mark.django_db
def test_platform_administrator_renames_a_region(cast, login) -> None:
    platform = cast["platform"]
    platform.is_staff = platform.is_superuser = True
    platform.save()
    north = Region.objects.get(code="north")
    assert (north.pk, "North") in reference_choices("region")
    response = login(platform).post(
        f"/en/admin/organizations/region/{north.pk}/change/",
        {
            "code": "north",
            "name_en": "The North",
            "name_fr": "Le Nord",
            "order": north.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    north.refresh_from_db()
    assert (north.name_en, north.name_fr) == ("The North", "Le Nord")
    assert (north.pk, "The North") in reference_choices("region")
