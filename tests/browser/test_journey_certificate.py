"""Journey: a member whose completions meet a certification's rules receives the
certificate; on "My certification progress" they read what was met, download the signed
credential and the certificate's PDF (its text holds their name; its QR code, read by zbar,
is the verification address, which a reader whose browser speaks the journey's language
opens) and open its public verification page, which says it is valid. The programme
administrator opens the programme's members, the member's page, revokes the certificate
with a reason (a missing reason shown first), and the verification page says it was revoked.
English and French; axe and 390 px on every page.

Each person starts at their home page and clicks what they see there."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from guild.learning.models import Certificate, Completion, Course
from guild.learning.services.certificates import certification_check
from guild.learning.tests.test_certificate_pdf import pdf_text, qr_codes
from guild.learning.tests.test_certificates import make_programme
from guild.organizations.models import Community
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PROGRAMME = {"en": "IM Basics", "fr": "Notions de base en GI"}


@pytest.fixture
def public_url(settings: Any, live_server: Any) -> str:
    """The platform's public address is the live server's, before anything is signed: the
    credential names its key by it, and the PDF prints the verification address with it."""
    settings.GUILD_PUBLIC_URL = live_server.url
    return str(live_server.url)


@pytest.fixture
def certificate(cast: dict[str, Any], public_url: str) -> Certificate:
    programme = make_programme(cast["admin"].user, Community.objects.get(code="im"))
    member = cast["member"]
    for code, days_ago in (("c101", 20), ("c201", 10)):
        Completion.objects.create(
            member=member,
            course=Course.objects.get(code=code),
            completed_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            result="completed",
            source="administrator",
        )
    issued = certification_check(member=member, programme=programme)
    assert issued is not None
    return issued


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_downloads_and_verifies_then_the_administrator_revokes(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    certificate: Certificate,
    axe_source: str,
    tmp_path: Path,
    public_url: str,
) -> None:
    member = cast["member"]
    journey = Journey(page, axe_source, language, "certificate-member")
    journey.start(live_server, member.user.email)
    main = page.locator("main")
    journey.click(
        main.get_by_role(
            "link", name=t(language, "My certification progress: what I have and what I still need")
        )
    )
    assert page.locator("h1").inner_text() == t(language, "My certification progress")
    assert main.locator("h2").first.inner_text() == PROGRAMME[language]
    assert main.locator(".guild-lead").first.inner_text() == t(
        language, "All requirements are met."
    )
    held = main.locator("#my-certificates li")
    assert held.count() == 1
    assert t(language, "Active") in held.inner_text()

    with page.expect_download() as waiting:
        held.get_by_role("link", name=t(language, "Download the signed credential (JSON)")).click()
    saved = tmp_path / "credential.json"
    waiting.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["jwt"] == certificate.token
    assert document["credential"]["credentialSubject"]["identifier"][0]["identityHash"] == (
        "Mia Member"
    )

    with page.expect_download() as waiting:
        held.get_by_role("link", name=t(language, "Download the certificate (PDF)")).click()
    assert waiting.value.suggested_filename == f"certificate-im-basics-{certificate.pk}.pdf"
    pdf = tmp_path / "certificate.pdf"
    waiting.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    lines = pdf_text(pdf).splitlines()
    assert "Mia Member" in lines
    assert PROGRAMME["en"] in lines and PROGRAMME["fr"] in lines
    verify_address = f"{public_url}/verify/{certificate.code}/"
    assert qr_codes(pdf) == [verify_address]

    # Someone handed the paper scans the code; their browser speaks the journey's language.
    reader_page = browser.new_context(
        locale=f"{language}-CA", viewport={"width": 1280, "height": 900}
    ).new_page()
    reader_page.guild_problems = []
    reader_page.on("pageerror", lambda error: reader_page.guild_problems.append(str(error)))
    reader = Journey(reader_page, axe_source, language, "certificate-reader")
    opened = reader_page.goto(verify_address)
    assert opened is not None and opened.status == 200
    assert reader_page.url == f"{live_server.url}/{language}/verify/{certificate.code}/"
    reader.check()
    assert reader_page.locator("#certificate-status").inner_text() == t(
        language, "This certificate is valid."
    )
    assert reader_page.locator("#certificate-holder").inner_text() == "Mia Member"
    reader.finish()
    reader_page.context.close()

    journey.click(held.get_by_role("link", name=t(language, "Verification page")))
    assert page.locator("#certificate-status").inner_text() == t(
        language, "This certificate is valid."
    )
    assert page.locator("#certificate-holder").inner_text() == "Mia Member"
    assert page.locator("#certificate-programme").inner_text() == PROGRAMME[language]
    assert page.locator("#signature-result").inner_text() == t(
        language,
        "The signed credential is intact and was signed by this platform's published key.",
    )
    journey.finish()

    admin_page = browser.new_context(
        locale="en-CA", viewport={"width": 1280, "height": 900}
    ).new_page()
    admin_page.guild_problems = []
    admin_page.on("pageerror", lambda error: admin_page.guild_problems.append(str(error)))
    admin = Journey(admin_page, axe_source, language, "certificate-admin")
    admin.start(live_server, cast["admin"].user.email)
    admin_main = admin_page.locator("main")
    admin.click(
        admin_main.get_by_role(
            "link",
            name=t(language, "Certificates: programmes, members' progress, issuing and revoking"),
        )
    )
    admin.click(admin_main.get_by_role("link", name=PROGRAMME[language], exact=True))
    row = admin_page.locator("#programme-members tr", has_text="Mia Member")
    assert t(language, "All met") in row.inner_text()
    admin.click(row.get_by_role("link", name="Mia Member"))
    assert admin_page.locator("h1").inner_text() == "Mia Member"

    revoke = admin_main.locator("#member-certificates details.guild-confirm")
    revoke.locator("summary").click()
    with admin_page.expect_navigation() as refused:
        revoke.get_by_role("button", name=t(language, "Yes, revoke")).click()
    assert refused.value is not None and refused.value.status == 400
    admin.check()
    assert t(language, "Give the reason.") in admin_main.inner_text()
    certificate.refresh_from_db()
    assert certificate.status == "active"

    revoke = admin_main.locator("#member-certificates details.guild-confirm")
    revoke.get_by_label(t(language, "Reason")).fill("Issued in error")
    admin.click(revoke.get_by_role("button", name=t(language, "Yes, revoke")))
    assert admin_page.locator(".guild-messages").inner_text().strip() == t(
        language, "The certificate was revoked."
    )
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_reason) == ("revoked", "Issued in error")

    admin.click(admin_main.get_by_role("link", name=t(language, "Verification page")))
    status = admin_page.locator("#certificate-status").inner_text()
    assert status.startswith(
        t(language, "This certificate was revoked on %(revoked)s.").split("%")[0]
    )
    assert "Issued in error" not in admin_page.locator("main").inner_text()
    admin.finish()
    admin_page.context.close()
