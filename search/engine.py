"""The one interface the rest of the app uses: ``SearchEngine``.

Nothing outside ``search/`` touches Whoosh; replacing the engine means
re-implementing this class (state, writer, rebuild, search, snippet) and
nothing in ``app/`` or ``ui/``.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Callable, Iterable

from search.index import (
    AnnotationEntry,
    IndexBusy,
    IndexState,
    IndexUnavailable,
    IndexWriter,
    PageEntry,
    activate,
    current_generation,
    new_generation,
    open_generation,
    read_state,
    rebuild_lock,
    remove_stale_generations,
    retire_current,
)
from search.query import Query
from search.searching import DocResolver, Results, Searcher
from search.snippets import Highlight, Snippet, make_snippet
from search.vocab import Vocabulary

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    pass


def rebuild_procs() -> int:
    """Two indexing processes where Whoosh's multiprocess writer works
    (it does not on Windows), one otherwise."""
    if sys.platform.startswith("win") or (os.cpu_count() or 1) < 2:
        return 1
    return 2


class SearchEngine:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()

    # --- state ------------------------------------------------------------------
    def state(self) -> IndexState:
        """The current generation's state; raises ``IndexUnavailable``."""
        folder = current_generation(self.root)
        if folder is None or not folder.is_dir():
            raise IndexUnavailable("there is no index yet")
        return read_state(folder)

    def verify(self) -> tuple[IndexState, int]:
        """Open the index fully (catches damaged files); (state, entries)."""
        folder, state, ix = open_generation(self.root)
        try:
            Vocabulary.load(folder)
        except ValueError as exc:
            raise IndexUnavailable(f"the index's word list is damaged: {exc}") from exc
        try:
            with ix.searcher() as s:
                return state, s.doc_count()
        except Exception as exc:  # noqa: BLE001
            raise IndexUnavailable(f"the index cannot be read: {exc}") from exc

    # --- writing ----------------------------------------------------------------
    def writer(self, library: str, *, timeout: float = 30.0) -> IndexWriter:
        """A writer on the current generation (waits up to ``timeout`` s for
        another writer to finish)."""
        folder, _state, ix = open_generation(self.root)
        return IndexWriter(folder, ix, library, timeout=timeout)

    def rebuild(
        self,
        library: str,
        seq: int,
        pages: Iterable[PageEntry],
        annotations: Iterable[AnnotationEntry],
        *,
        total: int = 0,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        procs: int | None = None,
    ) -> int:
        """Index everything into a new generation, then switch to it.

        ``seq`` is the change number the given rows are a snapshot of; the
        caller then applies the changes after it. Returns the entry count.
        """
        with rebuild_lock(self.root):
            return self._rebuild(library, seq, pages, annotations, total=total, progress=progress,
                                 cancelled=cancelled, procs=procs)

    def _rebuild(
        self,
        library: str,
        seq: int,
        pages: Iterable[PageEntry],
        annotations: Iterable[AnnotationEntry],
        *,
        total: int,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        procs: int | None,
    ) -> int:
        folder, ix = new_generation(self.root)
        if procs is None:  # starting processes only pays off on big rebuilds
            procs = rebuild_procs() if total >= 2000 else 1
        writer = IndexWriter(folder, ix, library, fresh=True, procs=procs, expected=total)
        done = 0
        try:
            for page in pages:
                writer.put_page(page)
                done += 1
                if done % 50 == 0:
                    if cancelled is not None and cancelled():
                        raise Cancelled()
                    if progress is not None:
                        progress(done, total)
            for ann in annotations:
                writer.put_annotation(ann)
                done += 1
            writer.commit(seq)
        except BaseException:
            try:
                writer.cancel()
            finally:
                ix.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        ix.close()
        activate(self.root, folder)
        remove_stale_generations(self.root)
        if progress is not None:
            progress(total or done, total or done)
        return done

    def retire(self) -> None:
        """Forget the current generation (searchers opened after this find
        no index); its files go with the next cleanup."""
        retire_current(self.root)

    def cleanup(self) -> None:
        try:
            with rebuild_lock(self.root, timeout=0):
                remove_stale_generations(self.root)
        except IndexBusy:
            pass  # another process is building: its generation must stay

    # --- searching ------------------------------------------------------------------
    def searcher(self) -> Searcher:
        """An open searcher, refreshed to the latest commit; raises
        ``IndexUnavailable`` when there is no usable index (missing, retired
        for a rebuild, or damaged: found when it is opened)."""
        with self._lock:
            s = self._searcher
            if s is not None:
                try:
                    if s.refresh():
                        return s
                except IndexUnavailable:
                    pass
                except Exception:  # noqa: BLE001 - files replaced under us
                    pass
                s.close()
                self._searcher = None
            self._searcher = Searcher(self.root)
            return self._searcher

    def search(
        self,
        query: Query,
        *,
        limit: int = 20,
        resolve_doc: DocResolver | None = None,
        resolve_tag: DocResolver | None = None,
        counts: bool = False,
    ) -> Results:
        return self.searcher().search(
            query, limit=limit, resolve_doc=resolve_doc, resolve_tag=resolve_tag, counts=counts
        )

    def clear_caches(self) -> None:
        """Forget cached postings and analysed pages (cold measurements)."""
        from search import snippets

        with self._lock:
            if self._searcher is not None:
                self._searcher.clear_caches()
        snippets.clear_cache()

    @staticmethod
    def snippet(text: str, highlight: Highlight, language: str) -> Snippet:
        return make_snippet(text, highlight, language)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
