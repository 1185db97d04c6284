"""Learner pages of the library: the list with search and filters, a material, its file."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from lms.models import Topic

from .. import services
from ..forms import LibraryFilterForm
from ..models import LibraryIndexPage, MaterialPage

MATERIALS_PER_PAGE = 20


def refuse(request, material):
    """Send an anonymous visitor to log in; tell a member the material is not for them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(request, "content/forbidden.html", {"material": material}, status=403)


def library_link(request):
    """A fixed address for the library, wherever editors put it in the page tree."""
    page = LibraryIndexPage.objects.live().first()
    if page is None:
        raise Http404
    return redirect(page.url)


def library_index(request, page):
    form = LibraryFilterForm(request.GET or None, topics=Topic.objects.all())
    materials = services.library_materials(
        request.user, filters=form.filters(), query=form.query(), sort=form.sort_order()
    )
    listing = Paginator(materials, MATERIALS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "content/library_index_page.html",
        {"page": page, "form": form, "listing": listing,
         "filtered": bool(form.filters() or form.query())},
    )


def material_page(request, material):
    if not services.may_open(request.user, material):
        return refuse(request, material)
    services.record_use(material, views=1)
    return TemplateResponse(
        request,
        "content/material_page.html",
        {"page": material},
    )


def download(request, pk):
    """The material's file, counted, then served by Wagtail (which checks access again)."""
    material = get_object_or_404(MaterialPage.objects.live().select_related("document"), pk=pk)
    if material.document is None:
        raise Http404
    if not services.may_open(request.user, material):
        return refuse(request, material)
    services.record_use(material, downloads=1)
    return redirect(material.document.url)
