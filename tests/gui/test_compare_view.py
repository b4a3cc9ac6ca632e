"""The comparison view: each link's look in both panes, folds, offsets, clicks and drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest

from retold.engine.model import Comparison, LinkKind, Side
from retold.engine.navigate import build_navigation, link_spans
from retold.gui.compare_view import CompareView
from retold.gui.display_text import DisplayText, Fold, StyleKey, folds_for
from retold.gui.pane import Pane
from retold.gui.styles import Styles
from tests.gui._builders import comparison as build
from tests.gui._builders import document, long_pair, sample
from tests.timing import growth


def make_view(qtbot, comparison: Comparison | None, width: int = 1000, height: int = 600):  # type: ignore[no-untyped-def]
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_comparison(comparison)
    return view


def char_format(pane: Pane, offset: int) -> QTextCharFormat:
    """The format of the character at source ``offset`` (a cursor reports the one before it)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(offset) + 1)
    return cursor.charFormat()


def same_look(actual: QTextCharFormat, expected: QTextCharFormat) -> bool:
    return (
        actual.background() == expected.background()
        and actual.underlineStyle() == expected.underlineStyle()
        and actual.fontStrikeOut() == expected.fontStrikeOut()
        and actual.fontItalic() == expected.fontItalic()
    )


def check_formats(view: CompareView, comparison: Comparison) -> int:
    """Every visible link shows its kind on both sides; changed words show as changed."""
    checked = 0
    for side, pane in view.panes.items():
        document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
        dim = {o for s in document.sentences if s.boilerplate for o in range(s.start, s.end)}
        for link in comparison.links:
            changed: set[int] = set()
            for change in link.changes:
                span = change.original if side is Side.ORIGINAL else change.rewrite
                if span:
                    changed.update(range(*span))
                    offset = span[0]
                    if offset not in dim and pane.display.to_qt(offset) < pane.display.to_qt(
                        span[1]
                    ):
                        fmt = char_format(pane, offset)
                        words = "delete" if side is Side.ORIGINAL else "insert"
                        soft = "" if link.kind is LinkKind.EDITED else "soft-"
                        key = StyleKey(link.kind, link.moved, soft + words)
                        assert same_look(fmt, view.styles.format(key)), (side, link, offset)
                        if not soft:
                            assert fmt.fontStrikeOut() == (side is Side.ORIGINAL)
            expected = view.styles.format(StyleKey(link.kind, link.moved))
            for start, end in link_spans(link, side):
                plain = [o for o in range(start, end) if o not in changed and o not in dim]
                plain = [o for o in plain if not document.text[o].isspace()]
                for offset in plain[:1] + plain[-1:]:
                    if pane.display.hidden(offset):
                        continue  # folded away
                    assert same_look(char_format(pane, offset), expected), (side, link, offset)
                    checked += 1
    return checked


def test_each_link_kind_has_its_look(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = make_view(qtbot, comparison)
    assert view.panes[Side.ORIGINAL].toPlainText() == comparison.original.text
    assert view.panes[Side.REWRITE].toPlainText() == comparison.rewrite.text
    assert check_formats(view, comparison) > 10
    # Distinct cues beyond colour.
    looks = {k: view.styles.format(StyleKey(k)) for k in LinkKind}
    assert looks[LinkKind.REWORDED].underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert looks[LinkKind.REMOVED].fontStrikeOut()
    assert looks[LinkKind.ADDED].underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    moved = view.styles.format(StyleKey(LinkKind.EDITED, moved=True))
    assert moved.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    # Boilerplate is dim and italic.
    assert char_format(view.panes[Side.ORIGINAL], 2).fontItalic()


def test_engine_comparison_formats(qtbot, comparison: Comparison) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, comparison)
    assert check_formats(view, comparison) > 10


def test_text_after_an_emoji_keeps_its_format(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = make_view(qtbot, comparison)
    text = comparison.rewrite.text
    offset = text.index("loudly")  # after an astral character, in a reworded link
    fmt = char_format(view.panes[Side.REWRITE], offset)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine  # moved reworded
    cursor = QTextCursor(view.panes[Side.REWRITE].document())
    cursor.setPosition(view.panes[Side.REWRITE].display.to_qt(offset))
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 6)
    assert cursor.selectedText() == "loudly"


def test_display_text_maps_folds_and_astral_characters() -> None:
    text = "ab😀cd. Hidden one. Kept 😀 end."
    hidden = text.index("Hidden")
    display = DisplayText(text, [Fold(hidden, hidden + len("Hidden one."), "⋯")])
    assert display.text == "ab😀cd. ⋯ Kept 😀 end."
    kept = text.index("Kept")
    qt = display.to_qt(kept)
    assert qt == display.text.index("Kept") + 1  # one emoji before it takes two code units
    assert display.from_qt(qt) == kept
    assert display.to_qt(hidden + 3) == display.to_qt(hidden)  # inside the fold: its start
    assert display.hidden(hidden) and not display.hidden(hidden - 1)
    assert display.from_qt(display.to_qt(hidden)) == hidden
    for offset in range(len(text)):
        if not hidden < offset < hidden + len("Hidden one."):
            assert display.from_qt(display.to_qt(offset)) == offset


def test_windows_line_breaks_keep_positions(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = Pane("original")
    qtbot.addWidget(pane)
    text = "One line.\r\nNext line."
    pane.show_text(DisplayText(text), Styles(pane.palette()))
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(text.index("Next")))
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 4)
    assert cursor.selectedText() == "Next"


def test_hiding_boilerplate_keeps_paragraph_breaks() -> None:
    doc = document(
        "d",
        [["Menu.", "Intro here."], ["Body one.", "Share this.", "Body two.", "Ad."], ["End."]],
        boilerplate=[0, 3, 5],
    )
    comparison = build(doc, doc, [])
    navigation = build_navigation(comparison)
    folds = folds_for(doc, navigation, Side.ORIGINAL, False, True)
    assert DisplayText(doc.text, folds).text == "Intro here.\n\nBody one. Body two.\n\nEnd."


def test_show_only_changes_folds_identical_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = make_view(qtbot, comparison)
    view.set_view_options(True, True, 13)
    original = view.panes[Side.ORIGINAL].toPlainText()
    assert "The river rose fast" not in original
    assert "⋯ 1 identical sentence ⋯" in original
    assert "Subscribe to read more." not in original  # boilerplate hidden
    assert "Crews worked all night." in original
    assert view.panes[Side.ORIGINAL].font().pointSize() == 13
    assert check_formats(view, comparison) > 5
    view.set_view_options(False, False, 10)
    assert view.panes[Side.ORIGINAL].toPlainText() == comparison.original.text


def test_click_selects_the_link_and_shows_its_partner(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = long_pair(60)
    view = make_view(qtbot, comparison, height=400)
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    view._syncing = True  # put the right pane far away without dragging the left one along
    right.verticalScrollBar().setValue(right.verticalScrollBar().maximum())
    view._syncing = False
    target = 2  # an edited link near the top
    start = comparison.links[target].original[0][0]
    point = left.offset_rect(start + 3).center()
    with qtbot.waitSignal(view.linkSelected) as signal:
        QTest.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [target]
    top, bottom = right.spans_extent(comparison.links[target].rewrite) or (-1, -1)
    assert top >= 0 and bottom <= right.viewport().height()
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in left.extraSelections()]
    assert spans == [tuple(left.display.to_qt(o) for o in comparison.links[target].original[0])]
    assert view.panes[Side.ORIGINAL].tooltip_for(start) == "Reworded · similarity 0.55"


def test_view_appears_in_linear_time_for_a_large_pair(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Four times the pair (up to 5,000 links, ~100k words), about four times the time to show
    it; a ratio in one run, as absolute times vary with the machine's load."""
    pairs = {n: long_pair(n) for n in (250, 1000)}

    def show(n: int) -> None:
        view = make_view(qtbot, None)
        view.set_comparison(pairs[n])
        view.settle()  # filled in, laid out and measured: all the work of showing it
        assert len(view.panes[Side.ORIGINAL].toPlainText()) == len(pairs[n].original.text)

    assert growth(show, 250, 1000, repeat=2) < 12  # quadratic would be 16, linear 4


def _drop(pane: Pane, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    pane.dropEvent(event)
    return event


@pytest.mark.parametrize("side", [Side.ORIGINAL, Side.REWRITE])
def test_dropping_one_file_on_a_pane(qtbot, tmp_path: Path, side: Side) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, None)
    path = tmp_path / "article.txt"
    path.write_text("Hello.")
    pane = view.panes[side]
    assert pane.acceptDrops()
    with qtbot.waitSignal(view.fileDropped) as signal:
        event = _drop(pane, [path])
    assert event.isAccepted()
    assert signal.args == [side.value, str(path)]
    with qtbot.assertNotEmitted(view.fileDropped, wait=20):
        assert not _drop(pane, [path, path]).isAccepted()


def test_colours_follow_a_dark_palette(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, sample())
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#dddddd"))
    view.setPalette(palette)  # a palette change rebuilds the panes' formats
    for kind in (LinkKind.EDITED, LinkKind.REWORDED, LinkKind.ADDED, LinkKind.REMOVED):
        fill = view.styles.format(StyleKey(kind)).background().color()
        assert fill.lightness() < 100, kind  # a dark tint, so light text stays readable
    rewrite = view.panes[Side.REWRITE]
    offset = view.comparison.rewrite.text.index("Readers")
    assert char_format(rewrite, offset).background().color().lightness() < 100


def test_titles_show_file_names_literally(qtbot) -> None:  # type: ignore[no-untyped-def]
    odd = document("<i>draft</i> & notes.txt", [["One sentence here."]])
    view = make_view(qtbot, build(odd, odd, [(LinkKind.IDENTICAL, (0,), (0,), False, ())]))
    title = view.titles[Side.ORIGINAL]
    assert "&lt;i&gt;draft&lt;/i&gt; &amp; notes.txt" in title.text()
    view.set_comparison(None, {Side.REWRITE: ("<b>x</b>.txt", "Waiting text.")})
    assert view.panes[Side.REWRITE].toPlainText() == "Waiting text."
    assert "&lt;b&gt;x&lt;/b&gt;.txt" in view.titles[Side.REWRITE].text()
    assert view.panes[Side.ORIGINAL].toPlainText() == ""
