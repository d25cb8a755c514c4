"""The Whoosh index: its folder, schema, writing and state.

Layout of the index folder (in the user's cache folder, never inside the
library folder: Whoosh's table of contents is a pickle)::

    CURRENT          the name of the generation in use, replaced atomically
    gen-<hex>/       one complete Whoosh index, with
        state.json   {"schema", "seq", "library"} written after each commit
        words.json   the folded surface words (see ``vocab``)

A rebuild writes a new generation beside the current one and switches
``CURRENT`` when it is complete, so searches keep using the old one (or the
caller's fallback) meanwhile, and a rebuild killed halfway leaves only a
folder that the next cleanup removes.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import whoosh.index
import whoosh.writing
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import FileLock, try_for
from whoosh.analysis import Analyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, FieldType, Schema

from search.analysis import LANGUAGES, WORD, analyzer, fold, language_of
from search.bulk import BulkWriter
from search.codec import BlockCodec
from search.fields import WordsText
from search.vocab import Vocabulary

# 2: Dutch apostrophe forms ("thema's" is indexed as "thema"), words.json,
#    text fields of type ``fields.WordsText``.
# 3: postings blocks pickled with protocol 4 (``codec.BlockCodec``); an index
#    of 2 still reads, but is rebuilt to read faster.
SCHEMA_VERSION = 3
CURRENT = "CURRENT"
STATE = "state.json"
INDEX_NAME = "MAIN"
TEXT_FIELDS = {lang: (f"body_{lang}", f"ann_{lang}") for lang in LANGUAGES}
# Annotation text and labels rank above page text: query-time boosts that
# multiply the BM25 score (an index-time field boost only raises the term
# frequency, which BM25 saturates).
ANNOTATION_BOOST = 2.0
LABEL_BOOST = 3.0


class IndexUnavailable(Exception):
    """The index is missing, from another schema, or unreadable."""


class IndexBusy(IndexUnavailable):
    """Another process holds the index's write lock (the index is there,
    but may be behind the library until that writer is done)."""


def _as_analyzer(tokenizer: object) -> Analyzer:
    """Whoosh takes a bare tokenizer as a field's analyzer (it is called the
    same way); its type hints only name ``Analyzer``."""
    return tokenizer  # type: ignore[return-value]


def build_schema() -> Schema:
    fields: dict[str, FieldType | type[FieldType]] = {
        "key": ID(unique=True, stored=True),
        "doc": ID(stored=True, sortable=True),
        "page": NUMERIC(int, bits=32, stored=True, signed=False),
        "kind": ID,
        "dkind": ID,
        "role": ID,
        "stance": KEYWORD(commas=True),
        "tags": KEYWORD(commas=True),
        "author": ID,
        "label": WordsText(analyzer=_as_analyzer(analyzer("nl", stemming=False))),
    }
    for lang, (body, ann) in TEXT_FIELDS.items():
        fields[body] = WordsText(analyzer=_as_analyzer(analyzer(lang)))
        fields[ann] = WordsText(analyzer=_as_analyzer(analyzer(lang)))
    return Schema(**fields)


def field_boost(fieldname: str) -> float:
    if fieldname == "label":
        return LABEL_BOOST
    return ANNOTATION_BOOST if fieldname.startswith("ann_") else 1.0


@dataclass(frozen=True)
class IndexState:
    schema: int
    seq: int
    library: str


@dataclass
class PageEntry:
    document: str
    page: int
    text: str
    language: str
    document_kind: str


@dataclass
class AnnotationEntry:
    id: str
    document: str
    page: int
    language: str
    document_kind: str
    role: str
    label: str
    quote: str
    note: str
    author: str
    tags: list[str]
    stances: list[str]


def page_key(document: str, page: int) -> str:
    return f"p/{document}/{page}"


def annotation_key(ann_id: str) -> str:
    return f"a/{ann_id}"


# --- the folder --------------------------------------------------------------

def current_generation(root: Path) -> Path | None:
    if root.exists() and not root.is_dir():
        raise IndexUnavailable(f"{root} is a file, not an index folder")
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeError) as exc:
        raise IndexUnavailable(f"cannot read {root / CURRENT}: {exc}") from exc
    if not name.startswith("gen-") or "/" in name or "\\" in name:
        raise IndexUnavailable(f"{root / CURRENT} names no index generation")
    return root / name


def read_state(folder: Path) -> IndexState:
    try:
        data = json.loads((folder / STATE).read_text(encoding="utf-8"))
        return IndexState(int(data["schema"]), int(data["seq"]), str(data["library"]))
    except FileNotFoundError as exc:
        raise IndexUnavailable("the index was never completed") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnavailable(f"unreadable index state: {exc}") from exc


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_state(folder: Path, state: IndexState) -> None:
    _write_atomic(
        folder / STATE,
        json.dumps({"schema": state.schema, "seq": state.seq, "library": state.library}),
    )


def activate(root: Path, folder: Path) -> None:
    """Make ``folder`` the generation in use (one atomic rename)."""
    _write_atomic(root / CURRENT, folder.name)


def retire_current(root: Path) -> None:
    """No generation in use any more (until a rebuild activates one)."""
    try:
        (root / CURRENT).unlink()
    except FileNotFoundError:
        pass
    except (IsADirectoryError, NotADirectoryError, PermissionError):
        if (root / CURRENT).is_dir():
            shutil.rmtree(root / CURRENT, ignore_errors=True)


REBUILD_LOCK = "rebuild.lock"


@contextmanager
def rebuild_lock(root: Path, *, timeout: float = 300.0) -> Iterator[None]:
    """Held by the one process that builds a new generation and cleans up
    old ones: a second rebuilder (a command beside the window's indexer)
    waits its turn instead of deleting the generation being built. An OS
    lock: it goes with the process that held it."""
    if root.exists() and not root.is_dir():
        root.unlink()  # the cache's own place, taken by a stray file
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / REBUILD_LOCK))
    if not try_for(lambda: bool(lock.acquire(blocking=False)), timeout=timeout, delay=0.05):
        raise IndexBusy("another process is rebuilding the search index")
    try:
        yield
    finally:
        lock.release()


def remove_stale_generations(root: Path) -> None:
    """Delete every generation but the current one (best effort: a folder
    still open elsewhere, e.g. on Windows, is left for next time)."""
    try:
        current = current_generation(root)
    except IndexUnavailable:
        current = None
    if not root.is_dir():
        return
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child != current and not _being_written(child):
            shutil.rmtree(child, ignore_errors=True)


def _being_written(folder: Path) -> bool:
    """Whether some writer (a rebuild in another process, say) holds the
    generation's write lock: it is not stale, only not finished yet. The
    lock goes with the process, so a killed rebuild's folder is removed."""
    lock = FileStorage(str(folder)).lock(f"{INDEX_NAME}_WRITELOCK")
    try:
        if lock.acquire(blocking=False):
            lock.release()
            return False
    except OSError:
        return False
    return True


def open_generation(root: Path) -> tuple[Path, IndexState, whoosh.index.Index]:
    folder = current_generation(root)
    if folder is None or not folder.is_dir():
        raise IndexUnavailable("there is no index yet")
    state = read_state(folder)
    if state.schema != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index has schema {state.schema}, this version uses {SCHEMA_VERSION}"
        )
    try:
        ix = whoosh.index.open_dir(str(folder), indexname=INDEX_NAME)
    except Exception as exc:  # noqa: BLE001 - Whoosh raises many kinds on damage
        raise IndexUnavailable(f"the index cannot be opened: {exc}") from exc
    return folder, state, ix


def new_generation(root: Path) -> tuple[Path, whoosh.index.Index]:
    if root.exists() and not root.is_dir():
        root.unlink()  # the cache's own place, taken by a stray file
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"gen-{uuid.uuid4().hex[:12]}"
    folder.mkdir()
    ix = whoosh.index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)
    return folder, ix


# --- writing ------------------------------------------------------------------



# The most entries a rebuild in one process writes through the bulk writer,
# which holds all postings in memory (140 MB resident at 10,000 pages, against
# 450 MB for Whoosh's writer with its 1 GB pool); above it, Whoosh's own
# writer, whose pool spills to disk.
BULK_MAX_ENTRIES = 20_000


class IndexWriter:
    """Adds and removes entries; ``commit(seq)`` makes them visible and
    records the change number they bring the index up to.

    Whoosh allows one writer per index; ``timeout`` makes a second one wait
    for the lock instead of failing at once.
    """

    def __init__(
        self,
        folder: Path,
        ix: whoosh.index.Index,
        library: str,
        *,
        timeout: float = 30.0,
        fresh: bool = False,
        procs: int = 1,
        expected: int = 0,
    ) -> None:
        self.folder = folder
        self.library = library
        self.fresh = fresh
        # The words of each entry, as written, counted once per entry; folded
        # into the vocabulary at commit (one fold per distinct form instead of
        # one per word of every page).
        self._raw_words: Counter[str] = Counter()
        try:
            self.vocab = Vocabulary() if fresh else Vocabulary.load(folder)
        except ValueError as exc:
            raise IndexUnavailable(f"the index's word list is damaged: {exc}") from exc
        # Whoosh sorts postings in a memory pool of ``limitmb``; a pool too
        # small for a rebuild spills to temporary runs and halves the speed
        # (10,000 pages, one process: 172 pages/s at 256 MB, 314 at 1024 MB,
        # about 550 MB resident). A rebuild in one process of up to
        # BULK_MAX_ENTRIES entries uses the bulk writer instead, which keeps
        # every posting in memory without sorting them all (search/bulk.py).
        if not fresh:
            limitmb = 128
        else:
            limitmb = 1024 if procs <= 1 else 512
        # Every writer, merges included, writes postings blocks that read
        # ten times faster than stock Whoosh's (search/codec.py).
        kwargs: dict[str, object] = {"timeout": timeout, "limitmb": limitmb, "codec": BlockCodec()}
        if procs > 1:
            kwargs.update(procs=procs, multisegment=True)
        self._w: whoosh.writing.IndexWriter
        try:
            if fresh and procs <= 1 and expected <= BULK_MAX_ENTRIES:
                # A rebuild in one process: the same segment, written faster
                # (search/bulk.py), for a schema it handles (ours does).
                try:
                    self._w = BulkWriter(ix, **kwargs)
                except ValueError:
                    self._w = ix.writer(**kwargs)
            else:
                self._w = ix.writer(**kwargs)
        except whoosh.index.LockError as exc:
            raise IndexBusy("another process is writing the index") from exc
        self._add = self._w.add_document if fresh else self._w.update_document

    def put_page(self, page: PageEntry) -> None:
        lang = language_of(page.language)
        body, _ = TEXT_FIELDS[lang]
        words = WORD.findall(page.text)  # one regex pass for the index and the word list
        self._raw_words.update(set(words))
        self._add(
            key=page_key(page.document, page.page),
            doc=page.document,
            page=page.page,
            kind="page",
            dkind=page.document_kind,
            **{body: words},
        )

    def put_annotation(self, ann: AnnotationEntry) -> None:
        lang = language_of(ann.language)
        _, field = TEXT_FIELDS[lang]
        tags = [fold(t) for t in ann.tags if t.strip()]
        text = "\n".join(part for part in (ann.quote, ann.note, ann.label, *ann.tags) if part)
        words = WORD.findall(text)
        self._raw_words.update(set(words))
        self._add(
            key=annotation_key(ann.id),
            doc=ann.document,
            page=ann.page,
            kind="annotation",
            dkind=ann.document_kind,
            role=ann.role,
            stance=",".join(sorted(set(ann.stances))),
            tags=",".join(tags),
            author=fold(ann.author.strip()) or "-",
            label=ann.label,
            **{field: words},
        )

    def delete_document(self, document: str) -> None:
        """Every page and annotation entry of a document."""
        self._w.delete_by_term("doc", document)

    def delete_annotation(self, ann_id: str) -> None:
        self._w.delete_by_term("key", annotation_key(ann_id))

    def commit(self, seq: int) -> None:
        self._w.commit(merge=not self.fresh)
        if self._raw_words:
            folded: Counter[str] = Counter()
            for word, n in self._raw_words.items():
                folded[fold(word)] += n
            self.vocab.add_counts(folded)
            self._raw_words.clear()
        if self.vocab.dirty:
            self.vocab.save(self.folder)
        write_state(self.folder, IndexState(SCHEMA_VERSION, seq, self.library))

    def cancel(self) -> None:
        """Drop what was not committed (nothing, once ``commit`` went
        through: an error after it must not be hidden by this one)."""
        try:
            self._w.cancel()
        except whoosh.writing.IndexingError:
            pass

    def is_current(self) -> bool:
        """Whether this writer's generation is still the one in use."""
        try:
            return current_generation(self.folder.parent) == self.folder
        except IndexUnavailable:
            return False
