"""The summary's words beside its figures: what was kept word for word (the longest run can be
clicked), the page furniture (and how much of it is hidden) and the facts the rewrite changed."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from retold.engine.model import Comparison
from retold.report.rows import hidden_lines
from retold.report.summary import facts_line, longest_quote
from retold.report.summary import furniture_line as report_furniture_line

RUN_LINK = "longest-run"


class EvidenceNotes(QWidget):
    longestRunClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verbatim, self.furniture, self.facts = QLabel(), QLabel(), QLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for label in (self.verbatim, self.furniture, self.facts):
            label.setWordWrap(True)
            column.addWidget(label)
        self.verbatim.setTextFormat(Qt.TextFormat.RichText)
        self.furniture.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.verbatim.linkActivated.connect(self._clicked)
        self.comparison: Comparison | None = None
        self.set_comparison(None)

    def set_comparison(self, comparison: Comparison | None, hidden: bool = False) -> None:
        self.comparison = comparison
        for label in (self.verbatim, self.furniture, self.facts):
            label.setVisible(comparison is not None)
        if comparison is None:
            return
        self.verbatim.setText(verbatim_html(comparison))
        self.furniture.setText(furniture_note(comparison, hidden))
        self.facts.setText(facts_note(comparison))

    def _clicked(self, link: str) -> None:
        if link == RUN_LINK:
            self.longestRunClicked.emit()


def verbatim_html(comparison: Comparison) -> str:
    stats = comparison.stats
    if not stats.verbatim_min_words:
        return ""
    kept, retold = round(stats.verbatim_share * 100), round(stats.retold_share * 100)
    text = (
        f"<b>{kept} %</b> kept word for word (runs of {stats.verbatim_min_words}+ words) · "
        f"<b>{retold} %</b> retold in new words"
    )
    quote = longest_quote(comparison, 120)
    if quote:
        text += (
            f"<br>Longest run, {stats.longest_verbatim_words} words: "
            f"<a href='{RUN_LINK}'>“{escape(quote)}”</a>"
        )
    return text


def facts_note(comparison: Comparison) -> str:
    line = facts_line(comparison)
    if "marked" in line:
        line = line.split(";")[0] + (
            ": their words have a line above them; rest the mouse there for what changed."
        )
    return line


def furniture_note(comparison: Comparison, hidden: bool) -> str:
    original, rewrite = hidden_lines(comparison)
    if hidden and original + rewrite:
        return (
            f"{original + rewrite} lines of page furniture hidden ({original} in the original, "
            f"{rewrite} in the rewrite); View > Hide boilerplate shows them."
        )
    return report_furniture_line(comparison, hidden=False).replace(
        "shown dimmed in place, each labelled with its kind",
        "dimmed; rest the mouse on one for its kind",
    )
