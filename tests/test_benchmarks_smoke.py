"""The benchmark harnesses' scoring is right on hand-made cases, and they run on the seeds."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _module("accuracy")


@dataclass
class Seg:
    label: str
    orig: tuple[int, int] | None
    rew: tuple[int, int] | None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakePair:
    original: str
    rewrite: str
    segments: list[Seg]
    coverage: str = "complete"
    doc_label: str | None = None


PAIR = FakePair(
    "Alpha one. Beta two. Gamma three.",
    "Alpha 1. Delta four.",
    [
        Seg("reworded", (0, 10), (0, 8)),
        Seg("removed", (11, 20), None),
        Seg("removed", (21, 33), None, {"distractor": True}),
        Seg("added", None, (9, 20)),
    ],
)


def test_scoring_counts_links_and_unlinked_units() -> None:
    # One right link, one wrong link covering the distractor and the added sentence.
    matches = [([(0, 10)], [(0, 8)], 0.9), ([(21, 33)], [(9, 20)], 0.4)]
    counts = accuracy.score_pair(PAIR, matches)
    assert (counts.tp, counts.pred, counts.gold) == (1, 2, 1)
    assert counts.other["removed"] == [1, 1, 2]  # "Beta two." found; the distractor missed
    assert counts.other["added"] == [0, 0, 1]
    assert (counts.distractors, counts.distractors_linked) == (1, 1)


def test_half_coverage_rule() -> None:
    # Covering under half of the original unit's characters is not a link.
    counts = accuracy.score_pair(PAIR, [([(0, 4)], [(0, 8)], 0.9)])
    assert (counts.tp, counts.pred) == (0, 0)
    assert counts.other["removed"][1] == 3


def test_roc_auc() -> None:
    assert accuracy.roc_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert accuracy.roc_auc([0.1], [0.9]) == 0.0
    assert accuracy.roc_auc([0.5, 0.5], [0.5]) == 0.5


def test_baseline_matches_similar_sentences() -> None:
    original = "The cat sat on the mat. Stocks fell sharply today."
    rewrite = "Shares dropped sharply today. A cat sat on a mat."
    matches = accuracy.baseline_matches(original, rewrite)
    pairs = {(original[o[0][0] : o[0][1]], rewrite[r[0][0] : r[0][1]]) for o, r, _ in matches}
    assert ("The cat sat on the mat.", "A cat sat on a mat.") in pairs


def test_accuracy_runs_on_the_seed_set(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--shared", str(shared), "--sets", "seed_nyt_treasury"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("set") and len(lines) == 4
    assert [line.split()[1] for line in lines[1:]] == ["retold", "words", "tfidf"]


def test_word_level_matches_join_each_unit_only_to_the_words_it_became() -> None:
    # One sentence a side that the gold cuts in two units at "C." (an initial, not an end).
    original = "The chief officer is Edward C. White addressed the costs on Monday."
    rewrite = "The chief officer is Edward C. White discussed the costs on Monday."
    cut_o, cut_r = original.index("White"), rewrite.index("White")
    pair = FakePair(
        original,
        rewrite,
        [
            Seg("unchanged", (0, cut_o), (0, cut_r)),
            Seg("reworded", (cut_o, len(original)), (cut_r, len(rewrite))),
        ],
    )
    sentence_level = accuracy.score_pair(pair, accuracy.retold_matches(original, rewrite))
    word_level = accuracy.score_pair(pair, accuracy.retold_word_matches(original, rewrite))
    assert (sentence_level.tp, sentence_level.pred) == (2, 4)  # both cross pairs counted
    assert (word_level.tp, word_level.pred) == (2, 2)


def test_word_level_matches_attach_inserted_words_to_their_neighbours() -> None:
    original = "Tickets cost ten kroner."
    rewrite = "Tickets now cost ten kroner."
    matches = accuracy.retold_word_matches(original, rewrite)
    covered = sorted(span for match in matches for span in match[1])
    assert "".join(rewrite[s:e] for s, e in covered).replace(" ", "") == rewrite.replace(" ", "")


speed = _module("speed")


def test_spawn_reports_time_memory_and_output() -> None:
    seconds, peak_mb, out = speed._spawn([sys.executable, "-c", "print('hi')"])
    assert out.strip() == "hi"
    assert 0 < seconds < 30 and 1 < peak_mb < 1000


def test_a_child_on_a_terminal_is_seen_drawing_its_progress() -> None:
    """``speed.py --huge`` runs the command with its standard error on a pseudo-terminal."""
    draw = (
        "import sys; assert sys.stderr.isatty(); "
        "sys.stderr.write('\\r\\x1b[KWorking… 5%\\r\\x1b[KWorking… 50%, about 1 s left'); "
        "sys.stderr.write('\\r\\x1b[K'); sys.stderr.flush()"
    )
    seconds, peak_mb, tree_mb, seen = speed._on_terminal([sys.executable, "-c", draw])
    assert seen["lines"] == 2 and seen["last"] == "Working… 50%, about 1 s left"
    assert seen["first_left"] is not None and 0 <= seen["longest_gap"] <= seconds
    assert 1 < peak_mb < 1000 and tree_mb >= 0


def test_spawn_raises_on_failure() -> None:
    with pytest.raises(RuntimeError, match="boom"):
        speed._spawn([sys.executable, "-c", "raise SystemExit('boom')"])


def test_the_big_input_benchmarks_make_what_they_say(tmp_path: Path) -> None:
    """pdf_report.py's inputs have the size and shape named; readers.py's .docx reads as its
    paragraphs (a benchmark of a document that failed to read would time the error)."""
    from retold.sources.loader import load_source

    pdf_report, readers = _module("pdf_report"), _module("readers")
    for kind in ("word", "words", "sentences"):
        assert len(pdf_report.make_text(kind, 5000)) == 5000
    assert " " not in pdf_report.make_text("word", 100)
    assert "." not in pdf_report.make_text("words", 5000)
    path = tmp_path / "long.docx"
    readers.write_docx(path, 300)
    paragraphs = load_source(path).text.split("\n\n")
    assert len(paragraphs) == 300 and paragraphs[7].startswith("Paragraph 7 of the council")
