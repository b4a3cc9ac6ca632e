"""The look of each link kind, derived from the palette so it works in light and dark mode.

Every kind has a cue beyond colour (underline style, strike-through, italics) so the kinds stay
apart for colour-blind readers: edited = fill only, reworded = wavy underline, added = solid
underline, removed = strike-through, moved = dotted underline, boilerplate = dim italics.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat

from retold.engine.model import Link, LinkKind, Origin
from retold.gui.display_text import StyleKey
from retold.report.rows import BY_MODEL, SET_BY_HAND

HUES = {
    LinkKind.IDENTICAL: QColor(150, 150, 150),
    LinkKind.EDITED: QColor(240, 180, 40),  # amber
    LinkKind.REWORDED: QColor(70, 130, 230),  # blue
    LinkKind.ADDED: QColor(40, 170, 80),  # green
    LinkKind.REMOVED: QColor(220, 60, 60),  # red
}
MOVED_HUE = QColor(150, 80, 200)  # violet
FACT_HUE = QColor(170, 70, 0)  # burnt orange: a fact the rewrite changed

KIND_LABELS = {
    LinkKind.IDENTICAL: "Identical",
    LinkKind.EDITED: "Edited",
    LinkKind.REWORDED: "Reworded",
    LinkKind.ADDED: "Added",
    LinkKind.REMOVED: "Removed",
}
KIND_HELP = {
    LinkKind.IDENTICAL: "same sentence, no mark",
    LinkKind.EDITED: "a few words changed: light fill",
    LinkKind.REWORDED: "same content, new wording: blue fill, wavy underline",
    LinkKind.ADDED: "only in the rewrite: green fill, underline",
    LinkKind.REMOVED: "only in the original: red fill, struck through",
}


def blend(base: QColor, hue: QColor, amount: float) -> QColor:
    """``amount`` of ``hue`` over ``base``: a tint that keeps the base's lightness range."""
    keep = 1.0 - amount
    return QColor(
        round(base.red() * keep + hue.red() * amount),
        round(base.green() * keep + hue.green() * amount),
        round(base.blue() * keep + hue.blue() * amount),
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class Styles:
    """Formats and colours for one palette."""

    def __init__(self, palette: QPalette) -> None:
        self.palette = palette
        self.base = palette.color(QPalette.ColorRole.Base)
        self.dark = is_dark(palette)
        self._cache: dict[StyleKey, QTextCharFormat] = {}

    def fill(self, kind: LinkKind, strong: bool = False, boost: float = 0.0) -> QColor:
        amount = {LinkKind.IDENTICAL: 0.0, LinkKind.EDITED: 0.22}.get(kind, 0.18) + boost
        if strong:
            amount += 0.25
        return blend(self.base, HUES[kind], amount + (0.1 if self.dark else 0.0))

    def line(self, kind: LinkKind | None) -> QColor:
        """A colour for lines and connectors, readable on the base colour."""
        hue = MOVED_HUE if kind is None else HUES[kind]
        return hue.lighter(120) if self.dark else hue.darker(115)

    def band(self, kind: LinkKind) -> QColor:
        colour = blend(self.base, HUES[kind], 0.45 if kind is not LinkKind.IDENTICAL else 0.25)
        colour.setAlpha(200)
        return colour

    def selection(self) -> tuple[QColor, QColor]:
        """Background and text of the selected link: the palette's own selection colours."""
        role = QPalette.ColorRole
        return self.palette.color(role.Highlight), self.palette.color(role.HighlightedText)

    def pick(self) -> tuple[QColor, None]:
        """Background of sentences picked for Link or Unlink: a pale selection colour (the
        selected link's own highlight, painted over it, stays as it is)."""
        return blend(self.base, self.palette.color(QPalette.ColorRole.Highlight), 0.35), None

    def match(self, current: bool = False) -> tuple[QColor, QColor | None]:
        """Background and text of a Find match: grey, apart from every kind's hue and the
        selection; the current match in the text colour with the base colour on it."""
        text = self.palette.color(QPalette.ColorRole.Text)
        if current:
            return text, self.base
        return blend(self.base, text, 0.4), None

    def fact_mark(self) -> QTextCharFormat:
        """Merged over a changed fact: a line above it and its text in the fact colour (the
        line tells it in grayscale too)."""
        fmt = QTextCharFormat()
        fmt.setFontOverline(True)
        fmt.setForeground(FACT_HUE.lighter(170) if self.dark else FACT_HUE)
        return fmt

    def format(self, key: StyleKey) -> QTextCharFormat:
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._make(key)
        return cached

    def _make(self, key: StyleKey) -> QTextCharFormat:
        if key.fact:
            fmt = QTextCharFormat(self.format(replace(key, fact=False)))
            fmt.merge(self.fact_mark())
            return fmt
        fmt = QTextCharFormat()
        if key.fold or key.boilerplate:
            fmt.setForeground(self.palette.color(QPalette.ColorRole.PlaceholderText))
            fmt.setFontItalic(True)
            return fmt
        kind = key.kind
        if kind is None:
            return fmt
        if kind is not LinkKind.IDENTICAL:
            fmt.setBackground(self.fill(kind))
        if kind is LinkKind.REWORDED:
            self._underline(fmt, QTextCharFormat.UnderlineStyle.WaveUnderline, self.line(kind))
        elif kind is LinkKind.ADDED:
            self._underline(fmt, QTextCharFormat.UnderlineStyle.SingleUnderline, self.line(kind))
        elif kind is LinkKind.REMOVED:
            fmt.setFontStrikeOut(True)
        if key.moved:
            self._underline(fmt, QTextCharFormat.UnderlineStyle.DotLine, self.line(None))
        if key.change.startswith("soft-"):
            # Reworded links change most words: tint them in the link's own hue (as the reports
            # do), so the sentence still reads as reworded, not as removed or added text; deep
            # enough that the kept words stand apart, in grayscale too.
            fmt.setBackground(self.fill(kind, strong=True))
        elif key.change == "delete":
            fmt.setBackground(self.fill(LinkKind.REMOVED, strong=True))
            fmt.setFontStrikeOut(True)
        elif key.change == "insert":
            fmt.setBackground(self.fill(LinkKind.ADDED, strong=True))
            self._underline(
                fmt, QTextCharFormat.UnderlineStyle.SingleUnderline, self.line(LinkKind.ADDED)
            )
            fmt.setFontWeight(QFont.Weight.DemiBold)
        return fmt

    @staticmethod
    def _underline(
        fmt: QTextCharFormat, style: QTextCharFormat.UnderlineStyle, colour: QColor
    ) -> None:
        fmt.setUnderlineStyle(style)
        fmt.setUnderlineColor(colour)


def tooltip(
    kind: LinkKind, similarity: float, moved: bool, manual: bool = False, by_model: bool = False
) -> str:
    """E.g. "Reworded · similarity 0.62 · found mainly by the sentence model · moved"."""
    parts = [KIND_LABELS[kind]]
    if kind in (LinkKind.EDITED, LinkKind.REWORDED, LinkKind.IDENTICAL):
        parts.append(f"similarity {similarity:.2f}")
    if by_model:
        parts.append(BY_MODEL)
    if moved:
        parts.append("moved")
    if manual:
        parts.append(SET_BY_HAND)
    return " · ".join(parts)


def link_tooltip(link: Link) -> str:
    manual = link.origin is Origin.MANUAL
    return tooltip(link.kind, link.similarity, link.moved, manual, link.found_by_model)
