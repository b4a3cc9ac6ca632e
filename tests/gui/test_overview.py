"""The overview strip: a book's thousands of ticks drawn as fewer bars, pixel for pixel alike."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from retold.gui.overview import Overview, Tick

COLOURS = [QColor(200, 60, 60), QColor(60, 160, 60), QColor(60, 60, 200)]


def _ticks(count: int, seed: int) -> list[Tick]:
    """Ticks in document order, most of them a few lines long, a colour for each run of them."""
    rng, ticks, at = random.Random(seed), [], 0.0
    colour = COLOURS[0]
    for number in range(count):
        if rng.random() < 0.3:
            colour = rng.choice(COLOURS)
        at += rng.random() / count * 1.5
        ticks.append(Tick(number, at, at + rng.random() / count * 3, colour))
    return ticks


def _one_by_one(overview: Overview) -> QImage:
    """The strip as it looks with each tick filled on its own, then the view's shade."""
    image = QImage(overview.size(), QImage.Format.Format_ARGB32_Premultiplied)
    palette = overview.palette()
    image.fill(palette.color(QPalette.ColorRole.AlternateBase))
    painter = QPainter(image)
    h, w = float(overview.height()), float(overview.width())
    for tick in overview.ticks:
        height = max((tick.end - tick.start) * h, 2.0)
        painter.fillRect(QRectF(2, tick.start * h, w - 4, height), tick.colour)
    shade = QColor(palette.color(QPalette.ColorRole.Text))
    shade.setAlpha(40)
    top, bottom = overview.view
    painter.fillRect(QRectF(0, top * h, w, max((bottom - top) * h, 2)), shade)
    painter.end()
    return image


def test_many_ticks_are_drawn_as_fewer_bars_with_the_same_pixels(qtbot) -> None:  # type: ignore[no-untyped-def]
    overview = Overview()
    qtbot.addWidget(overview)
    overview.resize(12, 400)
    overview.show()
    qtbot.waitExposed(overview)
    for count, seed in ((4000, 0), (4000, 1), (150, 2), (150, 3)):  # a book, an article
        overview.set_ticks(_ticks(count, seed))
        overview.set_view(0.25, 0.4)
        drawn = overview.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        assert drawn == _one_by_one(overview)
        if count > overview.height():
            assert len(overview.bars()) < count / 4  # merged where they overlap
