"""Saved comparisons: a round trip keeps everything, and every kind of damage is named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retold.engine.corrections import Action, Correction
from retold.resources import resource_path
from retold.savefile import (
    FORMAT_VERSION,
    SavedComparison,
    SaveFileError,
    load_comparison_file,
    save_comparison_file,
)
from retold.sources.model import Source, SourceError

ORIGINAL = Source(
    name="original.html",
    text="The council voted “yes” on Jan. 14.\n\nIt costs $4.2 million — 北京 🌊.",
    format="html",
    path=Path("/home/someone/original.html"),
    size=1234,
    sha256="ab" * 32,
    modified=1736835000.5,
    encoding="utf-8",
    metadata={"title": "Flood barrier", "author": "Maria T. Olsen"},
)
REWRITE = Source(name="Pasted text 1", text="The council said yes.", format="pasted")
OPTIONS = {"hide_boilerplate": True, "zoom": 1.25, "filter": ["edited", "added"], "font": None}


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "flood.retold"
    save_comparison_file(path, ORIGINAL, REWRITE, OPTIONS)
    return path


def _edit_json(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def _load_error(path: Path) -> str:
    with pytest.raises(SaveFileError) as info:
        load_comparison_file(path)
    return str(info.value)


def test_round_trip_keeps_sources_and_options(saved: Path) -> None:
    loaded = load_comparison_file(saved)
    assert loaded == SavedComparison(ORIGINAL, REWRITE, OPTIONS)


def test_file_is_utf8_json_with_format_id(saved: Path) -> None:
    document = json.loads(saved.read_bytes().decode("utf-8"))
    assert document["format"] == "retold-comparison"
    assert document["version"] == FORMAT_VERSION
    assert "北京" in saved.read_text(encoding="utf-8")  # readable, not \u-escaped


def test_save_replaces_existing_file_and_leaves_no_temp_files(saved: Path) -> None:
    save_comparison_file(saved, REWRITE, ORIGINAL, {})
    assert load_comparison_file(saved).original == REWRITE
    assert [p.name for p in saved.parent.iterdir()] == ["flood.retold"]


def test_save_is_readable_by_others_like_any_new_file(saved: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert saved.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_failed_save_keeps_old_file(saved: Path) -> None:
    before = saved.read_bytes()
    with pytest.raises(SaveFileError, match="view options"):
        save_comparison_file(saved, ORIGINAL, REWRITE, {"bad": object()})
    assert saved.read_bytes() == before


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SaveFileError, match="Cannot save"):
        save_comparison_file(tmp_path / "nope" / "x.retold", ORIGINAL, REWRITE, {})


def test_error_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        load_comparison_file(tmp_path / "missing.retold")


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in _load_error(tmp_path / "missing.retold")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _load_error(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.retold"
    path.write_bytes(b"")
    assert "is empty" in _load_error(path)


def test_truncated_file(saved: Path) -> None:
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    assert "incomplete" in _load_error(saved)


def test_damaged_json(saved: Path) -> None:
    data = saved.read_bytes()
    saved.write_bytes(data.replace(b'"version"', b'"version" "', 1))
    assert "damaged" in _load_error(saved)


@pytest.mark.parametrize(
    "content",
    [b"just some notes\n", b"\xff\xfe\x00binary\x00", b"[1, 2, 3]", b'{"format": "other"}'],
)
def test_not_a_comparison_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.retold"
    path.write_bytes(content)
    assert "is not a Retold comparison file" in _load_error(path)


def test_newer_version_asks_for_update(saved: Path) -> None:
    _edit_json(saved, lambda d: d.update(version=FORMAT_VERSION + 1))
    message = _load_error(saved)
    assert "newer version of Retold" in message
    assert "update" in message


@pytest.mark.parametrize("version", [None, "1", 0, True])
def test_invalid_version(saved: Path, version: object) -> None:
    _edit_json(saved, lambda d: d.update(version=version))
    assert "damaged" in _load_error(saved)


def test_text_edited_by_hand_is_shown_as_it_is_and_said_so(saved: Path) -> None:
    _edit_json(saved, lambda d: d["rewrite"].update(text="The council said no."))
    loaded = load_comparison_file(saved)
    assert loaded.rewrite.text == "The council said no."
    assert loaded.texts_edited
    (notice,) = loaded.notices
    assert "rewrite's text in “flood.retold” was edited after it was saved" in notice


@pytest.mark.parametrize(
    ("role", "key", "value", "expected"),
    [
        ("original", "text", None, "text is missing"),
        ("rewrite", "size", "big", "size is not readable"),
        ("original", "modified", True, "modified is not readable"),
        ("original", "metadata", {"title": 3}, "metadata is not readable"),
    ],
)
def test_damaged_fields(saved: Path, role: str, key: str, value: object, expected: str) -> None:
    _edit_json(saved, lambda d: d[role].update({key: value}))
    message = _load_error(saved)
    assert role in message
    assert expected in message


def test_missing_source_entry(saved: Path) -> None:
    _edit_json(saved, lambda d: d.pop("original"))
    assert "the original's entry is missing" in _load_error(saved)


def test_view_options_must_be_a_mapping(saved: Path) -> None:
    _edit_json(saved, lambda d: d.update(view_options=[1]))
    assert "view options" in _load_error(saved)


def test_truncated_inside_a_multibyte_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.retold"
    save_comparison_file(path, ORIGINAL, REWRITE, {})
    data = path.read_bytes()
    cut = data.index("北".encode()) + 1  # in the middle of the character's three bytes
    path.write_bytes(data[:cut])
    assert "incomplete" in _load_error(path)


# --- version 2: corrections ------------------------------------------------------------------
SCHEMA = resource_path("schema", "retold-comparison.schema.json")
CORRECTIONS = (
    Correction(Action.LINK, ((0, 35),), ((0, 21),), "0" * 64),
    Correction(Action.UNLINK, ((37, 65),), ((0, 21),)),
)


def _validate(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_corrections_round_trip_and_the_file_follows_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "corrected.retold"
    save_comparison_file(path, ORIGINAL, REWRITE, OPTIONS, CORRECTIONS)
    _validate(path)
    loaded = load_comparison_file(path)
    assert loaded.corrections == CORRECTIONS
    assert (loaded.notices, loaded.texts_edited) == ((), False)
    entry = json.loads(path.read_text(encoding="utf-8"))["corrections"][0]
    assert entry == {
        "action": "link",
        "original": [[0, 35]],
        "rewrite": [[0, 21]],
        "text_sha256": "0" * 64,
    }


def test_a_file_without_corrections_follows_the_schema(saved: Path) -> None:
    _validate(saved)


def test_a_version_1_file_opens_without_corrections(saved: Path) -> None:
    def to_version_1(document: dict[str, Any]) -> None:
        document["version"] = 1
        del document["corrections"]  # version 1 had none

    _edit_json(saved, to_version_1)
    _validate(saved)
    loaded = load_comparison_file(saved)
    assert loaded == SavedComparison(ORIGINAL, REWRITE, OPTIONS)


@pytest.mark.parametrize(
    "entry",
    [
        "link",
        {"action": "merge", "original": [[0, 35]], "rewrite": [[0, 21]]},
        {"action": "link", "original": [[0, "35"]], "rewrite": [[0, 21]]},
        {"action": "link", "original": [[0, 35, 4]], "rewrite": [[0, 21]]},
        {"action": "link", "original": [[0, 35]], "rewrite": [[True, 21]]},
        {"action": "link", "original": [[0, 35]]},
        {"action": "link", "original": [[0, 35]], "rewrite": [[0, 21]], "text_sha256": 7},
    ],
)
def test_an_unreadable_correction_is_named_and_the_others_kept(saved: Path, entry: object) -> None:
    good = {"action": "unlink", "original": [[37, 65]], "rewrite": [[0, 21]]}
    _edit_json(saved, lambda d: d.update(corrections=[entry, good]))
    loaded = load_comparison_file(saved)
    assert loaded.corrections == (CORRECTIONS[1],)
    assert loaded.notices == (
        "Correction 1 in “flood.retold” is not readable and was not applied.",
    )


def test_corrections_that_are_not_a_list_are_named(saved: Path) -> None:
    _edit_json(saved, lambda d: d.update(corrections={"action": "link"}))
    loaded = load_comparison_file(saved)
    assert loaded.corrections == ()
    assert "are not readable; none were applied" in loaded.notices[0]


def test_more_corrections_than_anyone_makes_are_cut_and_said(saved: Path, monkeypatch) -> None:
    monkeypatch.setattr("retold.savefile.MAX_CORRECTIONS", 3)
    entry = {"action": "unlink", "original": [[37, 65]], "rewrite": [[0, 21]]}
    _edit_json(saved, lambda d: d.update(corrections=[entry] * 5))
    loaded = load_comparison_file(saved)
    assert len(loaded.corrections) == 3
    assert loaded.notices == ("“flood.retold” holds 5 corrections; only the first 3 were applied.",)
