"""allauth's own schema of its sign-in API, served where allauth serves it
(``/_allauth/openapi.json``). allauth's view writes it with ``json.dumps``, which fails on the
translatable help text of our sign-up form's fields; this one writes it with Django's encoder,
in the reader's language."""

from allauth.headless.spec.internal.schema import get_schema
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.urls import path


def openapi_json(request):
    return JsonResponse(get_schema(), encoder=DjangoJSONEncoder,
                        content_type="application/vnd.oai.openapi+json")


urlpatterns = [path("openapi.json", openapi_json, name="allauth_openapi_json")]
