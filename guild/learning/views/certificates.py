"""Certification pages: the member's progress and certificates (with the signed credential
to download), the administrator's view of a programme's members (issue and revoke, each
with a reason), and the public verification page of a certificate."""

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.learning.access import (
    access_certificate,
    access_programme,
    access_programme_member,
    managed_communities,
)
from guild.learning.certificate_pdf import render_certificate_pdf
from guild.learning.credentials.signing import verify
from guild.learning.models import Certificate, CertificationProgramme
from guild.learning.selectors.certificates import (
    CERTIFIED,
    IN_PROGRESS,
    NOT_STARTED,
    ProgrammeMemberFilters,
    certificate_by_code,
    certificate_sheet,
    credential_payload,
    member_certificates,
    member_programmes,
    member_progress,
    members_facts,
    programme_certificates,
    programme_members,
    programme_texts,
)
from guild.learning.services.certificates import (
    certificate_issue,
    certificate_revoke,
    issuer_public_jwk,
)
from guild.members.access import own_member_id
from guild.members.forms import ReferenceFilterField
from guild.members.models import Member
from guild.organizations.selectors import reference_choices


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason.")},
    )


class ProgrammeMembersFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name or e-mail"), required=False, max_length=100)
    department = ReferenceFilterField(
        label=gettext_lazy("Department or agency"),
        kind="department",
        empty_label=gettext_lazy("All departments and agencies"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Certification"),
        required=False,
        choices=[
            ("", gettext_lazy("Everyone")),
            (CERTIFIED, gettext_lazy("Certified (a valid certificate)")),
            (IN_PROGRESS, gettext_lazy("In progress (a course done, no valid certificate)")),
            (NOT_STARTED, gettext_lazy("Not started (no course done, no valid certificate)")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        if isinstance(department, ReferenceFilterField):
            department.choices = [("", department.empty_label), *reference_choices("department")]

    def filters(self) -> ProgrammeMemberFilters:
        """What to keep; nothing is filtered while the form has errors (it shows them)."""
        if not self.is_valid():
            return ProgrammeMemberFilters()
        data = self.cleaned_data
        return ProgrammeMemberFilters(
            q=data.get("q") or "",
            department=data.get("department"),
            status=data.get("status") or "",
        )


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


@login_required
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    member_id = own_member_id(request.user)
    member = Member.objects.filter(pk=member_id).first() if member_id else None
    language = _language()
    context = {
        "has_profile": member is not None,
        "progress": (
            [member_progress(member, p, language) for p in member_programmes(member)]
            if member
            else []
        ),
        "certificates": list(member_certificates(member)) if member else [],
        "managed": list(
            CertificationProgramme.objects.filter(
                community__in=managed_communities(request.user)
            ).select_related("community")
        ),
    }
    return render(request, "learning/certificates/progress.html", context)


@login_required
@require_GET
def credential_download(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = access_certificate(request.user, certificate_id)
    document = {
        "credential": credential_payload(certificate.token),
        "jwt": certificate.token,
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.json"'
    return response


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    """The bilingual PDF, for the same people as the credential. A revoked, expired or
    replaced certificate is still given (it is the holder's record) and says so on its face."""
    certificate = access_certificate(request.user, certificate_id)
    response = HttpResponse(
        render_certificate_pdf(certificate_sheet(certificate)), content_type="application/pdf"
    )
    filename = f"certificate-{certificate.programme.code}-{certificate.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def programme_admin(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id, to_manage=True)
    form = ProgrammeMembersFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(
        programme_members(programme, filters), request.GET.get("page"), settings.GUILD_PAGE_SIZE
    )
    language = _language()
    held = programme_certificates(programme, page.items)
    texts = programme_texts(programme, language)
    facts = members_facts(page.items, programme)
    rows = [
        (
            member,
            member_progress(member, programme, language, texts=texts, facts=facts[member.pk]),
            held.get(member.pk, []),
        )
        for member in page.items
    ]
    return render(
        request,
        "learning/certificates/programme.html",
        {
            "programme": programme,
            "page": page,
            "rows": rows,
            "form": form,
            "filtered": filters != ProgrammeMemberFilters(),
        },
    )


def _member_page(
    request: HttpRequest,
    programme: CertificationProgramme,
    member: Member,
    *,
    issue_form: ReasonForm | None = None,
    revoke_form: ReasonForm | None = None,
    revoking: int | None = None,
) -> HttpResponse:
    status = (
        400 if (issue_form and issue_form.errors) or (revoke_form and revoke_form.errors) else 200
    )
    context = {
        "programme": programme,
        "member": member,
        "progress": member_progress(member, programme, _language()),
        "certificates": list(Certificate.objects.filter(programme=programme, member=member)),
        "issue_form": issue_form or ReasonForm(prefix="issue"),
        "revoke_form": revoke_form or ReasonForm(prefix="revoke"),
        "revoking": revoking,
    }
    return render(request, "learning/certificates/member.html", context, status=status)


@login_required
def programme_member(request: HttpRequest, programme_id: int, member_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id, to_manage=True)
    member = access_programme_member(request.user, programme, member_id)
    if request.method != "POST":
        return _member_page(request, programme, member)
    form = ReasonForm(request.POST, prefix="issue")
    if form.is_valid():
        try:
            certificate_issue(
                actor=request.user,
                member=member,
                programme=programme,
                reason=form.cleaned_data["reason"],
            )
        except NotFound:
            raise
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The certificate was issued."))
            return redirect("certificates:member", programme.pk, member.pk)
    return _member_page(request, programme, member, issue_form=form)


@login_required
@require_POST
def revoke(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = access_certificate(request.user, certificate_id, to_manage=True)
    form = ReasonForm(request.POST, prefix="revoke")
    if form.is_valid():
        try:
            certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except NotFound:
            raise
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The certificate was revoked."))
            return redirect("certificates:member", certificate.programme_id, certificate.member_id)
    return _member_page(
        request,
        certificate.programme,
        certificate.member,
        revoke_form=form,
        revoking=certificate.pk,
    )


@require_GET
def verify_page(request: HttpRequest, code: str) -> HttpResponse:
    certificate = certificate_by_code(code)
    if certificate is None:
        raise NotFound()
    result = verify(certificate.token, issuer_public_jwk())
    return render(
        request,
        "learning/certificates/verify.html",
        {"certificate": certificate, "result": result, "verified": not hasattr(result, "code")},
    )
