from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .views import accounts, learning

lms_patterns = [
    path("me/", accounts.profile, name="profile"),
    path("me/organisation/", accounts.choose_organisation, name="choose_organisation"),
    path("organisations/", accounts.my_organisation_scope, name="my_organisations"),
    path("organisations/<int:pk>/", accounts.organisation_overview, name="organisation"),
    path("language/", accounts.switch_language, name="switch_language"),
    path("learning/", learning.dashboard, name="dashboard"),
    path("learning/catalogue/", learning.catalogue_link, name="catalogue"),
    path("learning/paths/<int:pk>/", learning.path_page, name="path"),
    path("learning/courses/<int:course_id>/enrol/", learning.enrol, name="enrol"),
    path("learning/lessons/<int:lesson_id>/done/", learning.complete_lesson, name="complete_lesson"),
]

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include((lms_patterns, "lms"))),
    path("tests/", include("quizzes.urls")),
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("motivation/", include("motivation.urls")),
    path("", include("content.urls")),
]

# Uploaded media are served by Django only with DEBUG (static() is empty otherwise).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [path("", include(wagtail_urls))]
