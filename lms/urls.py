from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

lms_patterns = [
    path("me/", views.profile, name="profile"),
    path("me/organisation/", views.choose_organisation, name="choose_organisation"),
    path("organisations/", views.my_organisation_scope, name="my_organisations"),
    path("organisations/<int:pk>/", views.organisation_overview, name="organisation"),
    path("language/", views.switch_language, name="switch_language"),
]

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include((lms_patterns, "lms"))),
]

# Uploaded media are served by Django only with DEBUG (static() is empty otherwise).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [path("", include(wagtail_urls))]
