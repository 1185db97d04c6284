from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .services import CHAIR_SESSION_KEY

MENU_SECONDS = 300


def menu(request):
    """``menu.reports``, ``menu.admin`` and ``menu.chair`` for the site menu, from the cache:
    the permission check behind them costs two queries on every signed-in page. A role change shows in the
    menu within five minutes; the views themselves check permissions on every request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def flags():
        return cache.get_or_set(f"menu:{user.pk}", lambda: {
            "reports": user.is_superuser or user.has_perm("lms.view_organisation_reports"),
            "admin": user.has_perm("wagtailadmin.access_admin"),
        }, MENU_SECONDS)

    # Whether she chairs a primary organisation is noted in the session at sign-in
    # (lms.receivers): no query on any page; My organisation itself checks every time.
    chair = request.session.get(CHAIR_SESSION_KEY, False)
    return {"menu": SimpleLazyObject(lambda: {**flags(), "chair": chair})}
