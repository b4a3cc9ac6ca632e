"""Page planning for the PDF, on made-up geometry: whole rows, the header, tall rows cut."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from retold.report.pdf_pages import Box, Layout, Page, line_break, plan_pages

PAGE = 1000.0
MARGIN = 4.0
HEADER = Box(280.0, 300.0)


def report(heights: Sequence[float], lines: Sequence[Sequence[Box]] = ()) -> Layout:
    """An intro ending with the header at 300, then rows of these heights, one after another."""
    rows, top = [], HEADER.bottom
    for height in heights:
        rows.append(Box(top, top + height))
        top += height
    return Layout(Box(0.0, HEADER.bottom), HEADER, rows, lambda index: lines[index])


def drawn_height(page: Page, number: int) -> float:
    """What the PDF writer draws of this page: margin, header, slice (see pdf._paint_pages)."""
    lead = MARGIN if number else 0.0
    return lead + (HEADER.height if page.header else 0.0) + page.bottom - page.top


def test_pages_hold_whole_rows_and_fit() -> None:
    layout = report([130.0, 90.0, 250.0, 40.0] * 12)
    pages = plan_pages(layout, PAGE, MARGIN)
    assert pages[0].top == 0.0 and pages[-1].bottom == layout.rows[-1].bottom
    for before, after in pairwise(pages):
        assert before.bottom == after.top  # nothing left out, nothing drawn twice
        assert after.header  # every page after the first starts under the column header
    for number, page in enumerate(pages):
        assert drawn_height(page, number) <= PAGE - MARGIN
    for row in layout.rows:
        assert sum(page.top <= row.top and row.bottom <= page.bottom for page in pages) == 1


def test_a_row_moves_only_when_it_does_not_fit() -> None:
    layout = report([200.0] * 20)
    pages = plan_pages(layout, PAGE, MARGIN)
    for number, (page, following) in enumerate(pairwise(pages)):
        moved = next(row for row in layout.rows if row.top == page.bottom)
        assert drawn_height(page, number) + moved.height > PAGE - MARGIN
        assert following.top == moved.top


def cell_lines(top: float, bottom: float, height: float = 45.0) -> list[Box]:
    return [Box(y, y + height) for y in range(int(top), int(bottom - height), int(height))]


def cuts_through(layout: Layout, row: int) -> list[float]:
    pages = plan_pages(layout, PAGE, MARGIN)
    for number, page in enumerate(pages):
        assert drawn_height(page, number) <= PAGE - MARGIN
    tall = layout.rows[row]
    return [page.bottom for page in pages if tall.top < page.bottom < tall.bottom]


def test_a_row_taller_than_a_page_is_cut_between_its_lines() -> None:
    lines = cell_lines(406, 2596) + cell_lines(406, 1500)  # two cells side by side
    layout = report([100.0, 2200.0, 100.0], [[], [], lines, []])
    cuts = cuts_through(layout, 1)
    assert len(cuts) == 2
    assert not any(line.top < cut < line.bottom for line in lines for cut in cuts)
    # It starts under the row before it, and the first page is filled with it.
    assert cuts[0] > PAGE - MARGIN - 45


def test_a_tall_row_whose_cells_lines_do_not_line_up_is_cut_through_one_line() -> None:
    lines = cell_lines(406, 2596) + cell_lines(426, 1500)  # the second cell 20 lower
    cuts = cuts_through(report([100.0, 2200.0, 100.0], [[], [], lines, []]), 1)
    for cut in cuts:
        assert sum(line.top < cut < line.bottom for line in lines) <= 1


def test_a_long_intro_is_cut_between_lines_and_gets_no_header() -> None:
    lines = cell_lines(4, 2434, 30.0)
    intro = Box(0.0, 2420.0)
    header = Box(2400.0, 2420.0)
    layout = Layout(intro, header, [Box(2420.0, 2500.0)], lambda index: [lines, []][index])
    pages = plan_pages(layout, PAGE, MARGIN)
    assert [page.header for page in pages] == [False, False, False]
    assert all((page.top - 4) % 30 == 0 for page in pages[1:])


def test_a_short_section_of_the_intro_moves_to_the_next_page_whole() -> None:
    """The legend (heading 880-910, its table and notes to 1060) would be cut after its
    heading; it starts the next page instead, though that leaves the first one shorter."""
    lines = cell_lines(4, 1200, 30.0)
    intro, header = Box(0.0, 1190.0), Box(1170.0, 1190.0)
    legend, heading = Box(874.0, 1054.0), Box(874.0, 934.0)
    layout = Layout(intro, header, [Box(1190.0, 1250.0)], lambda index: [lines, []][index])
    assert legend.top < plan_pages(layout, PAGE, MARGIN)[0].bottom < legend.bottom  # before
    kept = layout._replace(keeps=[legend, heading])
    assert plan_pages(kept, PAGE, MARGIN)[0].bottom == legend.top
    # A section taller than half a page is cut as text is, but never below its heading alone.
    tall = layout._replace(keeps=[Box(874.0, 1600.0), Box(964.0, 1024.0)])
    assert plan_pages(tall, PAGE, MARGIN)[0].bottom == 964.0


def test_no_rows_makes_one_page_of_intro() -> None:
    layout = report([])
    assert plan_pages(layout, PAGE, MARGIN) == [Page(0.0, HEADER.bottom, False)]


def test_line_break() -> None:
    lines = [Box(0, 10), Box(10, 20), Box(5, 15), Box(30, 40)]
    assert line_break(lines, [10, 20, 25]) == 25  # between lines: as low as allowed
    assert line_break(lines, [10, 20, 30, 35]) == 30  # not inside a line
    assert line_break(lines, [10, 12]) == 10  # through one line rather than two
