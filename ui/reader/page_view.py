"""The page view: every page of a document in one continuous, zoomable column.

Pages come as images from the render process (only the visible ones and a
few around them are asked for); painting never waits for them. Word boxes,
also from the render process, drive selection by words (drag, double-click)
and area selection (Shift+drag). Annotations are painted over the pages.
"""
from __future__ import annotations

import bisect
from typing import Any, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from app.domain import Annotation, Page
from app.anchoring import Anchor, area_anchor, find_quote_in_words, nearest_word, norm_text, selection_anchor, word_at
from app.domain import ROLES, UserError
from ui import settings
from ui.reader.render import RenderService
from ui.widgets import plain_tooltip

GAP = 12
EDGE = 24  # pixels from the top or bottom where a drag scrolls
PREFETCH = 2
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
PT_TO_PX = 96 / 72  # 100 % shows a page at its printed size on a 96 dpi screen
SELECTION = QColor(40, 110, 230, 80)
HIGHLIGHT = QColor(255, 140, 0, 110)


class PageView(QAbstractScrollArea):
    sig_page_changed = Signal(int)
    """The page at the top third of the view changed (1-based)."""

    sig_zoom_changed = Signal(float)
    """The zoom factor changed (1.0 = 100 %)."""

    sig_selection_changed = Signal()
    """The text or area selection changed (see ``selection()``)."""

    sig_annotation_clicked = Signal(str)
    """An annotation on the page was clicked (its id)."""

    sig_delete_requested = Signal(str)
    """Delete was pressed while an annotation was selected on the page (its id)."""

    def __init__(self, service: RenderService, key: str, pages: list[Page],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.key = key
        self.pages = pages
        self.zoom = 1.0
        self.fit: str | None = "width"  # "width", "page" or None (fixed zoom)
        self._tops: list[float] = []
        self._total = 0.0
        self._current = 1
        self._press: tuple[QPointF, Qt.KeyboardModifiers] | None = None
        self._drag_from: tuple[int, int] | None = None
        self._sel: tuple[tuple[int, int], tuple[int, int]] | None = None
        self._sel_anchor: Anchor | None = None
        self._area: tuple[int, list[float]] | None = None
        self._area_start: tuple[int, float, float] | None = None
        self.annotations: list[Annotation] = []
        self._ann_by_page: dict[int, list[tuple[Annotation, tuple[float, ...]]]] = {}
        self.selected_annotation: str | None = None
        self._highlight_rects: list[list[float]] = []
        self._highlight_terms: list[str] = []
        self._highlight_phrases: list[str] = []  # passages, marked once their page's words are here
        # Paints in which every visible page had its sharp picture (benchmarks, tests).
        self.complete_frames = 0
        self.sharp_pages: set[int] = set()  # pages painted at least once at full sharpness
        self.no_text_notice = self.tr("No text layer on this page: its text cannot be selected or searched.")
        self.unreadable_notice = self.tr("Text recognition could not read this page: its text cannot be selected or searched.")
        self.recognising_notice = self.tr("No text layer on this page yet: its text is being recognised…")
        self.recognising = False  # set by the tab while OCR runs on this document
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there, so "fit width" never flips it on and off.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._drag_pos = QPointF()
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setInterval(30)
        self._scroll_timer.timeout.connect(self._scroll_tick)
        self.viewport().setMouseTracking(True)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        service.sig_image.connect(self._on_image)
        service.sig_words.connect(self._on_words)
        # Bound methods (not lambdas): Qt drops the connection when this view is deleted.
        service.sig_failed.connect(self._on_failed)
        self._layout()

    # --- geometry ---------------------------------------------------------------------
    @property
    def px_per_pt(self) -> float:
        return self.zoom * PT_TO_PX

    def _fit_zoom(self) -> float:
        if not self.pages:
            return 1.0
        w = max(p.width for p in self.pages) or 1.0
        avail_w = max(self.viewport().width() - 2 * GAP, 50)
        z = avail_w / (w * PT_TO_PX)
        if self.fit == "page":
            h = max(p.height for p in self.pages) or 1.0
            z = min(z, max(self.viewport().height() - 2 * GAP, 50) / (h * PT_TO_PX))
        return max(MIN_ZOOM, min(MAX_ZOOM, z))

    def _layout(self) -> None:
        if self.fit:
            old, self.zoom = self.zoom, self._fit_zoom()
            if abs(old - self.zoom) > 1e-6:
                self.sig_zoom_changed.emit(self.zoom)
        s = self.px_per_pt
        y, self._tops = float(GAP), []
        for p in self.pages:
            self._tops.append(y)
            y += p.height * s + GAP
        self._total = y
        widest = max((p.width for p in self.pages), default=0) * s + 2 * GAP
        self.verticalScrollBar().setRange(0, max(0, int(self._total - self.viewport().height())))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, int(widest - self.viewport().width())))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.viewport().update()

    def page_rect(self, page_no: int) -> QRectF:
        """The page's rectangle in viewport coordinates."""
        p = self.pages[page_no - 1]
        s = self.px_per_pt
        w, h = p.width * s, p.height * s
        vw = self.viewport().width()
        x = (vw - w) / 2 if w + 2 * GAP <= vw else GAP - self.horizontalScrollBar().value()
        return QRectF(x, self._tops[page_no - 1] - self.verticalScrollBar().value(), w, h)

    def visible_pages(self) -> range:
        if not self.pages:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(1, bisect.bisect_right(self._tops, top))
        last = max(first, bisect.bisect_right(self._tops, bottom))
        return range(first, min(last, len(self.pages)) + 1)

    def to_pdf(self, pos: QPointF) -> tuple[int, float, float]:
        """(page, x, y in points) under a viewport position; the nearest page."""
        y_abs = pos.y() + self.verticalScrollBar().value()
        i = max(0, min(len(self.pages) - 1, bisect.bisect_right(self._tops, y_abs + GAP / 2) - 1))
        r = self.page_rect(i + 1)
        s = self.px_per_pt
        return i + 1, (pos.x() - r.x()) / s, (pos.y() - r.y()) / s

    def to_view(self, page_no: int, rect: Sequence[float]) -> QRectF:
        r = self.page_rect(page_no)
        s = self.px_per_pt
        return QRectF(r.x() + rect[0] * s, r.y() + rect[1] * s,
                      (rect[2] - rect[0]) * s, (rect[3] - rect[1]) * s)

    # --- zoom and navigation ---------------------------------------------------------------
    def set_zoom(self, zoom: float, keep: QPointF | None = None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        keep = keep if keep is not None else QPointF(self.viewport().width() / 2, 0)
        page, x, y = self.to_pdf(keep)
        self.fit = None
        self.zoom = zoom
        self._layout()
        self._place(page, x, y, keep)
        self.sig_zoom_changed.emit(self.zoom)

    def set_fit(self, mode: str) -> None:
        page, x, y = self.to_pdf(QPointF(0, 0))
        self.fit = mode
        self._layout()
        self._place(page, x, y, QPointF(0, 0))
        self.sig_zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float, keep: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * factor, keep)

    def _place(self, page: int, x: float, y: float, at: QPointF) -> None:
        s = self.px_per_pt
        self.verticalScrollBar().setValue(int(self._tops[page - 1] + y * s - at.y()))
        r = self.page_rect(page)
        self.horizontalScrollBar().setValue(
            int(self.horizontalScrollBar().value() + r.x() + x * s - at.x()))

    def go_to_page(self, page_no: int, y_pt: float | None = None) -> None:
        page_no = max(1, min(len(self.pages), page_no))
        offset = (y_pt * self.px_per_pt - self.viewport().height() / 3) if y_pt is not None else -GAP
        self.verticalScrollBar().setValue(int(self._tops[page_no - 1] + max(offset, -GAP)))

    def show_rects(self, rects: Sequence[Sequence[float]]) -> None:
        if rects:
            self.go_to_page(int(rects[0][0]), rects[0][2])

    @property
    def current_page(self) -> int:
        return self._current

    def _scrolled(self, _value: int) -> None:
        if self.pages:
            y = self.verticalScrollBar().value() + self.viewport().height() / 3
            page = max(1, min(len(self.pages), bisect.bisect_right(self._tops, y)))
            if page != self._current:
                self._current = page
                self.sig_page_changed.emit(page)
        self.viewport().update()

    # --- annotations and highlights -----------------------------------------------------------
    def set_annotations(self, rows: list[Annotation]) -> None:
        self.annotations = rows
        self._ann_by_page = {}
        for a in rows:
            for r in a.rects:
                self._ann_by_page.setdefault(int(r[0]), []).append((a, r[1:]))
        self.viewport().update()

    def select_annotation(self, ann_id: str | None, scroll: bool = False) -> None:
        self.selected_annotation = ann_id
        if scroll and ann_id:
            for a in self.annotations:
                if a.id == ann_id and a.rects:
                    self.show_rects(a.rects)
        self.viewport().update()

    def set_highlight(self, highlight: Any) -> None:
        """Rectangles ``[[page, x0, y0, x1, y1], ...]`` or search terms to mark."""
        self._highlight_rects, self._highlight_terms, self._highlight_phrases = [], [], []
        if highlight:
            if all(isinstance(h, (list, tuple)) for h in highlight):
                self._highlight_rects = [list(h) for h in highlight]
            else:
                texts = [str(h).strip() for h in highlight if norm_text(str(h))]
                # Several words are a passage to find on the page; one word a search term.
                self._highlight_phrases = [t for t in texts if len(t.split()) > 1]
                self._highlight_terms = [norm_text(t).lower() for t in texts if len(t.split()) == 1]
        self.viewport().update()

    def annotation_at(self, pos: QPointF) -> Annotation | None:
        page, x, y = self.to_pdf(pos)
        hits = [(a, r) for a, r in self._ann_by_page.get(page, [])
                if r[0] <= x <= r[2] and r[1] <= y <= r[3]]
        if not hits:
            return None
        return min(hits, key=lambda h: (h[1][2] - h[1][0]) * (h[1][3] - h[1][1]))[0]

    # --- selection ---------------------------------------------------------------------------
    def _words(self, page: int) -> list | None:
        return self.service.words(self.key, page)

    def selection(self) -> Anchor | None:
        """The selected text (whole words) or the selected area, as an anchor."""
        if self._area is not None:
            page, rect = self._area
            return area_anchor(self._words(page) or [], page, rect)
        return self._sel_anchor

    def selection_is_area(self) -> bool:
        return self._area is not None

    def clear_selection(self) -> None:
        changed = self._sel is not None or self._area is not None
        self._sel, self._sel_anchor, self._area = None, None, None
        if changed:
            self.sig_selection_changed.emit()
        self.viewport().update()

    def select_words(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        self._area = None
        self._sel = (start, end)
        pages = {n: self._words(n) or [] for n in range(min(start[0], end[0]), max(start[0], end[0]) + 1)}
        self._sel_anchor = selection_anchor(pages, start, end)
        self.sig_selection_changed.emit()
        self.viewport().update()

    def _word_pos(self, pos: QPointF, exact: bool = False) -> tuple[int, int] | None:
        page, x, y = self.to_pdf(pos)
        words = self._words(page)
        if not words:
            return None
        i = word_at(words, x, y) if exact else nearest_word(words, x, y)
        return None if i is None else (page, i)

    # --- mouse and keys ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus()
        pos = event.position()
        self._press = (pos, event.modifiers())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            page, x, y = self.to_pdf(pos)
            self._area_start = (page, x, y)
            self._drag_from = None
        else:
            self._area_start = None
            self._drag_from = self._word_pos(pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._press is None:
            self._hover(event)
            return
        if (pos - self._press[0]).manhattanLength() < 4:
            return
        if self._area_start is not None:
            page, x0, y0 = self._area_start
            r = self.page_rect(page)
            s = self.px_per_pt
            x1, y1 = (pos.x() - r.x()) / s, (pos.y() - r.y()) / s
            p = self.pages[page - 1]
            rect = [max(0.0, min(x0, x1)), max(0.0, min(y0, y1)),
                    min(p.width, max(x0, x1)), min(p.height, max(y0, y1))]
            self._sel, self._sel_anchor = None, None
            self._area = (page, rect)
            self.sig_selection_changed.emit()
            self.viewport().update()
        elif self._drag_from is not None:
            end = self._word_pos(pos)
            if end is not None:
                self.select_words(self._drag_from, end)
        self._autoscroll(pos)

    def _autoscroll(self, pos: QPointF) -> None:
        """While dragging near the top or bottom edge, keep scrolling (and
        extending the selection) even when the mouse stands still: passages
        often run on over a page break."""
        self._drag_pos = pos
        h = self.viewport().height()
        near = pos.y() < EDGE or pos.y() > h - EDGE
        if near and not self._scroll_timer.isActive():
            self._scroll_timer.start()
        elif not near:
            self._scroll_timer.stop()

    def _scroll_tick(self) -> None:
        if self._press is None:
            self._scroll_timer.stop()
            return
        pos, h = self._drag_pos, self.viewport().height()
        depth = EDGE - pos.y() if pos.y() < EDGE else pos.y() - (h - EDGE)
        step = int(max(4.0, min(60.0, depth)))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + (step if pos.y() > h / 2 else -step))
        if self._drag_from is not None:
            end = self._word_pos(pos)
            if end is not None:
                self.select_words(self._drag_from, end)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        moved = (event.position() - self._press[0]).manhattanLength() >= 4
        self._press = None
        self._scroll_timer.stop()
        self._area_start = None
        if not moved:
            ann = self.annotation_at(event.position())
            self.clear_selection()
            if ann is not None:
                self.select_annotation(ann.id)
                self.sig_annotation_clicked.emit(ann.id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        w = self._word_pos(event.position(), exact=True)
        if w is not None:
            self.select_words(w, w)

    def _hover(self, event: QMouseEvent) -> None:
        pos = event.position()
        ann = self.annotation_at(pos)
        if ann is not None:
            text = ann.note or ann.label or ann.quote[:200]
            QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip(text), self.viewport())
        else:
            QToolTip.hideText()
        over_word = self._word_pos(pos, exact=True) is not None
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor if over_word else Qt.CursorShape.ArrowCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15 ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        bar = self.verticalScrollBar()
        key = event.key()
        if key == Qt.Key.Key_Home:
            bar.setValue(0)
        elif key == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        elif key == Qt.Key.Key_PageDown:
            bar.setValue(bar.value() + int(self.viewport().height() * 0.9))
        elif key == Qt.Key.Key_PageUp:
            bar.setValue(bar.value() - int(self.viewport().height() * 0.9))
        elif key == Qt.Key.Key_Escape:
            self.clear_selection()
        elif key == Qt.Key.Key_Delete and self.selected_annotation:
            self.sig_delete_requested.emit(self.selected_annotation)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        page, x, y = self.to_pdf(QPointF(0, 0)) if self._tops else (1, 0.0, 0.0)
        self._layout()
        if self._tops and self.fit:
            self._place(page, x, y, QPointF(0, 0))
        super().resizeEvent(event)

    # --- painting ---------------------------------------------------------------------------
    def _on_image(self, key: str, page_no: int, _scale: float) -> None:
        if key == self.key and page_no in self.visible_pages():
            self.viewport().update()

    def _on_failed(self, key: str, _page_no: int, _message: str) -> None:
        if key in ("", self.key):
            self.viewport().update()

    def _on_words(self, key: str, page_no: int) -> None:
        if key == self.key and (self._highlight_terms or self._highlight_phrases or page_no in self.visible_pages()):
            self.viewport().update()

    def request_visible(self) -> None:
        self._request(self.visible_pages())

    def _request(self, visible: range) -> None:
        if not visible:
            return
        scale = self.px_per_pt * self.devicePixelRatioF()
        lo = max(1, visible.start - PREFETCH)
        hi = min(len(self.pages), visible.stop - 1 + PREFETCH)
        # The child serves the newest request first: ask for the far pages
        # first, the visible ones last.
        order = [n for n in range(lo, hi + 1) if n not in visible] + list(reversed(visible))
        with self.service.batch():
            self.service.retain(self.key, set(range(lo, hi + 1)), scale)
            for n in order:
                self.service.request(self.key, n, scale)
            for n in visible:  # word boxes only for what the user can point at
                if self.pages[n - 1].has_text:
                    self.service.request_words(self.key, n)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor(128, 128, 128))
        visible = self.visible_pages()
        self._request(visible)
        dpr = self.devicePixelRatioF()
        scale = self.px_per_pt * dpr
        colors = {role: QColor(settings.role_color(role)) for role in ROLES}
        complete = True
        for n in visible:
            r = self.page_rect(n)
            image = self.service.image(self.key, n, scale)
            if image is None:
                complete = False
                painter.fillRect(r, Qt.GlobalColor.white)
                image = self.service.any_image(self.key, n)
            else:
                self.sharp_pages.add(n)
            if image is not None:
                painter.drawImage(r, image)
            self._paint_overlays(painter, n, colors)
        painter.end()
        self.complete_frames += complete

    def _paint_overlays(self, painter: QPainter, n: int, colors: dict[str, QColor]) -> None:
        for ann, rect in self._ann_by_page.get(n, []):
            base = QColor(ann.color) if ann.color else colors.get(ann.role, QColor("gray"))
            fill = QColor(base)
            fill.setAlpha(70 if ann.is_area else 100)
            box = self.to_view(n, rect)
            painter.fillRect(box, fill)
            if ann.id == self.selected_annotation or ann.is_area:
                width = 2.5 if ann.id == self.selected_annotation else 1.2
                painter.setPen(QPen(base.darker(150), width))
                painter.drawRect(box)
        for rect in self._highlight_rects:
            if int(rect[0]) == n:
                painter.fillRect(self.to_view(n, rect[1:]), HIGHLIGHT)
        if self._highlight_phrases and self._words(n):
            for phrase in list(self._highlight_phrases):
                try:
                    found = find_quote_in_words({n: self._words(n) or []}, n, phrase)
                except UserError:
                    continue
                self._highlight_phrases.remove(phrase)
                self._highlight_rects.extend(list(r) for r in found.rects)
                for rect in found.rects:
                    painter.fillRect(self.to_view(n, rect[1:]), HIGHLIGHT)
        if self._highlight_terms:
            for w in self._words(n) or []:
                word = norm_text(w[4]).lower()
                if word and any(word.startswith(t) for t in self._highlight_terms):
                    painter.fillRect(self.to_view(n, list(w[:4])), HIGHLIGHT)
        if self._sel_anchor is not None:
            for rect in self._sel_anchor.rects:
                if int(rect[0]) == n:
                    painter.fillRect(self.to_view(n, rect[1:]), SELECTION)
        if self._area is not None and self._area[0] == n:
            box = self.to_view(n, self._area[1])
            painter.fillRect(box, SELECTION)
            painter.setPen(QPen(SELECTION.darker(200), 1, Qt.PenStyle.DashLine))
            painter.drawRect(box)
        page = self.pages[n - 1]
        if not page.has_text:
            r = self.page_rect(n)
            band = QRectF(r.x() + 8, r.y() + 8, r.width() - 16, 28)
            painter.fillRect(band, QColor(255, 236, 150, 235))
            painter.setPen(QColor(60, 50, 0))
            if page.ocr == "unreadable":
                notice = self.unreadable_notice
            elif self.recognising:
                notice = self.recognising_notice
            else:
                notice = self.no_text_notice
            painter.drawText(band.adjusted(8, 0, -8, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine), notice)
        elif page.ocr == "recognised":
            # Honest about the source: a small tag in the page's top margin.
            r = self.page_rect(n)
            text = self.ocr_badge(page)
            width = painter.fontMetrics().horizontalAdvance(text) + 16
            band = QRectF(r.right() - width - 6, r.y() + 6, width, 20)
            painter.fillRect(band, QColor(200, 225, 255, 235))
            painter.setPen(QColor(0, 40, 90))
            painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine), text)

    def ocr_badge(self, page: Page) -> str:
        conf = page.ocr_confidence
        if conf is None:
            return self.tr("Recognised text (OCR)")
        return self.tr("Recognised text (OCR), confidence {0} %").format(round(conf))
