"""Wagtail admin screen to revoke or reissue one certificate, with the reason. An
organisation administrator reaches only certificates of members of their subtree."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Certificate

REVOKE_PERMISSION = "certificates.revoke_certificate"


def managed_certificates(user):
    """The certificates ``user`` may manage: all for a superuser, else those of members of
    the organisations the user administers."""
    if not user.has_perm(REVOKE_PERMISSION) and not user.is_superuser:
        return Certificate.objects.none()
    return Certificate.objects.visible_to(user).select_related("user", "replaced_by")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept with the certificate and shown to its holder."),
    )
    action = forms.ChoiceField(
        choices=[("revoke", gettext_lazy("Revoke")), ("reissue", gettext_lazy("Revoke and reissue"))],
        widget=forms.RadioSelect, initial="reissue", label=gettext_lazy("Action"),
    )


def revoke_or_reissue(request, pk):
    if not request.user.has_perm(REVOKE_PERMISSION) and not request.user.is_superuser:
        raise PermissionDenied
    certificate = managed_certificates(request.user).filter(pk=pk).first()
    if certificate is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason, action = form.cleaned_data["reason"], form.cleaned_data["action"]
        try:
            if action == "reissue":
                replacement = services.reissue(certificate, reason=reason, by=request.user)
                messages.success(request, _("Certificate %(old)s was revoked and %(new)s issued.")
                                 % {"old": certificate.serial, "new": replacement.serial})
            else:
                services.revoke(certificate, reason=reason, by=request.user)
                messages.success(
                    request, _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial}
                )
        except services.CertificateError as error:
            form.add_error(None, str(error))
        else:
            return redirect("certificates_issued:index")
    return render(request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form})
