"""The public verification page, and the holder's own certificates. Verification shows the
holder, the course, the date and the status, nothing else; downloads are the holder's only."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from . import services


def _verify_rate(group, request):
    return settings.CERTIFICATE_VERIFY_RATE


def _rate_limited(view):
    return ratelimit(group="certificates.verify", key="ip", rate=_verify_rate, block=False)(view)


def _too_many(request):
    return render(request, "certificates/too_many.html", status=429)


@_rate_limited
def verify_form(request):
    """A form to type a code; a typed code goes to its page."""
    if getattr(request, "limited", False):
        return _too_many(request)
    raw = request.GET.get("code", "")
    if raw:
        code = services.normalise_code(raw)
        if code:
            return redirect("certificates:verify", code=code)
    return render(request, "certificates/verify_form.html", {"code": raw, "invalid": bool(raw)})


@_rate_limited
def verify(request, code):
    if getattr(request, "limited", False):
        return _too_many(request)
    certificate = services.certificate_for_code(code)
    if certificate is None:
        raise Http404
    return render(request, "certificates/verify.html", {"certificate": certificate})


@login_required
def mine(request):
    return render(request, "certificates/mine.html", {"certificates": services.certificates_of(request.user)})


@login_required
def download(request, serial):
    certificate = services.owned_certificate(request.user, serial)
    if certificate is None:
        raise Http404
    return FileResponse(
        services.pdf_of(certificate).open("rb"), as_attachment=True,
        filename=f"certificate-{certificate.serial}.pdf",
        content_type="application/pdf",
    )
