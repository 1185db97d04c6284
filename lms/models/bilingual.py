from django.utils.translation import get_language


def kk_or_ru(ru, kk):
    """Of a name kept in Russian and Kazakh, the one for the active language: Kazakh for
    a Kazakh interface when there is one, Russian otherwise."""
    return kk if language_shown(ru, kk) == "kk" else ru


def language_shown(ru, kk):
    """The language of the text ``kk_or_ru`` picks: "kk" or "ru"."""
    if get_language() == "kk" and kk:
        return "kk"
    return "ru" if ru else "kk"


class Bilingual:
    """A read-only attribute over a pair of fields ``<name>_ru`` and ``<name>_kk``:
    ``name = Bilingual()`` gives the one for the active language."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return kk_or_ru(*self.pair(instance))

    def pair(self, instance):
        """The Russian and the Kazakh text."""
        return getattr(instance, f"{self.name}_ru"), getattr(instance, f"{self.name}_kk")

    def language(self, instance):
        """The language of the text shown for ``instance``: "kk" or "ru"."""
        return language_shown(*self.pair(instance))
