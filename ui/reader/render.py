"""The window's side of the render process: requests, a reply thread, a cache.

One long-lived child process per window renders pages and extracts word
boxes (``render_child``). A daemon thread here does nothing but read replies
from the pipe and wrap pixels in a ``QImage`` (QImage, unlike QPixmap, may be
built off the GUI thread); the GUI thread only receives finished images
through a queued signal. Images are cached by (document, page, scale), where
scale already includes zoom and device pixel ratio, under a memory cap.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import threading
import time
from collections import OrderedDict
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ui.reader.render_child import serve

CACHE_BYTES = 160 * 1024 * 1024
MAX_RESTARTS = 4  # process starts within 30 s before giving up


def _copy_out(attached: dict[int, SharedMemory], slot: int, name: str,
              w: int, h: int, stride: int) -> QImage:
    """The page in the child's slot as an image of our own.

    Python < 3.13 registers an attached segment with the resource tracker;
    the child shares that tracker (spawn hands it down) and it keeps a set of
    names, so this adds nothing and the child's unlink still unregisters it."""
    shm = attached.get(slot)
    if shm is None or shm.name != name:  # the child replaced the slot's segment
        if shm is not None:
            _detach(shm, unlink=False)
        shm = attached[slot] = SharedMemory(name=name)
    view = shm.buf[:stride * h]
    try:
        # Converted here, once, to the format the screen paints without
        # converting (drawImage of RGB888 converts on every paint); the
        # conversion is also the one copy out of the slot.
        return QImage(view, w, h, stride, QImage.Format.Format_RGB888).convertToFormat(
            QImage.Format.Format_RGB32)
    finally:
        view.release()


def _detach(shm: SharedMemory, unlink: bool) -> None:
    try:
        shm.close()
        if unlink:
            shm.unlink()
    except (OSError, BufferError):
        pass


class RenderUnavailable(Exception):
    pass


def scale_key(scale: float) -> float:
    return round(scale, 3)


class RenderService(QObject):
    sig_image = Signal(str, int, float)
    """(document key, page, scale): a rendered page is in the cache."""

    sig_words = Signal(str, int)
    """(document key, page): the page's word boxes arrived."""

    sig_failed = Signal(str, int, str)
    """(document key, page, message): rendering or opening failed."""

    _sig_reply = Signal(object)

    def __init__(self, parent: QObject | None = None, cache_bytes: int = CACHE_BYTES) -> None:
        super().__init__(parent)
        self.cache_bytes = cache_bytes
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None
        self._paths: dict[str, str] = {}
        self._images: OrderedDict[tuple[str, int, float], QImage] = OrderedDict()
        self._bytes = 0
        self._words: dict[str, dict[int, list]] = {}
        self._pending: dict[tuple, int] = {}  # (kind, key, page[, scale]) -> request id
        self._ids = itertools.count(1)
        self._send_lock = threading.Lock()
        self._batch: list | None = None
        self.closed = False
        """Set by ``shutdown``: the window is going; nothing starts again."""
        self._starts: list[float] = []
        self._sig_reply.connect(self._on_reply)

    # --- the process -------------------------------------------------------------
    def start(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        # A page that crashes MuPDF would crash every new process too: after
        # a few restarts in a short time, stop trying (pages stay blank).
        now = time.monotonic()
        self._starts = [t for t in self._starts if now - t < 30] + [now]
        if len(self._starts) > MAX_RESTARTS:
            raise RenderUnavailable("the render process keeps stopping")
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=serve, args=(child,), daemon=True,
                                       name="kanttekening-render")
        self._proc.start()
        child.close()
        self._conn = parent
        self._pending.clear()
        threading.Thread(target=self._read, args=(parent,), daemon=True,
                         name="kanttekening-render-replies").start()
        for key, path in self._paths.items():
            self._send(("open", key, path))

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def shutdown(self) -> None:
        self.closed = True
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            try:
                with self._send_lock:
                    conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        if proc is not None:
            proc.join(timeout=3)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=3)
        if conn is not None:
            conn.close()

    def batch(self) -> "_Batch":
        """``with service.batch():`` sends the requests made inside as one message,
        so the render process weighs them together (newest first)."""
        return _Batch(self)

    def _send(self, msg: Any) -> None:
        if self._batch is not None:
            self._batch.append(msg)
            return
        try:
            if self._proc is None or not self._proc.is_alive():
                self.start()
            try:
                with self._send_lock:
                    self._conn.send(msg)
            except (OSError, BrokenPipeError):
                # The child died (a hostile page can crash MuPDF): start a new one.
                self._proc = None
                self.start()
                with self._send_lock:
                    self._conn.send(msg)
        except RenderUnavailable:
            pass  # reported once through sig_failed when the process stopped

    def _read(self, conn: Any) -> None:
        """Reply thread: pipe I/O and QImage wrapping only, never widgets."""
        # Slots stay mapped between pages: mapping one per page costs several
        # GIL round trips, which made this thread wait on the GUI thread.
        attached: dict[int, SharedMemory] = {}
        try:
            while True:
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    try:
                        self._sig_reply.emit(("died", conn))
                    except RuntimeError:
                        pass  # the service was deleted first (the window closed): nobody to tell
                    return
                if msg[0] == "dropped":  # the child went idle and removed these slots
                    for slot in msg[1]:
                        shm = attached.pop(slot, None)
                        if shm is not None:
                            _detach(shm, unlink=False)
                    continue
                if msg[0] == "image":
                    _, rid, key, page_no, scale, w, h, stride, slot, name = msg
                    try:
                        image = _copy_out(attached, slot, name, w, h, stride)
                    except (OSError, ValueError) as exc:  # the segment vanished with its child
                        msg = ("error", rid, key, page_no, str(exc))
                    else:
                        msg = ("image", rid, key, page_no, scale, image)
                    try:
                        with self._send_lock:
                            conn.send(("release", slot))
                    except (OSError, BrokenPipeError):
                        pass  # the child is gone; "died" follows from recv
                self._sig_reply.emit(msg)
        finally:
            # A child that exits removes its segments; one that crashed cannot.
            for shm in attached.values():
                _detach(shm, unlink=True)

    # --- documents -----------------------------------------------------------------
    def open(self, key: str, path: Path) -> None:
        self._paths[key] = str(path)
        self._words.setdefault(key, {})
        self._send(("open", key, str(path)))

    def reopen(self, key: str, path: Path) -> None:
        """The file changed (OCR added a text layer): read it again. The
        pictures stay (the new text is invisible); the word boxes go."""
        self._paths[key] = str(path)
        self._words[key] = {}
        stale = [k for k in self._pending if k[0] == "words" and k[1] == key]
        with self.batch():
            if stale:
                self._send(("cancel", [self._pending.pop(k) for k in stale]))
            if self._proc is not None:
                self._send(("close", key))
            self._send(("open", key, str(path)))

    def close(self, key: str) -> None:
        self._paths.pop(key, None)
        self._words.pop(key, None)
        for k in [k for k in self._images if k[0] == key]:
            self._bytes -= self._images.pop(k).sizeInBytes()
        stale = [rid for k, rid in self._pending.items() if k[1] == key]
        for k in [k for k in self._pending if k[1] == key]:
            del self._pending[k]
        if stale:
            self._send(("cancel", stale))
        if self._proc is not None:
            self._send(("close", key))

    # --- pages -------------------------------------------------------------------------
    def image(self, key: str, page_no: int, scale: float) -> QImage | None:
        k = (key, page_no, scale_key(scale))
        img = self._images.get(k)
        if img is not None:
            self._images.move_to_end(k)
        return img

    def any_image(self, key: str, page_no: int) -> QImage | None:
        """Some cached picture of the page at any scale (a placeholder while zooming)."""
        for k in reversed(self._images):
            if k[0] == key and k[1] == page_no:
                return self._images[k]
        return None

    def request(self, key: str, page_no: int, scale: float) -> None:
        k = ("render", key, page_no, scale_key(scale))
        if k in self._pending or self.image(key, page_no, scale) is not None:
            return
        rid = next(self._ids)
        self._pending[k] = rid
        self._send(("render", rid, key, page_no, scale_key(scale)))

    def words(self, key: str, page_no: int) -> list | None:
        return self._words.get(key, {}).get(page_no)

    def request_words(self, key: str, page_no: int) -> None:
        k = ("words", key, page_no)
        if k in self._pending or self.words(key, page_no) is not None:
            return
        rid = next(self._ids)
        self._pending[k] = rid
        self._send(("words", rid, key, page_no))

    def retain(self, key: str, pages: set[int], scale: float) -> None:
        """Cancel this document's render requests outside ``pages`` or at another scale."""
        sk = scale_key(scale)
        drop = [k for k in self._pending
                if k[0] == "render" and k[1] == key and (k[2] not in pages or k[3] != sk)]
        if drop:
            self._send(("cancel", [self._pending.pop(k) for k in drop]))

    def pending_count(self) -> int:
        return len(self._pending)

    def _on_reply(self, msg: tuple) -> None:
        kind = msg[0]
        if kind == "image":
            _, rid, key, page_no, scale, image = msg
            k = ("render", key, page_no, scale)
            if self._pending.get(k) == rid:
                del self._pending[k]
            if key not in self._paths:
                return
            ck = (key, page_no, scale)
            old = self._images.pop(ck, None)
            if old is not None:
                self._bytes -= old.sizeInBytes()
            self._images[ck] = image
            self._bytes += image.sizeInBytes()
            while self._bytes > self.cache_bytes and len(self._images) > 1:
                _, dropped = self._images.popitem(last=False)
                self._bytes -= dropped.sizeInBytes()
            self.sig_image.emit(key, page_no, scale)
        elif kind == "words":
            _, rid, key, page_no, words = msg
            self._pending.pop(("words", key, page_no), None)
            if key in self._words:
                self._words[key][page_no] = words
                self.sig_words.emit(key, page_no)
        elif kind == "died":
            if msg[1] is self._conn:
                # Requests in flight are lost with the child; views ask again.
                self._pending.clear()
                self._proc = None
                self.sig_failed.emit("", 0, "the render process stopped; it is started again")
        elif kind == "error":
            _, rid, key, page_no, message = msg
            for k in [k for k, v in self._pending.items() if v == rid]:
                del self._pending[k]
            self.sig_failed.emit(key, page_no, message)

    @property
    def cached_bytes(self) -> int:
        return self._bytes


class _Batch:
    def __init__(self, service: RenderService) -> None:
        self.service = service

    def __enter__(self) -> None:
        self.service._batch = []

    def __exit__(self, *exc: object) -> None:
        msgs, self.service._batch = self.service._batch or [], None
        if msgs:
            self.service._send(("batch", msgs) if len(msgs) > 1 else msgs[0])
