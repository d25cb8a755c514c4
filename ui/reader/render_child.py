"""The render process: owns every PyMuPDF object of the reader.

PyMuPDF keeps the GIL while it renders, so a render *thread* would still
freeze the window; a child process does not. This module imports no Qt, so
the child starts quickly (``spawn``). The window talks to it over a pipe:

    ("open", key, path)                      -> ("error", None, key, 0, msg) on failure
    ("render", rid, key, page_no, scale)     -> ("image", rid, key, page_no, scale, w, h, stride,
                                                 slot, shared memory name)
    ("release", slot)                        the window has copied the pixels out of the slot
                                             <- ("dropped", [slot, ...]) slots removed while idle
    ("words", rid, key, page_no)             -> ("words", rid, key, page_no, [word tuples])
    ("cancel", [rid, ...]) / ("close", key) / None (quit)
    ("batch", [message, ...])                several of the above at once

Before each piece of work the child reads every waiting message, so the
newest render requests are served first and cancelled ones are skipped.

Pixels travel through a few shared-memory slots, not the pipe: a 150 % page
is 6 MB, and pushing that through the pipe (written in 64 KB pieces, read
back by Python in chunks, then joined into one bytes object) held the
window's reply thread longer than MuPDF took to render the page. The child
copies a pixmap into a free slot once; the window copies it out once (the
conversion to RGB32) and releases the slot. The child owns (creates, grows,
shrinks and unlinks) the slots, and removes them when idle.
"""
from __future__ import annotations

from collections import OrderedDict
from multiprocessing.connection import Connection
from typing import Any

MAX_PIXELS = 40_000_000  # a 200-inch page must not exhaust memory
DISPLAY_LISTS = 48  # cached per-page display lists make repeat renders ~2x faster
SLOTS = 3  # being copied out by the window while the next pages render
IDLE_SECONDS = 2.0  # without requests this long, the slots are removed


def serve(conn: Connection) -> None:
    slots: list[Any] = [None] * SLOTS
    try:
        _serve(conn, slots)
    finally:
        for shm in slots:  # the window only attaches; the segments are ours to remove
            if shm is not None:
                _drop(shm)


def _drop(shm: Any) -> None:
    try:
        shm.close()
        shm.unlink()
    except (OSError, BufferError):
        pass


def _serve(conn: Connection, slots: list[Any]) -> None:
    from multiprocessing.shared_memory import SharedMemory

    import pymupdf

    from app.anchoring import page_words

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.store_maxsize = 128 * 1024 * 1024
    docs: dict[str, Any] = {}
    dlists: OrderedDict[tuple[str, int], Any] = OrderedDict()
    renders: "OrderedDict[int, tuple]" = OrderedDict()
    words: "OrderedDict[int, tuple]" = OrderedDict()
    free = set(range(SLOTS))

    def slot_for(size: int) -> int:
        """A free slot of at least ``size`` bytes (grown by replacing its segment)."""
        i = min(free)
        free.discard(i)
        shm = slots[i]
        if shm is None or shm.size < size or shm.size > 2 * size:  # grown, or zoomed out
            if shm is not None:
                _drop(shm)
                slots[i] = None
            try:
                # Some headroom so slightly larger pages reuse the segment.
                slots[i] = SharedMemory(create=True, size=size + size // 8)
            except OSError:
                free.add(i)
                raise
        return i

    def handle(msg: Any) -> bool:
        if msg is None:
            return False
        op = msg[0]
        if op == "batch":  # requests made together are seen together
            return all(handle(m) for m in msg[1])
        if op == "open":
            _, key, path = msg
            try:
                docs[key] = pymupdf.open(path)
            except Exception as exc:  # noqa: BLE001 - reported to the window
                conn.send(("error", None, key, 0, f"cannot open: {exc}"))
        elif op == "render":
            renders[msg[1]] = msg
        elif op == "words":
            words[msg[1]] = msg
        elif op == "release":
            free.add(msg[1])
        elif op == "cancel":
            for rid in msg[1]:
                renders.pop(rid, None)
                words.pop(rid, None)
        elif op == "close":
            doc = docs.pop(msg[1], None)
            for k in [k for k in dlists if k[0] == msg[1]]:
                del dlists[k]
            if doc is not None:
                doc.close()
        return True

    seen: set[tuple[str, int]] = set()

    def render(page: Any, key: str, page_no: int, matrix: Any) -> Any:
        """A page's pixmap. The first time straight from the page; after that
        from its cached display list, which halves repeat renders (zoom)."""
        k = (key, page_no)
        dl = dlists.get(k)
        if dl is None and k not in seen:
            seen.add(k)
            return page.get_pixmap(matrix=matrix, alpha=False)
        if dl is None:
            dl = page.get_displaylist()
            dlists[k] = dl
            while len(dlists) > DISPLAY_LISTS:
                dlists.popitem(last=False)
        else:
            dlists.move_to_end(k)
        return dl.get_pixmap(matrix=matrix, alpha=False)

    rendered_last = False
    while True:
        try:
            fresh = False
            # With every slot still being copied out, only a reply can help.
            if (not renders or not free) and not words:
                if not renders and not conn.poll(IDLE_SECONDS):
                    # Idle: give the slots' memory back until pages are wanted
                    # again (a new segment costs ~2 ms on the next page).
                    dropped = [i for i in free if slots[i] is not None]
                    for i in dropped:
                        _drop(slots[i])
                        slots[i] = None
                    if dropped:
                        conn.send(("dropped", dropped))  # the window unmaps them too
                if not handle(conn.recv()):
                    return
                fresh = True
            while conn.poll():
                if not handle(conn.recv()):
                    return
                fresh = True
            if fresh:
                rendered_last = False  # new requests: the newest render goes first
            # Renders first (the newest is the page on screen), then word
            # boxes, alternating, so neither starves while the user scrolls.
            if words and (not renders or not free or (rendered_last and not fresh)):
                rendered_last = False
                _, (_, rid, key, page_no) = words.popitem(last=False)
                if key not in docs:
                    continue
                try:
                    reply: tuple = ("words", rid, key, page_no, page_words(docs[key][page_no - 1]))
                except Exception as exc:  # noqa: BLE001
                    reply = ("error", rid, key, page_no, str(exc))
                conn.send(reply)
                continue
            if renders and free:
                rendered_last = True
                _, (_, rid, key, page_no, scale) = renders.popitem(last=True)  # newest first
                if key not in docs:
                    continue  # closed meanwhile
                try:
                    page = docs[key][page_no - 1]
                    r = page.rect
                    used = scale
                    if r.width * r.height * scale * scale > MAX_PIXELS:
                        used = (MAX_PIXELS / max(r.width * r.height, 1.0)) ** 0.5
                    pix = render(page, key, page_no, pymupdf.Matrix(used, used))
                except Exception as exc:  # noqa: BLE001
                    conn.send(("error", rid, key, page_no, str(exc)))
                    continue
                w, h, stride = pix.width, pix.height, pix.stride
                size = stride * h
                try:
                    i = slot_for(size)
                except OSError as exc:  # no shared memory left: this page stays blank
                    conn.send(("error", rid, key, page_no, f"no memory for the page: {exc}"))
                    continue
                slots[i].buf[:size] = pix.samples_mv
                del pix
                # Replies carry the requested scale: it is the window's cache key.
                conn.send(("image", rid, key, page_no, scale, w, h, stride, i, slots[i].name))
        except (EOFError, OSError, BrokenPipeError):
            return

