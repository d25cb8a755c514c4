"""Search use cases: the index's state, keeping it in step, and queries.

SQLite is the truth; the index follows ``change_log`` and records the last
change it applied. When the index is missing, stale or damaged, queries are
answered from SQLite (``search_fallback``) until a rebuild has finished.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from app.library import Library
from search import (
    AnnotationEntry,
    IndexBusy,
    IndexUnavailable,
    PageEntry,
    Query,
    SearchEngine,
    parse_query,
)
from storage import records
from storage.types import Annotation, Change, Document, DocumentPage, Tag

Progress = Callable[[int, int], None]
SORTS = ("relevance", "document")

_engines: dict[str, SearchEngine] = {}


def engine(lib: Library) -> SearchEngine:
    """One engine (and so one open searcher) per library folder and process."""
    key = str(lib.index_dir.resolve())
    eng = _engines.get(key)
    if eng is None:
        eng = _engines[key] = SearchEngine(lib.index_dir)
    return eng


def close_engine(lib: Library) -> None:
    eng = _engines.pop(str(lib.index_dir.resolve()), None)
    if eng is not None:
        eng.close()


_documents_cache: dict[str, tuple[int, list[Document]]] = {}


def documents(lib: Library) -> list[Document]:
    """The documents (without counts) in library order, cached until the
    next logged change."""
    key = str(lib.db_path)
    seq = records.last_change_seq(lib.db)
    cached = _documents_cache.get(key)
    if cached is None or cached[0] != seq:
        cached = _documents_cache[key] = (seq, records.list_documents_brief(lib.db))
    return cached[1]


def clear_caches(lib: Library) -> None:
    """Drop the engine's query caches (benchmarks measure cold queries)."""
    engine(lib).clear_caches()


def library_id(lib: Library) -> str:
    return records.get_meta(lib.db, "created") or "library"


# --- state ----------------------------------------------------------------------

@dataclass
class IndexStatus:
    """``state``: ok, behind (needs a sync), or a reason to rebuild:
    missing, damaged, foreign, ahead, pruned."""

    state: str
    detail: str
    index_seq: int = -1
    library_seq: int = 0

    @property
    def usable(self) -> bool:
        return self.state in ("ok", "behind")


def index_status(lib: Library, *, verify: bool = False) -> IndexStatus:
    eng = engine(lib)
    library_seq = records.last_change_seq(lib.db)
    try:
        if verify:
            state, entries = eng.verify()
        else:
            state, entries = eng.state(), -1
    except IndexUnavailable as exc:
        missing = "no index yet" in str(exc)
        return IndexStatus("missing" if missing else "damaged", str(exc), -1, library_seq)
    if state.library != library_id(lib):
        return IndexStatus("foreign", "the index belongs to another library", state.seq, library_seq)
    if state.seq > library_seq:
        return IndexStatus(
            "ahead", "the index is newer than the database (restored backup?)", state.seq, library_seq
        )
    first = records.first_change_seq(lib.db)
    if state.seq < library_seq and first is not None and first > state.seq + 1:
        return IndexStatus("pruned", "changes the index missed were pruned", state.seq, library_seq)
    size = f" with {entries} entries" if entries >= 0 else ""
    if entries >= 0 and state.seq == library_seq:
        expected = _expected_entries(lib)
        if entries != expected:
            # Up to date by its change number, yet not the same set: a
            # commit half lost, files from elsewhere. Rebuild.
            return IndexStatus(
                "damaged", f"the index has {entries} entries where the library has {expected}",
                state.seq, library_seq,
            )
    if state.seq < library_seq:
        return IndexStatus(
            "behind", f"index{size} is {library_seq - state.seq} change(s) behind", state.seq, library_seq
        )
    return IndexStatus("ok", f"index{size} is up to date (change {state.seq})", state.seq, library_seq)


def _expected_entries(lib: Library) -> int:
    """Pages with text plus annotations: what a complete index holds."""
    return records.count_text_pages(lib.db, non_blank=True) + records.count_annotations(lib.db)


def check_index(lib: Library) -> list[dict[str, str]]:
    """The ``check`` item for the search index."""
    st = index_status(lib, verify=True)
    if st.state == "ok":
        status = "ok"
    elif st.state in ("behind", "missing"):
        # A cache that is merely behind or not built yet loses nothing: the
        # next sync (any command that searches, or the window) catches up.
        status = "note"
    else:
        status = "problem"
    detail = st.detail
    if status == "problem":
        detail += "; run 'kanttekening reindex' (the window rebuilds it by itself)"
    items = [{"what": "search index", "status": status, "detail": detail}]
    old = lib.root / "index"
    if old.exists():
        # Earlier versions kept the index inside the library folder. It is
        # never opened now (a synced folder is no place for files we load).
        items.append({
            "what": "old search index", "status": "note",
            "detail": f"{old} is from an earlier version and is no longer read; it can be deleted",
        })
    return items


# --- what goes into the index ---------------------------------------------------------

def _documents(lib: Library) -> dict[str, Document]:
    return {d.id: d for d in records.list_documents(lib.db)}  # uncached: writers need the truth


def _tag_names(lib: Library) -> dict[str, str]:
    """Tag id -> name. Only an annotation's own tags are indexed; ``tag:``
    takes in the tags under the one asked for when the query is answered,
    so renaming or moving a parent tag leaves nothing stale in the index."""
    return {t.id: t.name for t in records.list_tags(lib.db)}


def tag_resolver(lib: Library) -> Callable[[str], list[str]]:
    """``tag:`` values: the tag's name and the names of every tag under it
    (``tag:Parent/Child`` for one child)."""
    tags: list[Tag] = []
    by_parent: dict[str | None, list[Tag]] = {}

    def load() -> None:  # only when the query has a tag: filter
        if not tags:
            tags.extend(records.list_tags(lib.db))
            for t in tags:
                by_parent.setdefault(t.parent_id, []).append(t)

    def below(tag: Tag) -> list[str]:
        names, todo, seen = [], [tag], set()
        while todo:
            cur = todo.pop()
            if cur.id in seen:
                continue
            seen.add(cur.id)
            names.append(cur.name)
            todo.extend(by_parent.get(cur.id, []))
        return names

    def resolve(value: str) -> list[str]:
        parts = [p.strip().lower() for p in value.split("/") if p.strip()]
        if not parts:
            return []
        load()
        found = [t for t in tags if t.name.lower() == parts[0]]
        for part in parts[1:]:
            found = [c for t in found for c in by_parent.get(t.id, []) if c.name.lower() == part]
        names = [n for t in found for n in below(t)]
        return names or [value]

    return resolve


def _stances(lib: Library, ann_id: str) -> list[str]:
    return [str(s) for s in records.stances_touching(lib.db, ann_id)]


def _annotation_entry(
    ann: Annotation, doc: Document, tag_names: dict[str, str], stances: list[str]
) -> AnnotationEntry:
    tags = [tag_names[tid] for tid in ann.tag_ids if tid in tag_names]
    return AnnotationEntry(
        id=ann.id, document=ann.document_id, page=int(ann.page_no),
        language=str(doc.language), document_kind=str(doc.kind), role=str(ann.role),
        label=ann.label, quote=ann.quote, note=ann.note, author=ann.author,
        tags=list(dict.fromkeys(tags)), stances=stances,
    )


def _page_entries(
    lib: Library, docs: dict[str, Document], doc_id: str | None = None
) -> Iterator[PageEntry]:
    rows: Iterable[DocumentPage]
    if doc_id is None:
        rows = records.iter_all_pages(lib.db)
    else:
        d = docs[doc_id]
        rows = (
            DocumentPage(doc_id, p.page_no, p.text, p.has_text, d.title, d.kind, d.language)
            for p in records.get_pages(lib.db, doc_id)
        )
    for r in rows:
        if r.has_text and r.text.strip(" \t\n\r"):  # as _expected_entries counts
            yield PageEntry(r.document_id, r.page_no, r.text, str(r.language), str(r.kind))


def _annotation_entries(
    lib: Library, docs: dict[str, Document], doc_id: str | None = None
) -> Iterator[AnnotationEntry]:
    names = _tag_names(lib)
    stances: dict[str, list[str]] = {}
    for link in records.list_links(lib.db):
        stances.setdefault(link.recommendation_id, []).append(str(link.stance))
        if link.response_id:
            stances.setdefault(link.response_id, []).append(str(link.stance))
    for ann in records.list_annotations(lib.db, document_id=doc_id):
        doc = docs.get(ann.document_id)
        if doc is not None:
            yield _annotation_entry(ann, doc, names, stances.get(ann.id, []))


# --- keeping the index in step --------------------------------------------------------

def rebuild_index(
    lib: Library,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    procs: int | None = None,
) -> int:
    """Index every page and annotation into a fresh generation, switch to
    it, then apply what changed meanwhile. Returns the number of entries."""
    eng = engine(lib)
    # One read transaction: the rows and the change number agree.
    with records.read_transaction(lib.db):
        seq = records.last_change_seq(lib.db)
        docs = _documents(lib)
        total = records.count_text_pages(lib.db)
        count = eng.rebuild(
            library_id(lib), seq, _page_entries(lib, docs), _annotation_entries(lib, docs),
            total=total, progress=progress, cancelled=cancelled, procs=procs,
        )
    sync_index(lib)
    return count


def sync_index(lib: Library, *, timeout: float = 30.0) -> int:
    """Apply the changes logged since the index's last one. Returns how many
    change rows were applied (0: already up to date)."""
    eng = engine(lib)
    state = eng.state()
    applied = 0
    while True:
        changes = records.changes_since(lib.db, state.seq, limit=5000)
        if not changes:
            return applied
        writer = eng.writer(library_id(lib), timeout=timeout)
        try:
            last = _apply(lib, writer, changes)
            writer.commit(last)
        except BaseException:
            writer.cancel()
            raise
        applied += len(changes)
        state = eng.state()


def _apply(lib: Library, writer: Any, changes: list[Change]) -> int:
    doc_ids = {c.entity_id for c in changes if c.entity == "document"}
    ann_ids = {c.entity_id for c in changes if c.entity == "annotation"}
    docs = _documents(lib)
    for doc_id in doc_ids:
        writer.delete_document(doc_id)
        if doc_id in docs:
            for page in _page_entries(lib, docs, doc_id):
                writer.put_page(page)
            for ann in _annotation_entries(lib, docs, doc_id):
                writer.put_annotation(ann)
    names = _tag_names(lib) if ann_ids else {}
    for ann_id in ann_ids:
        writer.delete_annotation(ann_id)
        found = records.get_annotation(lib.db, ann_id)
        if found is None or found.document_id in doc_ids:
            continue
        doc = docs.get(found.document_id)
        if doc is not None:
            writer.put_annotation(_annotation_entry(found, doc, names, _stances(lib, ann_id)))
    return changes[-1].seq


def ensure_index(
    lib: Library,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IndexStatus:
    """Catch up, or rebuild when the index cannot be trusted (searches
    meanwhile are answered by the SQLite fallback, which says so)."""
    st = index_status(lib, verify=True)
    if st.usable:
        try:
            sync_index(lib)
            return index_status(lib)
        except IndexBusy:
            raise
        except IndexUnavailable:
            pass
    retire_index(lib)
    rebuild_index(lib, progress, cancelled)
    return index_status(lib)


def retire_index(lib: Library) -> None:
    """Stop answering from the current index (it is about to be rebuilt
    because it cannot be trusted): searches fall back to SQLite."""
    eng = engine(lib)
    eng.close()
    eng.retire()


# --- queries --------------------------------------------------------------------------

@dataclass
class Hit:
    """One hit. The source's words and the reviewer's are kept apart:
    ``passage``, ``snippet``, ``plain`` and ``marks`` hold only words of the
    page (for an annotation: of its quote); the note, label and tags are
    separate fields."""

    document: str
    title: str
    page: int
    kind: str
    annotation: str | None
    score: float
    snippet: str  # plain text, matched words between « and »
    marks: list[tuple[int, int]]  # offsets of matched words in ``plain``
    plain: str  # the snippet without marks
    passage: str = ""  # the source's words exactly as they stand on the page
    role: str | None = None
    label: str | None = None
    note: str = ""  # the reviewer's note (annotations), never part of the passage
    note_snippet: str = ""  # the note with matched words between « and »
    tags: list[str] = field(default_factory=list)
    counterparts: list[dict] = field(default_factory=list)
    # Set when the page's text was recognised by OCR: Tesseract's confidence (0-100).
    ocr_confidence: float | None = None

    def as_json(self) -> dict:
        out = {
            "document": self.document, "title": self.title, "page": self.page,
            "kind": self.kind, "annotation": self.annotation, "score": round(self.score, 4),
            "snippet": self.snippet, "passage": self.passage,
            "matched": list(dict.fromkeys(self.plain[s:e] for s, e in self.marks)),
            "recognised_text": self.ocr_confidence is not None,
            "ocr_confidence": self.ocr_confidence,
        }
        if self.kind == "annotation":
            out.update(role=self.role, label=self.label, note=self.note, tags=self.tags)
        return out


@dataclass
class SearchOutcome:
    hits: list[Hit]
    total: int
    groups: list[dict]  # {document, title, count} in result order
    source: str  # "index" or "sqlite" (the index is being rebuilt)
    query: Query
    highlight: Any = None  # what the query matched, for marking words on a page
    notices: list[str] = field(default_factory=list)  # what differs from a full answer
    behind: int = 0  # changes the index had not yet applied (0: up to date)

    @property
    def notice(self) -> str:
        """One sentence for the user, or "" when the answer is the index's
        own and up to date."""
        parts = []
        if self.source == "sqlite":
            parts.append("the search index is being rebuilt: these results come from a plain "
                         "text search of the library (ranked by word counts)")
        elif self.behind:
            parts.append(f"the search index is {self.behind} change(s) behind the library")
        from app.search_fallback import NOTICES

        parts += [NOTICES.get(n, n) for n in self.notices]
        return "; ".join(parts)


def resolver(lib: Library) -> Callable[[str], list[str]]:
    """``doc:`` values: an id (prefix), a file name (prefix) or title words."""
    docs = documents(lib)

    def resolve(value: str) -> list[str]:
        v = value.lower()
        ids = [d.id for d in docs if d.id == v or d.sha256 == v]
        if ids:
            return ids
        return [
            d.id for d in docs
            if d.id.startswith(v) or d.file_name.lower().startswith(v) or v in d.title.lower()
        ]

    return resolve


def search(
    lib: Library,
    text: str,
    *,
    limit: int = 20,
    doc: str | None = None,
    sort: str = "relevance",
    counts: bool = False,
    typing: bool = False,
) -> SearchOutcome:
    """Answer ``text`` (the query language of docs/search.md). Never raises
    on a malformed query; ``doc`` limits to one document (id or file name).
    ``typing``: the last word, not yet followed by a space, also matches the
    words it begins (search as you type), below the word itself."""
    from app import search_fallback, search_results

    query = parse_query(text, typing=typing)
    if doc:
        d = lib.resolve_document(doc)
        from search import Filter

        query.filters.append(Filter("doc", d.id))
    if query.empty:
        return SearchOutcome([], 0, [], "index", query, None)
    notices: list[str] = []
    behind = 0
    try:
        eng = engine(lib)
        results = eng.search(
            query, limit=limit, resolve_doc=resolver(lib), resolve_tag=tag_resolver(lib), counts=counts
        )
        source = "index"
        behind = max(0, records.last_change_seq(lib.db) - eng.searcher().state.seq)
    except IndexUnavailable:
        results, notices = search_fallback.search(
            lib, query, limit=limit, resolve_doc=resolver(lib), resolve_tag=tag_resolver(lib)
        )
        source = "sqlite"
    hits = search_results.assemble(lib, results)
    if sort == "document":
        hits = search_results.document_order(lib, hits)
    groups = search_results.groups(lib, hits, results.counts)
    return SearchOutcome(hits, results.total, groups, source, query, results.highlight, notices, behind)


def page_words(lib: Library, outcome: SearchOutcome, doc_id: str, page: int) -> list[str]:
    """The distinct words on a page that the search matched, lower case (for
    the reader to mark every match on the page it opens)."""
    from search import make_snippet

    if outcome.highlight is None:
        return []
    row = records.get_page(lib.db, doc_id, page)
    doc = records.get_document(lib.db, doc_id)
    if row is None or doc is None:
        return []
    snip = make_snippet(row.text, outcome.highlight, doc.language, window=1 << 30)
    return list(dict.fromkeys(snip.text[s:e].lower() for s, e in snip.marks))


def match_pages(lib: Library, text: str, doc_id: str) -> list[int]:
    """Every page of one document with a match (page text or annotation), in
    page order: for "next / previous match" and find in document."""
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        return []
    query = parse_query(text)
    if not query.has_terms:
        return []
    from search import Filter

    query.filters.append(Filter("doc", doc_id))
    limit = doc.page_count * 2 + 200
    try:
        results = engine(lib).search(query, limit=limit)
    except IndexUnavailable:
        from app import search_fallback

        results, _notices = search_fallback.search(lib, query, limit=limit)
    return sorted({h.page for h in results.hits})


def prune_applied_changes(lib: Library) -> int:
    """Drop change_log rows the index has applied (it only ever needs newer
    ones). Keeps the log from growing for ever; returns how many went."""
    st = index_status(lib)
    if st.state not in ("ok", "behind") or st.index_seq <= 0:
        return 0
    with lib.write():
        before = records.change_log_size(lib.db)
        records.prune_change_log(lib.db, st.index_seq)
        after = records.change_log_size(lib.db)
    return before - after
