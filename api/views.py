"""The administrator's page of API keys for the membership registry: issue, see, revoke."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lms.permissions import administrator_required

from . import keys


@administrator_required
def key_list(request):
    """Her keys; a new one is shown on this page once, in the answer to issuing it."""
    if not request.user.has_perm(keys.PERMISSION):
        raise Http404
    shown = None
    if request.method == "POST":
        try:
            _key, shown = keys.issue(request.user, request.report_root, request.POST.get("name", ""))
        except PermissionDenied:
            raise Http404 from None
    response = render(request, "api/keys.html", {
        "keys": keys.keys_of(request.user), "shown": shown, "organisation": request.report_root,
    })
    response["Cache-Control"] = "no-store"  # the page that shows a new key is kept nowhere
    return response


@administrator_required
@require_POST
def key_revoke(request, pk):
    keys.revoke(request.user, pk)
    return redirect("api_keys")
