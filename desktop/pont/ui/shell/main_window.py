"""Pont's main window: groups down the side, the chosen group's members in a table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# This module loads before the window's first paint: its imports are what the frame needs,
# the rest is imported where it is used (tests/ui/shell/test_app.py names what must wait). Even
# `from PySide6.QtCore import Qt` waits: PySide builds Qt's ninety-odd enums on first use.
from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from pont.ui.language import settings_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QStackedWidget, QTabWidget, QWidget
    from sqlite_utils import Database

    from pont.core.group_mail.handling import GroupMailReport
    from pont.core.members.groups import Group
    from pont.core.profile.first_read import FirstRead
    from pont.ui.composer.actions import PostActions
    from pont.ui.conversations.tab import ConversationsTab
    from pont.ui.group_mail.held_view import HeldActions
    from pont.ui.group_mail.requests_view import RequestsDialog
    from pont.ui.group_mail.status_label import GroupMailStatusLabel
    from pont.ui.help.welcome import WelcomePage
    from pont.ui.members.group_actions import GroupActions
    from pont.ui.members.groups_sidebar import GroupsSidebar
    from pont.ui.members.member_actions import MemberActions
    from pont.ui.members.transfer_actions import TransferActions
    from pont.ui.members.view import MembersView
    from pont.ui.profile.actions import ProfileActions
    from pont.ui.shell.demo_banner import DemoActions, DemoBanner
    from pont.ui.shell.following import WindowFollower
    from pont.ui.shell.main_menus import MainMenus
    from pont.ui.shell.tray import PontTray
    from pont.ui.shell.undo_actions import UndoActions
    from pont.ui.sync.controller import SyncController

STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """The window a coordinator works in. The actions on groups, members and files live in
    GroupActions, MemberActions and TransferActions, the undo stack with Undo and Redo in
    UndoActions, and MainMenus puts them all in the menus and the toolbar.

    Window state (size, the group last shown) is kept in window.ini beside the database,
    so each profile, and each test's temporary profile, has its own.

    The window is made in two steps so that it appears at once. The constructor makes the
    frame: title, size, the menu bar's menus and the status bar. build() makes the rest,
    whose modules (the table, the actions, pont.core) take longer to load than the frame
    takes to show. With a database the constructor builds it all; at start-up
    open_main_window builds once the frame is painted, then opens the profile and calls
    attach_database. open_again opens this profile in a new main window, for Import
    everything and Restore from backup, which replace the profile under the window.

    Signals:
        first_painted(): the window's first paint is done and has reached the screen.
        archive_changed(): the profile's mail archive may hold new messages.
    """

    first_painted = Signal()
    archive_changed = Signal()

    # Made by build().
    undo_actions: UndoActions
    sidebar: GroupsSidebar
    members_view: MembersView
    conversations_tab: ConversationsTab
    tabs: QTabWidget
    member_actions: MemberActions
    group_actions: GroupActions
    transfer_actions: TransferActions
    profile_actions: ProfileActions
    sync_controller: SyncController
    post_actions: PostActions
    held_actions: HeldActions
    welcome: WelcomePage
    splitter: QSplitter
    pages: QStackedWidget
    menus: MainMenus
    count_label: QLabel
    demo_label: QLabel
    demo_actions: DemoActions
    demo_banner: DemoBanner  # in the demo only
    group_mail_label: GroupMailStatusLabel
    follower: WindowFollower

    def __init__(
        self,
        db: Database | None,
        database_path: Path,
        demo: bool = False,
        open_again: Callable[[], QWidget] | None = None,
    ) -> None:
        super().__init__()
        self._open_again = open_again
        self._db: Database | None = None
        self._database_path = database_path
        self._built = False
        self._members_views_made = False
        self._painted = False
        self._closed = False
        self._demo = demo
        self._requests_dialog: RequestsDialog | None = None
        self._group: Group | None = None
        self._settings = settings_for(database_path.parent)
        # Started at log-in (--minimised): only the tray icon shows, or a minimised window.
        self.start_minimised = False
        self.tray: PontTray | None = None
        self._quitting = False
        self._create_menus()
        self.statusBar()
        self.resize(1100, 700)
        geometry = self._settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._update_title()
        if db is None:
            self.statusBar().showMessage(self.tr("Opening your groups…"))
        else:
            self.build()
            self.attach_database(db)

    def build(self) -> None:
        """Make the groups list, the tabs, the actions and their menus inside the frame."""
        if self._built:
            return
        from pont.ui.shell.main_menus import MainMenus

        self._create_views()
        self._create_actions()
        self._lay_out()
        self.menus = MainMenus(self, self._settings)
        self._fill_status_bar()
        self._connect()
        # Tab goes from the groups to the tabs and then into the tab shown, top to bottom;
        # left alone, the tab bar came last, after the table it sits above.
        self.setTabOrder(self.sidebar.list, self.sidebar.new_button)
        self.setTabOrder(self.sidebar.new_button, self.tabs.tabBar())
        self.setTabOrder(self.members_view.filter_edit, self.members_view.table)
        self._follow_changes_elsewhere()
        self._built = True

    def attach_database(self, db: Database) -> None:
        """Work on db from now on, showing its groups and the one shown last time."""
        self._db = db
        self.statusBar().clearMessage()
        last = self._settings.value("last_group_id")
        self.reload_groups(
            select_id=int(last) if last is not None and str(last).isdigit() else None
        )
        self.archive_changed.emit()
        # Just after: the members show before any composer opens, and before the status bar
        # counts what waits (held posts, requests, the outbox).
        QTimer.singleShot(0, self._reopen_drafts)
        QTimer.singleShot(0, self.refresh_group_mail)
        self.follower.watcher.start()

    def start_mail(self) -> None:
        """After the profile is open: offer mail set-up on a first run, else sync."""
        self.sync_controller.start()
        self.post_actions.start()
        sender = self.post_actions.sender
        sender.outbox_changed.connect(self.refresh_group_mail)
        sender.run_finished.connect(lambda _email, _report: self.refresh_group_mail())
        self.refresh_group_mail()
        self.update_tray()

    def database(self) -> Database:
        """The profile's database; a RuntimeError before attach_database."""
        if self._db is None:
            raise RuntimeError("the profile's database is not attached yet")
        return self._db

    # -- building -------------------------------------------------------------------------

    def _create_views(self) -> None:
        from PySide6.QtGui import QKeySequence

        from pont.ui.conversations.tab import ConversationsTab
        from pont.ui.help.welcome import WelcomePage

        self._create_members_views()  # made already when the members were shown first
        self.sidebar.show_counts()
        self.conversations_tab = ConversationsTab(self.database)
        self.tabs.addTab(self.conversations_tab, self.tr("Conversations"))
        for number, tip in enumerate(
            [self.tr("The group's members"), self.tr("The group's messages, and search")]
        ):
            keys = QKeySequence(f"Ctrl+{number + 1}").toString(
                QKeySequence.SequenceFormat.NativeText
            )
            self.tabs.setTabToolTip(number, f"{tip} ({keys})")
        # A profile with no group yet: the first steps, and the way to the demo.
        self.welcome = WelcomePage(self._demo)

    def _create_actions(self) -> None:
        from pont.ui.composer.actions import PostActions
        from pont.ui.group_mail.held_view import HeldActions
        from pont.ui.members.group_actions import GroupActions
        from pont.ui.members.member_actions import MemberActions
        from pont.ui.members.transfer_actions import TransferActions
        from pont.ui.profile.actions import ProfileActions
        from pont.ui.shell.undo_actions import UndoActions
        from pont.ui.sync.controller import SyncController

        database, path, demo = self.database, self._database_path, self._demo
        self.undo_actions = UndoActions(self)
        self.member_actions = MemberActions(
            self, database, self.undo_actions.stack, self.members_view
        )
        self.group_actions = GroupActions(self, database)
        self.transfer_actions = TransferActions(self, database, path)
        self.profile_actions = ProfileActions(self, database, path, self._open_again)
        self.sync_controller = SyncController(self, database, path, demo)
        self.post_actions = PostActions(self, database, path, self.sync_controller.passwords, demo)
        if not demo:
            self.group_actions.address_check = self._check_group_address
        self.held_actions = HeldActions(
            self, database, path, lambda a: self.post_actions.sender.send(a)
        )
        from pont.ui.shell.demo_banner import DemoActions

        self.demo_actions = DemoActions(self, demo)

    def _lay_out(self) -> None:
        from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

        self._create_members_views()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.welcome)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 2)
        if self._demo:  # what the demo is, what to try, and the way out
            from pont.ui.shell.demo_banner import DemoBanner

            self.demo_banner = DemoBanner(self.demo_actions, self.post_actions.new.shortcut())
            layout.addWidget(self.demo_banner)
        layout.addWidget(self.sync_controller.notice)
        layout.addWidget(self.pages)
        self.setCentralWidget(central)
        if self.isVisible():
            # The frame is on screen already: lay the new parts out at once (Qt would wait
            # for the event loop), so that the members' columns fit the table's real width.
            central.show()
            self.layout().activate()
            # Qt focuses a window's first widget as it shows; the frame had none to focus.
            self.sidebar.list.setFocus()

    def _create_menus(self) -> None:
        """The menu bar's menus, in the frame; MainMenus fills them."""
        menu_bar = self.menuBar()
        self.file_menu: QMenu = menu_bar.addMenu(self.tr("&File"))
        self.edit_menu: QMenu = menu_bar.addMenu(self.tr("&Edit"))
        self.group_menu: QMenu = menu_bar.addMenu(self.tr("&Group"))
        self.post_menu: QMenu = menu_bar.addMenu(self.tr("&Post"))
        self.mail_menu: QMenu = menu_bar.addMenu(self.tr("&Mail"))
        self.help_menu: QMenu = menu_bar.addMenu(self.tr("&Help"))

    def _fill_status_bar(self) -> None:
        from PySide6.QtWidgets import QLabel

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Member count"))
        self.statusBar().addPermanentWidget(self.count_label)
        self.sync_controller.add_to_status_bar(self.statusBar())
        from pont.ui.group_mail.status_label import GroupMailStatusLabel

        self.group_mail_label = GroupMailStatusLabel()
        self.statusBar().insertPermanentWidget(0, self.group_mail_label)
        self.group_mail_label.opened.connect(self._open_group_mail)
        self.demo_label = QLabel(self.tr("Demo profile: sample members to try things on"))
        self.demo_label.setAccessibleName(self.tr("Demo profile"))
        self.demo_label.setStyleSheet("QLabel { padding: 0 6px; font-weight: bold; }")
        self.statusBar().addPermanentWidget(self.demo_label)
        # Only once it has a parent: shown before, it opened as a window of its own.
        self.demo_label.setVisible(self._demo)

    def _connect(self) -> None:
        from PySide6.QtCore import Qt

        view = self.members_view
        self._connect_welcome()
        self.sidebar.group_selected.connect(self.show_group)
        self.sidebar.new_group_requested.connect(self.group_actions.new_group)
        view.import_requested.connect(self.transfer_actions.import_list.trigger)
        view.shown_count_changed.connect(self._update_counts)
        view.model.counts_changed.connect(self._update_counts)
        view.model.counts_changed.connect(self._refresh_sidebar_counts)
        view.model.edit_refused.connect(self.show_message)
        self.member_actions.status_message.connect(self.show_message)
        self.member_actions.mail_queued.connect(self.post_actions.start)
        self.member_actions.consent_changed.connect(self.refresh_consent)
        self.group_actions.status_message.connect(self.show_message)
        self.transfer_actions.status_message.connect(self.show_message)
        self.profile_actions.status_message.connect(self.show_message)
        self.sync_controller.status_message.connect(self.show_message)
        self.sync_controller.archive_changed.connect(self.archive_changed)
        self.sync_controller.sync_finished.connect(self.refresh_group_mail)
        self.sync_controller.mail_to_send.connect(self.send_queued)
        self.sync_controller.group_mail_handled.connect(self._group_mail_handled)
        self.sync_controller.tray_settings_changed.connect(self.update_tray)
        self.post_actions.archive_changed.connect(self.archive_changed)
        self.post_actions.status_message.connect(self.show_message)
        self.conversations_tab.reply_requested.connect(self.post_actions.reply_to)
        self.conversations_tab.private_reply_requested.connect(self.post_actions.reply_to_sender)
        self.conversations_tab.forward_requested.connect(self.post_actions.forward)
        self.held_actions.status_message.connect(self.show_message)
        self.held_actions.status_message.connect(lambda _: self.refresh_group_mail())
        self.held_actions.members_changed.connect(self.reload_members)
        self.archive_changed.connect(self.held_actions.refresh)
        self.group_actions.groups_changed.connect(self.reload_groups)
        # Queued: at start-up the members paint before the archive is read.
        self.archive_changed.connect(self._archive_changed, Qt.ConnectionType.QueuedConnection)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.group_actions.group_deleted.connect(lambda _id: self.undo_actions.stack.clear())
        self.transfer_actions.members_imported.connect(self.reload_members)
        self.undo_actions.status_message.connect(self.show_message)
        self.undo_actions.stack.indexChanged.connect(self._refresh_sidebar_counts)

    # -- start-up: the members first ------------------------------------------------------

    def _create_members_views(self) -> None:
        """The groups list beside the tabs, with the members' table: what the members need."""
        if self._members_views_made:
            return
        from PySide6.QtWidgets import QSplitter, QTabWidget

        from pont.ui.members.groups_sidebar import GroupsSidebar
        from pont.ui.members.view import MembersView

        self.sidebar = GroupsSidebar()
        self.members_view = MembersView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setAccessibleName(self.tr("Views of the group"))
        self.tabs.addTab(self.members_view, self.tr("Members"))
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 920])
        self._members_views_made = True

    def last_group_id(self) -> int | None:
        """The group shown when this profile's window last closed."""
        last = self._settings.value("last_group_id")
        return int(last) if last is not None and str(last).isdigit() else None

    def show_members_first(self, read: FirstRead) -> None:
        """At start-up, before build(): the groups and the shown group's members, read on
        their own (pont.ui.shell.members_first). build() lays the rest of the window out
        around these same views, and attach_database reads them again, whole."""
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        self._create_members_views()
        self.members_view.table.recall_title_room(self._settings)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 2)  # as _lay_out's, so nothing moves after
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        central.show()
        self.layout().activate()  # the columns fit the table's real width
        self.sidebar.set_groups(read.groups, read.shown.id)  # not yet connected to anything
        self.members_view.show_group(read.shown, read.members)
        self._group = read.shown
        self._update_title()
        self.sidebar.list.setFocus()

    # -- groups ---------------------------------------------------------------------------

    @property
    def group(self) -> Group | None:
        return self._group

    def reload_groups(self, select_id: int | None = None) -> None:
        from pont.core.members.groups import list_groups

        groups = list_groups(self.database())
        self.pages.setCurrentWidget(self.splitter if groups else self.welcome)
        # With no group yet every tool would be greyed out; the welcome page says what to do.
        self.menus.toolbar.setVisible(bool(groups))
        self.sidebar.set_groups(groups, select_id)  # emits group_selected → show_group
        if not groups:
            self._show_mailbox_on_welcome()
            self.welcome.focus_first_step()  # Enter makes a group

    def show_group(self, group_id: int) -> None:
        from pont.core.errors import GroupNotFound
        from pont.core.members.groups import get_group
        from pont.core.members.members import list_members

        try:
            group = get_group(self.database(), group_id) if group_id else None
        except GroupNotFound:
            group = None
        self._group = group
        self.follower.watcher.noted("members")  # read afresh just below
        members = list_members(self.database(), group.id) if group else []
        self.members_view.show_group(group, members)
        # Just after: the members show without waiting for the archive code to load.
        QTimer.singleShot(0, self._fill_in_the_group)
        self.conversations_tab.set_group(group)
        self.group_actions.set_group(group)
        self.transfer_actions.set_group(group)
        self.post_actions.set_group(group)
        self.held_actions.set_group(group)
        self._update_title()
        self._update_counts()
        if group is not None:
            self._settings.setValue("last_group_id", group.id)

    def reload_members(self) -> None:
        """Read the shown group again (after an import changed it behind the table's back)."""
        shown = self.members_view.model.group
        if self._group is not None and shown is not None and shown.id == self._group.id:
            self.follower.read_members_again()  # the coordinator's selection stays
        else:
            self.show_group(self._group.id if self._group else 0)
        self._refresh_sidebar_counts()

    def _fill_in_the_group(self) -> None:
        """The shown group's posts and consents, then its columns fitted to them (a Consent
        column of dates needs more room than one of "Not yet")."""
        self._refresh_post_stats()
        if self._db is not None and not self._closed:
            table = self.members_view.table
            table.note_title_room(self._settings)  # for the next start-up's first paint
            table.fit_columns()

    def _refresh_post_stats(self) -> None:
        """Fill the members' Posts and Last post from the archive."""
        if self._db is None or self._closed:
            return
        from pont.core.archive.reading import member_post_stats

        group = self._group
        stats = member_post_stats(self.database(), group.id) if group else {}
        self.members_view.model.set_post_stats(stats)
        self.refresh_consent()

    def show_requests(self) -> RequestsDialog:
        """The Requests window: join and leave requests by email, to approve or reject."""
        from pont.ui.group_mail.requests_view import RequestsDialog

        if self._requests_dialog is None:
            dialog = RequestsDialog(self, self.database)
            dialog.mail_queued.connect(self.post_actions.start)
            dialog.members_changed.connect(self.reload_members)
            self._requests_dialog = dialog
        self._requests_dialog.reload()
        self._requests_dialog.show()
        self._requests_dialog.activateWindow()
        return self._requests_dialog

    def _group_mail_handled(self, report: GroupMailReport) -> None:
        """A sync's handling may have changed who is in a group (a leave carried out, a join
        confirmed, an address suspended for bouncing) and what waits: show it now."""
        if self._db is None or self._closed:
            return
        if report.requests or report.confirmed or report.bounces:
            self.reload_members()
            if self._requests_dialog is not None and self._requests_dialog.isVisible():
                self._requests_dialog.reload()
        if report.held:
            self.held_actions.refresh()

    def refresh_consent(self) -> None:
        """Fill the members' Consent column (after mail was handled, or consent asked)."""
        if self._db is None or self._closed:
            return
        self.members_view.load_consent(self.database())

    def _archive_changed(self) -> None:
        if self._db is None or self._closed:  # queued from before the window closed
            return
        self.follower.watcher.noted("archive")
        self._refresh_post_stats()
        self.conversations_tab.reload()

    def _reopen_drafts(self) -> None:
        if self._db is not None and not self._closed:
            self.post_actions.reopen_drafts()

    def _tab_changed(self, _index: int) -> None:
        from PySide6.QtCore import Qt

        # Keys must not go on to a list the tab just hid: focus what the tab shows instead.
        focus = QApplication.focusWidget()
        if focus is None or not focus.isVisible():
            if self.tabs.currentWidget() is self.members_view:
                self.members_view.table.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.conversations_tab.focus_list()

    def filter_members(self) -> None:
        self.tabs.setCurrentWidget(self.members_view)
        self.members_view.focus_filter()

    def search_messages(self) -> None:
        self.tabs.setCurrentWidget(self.conversations_tab)
        self.conversations_tab.focus_search()

    def _refresh_sidebar_counts(self) -> None:
        from pont.core.members.groups import list_groups

        self.sidebar.update_counts(list_groups(self.database()))

    def _update_title(self) -> None:
        # Ending with "Pont" stops Linux and Windows from appending the app's name again.
        if self._group is None:
            title = self.tr("Pont (demo)") if self._demo else "Pont"
        elif self._demo:
            title = self.tr("{group} (demo) — Pont").format(group=self._group.name)
        else:
            title = self.tr("{group} — Pont").format(group=self._group.name)
        self.setWindowTitle(title)

    def _update_counts(self) -> None:
        self.count_label.setText(self.members_view.count_text())

    # -- the welcome page (a profile with no group yet) --------------------------------

    def _connect_welcome(self) -> None:
        welcome, transfers = self.welcome, self.transfer_actions
        welcome.make_group_requested.connect(self.group_actions.new_group)
        welcome.import_requested.connect(lambda: self._after_a_new_group(transfers.import_list))
        welcome.paste_requested.connect(lambda: self._after_a_new_group(transfers.paste))
        welcome.connect_requested.connect(self._connect_mailbox)
        welcome.guide_requested.connect(self.menus.guide.trigger)
        welcome.demo_requested.connect(self.demo_actions.open_demo.trigger)

    def _after_a_new_group(self, action: QAction) -> None:
        """People join a group: make it first, then bring them in (the import dialog)."""
        from PySide6.QtCore import Qt

        dialog = self.group_actions.new_group()
        # Queued: once the group dialog has closed and the window shows the new group.
        dialog.group_saved.connect(
            lambda _group: action.trigger(), Qt.ConnectionType.QueuedConnection
        )

    def _connect_mailbox(self) -> None:
        self.sync_controller.set_up.trigger()  # the dialog runs to its end here
        self._show_mailbox_on_welcome()

    def _show_mailbox_on_welcome(self) -> None:
        from pont.core.mail.accounts import list_accounts

        accounts = list_accounts(self.database())
        self.welcome.show_mailbox(accounts[0].email if accounts else "")
        # Greyed out when the Mail menu's Set up is, saying why.
        set_up, button = self.sync_controller.set_up, self.welcome.connect_button
        button.setEnabled(set_up.isEnabled())
        button.setToolTip("" if set_up.isEnabled() else set_up.toolTip())

    # -- the group's own mail, and the tray -------------------------------------------

    def send_queued(self, emails: list[str]) -> None:
        """Send what a sync's handling queued (relays, notices, replies), without asking."""
        if self._db is None or self._closed or self._demo:
            return
        from pont.core.errors import AccountNotFound
        from pont.core.mail.accounts import find_account

        for email in emails:
            try:
                account = find_account(self.database(), email)
            except AccountNotFound:
                continue
            self.post_actions.sender.send(account, ask=False)

    def _check_group_address(self, parent: QWidget, group: Group) -> Group:
        from pont.ui.group_mail.address_check import check_before_switching

        return check_before_switching(
            parent,
            self.database,
            self._database_path,
            lambda account: self.post_actions.sender.password_for(account),
            group,
        )

    def refresh_group_mail(self) -> None:
        """The status bar's (and the tray's) word on relays and what waits."""
        if self._db is None or self._closed:
            return
        text = self.group_mail_label.refresh(self.database())
        if self.tray is not None:
            self.tray.set_status(text)

    def _open_group_mail(self, what: str) -> None:
        if what == "held":
            self.held_actions.show_held()
        elif what == "requests":
            self.show_requests()
        elif what == "outbox":
            self.post_actions.show_outbox()

    def update_tray(self) -> None:
        """Show the tray icon while "keep running in the tray" is on, or Pont started
        minimised; where the desktop has no tray, a minimised window stands in."""
        if self._db is None or self._closed:
            return
        from pont.core.profile.settings import KEEP_IN_TRAY_KEY, read_flag
        from pont.ui.shell.tray import PontTray, tray_available

        wanted = not self._demo and (
            self.start_minimised or read_flag(self.database(), KEEP_IN_TRAY_KEY)
        )
        if wanted and tray_available():
            if self.tray is None:
                self.tray = PontTray(self)
            self.tray.show()
            self.refresh_group_mail()
        elif self.tray is not None:
            self.tray.hide()

    def keeps_running_in_tray(self) -> bool:
        if self.tray is None or self._db is None or self._quitting:
            return False
        from pont.core.profile.settings import KEEP_IN_TRAY_KEY, read_flag

        return read_flag(self.database(), KEEP_IN_TRAY_KEY) and self.tray.icon.isVisible()

    def quit_pont(self) -> None:
        """Quit, even with "keep running in the tray" on."""
        in_tray = self.isHidden()
        self._quitting = True
        if not self.close():
            self._quitting = False
        elif in_tray:  # a hidden window's closing is no last window closing: quit here
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.quit()

    def _hide_to_tray(self) -> None:
        from pont.core.profile.settings import TRAY_EXPLAINED_KEY, read_flag, write_setting

        self.hide()
        if self.tray is not None and not read_flag(self.database(), TRAY_EXPLAINED_KEY):
            write_setting(self.database(), TRAY_EXPLAINED_KEY, True)
            self.tray.tell(
                self.tr(
                    "Pont is still running in the system tray, fetching and relaying the "
                    "group’s mail. To quit, choose Quit from its icon’s menu."
                )
            )

    # -- changes made elsewhere -----------------------------------------------------------

    def _follow_changes_elsewhere(self) -> None:
        """A `pont` command, or a worker's own connection, changed the data: show it."""
        from pont.ui.shell.following import WindowFollower

        self.follower = WindowFollower(self)

    # -- the rest -------------------------------------------------------------------------

    # -- a new group from a conversation in the mailbox (issue 15, item 14) -----------

    @property
    def is_demo(self) -> bool:
        return self._demo

    def new_group_from_conversation(self) -> None:
        """Group ▸ New group from a conversation…: the group made is shown, its members in
        the table (consent "Not yet")."""
        from pont.ui.group_mail.from_conversation import new_group_from_conversation

        if self._db is None or self._closed or self._demo:
            return
        group = new_group_from_conversation(
            self,
            self.database,
            self._database_path,
            lambda account: self.post_actions.sender.password_for(account),
        )
        if group is not None:
            self.reload_groups(group.id)
            self.show_message(
                self.tr("Created {group} with {n} members from the conversation.").format(
                    group=group.name, n=group.member_count
                )
            )

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Once this paint event is over, so that slow slots wait until the frame is shown.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._built and self.keeps_running_in_tray():
            event.ignore()
            self._hide_to_tray()
            return
        if self.tray is not None:
            self.tray.hide()
        if self._built:
            self.follower.watcher.stop()
            self.post_actions.shutdown()
            self.sync_controller.shutdown()
            self.profile_actions.shutdown()
        # The owner closes the database after this; calls queued until then must not use it.
        self._closed = True
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
