"""Moving a community's role profiles and members' levels to a later published version of
its framework: the mapping from the old competencies, previewed, then confirmed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guild.competencies.access import access_framework_version, can_manage_frameworks
from guild.competencies.selectors.version_moves import move_preview, versions_to_move_from
from guild.competencies.services.version_moves import framework_version_move
from guild.core.errors import NotFound, PermissionDenied


@login_required
def version_move(request: HttpRequest, version_id: int) -> HttpResponse:
    new = access_framework_version(request.user, version_id)
    if not can_manage_frameworks(request.user, new.framework.community_id):
        raise NotFound()
    sources = versions_to_move_from(new)
    wanted = request.POST.get("from") if request.method == "POST" else request.GET.get("from")
    old = next((version for version in sources if str(version.pk) == wanted), None)
    if old is None and sources:
        old = sources[0]
    errors: list[str] = []
    if request.method == "POST" and old is not None:
        try:
            result = framework_version_move(actor=request.user, old=old, new=new)
        except PermissionDenied:
            raise NotFound() from None
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Moved to version %(number)s. Role profiles moved: %(profiles)d. Members "
                    "whose levels carried over: %(members)d (levels: %(levels)d)."
                )
                % {
                    "number": new.number,
                    "profiles": result.profiles,
                    "members": result.members,
                    "levels": result.levels,
                },
            )
            return redirect("competencies:profiles")
    context = {
        "new": new,
        "old": old,
        "sources": sources,
        "preview": move_preview(old, new) if old is not None else None,
        "errors": errors,
    }
    return render(request, "competencies/version_move.html", context, status=400 if errors else 200)
