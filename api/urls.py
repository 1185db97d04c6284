from django.urls import path

from . import views
from .site import api

urlpatterns = [
    path("v1/", api.urls),
    path("keys/", views.key_list, name="api_keys"),
    path("keys/<int:pk>/revoke/", views.key_revoke, name="api_key_revoke"),
]
