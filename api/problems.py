"""Errors as RFC 9457 problem details (``application/problem+json``): a ``title`` that says
what went wrong in the caller's language, the ``status``, a ``detail`` for this case and, for
bad input, ``errors`` naming each field."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from content.services import RegistrationRefused
from lms.services import EnrolmentRefused

PROBLEM_TYPE = "application/problem+json"


def problem(api, request, status, title, detail="", **extra):
    body = {"type": "about:blank", "title": title, "status": status, "instance": request.path}
    if detail:
        body["detail"] = detail
    response = api.create_response(request, {**body, **extra}, status=status)
    response["Content-Type"] = PROBLEM_TYPE
    return response


def _field(location):
    """``["body", "payload", "language"]`` → ``"language"``: the field as the caller wrote it."""
    names = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(names) or str(location[-1])


def install(api):
    """Let ``api`` answer every error it knows as a problem."""

    @api.exception_handler(ValidationError)
    def invalid(request, error):
        errors = [{"field": _field(item.get("loc", ())), "message": item.get("msg", "")}
                  for item in error.errors]
        return problem(api, request, 422, _("The request has invalid fields."),
                       "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, error):
        return problem(api, request, 401, _("Sign in first."),
                       _("Send the session token of the app in the X-Session-Token header."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, error):
        return problem(api, request, 403, _("You may not do this."), str(error))

    @api.exception_handler(Http404)
    def not_found(request, error):
        return problem(api, request, 404, _("Not found."))

    @api.exception_handler(Throttled)
    def throttled(request, error):
        response = problem(api, request, 429, _("Too many requests. Try again later."))
        if error.wait:
            response["Retry-After"] = str(int(error.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request, error):
        return problem(api, request, error.status_code, str(error))

    @api.exception_handler(EnrolmentRefused)
    @api.exception_handler(RegistrationRefused)
    def refused(request, error):
        return problem(api, request, 409, _("Refused."), str(error))
