"""The offline full-text index (Whoosh), a cache rebuilt from SQLite.

Imports nothing of ours and nothing of Qt. The rest of the app uses only
the names below; ``SearchEngine`` is the one interface to the engine.
"""
from search.engine import Cancelled, SearchEngine
from search.index import SCHEMA_VERSION, AnnotationEntry, IndexBusy, IndexState, IndexUnavailable, PageEntry
from search.query import FILTER_FIELDS, Filter, Phrase, Query, Word, page_range
from search.query import parse as parse_query
from search.searching import RawHit, Results
from search.scan import TextMatcher
from search.snippets import Highlight, Snippet, make_snippet

__all__ = [
    "AnnotationEntry", "Cancelled", "FILTER_FIELDS", "Filter", "Highlight", "IndexState",
    "IndexBusy", "IndexUnavailable", "PageEntry", "Phrase", "Query", "RawHit", "Results", "SCHEMA_VERSION",
    "SearchEngine", "Snippet", "TextMatcher", "Word", "make_snippet", "page_range", "parse_query",
]
