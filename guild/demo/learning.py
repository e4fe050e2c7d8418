"""The demo's course catalogue: providers and courses from the course scan, mapped to the
IM framework, read from `data/learning-catalogue.csv` through the catalogue's own import
service, as an administrator's upload would be."""

from typing import Any

from guild.demo.content import DATA
from guild.learning.models import Course
from guild.learning.services import course_import
from guild.organizations.models import Community

CATALOGUE_FILE = DATA / "learning-catalogue.csv"


def catalogue_file() -> bytes:
    return CATALOGUE_FILE.read_bytes()


def seed_learning(*, community: Community, actor: Any) -> int:
    """Import the demo catalogue unless the community has courses; the courses imported."""
    if Course.objects.filter(provider__community=community).exists():
        return 0
    result = course_import(
        actor=actor, community=community, content=catalogue_file(), file_format="csv"
    )
    return result.courses_created + result.courses_updated
