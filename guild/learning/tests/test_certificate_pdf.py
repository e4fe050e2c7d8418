"""The certificate as a bilingual PDF, read back with tools nobody here wrote: poppler's
`pdfinfo` (one page, its title, tagged) and `pdftotext` (the holder, the programme in both
languages, the code and the dates in both languages), and zbar's `zbarimg` on the page
rasterised by `pdftoppm`, which must decode exactly the verification address, an address
that opens the verification page. A missing tool fails these tests: CI installs them. The
languages of the tagged passages and the QR code's alternative text, which poppler does not
print, are read from the file's objects."""

import datetime
import re
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import formats, timezone, translation

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Certificate
from guild.learning.services.certificates import certificate_revoke
from guild.learning.tests.test_certificates import TODAY, certified, programme
from guild.organizations.models import Community

__all__ = ["programme"]  # the fixture

pytestmark = pytest.mark.django_db


def tool(name: str, *args: str) -> str:
    """The standard output of an outside tool; fails (never skips) when it is missing."""
    if shutil.which(name) is None:
        pytest.fail(f"{name} is not installed (poppler-utils, zbar-tools: see .ci/run).")
    done = subprocess.run([name, *args], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def pdf_info(path: Path) -> dict[str, str]:
    lines = tool("pdfinfo", "-enc", "UTF-8", str(path)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def pdf_text(path: Path) -> str:
    return tool("pdftotext", "-enc", "UTF-8", str(path), "-")


def qr_codes(path: Path) -> list[str]:
    """Every QR code zbar finds on the first page, rasterised at 150 dpi."""
    tool(
        "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(path.with_suffix(""))
    )
    (image,) = path.parent.glob(f"{path.stem}-*1.png")
    return tool("zbarimg", "--quiet", "--raw", str(image)).splitlines()


def pdf_strings(path: Path, key: str) -> list[str]:
    """Every string value of `key` (/Lang, /Alt) in the file, its compressed streams
    inflated: poppler's tools do not print the structure tree's languages or alternative
    texts, so these are read from the file's objects."""
    data = path.read_bytes()
    parts = [data]
    # Each stream is inflated from its first byte to the end of its zlib data, whatever
    # bytes it ends with (searching for "endstream" misses a stream ending in a CR).
    for stream in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[stream.end() :]))
        except zlib.error:
            continue  # not a Flate stream (a font program, an image)
    found = []
    pattern = rb"/" + key.encode() + rb"\s*(\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F]*>)"
    for value in re.findall(pattern, b"\n".join(parts)):
        if value.startswith(b"<"):
            raw = bytes.fromhex(value[1:-1].decode())
            found.append(raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode())
        else:
            found.append(value[1:-1].decode("latin-1"))
    return found


def download(client: Client, certificate: Certificate, tmp_path: Path) -> Path:
    response = client.get(f"/en/learning/certificates/{certificate.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-im-basics-{certificate.pk}.pdf"'
    )
    saved = tmp_path / "certificate.pdf"
    saved.write_bytes(response.content)
    return saved


def day(value: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def test_the_pdf_is_one_tagged_bilingual_page_whose_qr_code_opens_the_verification_page(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any, tmp_path: Path
) -> None:
    certificate = certified(cast["member"], programme, version)
    code = certificate.code
    saved = download(login(cast["member"].user), certificate, tmp_path)

    info = pdf_info(saved)
    assert info["Pages"] == "1"
    assert info["Tagged"] == "yes"
    assert info["Title"] == (
        "Certificate / Certificat — Mia Member — IM Basics / Notions de base en GI"
    )
    text = pdf_text(saved)
    im = Community.objects.get(code="im")
    assert certificate.valid_until is not None
    until = timezone.localdate(certificate.valid_until)
    for line in (
        "Certificate",
        "Certificat",
        "This is to certify that",
        "La présente atteste que",
        "has met the requirements of",
        "a satisfait aux exigences du programme",
        "Mia Member",
        "IM Basics",
        "Notions de base en GI",
        f"Issued on {day(TODAY, 'en')}",
        f"Délivré le {day(TODAY, 'fr')}",
        f"Valid until {day(until, 'en')}",
        f"Valide jusqu'au {day(until, 'fr')}",
        f"Issued by {im.name_en}",
        f"Délivré par {im.name_fr}",
        f"Verification code: {code}",
        f"Code de vérification : {code}",
    ):
        assert line in text.splitlines(), line
    address = f"{settings.GUILD_PUBLIC_URL.rstrip('/')}/verify/{code}/"
    assert address in text.splitlines()
    assert "revoked" not in text and "révoqué" not in text

    assert qr_codes(saved) == [address]
    # The address has no language: each reader is sent to the page in their own.
    for language in ("en", "fr"):
        reader = Client(HTTP_ACCEPT_LANGUAGE=f"{language}-CA")
        opened = reader.get(address.removeprefix(settings.GUILD_PUBLIC_URL.rstrip("/")))
        assert opened.status_code == 302
        assert opened["Location"] == f"/{language}/verify/{code}/"
        page = reader.get(opened["Location"])
        assert page.status_code == 200
        assert "Mia Member" in page.content.decode()


def test_the_french_passages_are_tagged_french_and_the_qr_code_has_its_alternative_text(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any, tmp_path: Path
) -> None:
    certificate = certified(cast["member"], programme, version)
    saved = download(login(cast["member"].user), certificate, tmp_path)
    # The document, then its four passages: English, French, English, French.
    assert pdf_strings(saved, "Lang") == ["en", "en", "fr", "en", "fr"]
    address = f"{settings.GUILD_PUBLIC_URL.rstrip('/')}/verify/{certificate.code}/"
    assert pdf_strings(saved, "Alt") == [
        f"QR code of the verification page: {address} / "
        f"Code QR de la page de vérification : {address}"
    ]


def test_a_name_with_accents_and_an_apostrophe_survives_into_the_text_exactly(
    cast: dict[str, Any],
    programme: Any,
    version: FrameworkVersion,
    login: Any,
    make_member: Any,
    tmp_path: Path,
) -> None:
    member = make_member(given_name="Zoë", family_name="O'Brien-Lévesque")
    certificate = certified(member, programme, version)
    saved = download(login(member.user), certificate, tmp_path)
    assert pdf_text(saved).splitlines().count("Zoë O'Brien-Lévesque") == 2
    assert pdf_info(saved)["Title"].startswith("Certificate / Certificat — Zoë O'Brien-Lévesque —")


def test_only_the_holder_and_administrators_download_the_pdf(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    certificate = certified(cast["member"], programme, version)
    url = f"/en/learning/certificates/{certificate.pk}/certificate.pdf"
    assert login(cast["member"].user).get(url).status_code == 200
    assert login(cast["admin"].user).get(url).status_code == 200
    for who in ("other", "supervisor", "coordinator", "committee"):
        assert login(cast[who].user).get(url).status_code == 404, who
    assert login(cast["member"].user).get(
        "/en/learning/certificates/0/certificate.pdf"
    ).status_code == (404)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/en/accounts/login/?next={url}"


def test_a_revoked_certificate_still_downloads_and_says_it_was_revoked_in_both_languages(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any, tmp_path: Path
) -> None:
    certificate = certified(cast["member"], programme, version)
    certificate_revoke(actor=cast["admin"].user, certificate=certificate, reason="In error")
    text = pdf_text(download(login(cast["member"].user), certificate, tmp_path))
    lines = text.splitlines()
    assert f"This certificate was revoked on {day(TODAY, 'en')}." in lines
    assert f"Ce certificat a été révoqué le {day(TODAY, 'fr')}." in lines
    assert "In error" not in text


def test_an_expired_certificate_says_when_it_expired(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any, tmp_path: Path
) -> None:
    certificate = certified(cast["member"], programme, version)
    ended = timezone.now() - datetime.timedelta(days=2)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=ended)
    lines = pdf_text(download(login(cast["member"].user), certificate, tmp_path)).splitlines()
    ended_on = timezone.localdate(ended)
    assert f"This certificate expired on {day(ended_on, 'en')}." in lines
    assert f"Ce certificat a expiré le {day(ended_on, 'fr')}." in lines


def test_the_holder_and_the_administrator_find_the_pdf_link_beside_the_credential(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    certificate = certified(cast["member"], programme, version)
    link = f'href="/{{}}/learning/certificates/{certificate.pk}/certificate.pdf" download'
    mine = login(cast["member"].user).get("/fr/learning/certification/").content.decode()
    assert link.format("fr") in mine and "Télécharger le certificat (PDF)" in mine
    member_page = f"/en/learning/certification/{programme.pk}/members/{cast['member'].pk}/"
    admin = login(cast["admin"].user).get(member_page).content.decode()
    assert link.format("en") in admin and "Download the certificate (PDF)" in admin
