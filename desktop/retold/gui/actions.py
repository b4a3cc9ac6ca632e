"""Every command of the window as a QAction, with its shortcut, and the menus that hold them."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QUndoStack,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

Key = QKeySequence.StandardKey
Shortcut = QKeySequence | QKeySequence.StandardKey | str


def arrow_icon(colour: QColor, down: bool) -> QIcon:
    """A plain triangle in the text colour: the style's arrow icons are black on any palette."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    tip, base = (12.0, 4.0) if down else (4.0, 12.0)
    painter.drawPolygon(QPolygonF([QPointF(2, base), QPointF(14, base), QPointF(8, tip)]))
    painter.end()
    return QIcon(pixmap)


def make_action(
    window: QMainWindow, text: str, shortcuts: tuple[Shortcut, ...] = (), checkable: bool = False
) -> QAction:
    """One of the window's actions: added to it, so its shortcut works even when the menu
    holding it is hidden."""
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    window.addAction(action)
    return action


class Actions:
    """Plain attributes, one per command; the controller connects them.

    Declared menu by menu, in the order the shortcuts list shows them.
    """

    def __init__(self, window: QMainWindow) -> None:
        self._file_actions(window)
        self._edit_actions(window)
        self._view_actions(window)
        self._help_actions(window)
        self.update_icons(window)
        self.recent_menu = QMenu("Open &recent", window)

    def _file_actions(self, window: QMainWindow) -> None:
        make, style = partial(make_action, window), window.style()
        self.open = make("&Open…", (Key.Open,))  # articles or a saved comparison
        self.open_original = make("Open &original…")
        self.open_original.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.open_rewrite = make("Open &rewrite…", ("Ctrl+Shift+O",))
        self.add_files = make("&Add files…", ("Ctrl+Shift+A",))
        self.compare_many = make("Compare with &many…", ("Ctrl+Shift+M",))
        self.paste = make("&Paste as new source", ("Ctrl+Shift+V",))
        self.find_original = make("Find the ori&ginal…", ("Ctrl+Shift+F",))  # in an archive
        self.save = make("&Save comparison…", (Key.Save,))
        self.export = make("&Export…", ("Ctrl+E",))
        self.export.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.quit = make("&Quit", (Key.Quit, "Ctrl+Q"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

    def _edit_actions(self, window: QMainWindow) -> None:
        make = partial(make_action, window)
        # Corrections to the alignment; the stack names what it would undo ("Undo Link").
        self.undo_stack = QUndoStack(window)
        self.undo = self.undo_stack.createUndoAction(window, "&Undo")
        self.redo = self.undo_stack.createRedoAction(window, "&Redo")
        for action, keys in ((self.undo, ("Ctrl+Z",)), (self.redo, ("Ctrl+Shift+Z", "Ctrl+Y"))):
            action.setShortcuts([QKeySequence(k) for k in keys])
            window.addAction(action)
        self.copy = make("&Copy", (Key.Copy,))
        self.copy.setEnabled(False)  # until a pane has a selection
        self.find = make("&Find…", (Key.Find,))
        self.find_next = make("Find &next", (Key.FindNext,))
        self.find_previous = make("Find &previous", (Key.FindPrevious,))
        # Correcting the alignment: the sentences picked (selected or clicked) in both panes.
        self.link = make("&Link the picked sentences", ("Ctrl+L",))
        self.unlink = make("U&nlink the picked sentences", ("Ctrl+U",))
        self.link.setEnabled(False)
        self.unlink.setEnabled(False)

    def _view_actions(self, window: QMainWindow) -> None:
        """The View and Go menus."""
        make = partial(make_action, window)
        self.show_only_changes = make("Show only &changes", ("Ctrl+D",), checkable=True)
        self.hide_boilerplate = make("Hide &boilerplate", ("Ctrl+B",), checkable=True)
        # Compares again with, or without, the sentence model's evidence beside the words'.
        self.use_sentence_model = make("Use the sentence &model", checkable=True)
        self.use_sentence_model.setIconText("Sentence model")
        self.font_bigger = make("&Bigger text", (Key.ZoomIn, "Ctrl+="))
        self.font_smaller = make("&Smaller text", (Key.ZoomOut,))
        self.font_reset = make("&Reset text size", ("Ctrl+0",))
        self.swap = make("S&wap sides", ("Ctrl+Shift+S",))
        self.back_to_copies = make("Back to &copies", ("Ctrl+Shift+C",))
        self.back_to_copies.setEnabled(False)  # until a Copies table exists
        self.next_change = make("&Next change", ("F8", "Alt+Down"))
        self.previous_change = make("&Previous change", ("Shift+F8", "Alt+Up"))

    def _help_actions(self, window: QMainWindow) -> None:
        make = partial(make_action, window)
        self.shortcuts_help = make("&Keyboard shortcuts", ("Ctrl+/",))
        self.reading_help = make("&How to read a comparison", (Key.HelpContents,))
        self.about = make("&About Retold")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def update_icons(self, window: QMainWindow) -> None:
        """Icons drawn in the palette's colours; the window calls this when its palette changes."""
        colour = window.palette().color(QPalette.ColorRole.ButtonText)
        self.next_change.setIcon(arrow_icon(colour, down=True))
        self.previous_change.setIcon(arrow_icon(colour, down=False))

    def build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for action in (self.open_original, self.open_rewrite, self.add_files, self.paste):
            file_menu.addAction(action)
        file_menu.addAction(self.compare_many)
        file_menu.addAction(self.find_original)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.export])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy)
        edit_menu.addSeparator()
        edit_menu.addActions([self.link, self.unlink])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find, self.find_next, self.find_previous])
        view_menu = bar.addMenu("&View")
        view_menu.setToolTipsVisible(True)  # the sentence model's: what it does, or what is missing
        view_menu.addActions([self.show_only_changes, self.hide_boilerplate])
        view_menu.addSeparator()
        view_menu.addAction(self.use_sentence_model)
        view_menu.addSeparator()
        view_menu.addActions([self.font_bigger, self.font_smaller, self.font_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.swap, self.back_to_copies])
        go_menu = bar.addMenu("&Go")
        go_menu.addActions([self.next_change, self.previous_change])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.reading_help, self.shortcuts_help])
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def build_toolbar(self, window: QMainWindow) -> QToolBar:
        toolbar = QToolBar("Main toolbar", window)
        toolbar.setObjectName("mainToolbar")  # saveState needs a name
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([self.open_original, self.open_rewrite])
        toolbar.addSeparator()
        toolbar.addActions([self.previous_change, self.next_change])
        toolbar.addSeparator()
        toolbar.addActions([self.show_only_changes, self.hide_boilerplate, self.swap])
        toolbar.addAction(self.use_sentence_model)
        toolbar.addSeparator()
        toolbar.addAction(self.export)
        window.addToolBar(toolbar)
        return toolbar
