"""The summary figures and the legend."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from retold.engine.model import LinkKind
from retold.gui.legend import Legend
from retold.gui.summary_panel import SummaryPanel
from tests.gui._builders import sample


def test_summary_shows_the_shares(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    assert "No comparison" in panel.headline.text()
    stats = sample().stats
    panel.set_stats(stats)
    assert "70 %" in panel.headline.text()
    details = panel.details.text()
    for words in ("identical 30 %", "edited 20 %", "reworded 20 %", "new material 25 %"):
        assert words in details
    assert "1 moved · 1 merged · 1 split" in panel.structure.text()
    assert [k for k, _ in panel.bar.rows] == [
        LinkKind.IDENTICAL,
        LinkKind.EDITED,
        LinkKind.REWORDED,
        LinkKind.REMOVED,
    ]
    panel.set_stats(None)
    assert panel.bar.rows == []


def test_legend_uses_the_panes_formats(qtbot) -> None:  # type: ignore[no-untyped-def]
    legend = Legend()
    qtbot.addWidget(legend)
    legend.show()
    names = [s.text for s in legend.swatches]
    assert names[:4] == ["Edited", "Reworded", "Added", "Removed"]
    assert "moved" in names and "boilerplate" in names
    reworded = legend.swatches[1]
    assert reworded.key.kind is LinkKind.REWORDED
    assert "wavy" in reworded.toolTip()
    assert legend.grab().width() > 200
    fmt = reworded.styles().format(reworded.key)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
