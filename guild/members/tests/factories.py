import factory

from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, Region


class MemberFactory(factory.django.DjangoModelFactory[Member]):
    """Members are built directly for test set-up; tests of writes go through services."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n:05d}")
    work_email = factory.Sequence(lambda n: f"member{n}@example.gc.ca")
    department = factory.LazyFunction(lambda: Department.objects.get(code="esdc"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="ncr"))
    level = factory.LazyFunction(lambda: OccupationalLevel.objects.get(code="IS-04"))
    position_title = "Records Management Officer"
    consent_directory = True
    consent_statistics = True

    @factory.post_generation
    def communities(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.communities.set(extracted or [Community.objects.get(code="im")])
