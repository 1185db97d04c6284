from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation

from . import health, metrics
from .services import SESSION_LANGUAGE_KEY

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
MACHINE_ENDPOINTS = {"/healthz": health.healthz, "/readyz": health.readyz, "/metrics": metrics.metrics_view}


class MachineEndpointsMiddleware:
    """Answers ``/healthz``, ``/readyz`` (lms.health) and ``/metrics`` (lms.metrics) ahead of
    the host check, the HTTPS redirect, sessions and CSRF: probes and Prometheus come over
    plain http with an internal host name, which the host check (``ALLOWED_HOSTS``) and the
    HTTPS redirect would otherwise refuse, and they need no session, language, CSRF or
    login. The same views are in lms/urls.py too, for ``reverse`` and for a stack without
    this middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = MACHINE_ENDPOINTS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)


class SessionLanguageMiddleware:
    """Use the language a visitor chose (kept in the session) over the browser's guess.

    LocaleMiddleware runs first and picks from the cookie or Accept-Language; the choice
    stored at login or on the language switch wins over both, without a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get(SESSION_LANGUAGE_KEY)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: the strict ``CONTENT_SECURITY_POLICY``
    for the site (no inline script or style at all), and ``CONTENT_SECURITY_POLICY_ADMIN``
    for the Wagtail and Django admin, whose pages carry inline scripts and styles."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path.startswith(ADMIN_PREFIXES):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
