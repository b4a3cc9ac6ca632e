"""The comparison in figures: how much of the original was reused, and how."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from retold.engine.model import Comparison, LinkKind, Stats
from retold.gui.evidence_notes import EvidenceNotes
from retold.gui.legend import Legend
from retold.gui.styles import HUES, blend
from retold.report.rows import evidence_fallback, evidence_used


def share_rows(stats: Stats) -> list[tuple[LinkKind, float]]:
    """The original's prose by what became of it; the bar and the labels both use this."""
    return [
        (LinkKind.IDENTICAL, stats.identical_share),
        (LinkKind.EDITED, stats.edited_share),
        (LinkKind.REWORDED, stats.reworded_share),
        (LinkKind.REMOVED, stats.removed_share),
    ]


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


class ShareBar(QWidget):
    """A thin stacked bar of the original's prose by kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[LinkKind, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 12)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 12)

    def set_rows(self, rows: list[tuple[LinkKind, float]]) -> None:
        self.rows = rows
        self.setToolTip(" · ".join(f"{kind.value} {percent(share)}" for kind, share in rows))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        base = self.palette().color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), blend(base, QColor(128, 128, 128), 0.15))
        x, width = 0.0, float(self.width())
        for kind, share in self.rows:
            part = max(share, 0.0) * width
            painter.fillRect(QRectF(x, 0, part, self.height()), HUES[kind])
            x += part
        painter.end()


class SummaryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.details = QLabel()
        self.structure = QLabel()
        self.evidence_used = QLabel()
        self.evidence_used.setTextFormat(Qt.TextFormat.PlainText)  # a file's path may hold "<"
        self.bar = ShareBar()
        self.evidence = EvidenceNotes()
        self.legend = Legend()
        # Everything scrolls: in a low window the legend's rows keep their height.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        widgets = (self.headline, self.bar, self.details, self.structure, self.evidence_used)
        for widget in (*widgets, self.evidence, self.legend):
            if isinstance(widget, QLabel):
                widget.setWordWrap(True)
            column.addWidget(widget)
        column.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(content)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)
        self.set_stats(None)

    def set_comparison(self, comparison: Comparison | None, hidden: bool = False) -> None:
        """The figures and, in words, the verbatim runs, page furniture and fact changes."""
        self.set_stats(comparison.stats if comparison else None)
        self.evidence_used.setText(evidence_note(comparison) if comparison else "")
        self.evidence.set_comparison(comparison, hidden)

    def set_stats(self, stats: Stats | None) -> None:
        if stats is None:
            self.headline.setText("No comparison yet")
            self.details.setText("Open an original and its rewrite to compare them.")
            self.structure.clear()
            self.bar.set_rows([])
            return
        self.headline.setText(f"<b>{percent(stats.reused_share)}</b> of the original reused")
        self.bar.set_rows(share_rows(stats))
        parts = [
            f"{_swatch(kind)} {kind.value} {percent(share)}" for kind, share in share_rows(stats)
        ]
        parts.append(
            f"{_swatch(LinkKind.ADDED)} new material {percent(stats.new_share)} of the rewrite"
        )
        self.details.setText("<br>".join(parts))
        by_hand = f" · {stats.manual} set by hand" if stats.manual else ""
        self.structure.setText(
            f"{stats.links} linked groups · {stats.moved} moved · "
            f"{stats.merged} merged · {stats.split} split{by_hand}"
        )


def evidence_note(comparison: Comparison) -> str:
    """Which evidence linked the sentences: the words, or also a sentence model (and how many
    links it found); or why the model was not used when it was asked for."""
    used = evidence_used(comparison)
    if used != "lexical":
        found = sum(1 for link in comparison.links if link.found_by_model)
        links = "1 link" if found == 1 else f"{found} links"
        return f"Evidence: {used}. {links} found mainly by the model (their tooltips say so)."
    why = evidence_fallback(comparison)
    return f"Evidence: lexical. {why}" if why else "Evidence: lexical."


def _swatch(kind: LinkKind) -> str:
    return f"<span style='color:{HUES[kind].name()}'>■</span>"
