"""The side-by-side comparison: two panes, the link map between them, an overview per pane.

Decisions come from the precomputed ``Navigation`` (retold.engine.navigate); this widget only
wires panes to it. Scrolling is synced by alignment: the link at the middle of the scrolled pane
is put at the same height in the other one, under a re-entry guard.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left
from collections.abc import Callable, Mapping
from html import escape

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from retold.engine.model import Comparison, Document, Side
from retold.engine.navigate import Navigation, link_spans
from retold.engine.wordmap import WordPartner, word_partner
from retold.gui.display_text import DisplayText, Fold, folded
from retold.gui.link_map import LinkMap
from retold.gui.notes import clause_group, furniture_tooltip, step_message
from retold.gui.overview import Overview, Tick
from retold.gui.pane import Pane, Tops
from retold.gui.picking import picked_sentences
from retold.gui.search_text import SearchText
from retold.gui.styles import HUES, Styles, link_tooltip
from retold.gui.view_model import Shown, ViewModel, build_view_model

SLICE_S = 0.02  # showing a new text: the work done per event-loop turn, the loop running between


class CompareView(QWidget):
    fileDropped = Signal(str, str)  # side ("original" / "rewrite"), local path
    linkSelected = Signal(int)  # link index, -1 for none
    rebuilt = Signal()  # the panes' text was laid out again (extra selections were cleared)
    picksChanged = Signal()  # the sentences picked for Link and Unlink changed
    linkRequested = Signal(object, object)  # original, rewrite sentences dragged onto each other
    stepped = Signal(str)  # where Next/Previous change went: "Change 3 of 12"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.navigation: Navigation | None = None
        self.view_model: ViewModel | None = None
        self.waiting: dict[Side, tuple[str, str]] = {}  # (name, text) of a side without a pair
        self.selected = -1
        self.only_changes = False
        self.no_boilerplate = False
        self.expanded: set[int] = set()  # identical links whose fold the reader opened
        self.picks: dict[Side, tuple[int, int]] = {}  # source range picked in each pane
        self._syncing = False
        self.hovered: tuple[Side, WordPartner] | None = None  # the word under the mouse
        self._shown: dict[Side, Shown] = {}  # what each pane shows of the comparison
        self._searching: dict[Side, SearchText] = {}  # the waiting texts, for Find
        # A new text is filled in, laid out and its ticks measured a slice per event-loop turn
        # (all at once froze the window for a second on a book); ticks sit at layout heights,
        # so they are measured again once resizing has settled.
        self._steps: list[Callable[[float], bool]] = []
        self._working = QTimer(self, interval=0)
        self._working.timeout.connect(self._work_some)
        self._reflow = QTimer(self, singleShot=True, interval=150)
        self._reflow.timeout.connect(self._start_work)
        self.styles = Styles(self.palette())
        self.panes = {Side.ORIGINAL: Pane(Side.ORIGINAL), Side.REWRITE: Pane(Side.REWRITE)}
        self.overviews = {Side.ORIGINAL: Overview(), Side.REWRITE: Overview()}
        self.titles = {Side.ORIGINAL: QLabel(), Side.REWRITE: QLabel()}
        self.link_map = LinkMap(self.panes[Side.ORIGINAL], self.panes[Side.REWRITE])
        self.link_map.linkClicked.connect(lambda link: self.select_link(link))
        self._lay_out()
        for side, pane in self.panes.items():
            self._wire(side, pane)
        self.set_comparison(None)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        for column, side in ((0, Side.ORIGINAL), (3, Side.REWRITE)):
            grid.addWidget(self.titles[side], 0, column, 1, 2)
            grid.addWidget(self.panes[side], 1, column)
            grid.addWidget(self.overviews[side], 1, column + 1)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.link_map, 1, 2)

    def _wire(self, side: Side, pane: Pane) -> None:
        pane.setPlaceholderText(f"Drop the {side.value} here.")  # one line: it does not wrap
        pane.clickedAt.connect(lambda offset: self._clicked(side, offset))
        pane.foldClicked.connect(lambda start, end: self.expand_fold(side, start, end))
        pane.fileDropped.connect(lambda path: self.fileDropped.emit(side.value, path))
        pane.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled(side))
        pane.tooltip_for = lambda offset: self._tooltip(side, offset)
        pane.wordHovered.connect(lambda offset: self._word_hovered(side, offset))
        pane.selectionChanged.connect(lambda: self._selection_changed(side))
        pane.relaidOut.connect(self._reflow.start)  # its width changed: measure again
        pane.spanDropped.connect(
            lambda _from, start, end, offset: self._span_dropped(side, start, end, offset)
        )
        self.overviews[side].linkClicked.connect(lambda link: self.select_link(link))

    # Public interface ---------------------------------------------------------------------
    def set_comparison(
        self,
        comparison: Comparison | None,
        waiting: Mapping[Side, tuple[str, str]] | None = None,
        view_model: ViewModel | None = None,
    ) -> None:
        """Show ``comparison``; without one, ``waiting`` (name, text) per side is shown plain.

        ``view_model`` is what the worker built for ``comparison`` (built here if missing),
        shown with the view options it was built for. The same texts again (the user corrected
        a link) keep their place on screen."""
        same = (
            comparison is not None
            and self.comparison is not None
            and (comparison.original.text, comparison.rewrite.text)
            == (self.comparison.original.text, self.comparison.rewrite.text)
        )
        places = {side: pane.verticalScrollBar().value() for side, pane in self.panes.items()}
        self.comparison = comparison
        self.waiting = dict(waiting or {}) if comparison is None else {}
        if comparison is not None and (
            view_model is None or view_model.comparison is not comparison
        ):
            view_model = build_view_model(comparison, self.only_changes, self.no_boilerplate)
        self.view_model = view_model if comparison is not None else None
        if self.view_model is not None:
            self.only_changes, self.no_boilerplate = self.view_model.folding
        self.navigation = self.view_model.navigation if self.view_model else None
        self.selected = -1
        self.expanded.clear()
        self._rebuild(progressively=not same)
        if same:
            self._syncing = True  # each pane goes back where it was, not after the other
            try:
                for side, pane in self.panes.items():
                    pane.verticalScrollBar().setValue(places[side])
            finally:
                self._syncing = False
        self.linkSelected.emit(-1)

    def set_view_options(
        self,
        show_only_changes: bool,
        hide_boilerplate: bool,
        font_point_size: int,
        view_model: ViewModel | None = None,
    ) -> None:
        """``view_model``: the comparison's, built (on the worker) for these options."""
        if view_model is not None and view_model.comparison is self.comparison:
            self.view_model = view_model
        resized = [pane.set_point_size(font_point_size) for pane in self.panes.values()]
        if (show_only_changes, hide_boilerplate) != (self.only_changes, self.no_boilerplate):
            self.only_changes, self.no_boilerplate = show_only_changes, hide_boilerplate
            self.expanded.clear()
            self._rebuild(progressively=True)  # from the top: nothing keeps its place
        elif any(resized):
            self._start_work()  # the text reflowed: laid out and measured again

    @Slot()
    def next_change(self) -> None:
        if self.navigation is not None:
            self._step(self._past_clauses(self.navigation.next_stop), forward=True)

    @Slot()
    def previous_change(self) -> None:
        if self.navigation is not None:
            self._step(self._past_clauses(self.navigation.previous_stop), forward=False)

    def _past_clauses(self, stop: Callable[[int], int]) -> int:
        """The next stop that is not another clause of the selected sentence."""
        target = stop(self.selected)
        if self.selected >= 0 and self.comparison is not None and self.navigation is not None:
            group = clause_group(self.comparison, self.navigation.links, self.selected)
            while target in group and target != self.selected:
                target = stop(target)
        return target

    def show_run(self, original: tuple[int, int], rewrite: tuple[int, int]) -> None:
        """Select the link holding a run of kept words and bring the run into view."""
        if self.navigation is None:
            return
        self.select_link(self.navigation.link_at(Side.ORIGINAL, original[0]))
        for side, span in ((Side.ORIGINAL, original), (Side.REWRITE, rewrite)):
            self.panes[side].ensure_spans_visible((span,))

    def select_link(self, link: int, scroll_both: bool = True, source: Side | None = None) -> None:
        """Highlight ``link`` on both sides and bring it into view (-1 clears).

        A link folded away is shown first: a selection is never hidden.
        """
        self.selected = link
        if self.navigation and folded(self.navigation, link, self.only_changes, self.expanded):
            self.expanded.add(link)
            self._rebuild(opening=True)  # selects it again, now shown
            return
        self.link_map.selected = link
        colours = self.styles.selection()
        spans = self._spans(link)
        self._syncing = True  # both panes are placed here, not by each other
        try:
            for side, pane in self.panes.items():
                pane.highlight(spans[side], colours)
                if link >= 0 and (scroll_both or side is not source):
                    pane.ensure_spans_visible(spans[side])
        finally:
            self._syncing = False
        self._frame_hovered()  # its colour follows the selection
        self._paint_picks()
        self.link_map.update()
        self._refresh_overviews()
        self.linkSelected.emit(link)

    def expand_fold(self, side: Side, start: int, end: int) -> None:
        """Show the identical sentences folded in ``start``–``end`` of ``side``, on both sides.

        The fold's first line stays where it was, with the caret on it, and the other pane
        follows it.
        """
        if self.navigation is None:
            return
        index = self.navigation.side(side)
        first = index.sentence_before(start)
        sentences = range(max(first, 0), bisect_left(index.starts, end))
        self.expanded.update(index.links[i] for i in sentences if index.links[i] >= 0)
        pane = self.panes[side]
        before = pane.offset_rect(start).top()
        self._rebuild(opening=True)
        pane.place_caret(start)
        self._syncing = True
        try:
            pane.scroll_by(pane.offset_rect(start).top() - before)
            self._align(pane, side, self.panes[side.other])
        finally:
            self._syncing = False
        self.link_map.update()
        self._refresh_overviews()

    def source_text(self, side: Side) -> str:
        """The whole text of ``side`` (what Find searches), folded parts included."""
        return self.search_text(side).text

    def search_text(self, side: Side) -> SearchText:
        """``source_text`` ready for Find: the worker's, or made once for a waiting text."""
        if self.view_model is not None:
            return self.view_model.search[side]
        text = self.waiting.get(side, ("", ""))[1]
        kept = self._searching.get(side)
        if kept is None or kept.text is not text:
            kept = self._searching[side] = SearchText(text)
        return kept

    def findable(self, side: Side, span: tuple[int, int]) -> bool:
        """Shown, or folded by "show only changes" (a fold opens); hidden boilerplate is not."""
        display = self.panes[side].display
        return not display.hidden(span[0]) or self._fold_of(side, span[0]) is not None

    def reveal(self, side: Side, span: tuple[int, int]) -> None:
        """Open the fold that hides ``span`` on ``side``, if one does."""
        fold = self._fold_of(side, span[0])
        if fold is not None:
            self.expand_fold(side, fold.source_start, fold.source_end)

    def _fold_of(self, side: Side, offset: int) -> Fold | None:
        """The labelled fold (identical sentences, which a click opens) hiding ``offset``."""
        fold = self.panes[side].display.fold_hiding(offset)
        return fold if fold is not None and fold.label else None

    # Building -----------------------------------------------------------------------------
    def _rebuild(self, progressively: bool = False, opening: bool = False) -> None:
        """Show the comparison (or the waiting texts) as the options say. ``progressively``:
        a new text, filled in a slice per event-loop turn; the same one again (an option
        changed) is filled at once, so what keeps its place on screen can. ``opening``: only
        folds were opened (``expanded`` grew): a pane showing its text whole edits it in place,
        the opened folds' lines replaced by what they hid (the pane looks as if filled anew)."""
        self.styles = Styles(self.palette())
        comparison, navigation, model = self.comparison, self.navigation, self.view_model
        self._syncing = True
        before, self._shown = self._shown, {}
        try:
            for side, pane in self.panes.items():
                if comparison is None or navigation is None or model is None:
                    name, text = self.waiting.get(side, ("", ""))
                    pane.show_text(DisplayText(text), self.styles)
                    self._set_title(side, name)
                    continue
                document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
                options = (self.only_changes, self.no_boilerplate, self.expanded)
                old = before.get(side)
                edited = (
                    model.opened(old, side, *options)
                    if opening and old is not None and pane.display is old.display
                    and not pane.filling
                    else None
                )  # fmt: skip
                if edited is not None:
                    shown, edits = edited
                    pane.edit_text(shown.display, self.styles, edits, shown.pieces)
                else:
                    shown = model.side(side, *options)
                    pane.show_text(shown.display, self.styles, shown.pieces)
                self._shown[side] = shown
                self._set_title(side, document.name)
            if not progressively:
                for pane in self.panes.values():
                    pane.fill_some(math.inf)
        finally:
            self._syncing = False
        self.hovered = None
        self.picks.clear()  # the text was laid out again: nothing is selected any more
        self.picksChanged.emit()
        self.link_map.set_navigation(navigation, self.styles)
        for overview in self.overviews.values():
            overview.set_ticks([])  # the old ticks name the old links, or old places
        self._start_work()
        if self.selected >= 0:
            self.select_link(self.selected)
        self.rebuilt.emit()

    def _set_title(self, side: Side, name: str) -> None:
        title = f"<b>{side.value.title()}</b>"
        self.titles[side].setText(f"{title} — {escape(name)}" if name else title)  # "<" in a name

    def _start_work(self) -> None:
        """Fill the panes' new texts in, lay them out, then measure the overview's ticks, a
        slice per event-loop turn (a step already done returns at once)."""
        self._steps = [pane.fill_some for pane in self.panes.values()]
        self._steps += [pane.lay_out_some for pane in self.panes.values()]
        self._steps.append(self._measure_ticks())
        self._working.start()

    def _work_some(self) -> None:
        end = time.monotonic() + SLICE_S
        while self._steps and time.monotonic() < end:
            if self._steps[0](end - time.monotonic()):
                self._steps.pop(0)
        if not self._steps:
            self._working.stop()

    def settle(self) -> None:
        """Finish showing the text now: filled, laid out, ticks measured (a screenshot)."""
        self._working.stop()
        while self._steps:
            self._steps.pop(0)(math.inf)

    @property
    def settled(self) -> bool:
        """Whether the text is all shown, laid out and its ticks measured."""
        return not self._steps

    def _set_ticks(self) -> None:
        self._measure_ticks()(math.inf)

    def _measure_ticks(self) -> Callable[[float], bool]:
        """A step measuring the ticks of both overviews: the first and the last line of each
        link marked (the worker chose them), in one walk over each pane's layout."""
        links = self.navigation.links if self.navigation else ()
        measures: dict[Side, Tops] = {}

        def step(seconds: float) -> bool:
            end = time.monotonic() + seconds
            for side, pane in self.panes.items():
                shown = self._shown.get(side)
                if side not in measures:
                    measures[side] = pane.measure_tops(shown.ends if shown else [])
                if not measures[side].some(end - time.monotonic()):
                    return False
            moved = self.styles.line(None)
            for side, tops in measures.items():
                shown = self._shown.get(side)
                line, height, at = self.panes[side].fontMetrics().height(), tops.height, tops.tops
                self.overviews[side].set_ticks(
                    [
                        Tick(
                            number,
                            at[2 * k] / height,
                            (at[2 * k + 1] + line) / height,
                            moved if links[number].moved else HUES[links[number].kind],
                        )
                        for k, number in enumerate(shown.marked if shown else ())
                    ]
                )
            self._refresh_overviews()
            return True

        return step

    def _refresh_overviews(self) -> None:
        for side, overview in self.overviews.items():
            bar = self.panes[side].verticalScrollBar()
            total = max(bar.maximum() + bar.pageStep(), 1)
            overview.set_view(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    # Reactions ----------------------------------------------------------------------------
    def _spans(self, link: int) -> dict[Side, tuple[tuple[int, int], ...]]:
        if link < 0 or self.navigation is None or self.comparison is None:
            return {Side.ORIGINAL: (), Side.REWRITE: ()}
        links = self.navigation.links
        group = clause_group(self.comparison, links, link)  # a sentence's clauses, together
        return {side: tuple(s for k in group for s in link_spans(links[k], side)) for side in Side}

    def _step(self, link: int, forward: bool) -> None:
        assert self.navigation is not None
        self.stepped.emit(step_message(self.navigation.stops, link, forward))
        if link >= 0:
            self.select_link(link)

    def _clicked(self, side: Side, offset: int) -> None:
        if self.navigation is not None:
            self.select_link(self.navigation.link_at(side, offset), scroll_both=False, source=side)
            self._pick(side, offset, offset)

    # Picking sentences for Link and Unlink ---------------------------------------------
    def picked(self, side: Side) -> tuple[int, ...]:
        """The sentences picked on ``side``: those under its selection, or the one clicked."""
        if self.comparison is None or self.navigation is None or side not in self.picks:
            return ()
        return picked_sentences(self._document(side), self.navigation.side(side), *self.picks[side])

    def _selection_changed(self, side: Side) -> None:
        pane = self.panes[side]
        cursor = pane.textCursor()
        if cursor.hasSelection() and not self._syncing:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            self._pick(side, pane.display.from_qt(start), pane.display.from_qt(end))

    def _pick(self, side: Side, start: int, end: int) -> None:
        self.picks[side] = (start, end)
        self._paint_picks()
        self.picksChanged.emit()

    def _paint_picks(self) -> None:
        """Tint the picked sentences that the selected link's highlight does not already show."""
        if self.comparison is None or self.navigation is None:
            return
        for side, pane in self.panes.items():
            sentences, links = self._document(side).sentences, self.navigation.side(side).links
            spans = [
                sentences[i].span
                for i in self.picked(side)
                if self.selected < 0 or links[i] != self.selected
            ]
            pane.set_layer("pick", spans, self.styles.pick())

    def _document(self, side: Side) -> Document:
        assert self.comparison is not None
        return self.comparison.original if side is Side.ORIGINAL else self.comparison.rewrite

    def _span_dropped(self, side: Side, start: int, end: int, offset: int) -> None:
        """Text dragged from the other pane onto the sentence at ``offset`` of ``side``."""
        if self.comparison is None or self.navigation is None:
            return
        other = side.other
        dragged = picked_sentences(self._document(other), self.navigation.side(other), start, end)
        target = picked_sentences(self._document(side), self.navigation.side(side), offset, offset)
        if dragged and target:
            picks = {other: dragged, side: target}
            self.linkRequested.emit(picks[Side.ORIGINAL], picks[Side.REWRITE])

    def _tooltip(self, side: Side, offset: int) -> str:
        if self.navigation is None or self.comparison is None:
            return ""
        link = self.navigation.link_at(side, offset)
        if link < 0:
            document = (
                self.comparison.original if side is Side.ORIGINAL else self.comparison.rewrite
            )
            return furniture_tooltip(document, offset)
        found = self.navigation.links[link]
        lines = [link_tooltip(found), self._word_note(side, offset)]
        lines += [f"Fact changed ({fact.kind}): {fact.note}" for fact in found.facts]
        return "\n".join(line for line in lines if line)

    # Words --------------------------------------------------------------------------------
    def _partner(self, side: Side, offset: int) -> WordPartner | None:
        """The word at ``offset`` and its counterpart, within the link holding it."""
        if self.navigation is None or self.comparison is None or offset < 0:
            return None
        link = self.navigation.link_at(side, offset)
        if link < 0:
            return None
        pair = self.comparison
        return word_partner(
            self.navigation.links[link], side, offset, pair.original.text, pair.rewrite.text
        )

    def _word_note(self, side: Side, offset: int) -> str:
        """What became of the word at ``offset`` (added, left out, what replaced it), and where
        its counterpart is when it is out of view."""
        word = self._partner(side, offset)
        if word is None:
            return ""
        if word.there is None:
            return "left out of the rewrite" if side is Side.ORIGINAL else "added in the rewrite"
        lines = []
        here, there = self._words(side, word.here), self._words(side.other, word.there)
        if here != there:
            verb = "became" if side is Side.ORIGINAL else "was"
            lines.append(f"“{here}” {verb} “{there}”")
        other = self.panes[side.other]
        top = other.offset_rect(word.there[0]).top()
        if not 0 <= top <= other.viewport().height():
            where = "above" if top < 0 else "below"
            lines.append(f"Its counterpart is {where}, out of view in the {side.other.value}")
        return "\n".join(lines)

    def _words(self, side: Side, span: tuple[int, int]) -> str:
        assert self.comparison is not None
        return " ".join(self._document(side).text[span[0] : span[1]].split())

    def _word_hovered(self, side: Side, offset: int) -> None:
        """Frame the word under the mouse and its counterpart; the other pane does not move."""
        if self.hovered and self.hovered[0] is side:
            here = self.hovered[1].here
            if here[0] <= offset < here[1]:
                return  # still on the same word: nothing to look up
        word = self._partner(side, offset)
        hovered = (side, word) if word is not None else None
        if hovered == self.hovered:
            return
        self.hovered = hovered
        if word is None:
            for pane in self.panes.values():
                pane.mark_word(None, self.styles.line(None))
        self._frame_hovered()

    def _frame_hovered(self) -> None:
        """Frame the hovered word and its counterpart in the colour of the link holding them;
        called again when the selection changes, since the frame's colour depends on it."""
        if self.hovered is None or self.navigation is None:
            return
        side, word = self.hovered
        link = self.navigation.link_at(side, word.here[0])
        # On the selected link's highlight the kind's colour can vanish (blue on blue).
        selected = link == self.selected
        kind = self.navigation.links[link].kind
        colour = self.styles.selection()[1] if selected else self.styles.line(kind)
        self.panes[side].mark_word(word.here, colour)
        self.panes[side.other].mark_word(word.there, colour)

    def _scrolled(self, side: Side) -> None:
        self.link_map.update()
        self._refresh_overviews()
        if self._syncing or self.navigation is None:
            return
        self._syncing = True
        try:
            self._align(self.panes[side], side, self.panes[side.other])
        finally:
            self._syncing = False

    def _align(self, pane: Pane, side: Side, other: Pane) -> None:
        """Scroll ``other`` so the link at ``pane``'s middle sits at the same height."""
        assert self.navigation is not None
        middle = pane.viewport().height() // 2
        link = self.navigation.anchor_link(side, pane.offset_at_y(middle))
        if link < 0:
            return
        spans = self._spans(link)
        here, there = pane.spans_extent(spans[side]), other.spans_extent(spans[side.other])
        if here is None or there is None:
            return
        share = min(max((middle - here[0]) / max(here[1] - here[0], 1), 0.0), 1.0)
        other.scroll_by(round(there[0] + share * (there[1] - there[0])) - middle)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refresh_overviews()  # a new height shows another share; a new width lays out
        # the text again, and the panes say so (their viewport may change width on its own)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild()
