import factory
from allauth.account.models import EmailAddress

from guild.accounts.models import User
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, Region

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.gc.ca")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


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
