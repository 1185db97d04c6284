"""Wagtail's database search backend (``WAGTAILSEARCH_BACKENDS``), able to match the words
that begin with a given one (``query.Prefix``).

SQLite's full-text index answers ``"word"*`` and PostgreSQL's ``'word':*``; Wagtail's own
query classes have no way to ask for either outside autocompletion, so the two query
compilers (``sqlite.py``, ``postgres.py``) learn ``Prefix`` and hand everything else to
Wagtail. Another database gets Wagtail's backend as it is, where a prefix is the word.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The backend Wagtail picks for the database in use, with prefixes where it can.
    Each database's module is imported here, not at the top: it reads search models that
    exist on that database only."""
    chosen = database.SearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    return chosen
