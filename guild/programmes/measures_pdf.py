"""The success measures report as a PDF: the whole report in English, then in French, laid
out by WeasyPrint from an HTML template. The PDF is tagged (PDF/UA-1): the document's
language, its title, its reading order, and each language's section with its own /Lang."""

from typing import Any

import pydyf
from django.template.loader import render_to_string
from weasyprint import HTML

from guild.programmes.selectors.reports import SuccessReport

TEMPLATE = "programmes/reports/pdf.html"
PDF_VARIANT = "pdf/ua-1"


def measures_html(report: SuccessReport, context: dict[str, Any]) -> str:
    return render_to_string(TEMPLATE, {"report": report, "intake": report.intake, **context})


def _page_languages(document: Any) -> list[str | None]:
    """The language of the <section> laid out on each page (a section starts a page)."""
    languages = []
    for page in document.pages:
        found = (
            box.element.get("lang")
            for box in page._page_box.descendants()
            if getattr(box, "element_tag", None) == "section" and box.element is not None
        )
        languages.append(next(found, None))
    return languages


def _section_languages(document: Any, pdf: pydyf.PDF) -> None:
    """Give each section's structure elements (one per page the section covers, and so all
    they hold) the language of that section; WeasyPrint writes only the document's."""
    kids = pdf.pages["Kids"]
    page_index = {f"{kids[i]} {kids[i + 1]} R".encode(): i // 3 for i in range(0, len(kids), 3)}
    languages = _page_languages(document)
    for item in pdf.objects:
        if not (
            isinstance(item, pydyf.Dictionary)
            and item.get("Type") == "/StructElem"
            and item.get("S") == "/Sect"
        ):
            continue
        index = page_index.get(bytes(item.get("Pg", b"")))
        language = languages[index] if index is not None else None
        if language is None:
            raise ValueError(f"No language for the section on page {index}.")
        item["Lang"] = pydyf.String(language)


def render_measures_pdf(report: SuccessReport, context: dict[str, Any]) -> bytes:
    html = measures_html(report, context)
    pdf = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, finisher=_section_languages)
    return bytes(pdf or b"")
