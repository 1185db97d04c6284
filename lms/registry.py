"""Where the platform grows: a registry of kinds that apps fill from ``AppConfig.ready()``.

Every extension point (question types, reminder kinds, report sections, badge rules, lesson
blocks) is one ``Registry``; completion requirements (``lms.completion``) are the same idea
with functions for items. docs/ARCHITECTURE.md shows how to add to each.
"""

from django.core.exceptions import ImproperlyConfigured


class RegistrationError(ImproperlyConfigured, ValueError):
    """A second item under one key, or a key that does not fit the column storing it."""


class Registry:
    """Items by key, in the order registered. ``what`` names an item in messages; ``key`` is
    the attribute an item is registered under (unless ``register`` is given one);
    ``max_length`` the length of the column that stores keys; ``missing`` the error ``get``
    raises for an unknown key."""

    def __init__(self, what, *, key="code", max_length=None, missing=KeyError):
        self.what = what
        self.key = key
        self.max_length = max_length
        self.missing = missing
        self.items = {}

    def register(self, item, key=None):
        key = getattr(item, self.key) if key is None else key
        if not key or (self.max_length and len(key) > self.max_length):
            raise RegistrationError(
                f"{self.what} {key!r}: a key of 1 to {self.max_length or '…'} characters is needed"
            )
        if key in self.items:
            raise RegistrationError(f"{self.what} {key!r} is registered already.")
        self.items[key] = item
        return item

    def unregister(self, key):
        self.items.pop(key, None)

    def get(self, key):
        try:
            return self.items[key]
        except KeyError:
            raise self.missing(f"no {self.what} {key!r} is registered") from None

    def find(self, key):
        """The item under ``key``, or None."""
        return self.items.get(key)

    def registered(self):
        return list(self.items.values())

    def codes(self):
        return list(self.items)

    def choices(self):
        """(key, label) of every item: the choices of the field that stores the key."""
        return [(key, item.label) for key, item in self.items.items()]


class Hooks:
    """Functions other apps add, each once, in the order added: the extension points whose
    items are plain functions (completion requirements and grades, result annotations, a
    learner's next steps)."""

    def __init__(self):
        self.functions = []

    def add(self, function):
        if function not in self.functions:
            self.functions.append(function)
        return function

    def remove(self, function):
        self.functions.remove(function)

    def __iter__(self):
        return iter(self.functions)

    def first(self, *args):
        """The first answer, in the order added, that is not None; None if there is none."""
        return next((found for function in self.functions if (found := function(*args)) is not None), None)

    def fold(self, value):
        """``value`` passed through every function in turn (a queryset each annotates)."""
        for function in self.functions:
            value = function(value)
        return value
