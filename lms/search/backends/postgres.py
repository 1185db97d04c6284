"""PostgreSQL's full-text backend, with ``Prefix`` as a prefix query (``'word':*``).

The beginning is looked up as written (the ``simple`` configuration), not stemmed like the
rest of the query: the indexed words are stemmed by the ``russian`` configuration, and a
stem begins like its word.
"""

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.query import Lexeme

from ..query import Prefix

PREFIX_CONFIG = "simple"


class PostgresSearchQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Prefix):
            lexeme = Lexeme(query.query_string, prefix=True, invert=invert)
            return SearchQuery(lexeme, search_type="raw", config=PREFIX_CONFIG)
        return super().build_tsquery_content(query, config=config, invert=invert)


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresSearchQueryCompiler
