"""A slim, non-modal message strip above the comparison: errors never stack up as dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

# level -> (background, border, text), for light and for dark palettes
LIGHT = {
    "info": ("#e8f0fb", "#9bb7e0", "#1d3557"),
    "warning": ("#fff4d6", "#e0c36a", "#5c4400"),
    "error": ("#fde8e8", "#e09b9b", "#6b1111"),
}
DARK = {
    "info": ("#1d2b3d", "#3d5a80", "#d6e4f5"),
    "warning": ("#3a3012", "#8a7233", "#f5e3b0"),
    "error": ("#3d1c1c", "#8a3b3b", "#f5cccc"),
}


def banner_style(level: str, palette: QPalette) -> str:
    """The frame's colours and its text's: a child label does not take the frame's colour."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    background, border, text = (DARK if dark else LIGHT)[level]
    return (
        f"QFrame#banner {{ background: {background}; border: 1px solid {border}; "
        f"border-radius: 4px; }} QFrame#banner QLabel, QFrame#banner QToolButton "
        f"{{ color: {text}; }}"
    )


class Banner(QFrame):
    """Shows one message at a time, optionally with one action button, until closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._action_button = QPushButton(self)
        self._action_button.setFlat(False)
        self._action_button.hide()
        self._close_button = QToolButton(self)
        self._close_button.setText("✕")
        self._close_button.setAutoRaise(True)
        self._close_button.setToolTip("Dismiss")
        self._close_button.setAccessibleName("Dismiss message")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._action_button)
        layout.addWidget(self._close_button)
        self._close_button.clicked.connect(self.dismiss)
        self._action_button.clicked.connect(self._run_action)
        self._action: Callable[[], None] | None = None
        self.level = "info"
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def action_text(self) -> str:
        return self._action_button.text() if self._action is not None else ""

    def show_message(
        self,
        text: str,
        level: str = "info",
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        """Replace whatever is shown: the newest message is the one that matters."""
        self.level = level
        self.restyle()
        self._label.setText(text)
        self._action = action
        self._action_button.setText(action_text)
        self._action_button.setVisible(action is not None)
        self.show()

    def trigger_action(self) -> None:
        """Press the action button (also what tests and keyboard users call)."""
        self._run_action()

    def _run_action(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def restyle(self) -> None:
        """Colours for the application's palette; the window calls this when the palette changes
        (the banner's own palette is set by its style sheet, so it hears of no change)."""
        style = banner_style(self.level, QApplication.palette())
        if style != self.styleSheet():  # setting it again would announce another change
            self.setStyleSheet(style)

    def dismiss(self) -> None:
        self._action = None
        self._label.clear()
        self.hide()
