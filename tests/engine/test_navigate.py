"""Navigation: reading order, change stops, offset → link and partner look-ups."""

from __future__ import annotations

import time

from retold.engine.compare import compare
from retold.engine.model import Comparison, Document, Link, LinkKind, Sentence, Side, Stats
from retold.engine.navigate import build_navigation


def _doc(sentences: list[str]) -> Document:
    text = " ".join(sentences)
    out, at = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, at, at + len(s), 0))
        at += len(s) + 1
    return Document("d", text, tuple(out), ((0, len(text)),))


def _link(kind: LinkKind, o: tuple[int, ...], r: tuple[int, ...], a: Document, b: Document) -> Link:
    return Link(
        kind,
        o,
        r,
        tuple(a.sentences[i].span for i in o),
        tuple(b.sentences[i].span for i in r),
        0.5,
    )


def _comparison() -> Comparison:
    a = _doc(["A one.", "B two.", "C three.", "D four."])
    b = _doc(["D four!", "A one.", "New X.", "B deux."])
    links = (
        _link(LinkKind.IDENTICAL, (0,), (1,), a, b),  # 0
        _link(LinkKind.EDITED, (1,), (3,), a, b),  # 1
        _link(LinkKind.REMOVED, (2,), (), a, b),  # 2
        _link(LinkKind.EDITED, (3,), (0,), a, b),  # 3 (moved to the top)
        _link(LinkKind.ADDED, (), (2,), a, b),  # 4
    )
    stats = Stats(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3)
    return Comparison(a, b, links, stats)


def test_rewrite_order_places_removed_after_its_original_neighbour() -> None:
    nav = build_navigation(_comparison())
    # Rewrite order: D(3), A(0), X(4), B(1); removed C follows B, its original predecessor.
    assert nav.order == (3, 0, 4, 1, 2)
    assert nav.stops == (3, 4, 1, 2)


def test_original_order() -> None:
    nav = build_navigation(_comparison(), order=Side.ORIGINAL)
    assert nav.order == (0, 4, 1, 2, 3)
    assert nav.stops == (4, 1, 2, 3)


def test_next_and_previous_stop() -> None:
    nav = build_navigation(_comparison())
    assert nav.next_stop(-1) == 3
    assert nav.next_stop(3) == 4
    assert nav.next_stop(0) == 4  # from an identical link, the next change after it
    assert nav.next_stop(2) == -1
    assert nav.previous_stop(-1) == 2
    assert nav.previous_stop(4) == 3
    assert nav.previous_stop(3) == -1
    assert nav.previous_stop(0) == 3


def test_link_at_and_partner() -> None:
    comparison = _comparison()
    nav = build_navigation(comparison)
    b_start = comparison.original.sentences[1].start
    assert nav.link_at(Side.ORIGINAL, b_start + 2) == 1
    partner = nav.partner(Side.ORIGINAL, b_start)
    assert partner is not None
    assert partner.link == 1
    assert partner.spans == (comparison.rewrite.sentences[3].span,)
    # A sentence's end (the caret just after it) still belongs to it.
    assert nav.link_at(Side.ORIGINAL, comparison.original.sentences[0].end) == 0
    assert nav.link_at(Side.ORIGINAL, len(comparison.original.text) + 5) == -1
    removed = nav.partner(Side.ORIGINAL, comparison.original.sentences[2].start)
    assert removed is not None and removed.spans == ()


def test_anchor_skips_unmatched_links() -> None:
    comparison = _comparison()
    nav = build_navigation(comparison)
    added = comparison.rewrite.sentences[2].start
    assert nav.anchor_link(Side.REWRITE, added) == 0  # falls back to "A one." before it
    assert nav.anchor_link(Side.ORIGINAL, comparison.original.sentences[2].start) == 1
    assert nav.original.links == (0, 1, 2, 3)
    assert nav.rewrite.links == (3, 0, 4, 1)


def test_a_long_run_of_removed_sentences_costs_linear_time() -> None:
    """Each removed sentence used to search back through the run for its neighbour."""

    def cost(removed: int) -> float:
        original = "The lead stays. " + " ".join(f"Gone number {k} here." for k in range(removed))
        c = compare(original, "The lead stays.")
        assert sum(link.kind is LinkKind.REMOVED for link in c.links) == removed
        best = float("inf")
        for _ in range(3):  # processor time, best of three: steady on a loaded machine
            started = time.process_time()
            navigation = build_navigation(c)
            best = min(best, time.process_time() - started)
        assert navigation.order[0] == 0  # the kept lead first, the removals after it
        return best

    assert cost(8000) < 8 * cost(2000)  # linear is 4; the search back was 16
