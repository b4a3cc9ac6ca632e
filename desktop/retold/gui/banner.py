"""A slim, non-modal message strip above the comparison: errors never stack up as dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

STYLES = {
    "info": "background: #e8f0fb; border: 1px solid #9bb7e0; color: #1d3557;",
    "warning": "background: #fff4d6; border: 1px solid #e0c36a; color: #5c4400;",
    "error": "background: #fde8e8; border: 1px solid #e09b9b; color: #6b1111;",
}


class Banner(QFrame):
    """Shows one message at a time, optionally with one action button, until closed."""

    closed = Signal()

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
        self.setStyleSheet(f"QFrame#banner {{ {STYLES[level]} border-radius: 4px; }}")
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

    def dismiss(self) -> None:
        self._action = None
        self._label.clear()
        self.hide()
        self.closed.emit()
