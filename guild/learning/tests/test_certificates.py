"""Certificates: issued automatically exactly when the rules are met (once), by an
administrator only with a reason, revoked with a reason; the public verification page shows
the live status at once and rejects a tampered credential; the signed credential is valid
Open Badges 3.0 and verifies with an independent library."""

import datetime
import json
from typing import Any

import jwt as pyjwt
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone, translation

from guild.competencies.models import CurrentAssessment, FrameworkVersion
from guild.core.errors import NotFound
from guild.core.models import AuditEvent
from guild.learning.access import access_programme
from guild.learning.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    Completion,
    Course,
)
from guild.learning.rules.definition import RulesError
from guild.learning.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certification_check,
    certification_check_member,
    issuer_public_jwk,
    programme_save,
)
from guild.learning.tests.conftest import make_course
from guild.learning.tests.test_credentials import VALIDATOR
from guild.members.models import Member
from guild.organizations.models import Community

pytestmark = [
    pytest.mark.django_db,
]

TODAY = timezone.localdate()
RULES = {
    "code": "im-basics",
    "required": ["c101"],
    "electives": [{"code": "practice", "choose": 1, "courses": ["c201", "c202"]}],
    "levels": {"RIL-01": 2},
    "validity_years": 3,
}


def make_programme(admin: Any, community: Community) -> CertificationProgramme:
    """The programme of RULES, with its three courses in the community's catalogue."""
    for code in ("c101", "c201", "c202"):
        make_course(admin, community, code=code)
    return programme_save(
        actor=admin,
        community=community,
        code="im-basics",
        name_en="IM Basics",
        name_fr="Notions de base en GI",
        rules=RULES,
    )


@pytest.fixture
def programme(cast: dict[str, Any], im: Community, version: FrameworkVersion) -> Any:
    return make_programme(cast["admin"].user, im)


def complete(member: Member, code: str, days_ago: int = 10) -> None:
    Completion.objects.create(
        member=member,
        course=Course.objects.get(code=code),
        completed_on=TODAY - datetime.timedelta(days=days_ago),
        result="completed",
        source="administrator",
    )


def validate(member: Member, version: FrameworkVersion, code: str, level: int) -> None:
    CurrentAssessment.objects.create(
        member=member,
        competency=version.competencies.get(code=code),
        self_level=level,
        validated_level=level,
        updated_at=timezone.now(),
    )


def certified(member: Member, programme: Any, version: FrameworkVersion) -> Certificate:
    complete(member, "c101")
    complete(member, "c202", days_ago=5)
    validate(member, version, "RIL-01", 2)
    certificate = certification_check(member=member, programme=programme)
    assert certificate is not None
    return certificate


def test_rules_naming_courses_the_community_does_not_have_are_refused(
    cast: dict[str, Any], im: Community, version: FrameworkVersion
) -> None:
    with pytest.raises(RulesError) as refused:
        programme_save(
            actor=cast["admin"].user,
            community=im,
            code="bad",
            name_en="Bad",
            name_fr="Mauvais",
            rules={"code": "bad", "required": ["nowhere"], "levels": {"NOPE-9": 2}},
        )
    assert sorted(refused.value.fields) == ["$.levels.NOPE-9", "$.required[0]"]
    assert not CertificationProgramme.objects.exists()


def test_a_member_who_is_not_an_administrator_cannot_create_a_programme(
    cast: dict[str, Any], im: Community, version: FrameworkVersion
) -> None:
    with pytest.raises(NotFound):
        programme_save(
            actor=cast["member"].user,
            community=im,
            code="x",
            name_en="X",
            name_fr="X",
            rules={"code": "x", "required": []},
        )
    assert not CertificationProgramme.objects.exists()


def test_the_certificate_is_issued_exactly_when_every_rule_is_met_and_only_once(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    member = cast["member"]
    complete(member, "c101")
    assert certification_check(member=member, programme=programme) is None
    complete(member, "c202", days_ago=5)
    assert certification_check(member=member, programme=programme) is None
    validate(member, version, "RIL-01", 1)
    assert certification_check(member=member, programme=programme) is None
    assert not Certificate.objects.exists()

    CurrentAssessment.objects.filter(member=member).update(self_level=2, validated_level=2)
    certificate = certification_check(member=member, programme=programme)
    assert certificate is not None
    assert certification_check(member=member, programme=programme) is None
    assert Certificate.objects.filter(member=member).count() == 1

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert certificate.issued_by is None and certificate.issue_reason == ""
    assert (
        len(certificate.code) >= 26 and certificate.code.replace("-", "").replace("_", "").isalnum()
    )
    assert certificate.valid_until is not None
    assert certificate.valid_until.date() == TODAY.replace(year=TODAY.year + 3)
    assert certificate.snapshot == {
        "holder": "Mia Member",
        "programme": {
            "code": "im-basics",
            "name_en": "IM Basics",
            "name_fr": "Notions de base en GI",
        },
        "rules_version": 1,
        "evaluated_on": TODAY.isoformat(),
        "met": True,
        "courses": [
            {
                "code": "c101",
                "title_en": "IM Leadership Course c101",
                "title_fr": "Cours de leadership en GI c101",
                "date": (TODAY - datetime.timedelta(days=10)).isoformat(),
            },
            {
                "code": "c202",
                "title_en": "IM Leadership Course c202",
                "title_fr": "Cours de leadership en GI c202",
                "date": (TODAY - datetime.timedelta(days=5)).isoformat(),
            },
        ],
        "levels": [{"competency": "RIL-01", "level": 2, "needed": 2}],
    }
    assert AuditEvent.objects.filter(
        action="learning.certificate_issue", object_id=str(certificate.pk)
    ).exists()


def test_the_signed_credential_is_open_badges_3_and_verifies_with_pyjwt(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    certificate = certified(cast["member"], programme, version)
    public = issuer_public_jwk()
    claims = pyjwt.decode(
        certificate.token,
        pyjwt.PyJWK(public).key,
        algorithms=["EdDSA"],
        options={"require": ["iss", "jti", "sub", "nbf", "exp"]},
    )
    assert sorted(VALIDATOR.iter_errors(claims), key=str) == []
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == "Mia Member"
    assert claims["credentialSubject"]["achievement"]["name"] == "IM Basics"
    assert claims["credentialStatus"]["id"].endswith(f"/en/verify/{certificate.code}/")
    assert "Mia" not in claims["credentialSubject"]["id"]


def test_an_administrator_issues_only_with_a_reason_and_it_supersedes_the_active_one(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    admin, member = cast["admin"].user, cast["member"]
    with pytest.raises(ValidationError) as refused:
        certificate_issue(actor=admin, member=member, programme=programme, reason="  ")
    assert refused.value.message_dict == {
        "reason": ["Give the reason for issuing this certificate."]
    }
    assert not Certificate.objects.exists()
    with pytest.raises(NotFound):
        certificate_issue(
            actor=cast["member"].user, member=member, programme=programme, reason="Me"
        )
    assert not Certificate.objects.exists()

    first = certificate_issue(
        actor=admin, member=member, programme=programme, reason="Equivalent training abroad"
    )
    assert (first.issued_by, first.issue_reason) == (admin, "Equivalent training abroad")
    second = certificate_issue(actor=admin, member=member, programme=programme, reason="Fix")
    first.refresh_from_db()
    assert (first.status, first.superseded_by) == (CertificateStatus.SUPERSEDED, second)
    assert second.status == CertificateStatus.ACTIVE


def test_revoking_needs_a_reason_and_the_verification_page_says_so_at_once(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    certificate = certified(cast["member"], programme, version)
    page = Client().get(f"/en/verify/{certificate.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "This certificate is valid." in text
    assert "Mia Member" in text and "IM Basics" in text
    assert "The signed credential is intact" in text

    with pytest.raises(ValidationError):
        certificate_revoke(actor=cast["admin"].user, certificate=certificate, reason="")
    with pytest.raises(NotFound):
        certificate_revoke(actor=cast["member"].user, certificate=certificate, reason="No")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE

    certificate_revoke(
        actor=cast["admin"].user, certificate=certificate, reason="Plagiarised capstone"
    )
    text = Client().get(f"/en/verify/{certificate.code}/").content.decode()
    with translation.override("en"):
        day = formats.date_format(TODAY, "DATE_FORMAT")
    assert f"<strong>This certificate was revoked on {day}.</strong>" in text
    assert "Plagiarised" not in text


def _retoken(token: str, change: Any) -> str:
    header, payload, signature = token.split(".")
    data = json.loads(pyjwt.utils.base64url_decode(payload))
    change(data)
    encoded = pyjwt.utils.base64url_encode(json.dumps(data).encode()).decode()
    return f"{header}.{encoded}.{signature}"


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Eve Forger"),
        lambda c: c.update(validUntil="2099-01-01T00:00:00Z", exp=4070908800),
        lambda c: c["credentialStatus"].update(id="https://elsewhere.example/ok"),
    ],
    ids=["name", "date", "status"],
)
def test_a_tampered_credential_is_rejected_on_the_verification_page_with_the_reason(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, change: Any
) -> None:
    certificate = certified(cast["member"], programme, version)
    Certificate.objects.filter(pk=certificate.pk).update(token=_retoken(certificate.token, change))
    text = Client().get(f"/en/verify/{certificate.code}/").content.decode()
    assert "The signed credential was rejected:" in text
    assert "it was changed after it was signed" in text


def test_unknown_and_altered_codes_are_not_found(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    certificate = certified(cast["member"], programme, version)
    assert Client().get("/en/verify/nope/").status_code == 404
    assert Client().get(f"/en/verify/{certificate.code[:-1]}x/").status_code == 404


def test_my_progress_explains_what_is_missing_in_my_language(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    member = cast["member"]
    complete(member, "c101")
    client = login(member.user)
    text = client.get("/en/learning/certification/").content.decode()
    assert "Required course IM Leadership Course c101: done on" in text
    assert "0 of 1 elective done." in text
    assert "at level 2 needed, you have no validated level." in text
    french = client.get("/fr/learning/certification/").content.decode()
    assert "Cours de leadership en GI c101" in french
    assert "Notions de base en GI" in french


def test_only_the_holder_and_administrators_read_a_credential(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    certificate = certified(cast["member"], programme, version)
    url = f"/en/learning/certificates/{certificate.pk}/credential.json"
    mine = login(cast["member"].user).get(url)
    assert mine.status_code == 200
    document = json.loads(mine.content)
    assert document["jwt"] == certificate.token
    assert document["credential"]["credentialSubject"]["identifier"][0]["identityHash"] == (
        "Mia Member"
    )
    assert login(cast["other"].user).get(url).status_code == 404
    assert login(cast["supervisor"].user).get(url).status_code == 404
    assert login(cast["admin"].user).get(url).status_code == 200
    assert Client().get(url).status_code == 302


def test_the_programme_page_is_for_administrators_only(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    certified(cast["member"], programme, version)
    url = f"/en/learning/certification/{programme.pk}/"
    for who in ("member", "other", "committee", "supervisor"):
        assert login(cast[who].user).get(url).status_code == 404
    page = login(cast["admin"].user).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mia Member" in text and "All met" in text
    member_url = f"/en/learning/certification/{programme.pk}/members/{cast['member'].pk}/"
    assert login(cast["member"].user).get(member_url).status_code == 404


def test_the_administrator_issues_and_revokes_from_the_member_page_with_reasons(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    client = login(cast["admin"].user)
    member = cast["other"]
    url = f"/en/learning/certification/{programme.pk}/members/{member.pk}/"
    refused = client.post(url, {"issue-reason": ""})
    assert refused.status_code == 400
    assert "Give the reason." in refused.content.decode()
    assert not Certificate.objects.exists()

    assert client.post(url, {"issue-reason": "Prior learning"}).status_code == 302
    certificate = Certificate.objects.get(member=member)
    assert (certificate.issued_by, certificate.issue_reason) == (
        cast["admin"].user,
        "Prior learning",
    )
    revoke = f"/en/learning/certificates/{certificate.pk}/revoke/"
    assert client.post(revoke, {"revoke-reason": ""}).status_code == 400
    assert login(cast["member"].user).post(revoke, {"revoke-reason": "x"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert client.post(revoke, {"revoke-reason": "Issued in error"}).status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_reason) == (
        CertificateStatus.REVOKED,
        "Issued in error",
    )


def test_renewal_when_due_and_done_supersedes_the_old_certificate(
    cast: dict[str, Any], im: Community, version: FrameworkVersion
) -> None:
    admin, member = cast["admin"].user, cast["member"]
    for code in ("c101", "c301"):
        make_course(admin, im, code=code)
    programme = programme_save(
        actor=admin,
        community=im,
        code="renewing",
        name_en="Renewing",
        name_fr="Renouvelable",
        rules={
            "code": "renewing",
            "required": ["c101"],
            "validity_years": 3,
            "renewal": {"opens_days": 90, "courses": 1, "from": ["c301"]},
        },
    )
    complete(member, "c101", days_ago=1070)
    old = certification_check(member=member, programme=programme)
    assert old is not None
    issued = TODAY - datetime.timedelta(days=1065)
    Certificate.objects.filter(pk=old.pk).update(
        issued_at=timezone.make_aware(datetime.datetime.combine(issued, datetime.time(12))),
        valid_until=timezone.make_aware(
            datetime.datetime.combine(issued.replace(year=issued.year + 3), datetime.time())
        ),
    )
    assert certification_check(member=member, programme=programme) is None
    complete(member, "c301", days_ago=2)
    new = certification_check(member=member, programme=programme)
    assert new is not None
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == (CertificateStatus.SUPERSEDED, new)
    assert Certificate.objects.filter(member=member, status="active").get() == new


def test_an_expired_certificate_shows_expired_and_meeting_the_rules_again_reissues(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    certificate = certified(cast["member"], programme, version)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - datetime.timedelta(days=1)
    )
    certificate.refresh_from_db()
    assert certificate.current_status == "expired"
    text = Client().get(f"/en/verify/{certificate.code}/").content.decode()
    assert "This certificate expired on" in text
    renewed = certification_check(member=cast["member"], programme=programme)
    assert renewed is not None and renewed.current_status == "active"


def test_checking_a_member_issues_in_each_of_their_programmes_whose_rules_are_met(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    member = cast["member"]
    complete(member, "c101")
    assert certification_check_member(member=member) == []
    complete(member, "c201")
    validate(member, version, "RIL-01", 3)
    [issued] = certification_check_member(member=member)
    assert (issued.programme, issued.member) == (programme, member)
    assert certification_check_member(member=member) == []
    assert certification_check_member(member=cast["other"]) == []


def test_the_programme_door_lets_members_read_and_only_administrators_manage(
    cast: dict[str, Any], programme: Any, make_member: Any, it_community: Community
) -> None:
    assert access_programme(cast["member"].user, programme.pk) == programme
    assert access_programme(cast["admin"].user, programme.pk, to_manage=True) == programme
    outsider = make_member(communities=[it_community])
    for user, to_manage in ((cast["member"].user, True), (outsider.user, False)):
        with pytest.raises(NotFound):
            access_programme(user, programme.pk, to_manage=to_manage)
    with pytest.raises(NotFound):
        access_programme(cast["admin"].user, "x")
