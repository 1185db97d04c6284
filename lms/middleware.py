from django.utils import translation

from .services import SESSION_LANGUAGE_KEY


class SessionLanguageMiddleware:
    """Use the language a visitor chose (kept in the session) over the browser's guess.

    LocaleMiddleware runs first and picks from the cookie or Accept-Language; the choice
    stored at login or on the language switch wins over both, without a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get(SESSION_LANGUAGE_KEY)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
