from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import health, metrics
from .views import accounts, learning

lms_patterns = [
    path("me/", accounts.profile, name="profile"),
    path("me/organisation/", accounts.choose_organisation, name="choose_organisation"),
    path("organisations/", accounts.my_organisation_scope, name="my_organisations"),
    path("organisations/categories/", accounts.category_claims, name="category_claims"),
    path("organisations/<int:pk>/", accounts.organisation_overview, name="organisation"),
    path("language/", accounts.switch_language, name="switch_language"),
    path("learning/", learning.dashboard, name="dashboard"),
    path("learning/catalogue/", learning.catalogue_link, name="catalogue"),
    path("learning/paths/<int:pk>/", learning.path_page, name="path"),
    path("learning/courses/<int:course_id>/enrol/", learning.enrol, name="enrol"),
    path("learning/lessons/<int:lesson_id>/done/", learning.complete_lesson, name="complete_lesson"),
]

urlpatterns = [
    # For probes and Prometheus (answered first by lms.middleware.MachineEndpointsMiddleware).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    # One login for every way in: the admin login pages send people to the site's.
    path("admin/login/", accounts.to_site_login),
    path("admin/password_reset/", accounts.to_site_password_reset),
    path("django-admin/login/", accounts.to_site_login),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    # Sign-in for apps (allauth's headless mode): the same accounts, checks and limits.
    path("_allauth/", include("api.allauth_schema")),  # before allauth's own: see there
    path("_allauth/", include("allauth.headless.urls")),
    path("api/", include("api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include((lms_patterns, "lms"))),
    path("tests/", include("quizzes.urls")),
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("motivation/", include("motivation.urls")),
    path("", include("content.urls")),
]

# Uploaded images and their renditions are served by Django in the embedded mode (by the
# proxy in production). Documents never are: Wagtail's serve view (/documents/<id>/<name>)
# is the only way to their bytes, as it checks who may have them (content.services.documents).
if settings.DEBUG or not settings.PRODUCTION:
    urlpatterns += [
        # Each folder is its own root, so "images/../documents/…" cannot climb out of it.
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/{folder}/(?P<path>.*)$", serve_media,
                {"document_root": Path(settings.MEDIA_ROOT) / folder})
        for folder in ("original_images", "images")
    ]
urlpatterns += [path("", include(wagtail_urls))]
