"""The API's one ``NinjaAPI``: version 1 at ``/api/v1/``, its OpenAPI schema at
``/api/v1/openapi.json`` and a reference page at ``/api/v1/docs``.

Who may call it: a signed-in member, by the session token that django-allauth's headless
mode gives an app (``X-Session-Token``; signing in at ``/_allauth/app/v1/auth/login`` goes
through the same checks as the site: verified address, limits, staff MFA), or by the site's
own session cookie (with its CSRF token for changes). Every GET answer carries an ETag, and
a client that sends it back in ``If-None-Match`` gets 304 Not Modified."""

import hashlib

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.utils.cache import get_conditional_response, patch_cache_control
from ninja import NinjaAPI
from ninja.security import APIKeyHeader, SessionAuth
from ninja.throttling import AuthRateThrottle

from . import courses, learner, library, problems, registry, taking, webinars

RATE = "120/m"


class SessionTokenAuth(APIKeyHeader):
    """allauth's app session token in the ``X-Session-Token`` header (described so in the
    schema); the user it names becomes ``request.user``."""

    param_name = "X-Session-Token"
    _allauth = XSessionTokenAuth()

    def authenticate(self, request, key):
        user = self._allauth(request) if key else None
        if user is not None and user.is_active:
            request.user = user
            return user
        return None


class UnionAPI(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, private=True, no_cache=True)
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = etag
            return get_conditional_response(request, etag=etag, response=response)
        return response


api = UnionAPI(
    title="Union Academy API",
    version="1",
    description="A member's courses, lessons, tests, webinars, library, certificates and notifications.",
    urls_namespace="api-v1",
    auth=[SessionTokenAuth(), SessionAuth()],
    throttle=[AuthRateThrottle(RATE)],
)
problems.install(api)
api.add_router("/courses", courses.router)
api.add_router("/lessons", courses.lessons)
api.add_router("/me", learner.router)
api.add_router("/webinars", webinars.webinars)
api.add_router("/materials", library.router)
api.add_router("", taking.router)
api.add_router("/registry", registry.router)
