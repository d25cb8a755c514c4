"""The register tab: filters, the recommendations table, a summary bar, and
below it the selected recommendation's responses and suggested passages."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Document
from app.recommendations.register import RegisterEntry, RegisterLink
from app import usecases
from app.annotations import list_tags
from app.changes import Changes
from app.domain import STANCE_COLORS
from app.recommendations import register as reg
from app.team.people import team_reviewers
from ui.recommendations import commands as cmd
from ui.recommendations.model import ENTRY_ROLE, RegisterFilter, RegisterModel
from ui.recommendations.suggest_panel import SuggestPanel
from ui.widgets import SafeLabel, compact_combo, plain_tooltip

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LINK_ROLE = Qt.ItemDataRole.UserRole + 10


def stance_names(obj: QWidget | None = None) -> dict[str, str]:
    """The stances as the interface names them (``obj`` is not needed)."""
    return {
        "accepted": QCoreApplication.translate("Stances", "accepted"),
        "partial": QCoreApplication.translate("Stances", "partly accepted"),
        "rejected": QCoreApplication.translate("Stances", "rejected"),
        "noted": QCoreApplication.translate("Stances", "noted without commitment"),
        "none": QCoreApplication.translate("Stances", "no response"),
    }


class RegisterView(QWidget):
    sig_side_by_side = Signal(str)
    """Show the recommendation (its id) side by side with its responses."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.lib = window.lib
        self.model = RegisterModel(self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)

        # Filters.
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by text…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.stance_filter = QComboBox()
        self.stance_filter.addItem(self.tr("Any stance"), None)
        for s, name in stance_names(self).items():
            self.stance_filter.addItem(name, s)
        self.stance_filter.addItem(self.tr("nothing linked yet"), "")
        self.tag_filter = QComboBox()
        self.doc_filter = QComboBox()
        self.reviewer_filter = QComboBox()
        self.reviewer_filter.setObjectName("register-reviewer")
        self.reviewer_filter.setToolTip(self.tr("Whose judgements the register shows"))
        self.reviewer_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.unanswered = QCheckBox(self.tr("No confirmed response yet"))
        for w in (self.stance_filter, self.tag_filter, self.doc_filter):
            w.currentIndexChanged.connect(self._apply_filters)
        self.unanswered.toggled.connect(self._apply_filters)
        em = self.fontMetrics().averageCharWidth()
        self.search.setMinimumWidth(em * 22)
        for box in (self.stance_filter, self.tag_filter, self.doc_filter):
            compact_combo(box, 12)  # long titles must not push the row off the screen
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for w in (self.reviewer_filter, self.stance_filter, self.tag_filter, self.doc_filter):
            filters.addWidget(w, 2)
        filters.addWidget(self.unanswered)

        # Table.
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        # Titles that begin alike ("Beleidsnota …") keep their distinct ends.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 70)
        header.resizeSection(2, 80)
        header.resizeSection(3, 150)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda _: self.open_recommendation())
        self.summary_bar = SafeLabel()
        self.summary_bar.setObjectName("recommendations-summary")

        # Details: text, responses, suggestions.
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # never "mensenrec / htenbeleid"
        self.text.setMinimumWidth(em * 36)
        self.links = QTreeWidget()
        self.links.setHeaderLabels([self.tr("Stance"), self.tr("Response"), self.tr("Where"),
                                    self.tr("Assessment")])
        self.links.setRootIsDecorated(False)
        self.links.setColumnWidth(0, 150)
        self.links.setColumnWidth(1, 380)
        self.links.setColumnWidth(2, 200)
        self.links.itemDoubleClicked.connect(lambda item, _c: self.open_link(item))
        self.links.currentItemChanged.connect(lambda *_: self._sync_stance_box())
        self.stance_box = QComboBox()
        for s, name in stance_names(self).items():
            self.stance_box.addItem(name, s)
        self.btn_stance = QPushButton(self.tr("Set stance"))
        self.btn_stance.clicked.connect(self.set_stance)
        self.btn_assess = QPushButton(self.tr("Assessment…"))
        self.btn_assess.clicked.connect(self.edit_assessment)
        self.btn_unlink = QPushButton(self.tr("Unlink"))
        self.btn_unlink.clicked.connect(self.unlink_selected)
        self.btn_none = QPushButton(self.tr("Record: no response"))
        self.btn_none.clicked.connect(self.record_no_response)
        self.btn_side = QPushButton(self.tr("Side by side"))
        self.btn_side.clicked.connect(lambda: self.current_id() and self.sig_side_by_side.emit(self.current_id()))
        # Two rows, so that no button is cut off in a narrow pane (Dutch is longer).
        link_buttons = QHBoxLayout()
        for w in (self.stance_box, self.btn_stance, self.btn_assess):
            link_buttons.addWidget(w)
        link_buttons.addStretch(1)
        more_buttons = QHBoxLayout()
        for w in (self.btn_unlink, self.btn_none, self.btn_side):
            more_buttons.addWidget(w)
        more_buttons.addStretch(1)
        responses = QWidget()
        rl = QVBoxLayout(responses)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.links)
        rl.addLayout(link_buttons)
        rl.addLayout(more_buttons)
        self.suggestions = SuggestPanel(window, self)
        self.details_tabs = QTabWidget()
        self.details_tabs.addTab(responses, self.tr("Responses"))
        self.details_tabs.addTab(self.suggestions, self.tr("Suggested responses"))
        self.details_tabs.setMinimumWidth(em * 50)
        details = QSplitter(Qt.Orientation.Horizontal)
        details.setChildrenCollapsible(False)
        details.addWidget(self.text)
        details.addWidget(self.details_tabs)
        details.setStretchFactor(0, 1)
        details.setStretchFactor(1, 2)
        details.setSizes([em * 45, em * 90])

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addWidget(self.table)
        tl.addWidget(self.summary_bar)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        split.addWidget(top)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        QShortcut(QKeySequence("Delete"), self.links, self.unlink_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        window.sig_changes.connect(self.on_changes)
        self.reload()

    # --- data -------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.current_id()
        choice = self._fill_reviewers()
        entries = reg.register(self.lib, reviewer=None if choice in (None, "*") else choice)
        self.model.set_reviewers(team_reviewers(self.lib) if choice == "*" else [])
        self.model.update_entries(entries)
        self._fill_filters()
        self._update_summary()
        if current:
            self.select(current)
        self._show_selected()

    def _fill_reviewers(self) -> str | None:
        """The reviewer choice: None the team (agreed where recorded), "*" all
        side by side, else one reviewer's id. Hidden with one reviewer."""
        box = self.reviewer_filter
        keep = box.currentData()
        people = team_reviewers(self.lib)
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("Team (agreed judgement where recorded)"), None)
        box.addItem(self.tr("All reviewers side by side"), "*")
        for rid, name in people:
            box.addItem(self.tr("Only {0}").format(name), rid)
        box.setCurrentIndex(max(box.findData(keep), 0))
        box.blockSignals(False)
        box.setVisible(len(people) > 1)
        return box.currentData()

    def on_changes(self, changes: Changes) -> None:
        if changes.links or changes.annotations or changes.tags or changes.documents:
            self.reload()

    def _fill_filters(self) -> None:
        def refill(box: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
            keep = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for text, data in items:
                box.addItem(text, data)
            i = box.findData(keep)
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)

        tags = sorted({t for e in self.model.entries for t in e.tags}, key=str.lower)
        for t in list_tags(self.lib, flat=True):
            path = t.path or t.name
            if path and path not in tags:
                tags.append(path)
        refill(self.tag_filter, self.tr("Any tag"), [(t, t) for t in tags])
        docs = {e.document_id: e.document for e in self.model.entries}
        refill(self.doc_filter, self.tr("Any document"), sorted(((t, i) for i, t in docs.items())))

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            stance=self.stance_filter.currentData(),
            tag=self.tag_filter.currentData(),
            document=self.doc_filter.currentData(),
            unanswered=self.unanswered.isChecked(),
        )
        self._update_summary()

    def _update_summary(self) -> None:
        s = reg.summary(self.model.entries)
        names = stance_names(self)
        parts = [self.tr("{0} recommendations").format(s["recommendations"])]
        parts += [f"{names[k]}: {v}" for k, v in s["per_stance"].items() if v]
        parts.append(self.tr("no response yet: {0}").format(s["no_response_yet"]))
        parts.append(self.tr("coverage: {0} of {1} ({2} %)").format(
            s["covered"], s["recommendations"], round(100 * s["coverage"])))
        shown = self.proxy.rowCount()
        if shown != s["recommendations"]:
            parts.append(self.tr("{0} shown").format(shown))
        self.summary_bar.setText("  ·  ".join(parts))

    # --- selection -------------------------------------------------------------------------
    def current_entry(self) -> RegisterEntry | None:
        index = self.table.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def current_id(self) -> str | None:
        e = self.current_entry()
        return e.id if e else None

    def select(self, rec_id: str) -> bool:
        row = self.model.row_of(rec_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def move(self, step: int) -> str | None:
        """Select the next (+1) or previous (-1) recommendation in table order."""
        rows = self.proxy.rowCount()
        if not rows:
            return None
        row = self.table.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + step))
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return index.data(ENTRY_ROLE).id

    def _show_selected(self) -> None:
        e = self.current_entry()
        self.links.clear()
        names = stance_names(self)
        if e is None:
            self.text.setPlainText("")
            self.suggestions.set_recommendation(None)
            return
        where = self.tr("{0}, p. {1}").format(e.document, e.page_no)
        head = f"{e.label}  ({where})" if e.label else where
        self.text.setPlainText(head + "\n\n" + e.quote + (f"\n\n{e.note}" if e.note else ""))
        for l in e.links:
            r = l.response
            item = QTreeWidgetItem([
                names.get(l.stance, l.stance),
                " ".join(r.quote.split())[:200] if r else self.tr("(no response)"),
                self.tr("{0}, p. {1}").format(r.document, r.page_no) if r else "",
                l.assessment,
            ])
            item.setData(0, LINK_ROLE, l)
            item.setForeground(0, QColor(STANCE_COLORS[l.stance]))
            if r:
                item.setToolTip(1, plain_tooltip(r.quote))
            if l.assessment:
                item.setToolTip(3, plain_tooltip(l.assessment))
            self.links.addTopLevelItem(item)
        if self.links.topLevelItemCount():
            self.links.setCurrentItem(self.links.topLevelItem(0))
        self.suggestions.set_recommendation(e.annotation)

    def _sync_stance_box(self) -> None:
        link = self.current_link()
        if link is not None:
            self.stance_box.setCurrentIndex(max(0, self.stance_box.findData(link.stance)))

    def current_link(self) -> RegisterLink | None:
        item = self.links.currentItem()
        return item.data(0, LINK_ROLE) if item else None

    # --- actions ---------------------------------------------------------------------------
    def set_stance(self) -> None:
        link = self.current_link()
        if link is None:
            return
        stance = self.stance_box.currentData()
        if stance != link.stance:
            cmd.push(self.window_, cmd.UpdateLink(self.lib, link.id, stance=stance))

    def edit_assessment(self) -> None:
        link = self.current_link()
        if link is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Assessment"), self.tr("Your assessment of this response:"), link.assessment)
        if ok and text != link.assessment:
            cmd.push(self.window_, cmd.UpdateLink(self.lib, link.id, assessment=text))

    def unlink_selected(self) -> None:
        link = self.current_link()
        if link is not None:
            cmd.push(self.window_, cmd.Unlink(self.lib, link.id))

    def record_no_response(self) -> None:
        rec = self.current_id()
        if rec:
            cmd.push(self.window_, cmd.Link(self.lib, None, rec, "none"))

    def open_recommendation(self) -> None:
        e = self.current_entry()
        if e:
            self.window_.open_document(e.document_id, e.page_no, e.rects)

    def open_link(self, item: QTreeWidgetItem) -> None:
        link = item.data(0, LINK_ROLE)
        r = link and link.response
        if r:
            self.window_.open_document(r.document_id, r.page_no, r.rects)

    def documents(self) -> list[Document]:
        return usecases.list_documents(self.lib)
