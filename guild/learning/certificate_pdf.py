"""A certificate as a one-page bilingual PDF: English and French side by side, as Government
of Canada certificates are, with the verification address in text and as a QR code.

Made from plain data (`CertificateSheet`, which `selectors.certificates.certificate_sheet`
reads) with an HTML template laid out by WeasyPrint. The PDF is tagged (PDF/UA-1): its
language, title, reading order and the QR code's alternative text are in the file."""

import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import pydyf
import segno
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML

TEMPLATE = "learning/certificates/pdf.html"
PDF_VARIANT = "pdf/ua-1"
# WeasyPrint writes the document's language only; the template wraps every passage in one
# language in a <section lang="…">, whose structure element is then given that language.
SECTION = re.compile(r'<section lang="([a-z]{2})"')


@dataclass(frozen=True)
class CertificateSheet:
    """What a certificate's PDF shows. `status` is its status when the PDF is made (a
    `CertificateStatus` value); `status_on` the day that status began (revoked, expired),
    when it has one. The verification page stays the source of truth."""

    holder: str
    programme_en: str
    programme_fr: str
    issuer_en: str
    issuer_fr: str
    code: str
    issued_on: date
    valid_until: date | None
    status: str
    status_on: date | None
    verify_url: str


def qr_svg(url: str, title: str) -> SafeString:
    """The QR code of `url` as inline SVG, its `title` the alternative text."""
    code = segno.make(url, error="m")
    # segno escapes the title and writes only path data: the markup is safe to embed.
    return mark_safe(  # noqa: S308
        code.svg_inline(scale=1, border=4, dark="#000000", light="#ffffff", title=title)
    )


def certificate_html(sheet: CertificateSheet) -> str:
    return render_to_string(
        TEMPLATE,
        {"sheet": sheet, "qr": qr_svg(sheet.verify_url, _qr_alt(sheet.verify_url))},
    )


def _qr_alt(url: str) -> str:
    """The QR code's alternative text, in English then French (the figure has one)."""
    texts = []
    for language in ("en", "fr"):
        with translation.override(language):
            texts.append(_("QR code of the verification page: %(url)s") % {"url": url})
    return " / ".join(texts)


def _section_languages(languages: list[str], document: Any, pdf: pydyf.PDF) -> None:
    """Give each section's structure element (and so all it holds) its language. WeasyPrint
    adds structure elements in document order, the order of `languages`."""
    sections = [
        item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary)
        and item.get("Type") == "/StructElem"
        and item.get("S") == "/Sect"
    ]
    if len(sections) != len(languages):
        raise ValueError(f"{len(languages)} sections in the template, {len(sections)} in the PDF.")
    for element, language in zip(sections, languages, strict=True):
        element["Lang"] = pydyf.String(language)


def render_certificate_pdf(sheet: CertificateSheet) -> bytes:
    """The certificate's PDF, tagged for assistive technologies (PDF/UA-1)."""
    html = certificate_html(sheet)
    languages = SECTION.findall(html)
    pdf = HTML(string=html).write_pdf(
        pdf_variant=PDF_VARIANT, finisher=partial(_section_languages, languages)
    )
    # Without a target, write_pdf returns the document's bytes.
    return bytes(pdf or b"")
