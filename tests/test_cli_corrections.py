"""``retold compare`` and saved comparisons: writing one, and exporting it with its corrections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retold.api import compare_files
from retold.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from retold.engine.corrections import Action, Correction, correction_for
from retold.engine.model import Comparison
from retold.engine.serialize import comparison_to_dict
from retold.resources import resource_path, sample_paths
from retold.savefile import load_comparison_file, save_comparison_file

ORIGINAL, REWRITE = sample_paths()


def _schema(name: str) -> dict[str, Any]:
    return json.loads(resource_path("schema", name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def engine() -> Comparison:
    return compare_files(ORIGINAL, REWRITE)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    target = tmp_path / "pair.retold"
    assert (
        main(["compare", str(ORIGINAL), str(REWRITE), "--format", "retold", "-o", str(target)])
        == EXIT_OK
    )
    return target


def _with(saved: Path, corrections: list[Correction]) -> Path:
    """The saved comparison with these corrections added, as the window would save it."""
    loaded = load_comparison_file(saved)
    save_comparison_file(saved, loaded.original, loaded.rewrite, loaded.view_options, corrections)
    return saved


def _report(saved: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "report.json"
    assert main(["compare", str(saved), "-o", str(out)]) == EXIT_OK
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_format_retold_writes_a_saved_comparison_that_follows_its_schema(saved: Path) -> None:
    jsonschema.validate(
        json.loads(saved.read_text(encoding="utf-8")), _schema("retold-comparison.schema.json")
    )
    loaded = load_comparison_file(saved)
    assert loaded.original.text == ORIGINAL.read_text(encoding="utf-8")
    assert loaded.original.name == "original.txt" and loaded.corrections == ()


def test_the_extension_alone_asks_for_a_saved_comparison(tmp_path: Path) -> None:
    target = tmp_path / "by-extension.retold"
    assert main(["compare", str(ORIGINAL), str(REWRITE), "-o", str(target)]) == EXIT_OK
    assert load_comparison_file(target).rewrite.name == "rewrite.txt"


def test_a_saved_comparison_without_corrections_exports_the_engine_report(
    saved: Path, tmp_path: Path, engine: Comparison
) -> None:
    report = _report(saved, tmp_path)
    assert report["links"] == comparison_to_dict(engine)["links"]
    assert all(link["origin"] == "engine" for link in report["links"])


def test_corrections_leave_every_other_link_exactly_as_the_engine_made_it(
    saved: Path, tmp_path: Path, engine: Comparison
) -> None:
    matches = [link for link in engine.links if link.is_match and len(link.original_sentences) == 1]
    first, second = matches[0], matches[3]
    # Link the first original sentence to the second link's rewrite; unlink a third link.
    third = matches[6]
    corrections = [
        correction_for(engine, Action.LINK, first.original_sentences, second.rewrite_sentences),
        correction_for(engine, Action.UNLINK, third.original_sentences, third.rewrite_sentences),
    ]
    report = _report(_with(saved, corrections), tmp_path)
    jsonschema.validate(report, _schema("retold-report.schema.json"))
    touched_o = {*first.original_sentences, *third.original_sentences}
    touched_r = {*second.rewrite_sentences, *third.rewrite_sentences}
    engine_links = comparison_to_dict(engine)["links"]
    assert isinstance(engine_links, list)
    untouched = [
        link
        for link in engine_links
        if not (
            set(link["original_sentences"]) & touched_o
            or set(link["rewrite_sentences"]) & touched_r
        )
    ]
    for link in untouched:  # link by link, every field: spans, kind, similarity, moved, words
        assert link in report["links"]
    manual = [link for link in report["links"] if link["origin"] == "manual"]
    assert {
        (
            tuple(m["original_sentences"]),
            tuple(m["rewrite_sentences"]),
            m["kind"] in ("added", "removed"),
        )
        for m in manual
    } == {
        (first.original_sentences, second.rewrite_sentences, False),
        (third.original_sentences, (), True),
        ((), third.rewrite_sentences, True),
    }
    assert report["stats"]["manual"] == 3
    # The remainders: what the first and second links had left stands alone, as the engine's.
    rest = len(report["links"]) - len(untouched) - len(manual)
    assert rest == 2  # first's rewrite sentence, second's original sentence


def test_text_report_marks_and_counts_what_was_set_by_hand(
    saved: Path, tmp_path: Path, engine: Comparison, capsys: pytest.CaptureFixture[str]
) -> None:
    link = next(link for link in engine.links if link.is_match)
    _with(
        saved,
        [correction_for(engine, Action.UNLINK, link.original_sentences, link.rewrite_sentences)],
    )
    assert main(["compare", str(saved)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "set by hand" in out
    assert "Links set by hand 2" in out


def test_bad_corrections_are_named_on_stderr_and_the_others_applied(
    saved: Path, tmp_path: Path, engine: Comparison, capsys: pytest.CaptureFixture[str]
) -> None:
    good = next(link for link in engine.links if link.is_match)
    end = len(engine.original.text)
    corrections = [
        Correction(Action.LINK, ((end - 5, end + 50),), (engine.rewrite.sentences[0].span,)),
        Correction(Action.LINK, ((1, 20),), (engine.rewrite.sentences[0].span,)),
        correction_for(engine, Action.UNLINK, good.original_sentences, good.rewrite_sentences),
    ]
    report = _report(_with(saved, corrections), tmp_path)
    # Without the closing note on what was written, and where.
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("Wrote ")]
    assert len(err) == 2
    assert err[0].startswith("retold: A hand-made link (original ") and "outside the text" in err[0]
    assert "does not begin and end with sentences" in err[1]
    assert report["stats"]["manual"] == 2  # the unlink still took its link apart


def test_a_text_edited_by_hand_is_said_and_its_corrections_checked(
    saved: Path, tmp_path: Path, engine: Comparison, capsys: pytest.CaptureFixture[str]
) -> None:
    matches = [link for link in engine.links if link.is_match]
    early, late = matches[0], max(matches, key=lambda link: link.rewrite_sentences[-1])
    last = engine.rewrite.sentences[late.rewrite_sentences[-1]]
    _with(
        saved,
        [
            correction_for(
                engine, Action.UNLINK, early.original_sentences, early.rewrite_sentences
            ),
            correction_for(engine, Action.UNLINK, late.original_sentences, late.rewrite_sentences),
        ],
    )
    document = json.loads(saved.read_text(encoding="utf-8"))
    text = document["rewrite"]["text"]
    document["rewrite"]["text"] = text[: last.start] + "Edited by hand." + text[last.end :]
    saved.write_text(json.dumps(document), encoding="utf-8")
    report = _report(saved, tmp_path)
    err = capsys.readouterr().err
    assert "rewrite's text in “pair.retold” was edited after it was saved" in err
    assert "the text it links was edited after it was made" in err
    assert report["stats"]["manual"] == 2  # the early unlink, on text nobody touched, still holds


@pytest.mark.parametrize(
    "args",
    [["{saved}", "{rewrite}"], ["{original}"], ["{original}", "{rewrite}", "--format", "retold"]],
)
def test_usage_errors(saved: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    names = {"saved": saved, "original": ORIGINAL, "rewrite": REWRITE}
    assert main(["compare", *(a.format(**names) for a in args)]) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("retold: ")


def test_a_damaged_saved_comparison_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.retold"
    broken.write_text("{", encoding="utf-8")
    assert main(["compare", str(broken), "-o", str(tmp_path / "x.json")]) == EXIT_INPUT
    assert "broken.retold" in capsys.readouterr().err


def test_a_saved_comparison_given_as_the_rewrite_is_named_as_one(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(ORIGINAL), str(saved)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "“pair.retold” is a saved comparison, not a rewrite: export it alone" in err
    assert "cannot read" not in err  # Retold reads it, only not as a rewrite
