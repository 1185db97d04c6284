from django.template.response import TemplateResponse

from lms.models import Topic

from .. import services
from ..forms import SiteSearchForm


def search(request):
    """Materials, courses and webinars found by one query and one set of filters."""
    form = SiteSearchForm(request.GET or None, topics=Topic.objects.all())
    asked = bool(form.query() or form.filters())
    results = None
    if asked:
        results = services.search_site(
            request.user, query=form.query(), filters=form.filters(), sort=form.sort_order(),
            language=request.LANGUAGE_CODE,
        )
    return TemplateResponse(
        request, "content/search.html", {"form": form, "results": results, "asked": asked}
    )
