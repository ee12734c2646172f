"""The Requests window: join and leave requests people sent by email, with Approve and
Reject. A leave request is one click; a join, once approved, waits for the person's own
confirmation (Pont sends it), and they become a member when they answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import PontError
from pont.core.group_mail.requests import (
    MemberRequest,
    RequestKind,
    RequestState,
    approve_request,
    list_requests,
    reject_request,
)
from pont.ui.help.guide import Section, add_help_button
from pont.ui.language import describe
from pont.ui.widgets.look import WrappedLabel, set_text_colour

if TYPE_CHECKING:
    from sqlite_utils import Database

REQUEST_ROLE = Qt.ItemDataRole.UserRole


class RequestsDialog(QDialog):
    """Lists the requests waiting (or, ticked, all of them), oldest first.

    Signals:
        mail_queued(): a goodbye or confirmation waits in the outbox: the window sends it.
        members_changed(): a member left: the members table reads its group again.
    """

    mail_queued = Signal()
    members_changed = Signal()

    def __init__(self, parent: QWidget, database: Callable[[], Database]) -> None:
        super().__init__(parent)
        self._database = database
        self._requests: dict[int, MemberRequest] = {}
        self.setWindowTitle(self.tr("Join and leave requests — Pont"))
        self.resize(760, 420)

        self.intro = WrappedLabel(
            self.tr(
                "People who wrote “join” or “leave” (in English or Welsh) to you or to a "
                "group’s address. Approving a leave marks them as left and sends a goodbye. "
                "Approving a join sends them a message to confirm: they join when they answer "
                "it, and their consent to the visible roster is kept."
            )
        )
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Join and leave requests"))
        self.tree.setHeaderLabels(
            [self.tr("Request"), self.tr("Person"), self.tr("Group"), self.tr("When"),
             self.tr("State")]
        )  # fmt: skip
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = WrappedLabel(self.tr("No requests are waiting."))
        set_text_colour(self.empty_label, None)
        self.result_label = WrappedLabel()
        self.result_label.setAccessibleName(self.tr("What was done"))

        self.show_all = QCheckBox(self.tr("Show &decided requests too"))
        self.show_all.toggled.connect(lambda _on: self.reload())
        self.approve_button = QPushButton(self.tr("&Approve"))
        self.approve_button.setToolTip(
            self.tr("Leave: mark them as left and say goodbye. Join: ask them to confirm.")
        )
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("&Reject"))
        self.reject_button.setToolTip(self.tr("Turn the request down; Pont sends them nothing"))
        self.reject_button.clicked.connect(self.reject_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        add_help_button(close, Section.REQUESTS)
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        row.addWidget(self.show_all)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(row)
        self.reload()

    # -- showing --------------------------------------------------------------------------

    def _kind_words(self, request: MemberRequest) -> str:
        return self.tr("Join") if request.kind is RequestKind.JOIN else self.tr("Leave")

    def _state_words(self, request: MemberRequest) -> str:
        words = {
            RequestState.OPEN: self.tr("Waiting for you"),
            RequestState.CONFIRMING: self.tr("Waiting for them to confirm"),
            RequestState.DONE: self.tr("Done"),
            RequestState.REJECTED: self.tr("Rejected"),
            RequestState.EXPIRED: self.tr("Expired"),
        }
        return words[request.state]

    def reload(self) -> None:
        chosen = {request.id for request in self.selected_requests()}
        requests = list_requests(self._database(), waiting_only=not self.show_all.isChecked())
        self._requests = {request.id: request for request in requests}
        locale = QLocale()
        self.tree.clear()
        for request in requests:
            person = f"{request.name} <{request.email}>" if request.name else request.email
            received = request.received.astimezone()
            when = locale.toString(
                QDateTime(
                    QDate(received.year, received.month, received.day),
                    QTime(received.hour, received.minute),
                ),
                "d MMM yyyy HH:mm",
            )
            item = QTreeWidgetItem(
                [
                    self._kind_words(request),
                    person,
                    request.group_name,
                    when,
                    self._state_words(request),
                ]
            )
            item.setData(0, REQUEST_ROLE, request.id)
            self.tree.addTopLevelItem(item)
            if request.id in chosen:
                item.setSelected(True)
        first = self.tree.topLevelItem(0)
        if not self.tree.selectedItems() and first is not None:
            self.tree.setCurrentItem(first)
        self.empty_label.setVisible(not requests)
        self.tree.setVisible(bool(requests))
        self._update_buttons()

    def selected_requests(self) -> list[MemberRequest]:
        found = []
        for item in self.tree.selectedItems():
            request = self._requests.get(int(item.data(0, REQUEST_ROLE)))
            if request is not None:
                found.append(request)
        return found

    def _update_buttons(self) -> None:
        chosen = self.selected_requests()
        self.approve_button.setEnabled(any(r.state is RequestState.OPEN for r in chosen))
        self.reject_button.setEnabled(
            any(r.state in (RequestState.OPEN, RequestState.CONFIRMING) for r in chosen)
        )

    # -- deciding -------------------------------------------------------------------------

    def approve_selected(self) -> int:
        """Approve every selected request waiting for the coordinator; how many were."""
        chosen = [r for r in self.selected_requests() if r.state is RequestState.OPEN]
        done, left, problems = 0, 0, []
        for request in chosen:
            try:
                approve_request(self._database(), request.id)
            except PontError as error:
                problems.append(describe(error))
                continue
            done += 1
            left += request.kind is RequestKind.LEAVE
        if done:
            self.mail_queued.emit()
        if left:
            self.members_changed.emit()
        if done == 1:
            text = self.tr("Approved the request. Pont’s message to them is in the outbox.")
        else:
            text = self.tr(
                "Approved {count} requests. Pont’s messages to them are in the outbox."
            ).format(count=done)
        self._said(text if done else "", problems)
        return done

    def reject_selected(self) -> int:
        chosen = [
            r
            for r in self.selected_requests()
            if r.state in (RequestState.OPEN, RequestState.CONFIRMING)
        ]
        done, problems = 0, []
        for request in chosen:
            try:
                reject_request(self._database(), request.id)
            except PontError as error:
                problems.append(describe(error))
                continue
            done += 1
        if done == 1:
            text = self.tr("Rejected the request.")
        else:
            text = self.tr("Rejected {count} requests.").format(count=done)
        self._said(text if done else "", problems)
        return done

    def _said(self, text: str, problems: list[str]) -> None:
        self.result_label.setText(" ".join(part for part in [text, *problems] if part))
        self.reload()
