"""Corrections applied to the engine's result: link, merge, unlink, and those that do not fit."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.corrections import (
    Action,
    Correction,
    apply_corrections,
    correction_for,
    fingerprint,
)
from retold.engine.model import Comparison, Link, LinkKind, Origin

ORIGINAL = (
    "You have a preview view of this article while we are checking your access.\n"
    "The harbour authority will close the northern pier in March. "
    "Repairs will take six weeks. "
    "Fishing boats will use the southern docks meanwhile.\n\n"
    "The mayor said the work was overdue. "
    "Tickets for the ferry will not change. "
    "A new café opens on the quay in May."
)
REWRITE = (
    "The northern pier closes in March, the harbour authority said. "
    "Repairs should last six weeks. "
    "Meanwhile the fishing fleet moves to the southern docks.\n\n"
    "Ferry tickets stay the same. "
    "The mayor called the work long overdue. "
    "Nobody asked the fishermen."
)


@pytest.fixture(scope="module")
def engine() -> Comparison:
    return compare(ORIGINAL, REWRITE)


def _link_of(comparison: Comparison, original: tuple[int, ...], rewrite: tuple[int, ...]) -> Link:
    found = [
        link
        for link in comparison.links
        if link.original_sentences == original and link.rewrite_sentences == rewrite
    ]
    assert len(found) == 1, f"no single link {original} ↔ {rewrite}"
    return found[0]


def _touched(link: Link, original: set[int], rewrite: set[int]) -> bool:
    return bool(set(link.original_sentences) & original or set(link.rewrite_sentences) & rewrite)


def _assert_others_unchanged(
    engine: Comparison, corrected: Comparison, original: set[int], rewrite: set[int]
) -> None:
    """Every engine link without these sentences is in the result exactly as it was."""
    for link in engine.links:
        if not _touched(link, original, rewrite):
            assert link in corrected.links


def _assert_partition(comparison: Comparison) -> None:
    """Every prose sentence of each side is in exactly one link; boilerplate is in none."""
    for document, attr in (
        (comparison.original, "original_sentences"),
        (comparison.rewrite, "rewrite_sentences"),
    ):
        counts = Counter(i for link in comparison.links for i in getattr(link, attr))
        prose = {s.index for s in document.sentences if not s.boilerplate}
        assert set(counts) == prose
        assert set(counts.values()) == {1}


def test_engine_pairs_the_fixture_as_expected(engine: Comparison) -> None:
    assert engine.original.sentences[0].boilerplate  # the newsletter line
    pier = _link_of(engine, (1,), (0,))
    assert pier.origin is Origin.ENGINE and pier.is_match
    assert _link_of(engine, (6,), ()).kind is LinkKind.REMOVED  # the café


def test_link_makes_exactly_that_link_and_reforms_what_it_took(engine: Comparison) -> None:
    # The mayor (original 4) with the ferry tickets (rewrite 3): wrong, but the user decides.
    correction = correction_for(engine, Action.LINK, [4], [3])
    result = apply_corrections(engine, [correction])
    assert result.rejected == ()
    corrected = result.comparison
    made = _link_of(corrected, (4,), (3,))
    assert made.origin is Origin.MANUAL and made.is_match
    assert made.kind in (LinkKind.EDITED, LinkKind.REWORDED)  # formed like any link
    assert made.original == (engine.original.sentences[4].span,)
    # The links the two sentences left lost them: the tickets and the mayor's rewrite stand alone.
    assert _link_of(corrected, (5,), ()).kind is LinkKind.REMOVED
    assert _link_of(corrected, (), (4,)).kind is LinkKind.ADDED
    _assert_others_unchanged(engine, corrected, {4}, {3})
    _assert_partition(corrected)
    assert corrected.stats.manual == 1
    assert corrected.stats.links == engine.stats.links - 1


def test_several_sentences_on_one_side_make_a_merge(engine: Comparison) -> None:
    correction = correction_for(engine, Action.LINK, [1, 2], [0])
    corrected = apply_corrections(engine, [correction]).comparison
    merged = _link_of(corrected, (1, 2), (0,))
    assert merged.origin is Origin.MANUAL
    assert merged.original == (
        (engine.original.sentences[1].start, engine.original.sentences[2].end),
    )
    assert merged.changes  # a word diff, as any link gets
    assert (
        _link_of(corrected, (), (1,)).kind is LinkKind.ADDED
    )  # 'Repairs should last' lost its pair
    assert corrected.stats.merged == engine.stats.merged + 1
    _assert_partition(corrected)


def test_unlink_makes_both_sides_stand_alone_and_the_engine_does_not_repair_them(
    engine: Comparison,
) -> None:
    pier = _link_of(engine, (1,), (0,))
    correction = correction_for(engine, Action.UNLINK, [1], [0])
    corrected = apply_corrections(engine, [correction]).comparison
    removed, added = _link_of(corrected, (1,), ()), _link_of(corrected, (), (0,))
    assert (removed.kind, removed.origin) == (LinkKind.REMOVED, Origin.MANUAL)
    assert (added.kind, added.origin) == (LinkKind.ADDED, Origin.MANUAL)
    assert pier not in corrected.links
    _assert_others_unchanged(engine, corrected, {1}, {0})
    assert corrected.stats.manual == 2


def test_unlink_of_sentences_no_link_joins_changes_nothing(engine: Comparison) -> None:
    correction = correction_for(engine, Action.UNLINK, [1], [4])  # pier vs the mayor
    result = apply_corrections(engine, [correction])
    assert result.rejected == ()
    assert result.comparison.links == engine.links


def test_later_corrections_win_and_undoing_one_is_leaving_it_out(engine: Comparison) -> None:
    first = correction_for(engine, Action.LINK, [4], [3])
    second = correction_for(engine, Action.LINK, [4], [4])  # back where the engine had it
    corrected = apply_corrections(engine, [first, second]).comparison
    assert _link_of(corrected, (4,), (4,)).origin is Origin.MANUAL
    assert _link_of(corrected, (), (3,)).kind is LinkKind.ADDED  # the tickets stay taken apart
    _assert_partition(corrected)
    assert apply_corrections(engine, []).comparison is engine


BAD = {
    "out of range": Correction(Action.LINK, ((0, 10_000),), ((0, 5),)),
    "inside a sentence": Correction(Action.LINK, ((40, 60),), ((0, 20),)),
    "no rewrite sentence": Correction(Action.LINK, ((75, 135),), ()),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_correction_that_does_not_fit_is_reported_and_the_others_applied(
    engine: Comparison, case: str
) -> None:
    good = correction_for(engine, Action.LINK, [4], [3])
    result = apply_corrections(engine, [BAD[case], good])
    assert [r.number for r in result.rejected] == [1]
    message = result.rejected[0].message()
    assert message.startswith("A hand-made link (original ")
    expected = {
        "out of range": "outside the text",
        "inside a sentence": "sentences",
        "no rewrite sentence": "names no rewrite sentence",
    }[case]
    assert expected in message
    assert _link_of(result.comparison, (4,), (3,)).origin is Origin.MANUAL


def test_a_correction_on_page_furniture_is_reported(engine: Comparison) -> None:
    furniture = engine.original.sentences[0]
    correction = Correction(Action.LINK, (furniture.span,), (engine.rewrite.sentences[0].span,))
    (rejected,) = apply_corrections(engine, [correction]).rejected
    assert "boilerplate" in rejected.reason


def test_a_correction_on_text_edited_since_is_reported_and_the_others_applied() -> None:
    before = compare(ORIGINAL, REWRITE)
    late = correction_for(before, Action.LINK, [5], [3])  # the tickets: later in the text
    early = correction_for(before, Action.LINK, [1], [1])
    # The user edits the end of the original in the saved file: same sentence boundaries.
    edited = compare(ORIGINAL.replace("will not change", "won't change!!"), REWRITE)
    assert [s.span for s in edited.original.sentences[:5]] == [
        s.span for s in before.original.sentences[:5]
    ]
    result = apply_corrections(edited, [late, early], texts_edited=True)
    assert [(r.number, r.reason) for r in result.rejected] == [
        (1, "the text it links was edited after it was made")
    ]
    assert _link_of(result.comparison, (1,), (1,)).origin is Origin.MANUAL
    # Without a check, nothing proves that the spans still hold the same sentences.
    unchecked = Correction(Action.LINK, early.original, early.rewrite)
    (rejected,) = apply_corrections(edited, [unchecked], texts_edited=True).rejected
    assert "no check" in rejected.reason
    assert apply_corrections(edited, [unchecked]).rejected == ()


def test_the_check_changes_with_either_side_s_text(engine: Comparison) -> None:
    correction = correction_for(engine, Action.LINK, [1], [0])
    original, rewrite = engine.original.text, engine.rewrite.text
    assert correction.check == fingerprint(original, rewrite, correction)
    assert correction.check != fingerprint(original.replace("pier", "quay"), rewrite, correction)
    assert correction.check != fingerprint(original, rewrite.replace("pier", "quay"), correction)


sentence_sets = st.sets(st.integers(0, 6), min_size=1, max_size=3)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(list(Action)), sentence_sets, sentence_sets), max_size=6
    )
)
def test_any_corrections_keep_every_sentence_in_one_link_and_the_last_link_exact(
    engine: Comparison, steps: list[tuple[Action, set[int], set[int]]]
) -> None:
    """Whatever the corrections (fitting or not), every prose sentence stays in exactly one
    link, boilerplate in none; the last ``link`` applied is in the result exactly; engine links
    that no applied correction touched are kept as they were."""
    prose_o = [s.index for s in engine.original.sentences if not s.boilerplate]
    prose_r = [s.index for s in engine.rewrite.sentences]
    corrections = [
        correction_for(
            engine,
            action,
            [prose_o[i % len(prose_o)] for i in o] if o != {6} else [0],  # 0: boilerplate
            [prose_r[j % len(prose_r)] for j in r],
        )
        for action, o, r in steps
    ]
    result = apply_corrections(engine, corrections)
    corrected = result.comparison
    _assert_partition(corrected)
    rejected = {r.number for r in result.rejected}
    applied = [c for n, c in enumerate(corrections, 1) if n not in rejected]
    if applied and applied[-1].action is Action.LINK:
        last = applied[-1]
        spans = [(link.original, link.rewrite) for link in corrected.links]
        assert (last.original, last.rewrite) in spans
    elif applied:  # an unlink: no link joins its sentences any more
        apart_o = _indices(engine, applied[-1].original, "o")
        apart_r = _indices(engine, applied[-1].rewrite, "r")
        assert not any(
            set(link.original_sentences) & apart_o and set(link.rewrite_sentences) & apart_r
            for link in corrected.links
        )
    touched_o = {i for c in applied for i in _indices(engine, c.original, "o")}
    touched_r = {j for c in applied for j in _indices(engine, c.rewrite, "r")}
    _assert_others_unchanged(engine, corrected, touched_o, touched_r)
    assert corrected.stats.manual == sum(
        1 for link in corrected.links if link.origin is Origin.MANUAL
    )


def _indices(comparison: Comparison, spans: tuple[tuple[int, int], ...], side: str) -> set[int]:
    document = comparison.original if side == "o" else comparison.rewrite
    return {s.index for s in document.sentences for a, b in spans if a <= s.start and s.end <= b}


def test_reports_from_before_corrections_still_read_and_validate(engine: Comparison) -> None:
    import json

    import jsonschema

    from retold.engine.serialize import comparison_from_dict, comparison_to_dict
    from retold.resources import resource_path

    corrected = apply_corrections(engine, [correction_for(engine, Action.LINK, [4], [3])])
    report = json.loads(json.dumps(comparison_to_dict(corrected.comparison)))
    schema = json.loads(resource_path("schema", "retold-report.schema.json").read_text("utf-8"))
    jsonschema.validate(report, schema)
    assert comparison_from_dict(report) == corrected.comparison  # origin read back
    for link in report["links"]:  # as an older Retold wrote it
        del link["origin"]
    del report["stats"]["manual"]
    jsonschema.validate(report, schema)
    old = comparison_from_dict(report)
    assert {link.origin for link in old.links} == {Origin.ENGINE} and old.stats.manual == 0
