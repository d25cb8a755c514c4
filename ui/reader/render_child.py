"""The render process: owns every PyMuPDF object of the reader.

PyMuPDF keeps the GIL while it renders, so a render *thread* would still
freeze the window; a child process does not. This module imports no Qt, so
the child starts quickly (``spawn``). The window talks to it over a pipe:

    ("open", key, path)                      -> ("error", None, key, 0, msg) on failure
    ("render", rid, key, page_no, scale)     -> ("image", rid, key, page_no, scale, w, h, stride)
                                                then the RGB pixels as one raw bytes message
    ("words", rid, key, page_no)             -> ("words", rid, key, page_no, [word tuples])
    ("cancel", [rid, ...]) / ("close", key) / None (quit)
    ("batch", [message, ...])                several of the above at once

Before each piece of work the child reads every waiting message, so the
newest render requests are served first and cancelled ones are skipped.
"""
from __future__ import annotations

from collections import OrderedDict
from multiprocessing.connection import Connection
from typing import Any

MAX_PIXELS = 40_000_000  # a 200-inch page must not exhaust memory
DISPLAY_LISTS = 48  # cached per-page display lists make repeat renders ~2x faster


def serve(conn: Connection) -> None:
    import pymupdf

    from app.anchoring import page_words

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.store_maxsize = 128 * 1024 * 1024
    docs: dict[str, Any] = {}
    dlists: OrderedDict[tuple[str, int], Any] = OrderedDict()
    renders: "OrderedDict[int, tuple]" = OrderedDict()
    words: "OrderedDict[int, tuple]" = OrderedDict()

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
            if not renders and not words:
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
            if words and (not renders or (rendered_last and not fresh)):
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
            if renders:
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
                # Replies carry the requested scale: it is the window's cache key.
                # The pixels follow as raw bytes, without pickling a copy.
                conn.send(("image", rid, key, page_no, scale, pix.width, pix.height, pix.stride))
                conn.send_bytes(pix.samples_mv)
        except (EOFError, OSError, BrokenPipeError):
            return

