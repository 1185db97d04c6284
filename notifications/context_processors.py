from . import services


def unread(request):
    """``unread_notifications`` for the menu: computed only when a template reads it, and
    cached per person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: services.unread_count(user)}
