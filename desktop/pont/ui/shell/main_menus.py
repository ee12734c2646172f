"""The main window's menus and toolbar, with the few actions only the window has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from pont import __version__
from pont.ui.help.guide import getting_started_action
from pont.ui.shell.language_menu import LanguageMenu
from pont.ui.widgets.look import name_qt_buttons

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from pont.ui.shell.main_window import MainWindow

# The words keep the translation context they had as part of MainWindow.


class MainMenus(QObject):
    """Puts the actions of the window's parts (groups, members, files, post, mail, undo)
    into the menus the window's frame made and into the toolbar, and adds the window's own:
    Filter members, Search messages, the switches between tabs, Quit and About Pont."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._create_actions()
        self._create_menus(settings)
        self.toolbar = self._create_toolbar()

    def _create_actions(self) -> None:
        window = self._window
        self.filter = QAction(QCoreApplication.translate("MainWindow", "&Filter members"), self)
        self.filter.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.filter.triggered.connect(window.filter_members)
        self.search = QAction(QCoreApplication.translate("MainWindow", "&Search messages"), self)
        self.search.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search.triggered.connect(window.search_messages)
        self.members_tab = QAction(QCoreApplication.translate("MainWindow", "&Members"), self)
        self.members_tab.setShortcuts([QKeySequence("Ctrl+1"), QKeySequence("Ctrl+PgUp")])
        self.members_tab.triggered.connect(
            lambda: window.tabs.setCurrentWidget(window.members_view)
        )
        self.conversations_tab = QAction(
            QCoreApplication.translate("MainWindow", "&Conversations"), self
        )
        self.conversations_tab.setShortcuts([QKeySequence("Ctrl+2"), QKeySequence("Ctrl+PgDown")])
        self.conversations_tab.triggered.connect(
            lambda: window.tabs.setCurrentWidget(window.conversations_tab)
        )
        self.quit = QAction(QCoreApplication.translate("MainWindow", "&Quit"), self)
        self.quit.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.requests = QAction(
            QCoreApplication.translate("MainWindow", "Join and leave re&quests…"), self
        )
        self.requests.setToolTip(
            QCoreApplication.translate("MainWindow", "People who asked by email to join or leave")
        )
        self.requests.triggered.connect(window.show_requests)
        self.quit.triggered.connect(window.quit_pont)
        self.about = QAction(QCoreApplication.translate("MainWindow", "&About Pont"), self)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(self.show_about)
        # Help ▸ Getting started (F1): the guide, in the window's language.
        self.guide = getting_started_action(window)

    def _create_menus(self, settings: QSettings) -> None:
        window = self._window
        members, groups = window.member_actions, window.group_actions
        files, profile = window.transfer_actions, window.profile_actions
        file_menu = window.file_menu
        file_menu.addAction(groups.new)
        file_menu.addAction(window.demo_actions.start_own)  # shown in the demo only
        file_menu.addSeparator()
        file_menu.addActions([files.import_list, files.paste, files.export])
        file_menu.addSeparator()
        file_menu.addActions([profile.export_all, profile.import_all, profile.restore])
        file_menu.addSeparator()
        self.language_menu = LanguageMenu(window, settings)
        file_menu.addMenu(self.language_menu.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = window.edit_menu
        edit_menu.addActions([window.undo_actions.undo, window.undo_actions.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([members.add, members.edit, members.remove, members.copy])
        edit_menu.addSeparator()
        mark_menu = edit_menu.addMenu(QCoreApplication.translate("MainWindow", "&Mark as"))
        mark_menu.addActions([members.mark_active, members.mark_paused, members.mark_left])
        edit_menu.addAction(members.deliver_again)
        edit_menu.addAction(members.first_names_first)
        edit_menu.addAction(members.erase)
        edit_menu.addActions([members.ask_consent, members.record_consent, members.export_data])
        edit_menu.addSeparator()
        edit_menu.addActions([self.filter, self.search])
        # The tabs say their shortcuts in their tooltips; no menu needed to switch.
        window.addActions([self.members_tab, self.conversations_tab])

        window.group_menu.addActions([groups.new, groups.edit, groups.delete])
        window.group_menu.addSeparator()
        window.group_menu.addAction(self.requests)

        post_menu = window.post_menu
        post_menu.setToolTipsVisible(True)
        post_menu.addAction(window.post_actions.new)
        post_menu.addAction(window.post_actions.drafts_list)
        post_menu.addSeparator()
        conversations = window.conversations_tab
        post_menu.addActions(
            [
                conversations.reply_action,
                conversations.private_reply_action,
                conversations.forward_action,
            ]
        )
        post_menu.addSeparator()
        post_menu.addAction(window.post_actions.outbox)
        post_menu.addAction(window.held_actions.open)

        mail = window.sync_controller
        mail_menu = window.mail_menu
        mail_menu.setToolTipsVisible(True)  # a disabled action's tooltip says why
        mail_menu.addActions([mail.set_up, mail.sync_now, mail.sync_settings])

        window.help_menu.addAction(self.guide)
        window.help_menu.addAction(window.demo_actions.open_demo)  # hidden in the demo
        window.help_menu.addAction(self.about)
        window.sidebar.set_context_actions([groups.edit, None, groups.delete])
        self._add_group_from_conversation()

    def _add_group_from_conversation(self) -> None:
        """Group ▸ New group from a conversation… (issue 15, item 14), after New group."""
        window = self._window
        self.from_conversation = QAction(
            QCoreApplication.translate("MainWindow", "New group from a &conversation…"), self
        )
        self.from_conversation.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "Start a group with the people of a reply-all conversation in your mailbox",
            )
        )
        self.from_conversation.triggered.connect(window.new_group_from_conversation)
        if window.is_demo:
            self.from_conversation.setEnabled(False)
            self.from_conversation.setToolTip(
                QCoreApplication.translate(
                    "MainWindow",
                    "The demo profile has no mailbox to search: this works in your own profile.",
                )
            )
        window.group_menu.setToolTipsVisible(True)
        window.group_menu.insertAction(window.group_actions.edit, self.from_conversation)

    def _create_toolbar(self) -> QToolBar:
        window = self._window
        toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main tools"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName(QCoreApplication.translate("MainWindow", "Main tools"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(window.post_actions.new)
        toolbar.addSeparator()
        toolbar.addActions(
            [
                window.member_actions.add,
                window.transfer_actions.import_list,
                window.member_actions.copy,
                window.member_actions.remove,
            ]
        )
        toolbar.addSeparator()
        toolbar.addAction(window.sync_controller.sync_now)
        window.addToolBar(toolbar)
        name_qt_buttons(toolbar, QCoreApplication.translate("MainWindow", "More tools"))
        name_qt_buttons(window.menuBar(), QCoreApplication.translate("MainWindow", "More menus"))
        return toolbar

    def show_about(self) -> None:
        QMessageBox.about(
            self._window,
            QCoreApplication.translate("MainWindow", "About Pont"),
            QCoreApplication.translate(
                "MainWindow",
                "<h3>Pont {version}</h3><p><i>Pont</i> is Welsh for <i>bridge</i>.</p>"
                "<p>Run an email group for knowledge sharing from your own computer and your "
                "own mailbox: no server, nothing for IT to install.</p>"
                "<p>Free software under the GNU GPL, version 3 or later.</p>",
            ).format(version=__version__),
        )
