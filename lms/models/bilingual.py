from django.utils.translation import get_language


def kk_or_ru(ru, kk):
    """Of a name kept in Russian and Kazakh, the one for the active language: Kazakh for
    a Kazakh interface when there is one, Russian otherwise."""
    if get_language() == "kk" and kk:
        return kk
    return ru or kk
