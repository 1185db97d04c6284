"""SQLite's full-text backend, with ``Prefix`` as an FTS5 prefix query (``"word"*``)."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

from ..query import Prefix


class SQLiteSearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, Prefix):
            return SearchQueryExpression(Lexeme(query.query_string, prefix=True))
        return super().build_search_query_content(query, config=config)


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
