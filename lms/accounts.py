"""Glue between the login forms and django-axes."""


def login_identifier(request, credentials):
    """The account a login attempt is for, whichever form sent it.

    allauth's form posts ``login`` and authenticates with ``email``; the Wagtail and
    Django admin forms post ``username``. Lower-cased so case does not dodge the lockout.
    """
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("login")
        or request.POST.get("username")
        or ""
    )
    return value.strip().lower()
