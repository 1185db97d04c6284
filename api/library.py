"""The library: the materials a member may open, as the site's library lists them."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from content import services
from content.models import MaterialPage

from .schemas import MaterialOut, ObjectId

router = Router(tags=["library"])


@router.get("", response=list[MaterialOut])
@paginate(PageNumberPagination, page_size=20)
def materials(request, q: str = ""):
    """The materials this member may open, newest first, searched like the site's library."""
    return services.library_materials(request.user, query=q.strip())


@router.get("/{int:material_id}", response=MaterialOut)
def material(request, material_id: ObjectId):
    """One material, if this member may open it (404 otherwise, as on the site)."""
    return get_object_or_404(MaterialPage.objects.live().visible_to(request.user), pk=material_id)
