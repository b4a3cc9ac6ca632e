"""Saved comparisons: a ``.retold`` file holds both sources, the view options and the user's
corrections to the alignment.

The file is UTF-8 JSON so that a person (or a bug report) can read it; its layout is documented
by ``resources/schema/retold-comparison.schema.json``. Both texts are embedded, so a saved
comparison opens even when the original files have moved or changed; each text carries its own
SHA-256 so that an edit by hand is reported instead of silently shown (the texts are then
compared as they are, and each correction is checked against the text it was made on).
Version 2 added ``corrections``; version 1 files open as comparisons without any.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.atomic import reason, write_atomic
from retold.engine.corrections import Action, Correction
from retold.sources.model import Source, SourceError

FORMAT_ID = "retold-comparison"
FORMAT_VERSION = 2  # 2: corrections
SUFFIX = ".retold"
MAX_FILE_BYTES = 256 * 1024 * 1024  # far above any article pair; stops a mistaken huge file
MAX_CORRECTIONS = 10_000  # far above what a person makes by hand; bounds the work on opening


class SaveFileError(SourceError):
    """A comparison file could not be saved or opened; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class SavedComparison:
    original: Source
    rewrite: Source
    view_options: dict[str, object]
    corrections: tuple[Correction, ...] = ()
    texts_edited: bool = False  # a text's checksum does not match: it was edited by hand
    notices: tuple[str, ...] = ()  # what the user should be told: edited texts, unread entries


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_comparison_file(
    path: Path,
    original: Source,
    rewrite: Source,
    view_options: Mapping[str, object],
    corrections: Sequence[Correction] = (),
) -> None:
    """Write the comparison atomically: a reader never sees a half-written file."""
    document = {
        "format": FORMAT_ID,
        "version": FORMAT_VERSION,
        "original": _source_to_json(original),
        "rewrite": _source_to_json(rewrite),
        "view_options": dict(view_options),
        "corrections": [_correction_to_json(c) for c in corrections],
    }
    try:
        data = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as error:
        raise SaveFileError(f"The view options cannot be saved: {error}.") from error
    try:
        write_atomic(path, data)
    except OSError as error:
        raise SaveFileError(f"Cannot save “{path.name}”: {reason(error)}") from error


def load_comparison_file(path: Path) -> SavedComparison:
    document = _read_json(path)
    name = path.name
    if not isinstance(document, dict) or document.get("format") != FORMAT_ID:
        raise SaveFileError(f"“{name}” is not a Retold comparison file.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveFileError(f"“{name}” is damaged: its format version is missing.")
    if version > FORMAT_VERSION:
        raise SaveFileError(
            f"“{name}” was saved by a newer version of Retold (file format {version}); "
            f"this version opens format {FORMAT_VERSION}. Please update Retold."
        )
    if version < 1:
        raise SaveFileError(f"“{name}” is damaged: its format version {version} is not valid.")
    view_options = document.get("view_options", {})
    if not isinstance(view_options, dict):
        raise SaveFileError(f"“{name}” is damaged: its view options are not readable.")
    edited: list[str] = []  # the sides whose text does not match its checksum
    original = _source_from_json(document.get("original"), "original", name, edited)
    rewrite = _source_from_json(document.get("rewrite"), "rewrite", name, edited)
    notices = [
        f"The {role}'s text in “{name}” was edited after it was saved (its checksum does not "
        "match); it is compared as it is now."
        for role in edited
    ]
    corrections = _corrections_from_json(document.get("corrections", []), name, notices)
    return SavedComparison(
        original=original,
        rewrite=rewrite,
        view_options=view_options,
        corrections=corrections,
        texts_edited=bool(edited),
        notices=tuple(notices),
    )


def _source_to_json(source: Source) -> dict[str, object]:
    return {
        "name": source.name,
        "format": source.format,
        "text": source.text,
        "text_sha256": text_sha256(source.text),
        "path": str(source.path) if source.path is not None else None,
        "size": source.size,
        "sha256": source.sha256,
        "modified": source.modified,
        "encoding": source.encoding,
        "metadata": dict(source.metadata),
    }


def _source_from_json(value: object, role: str, file_name: str, edited: list[str]) -> Source:
    def damaged(what: str) -> SaveFileError:
        return SaveFileError(f"“{file_name}” is damaged: the {role}'s {what}.")

    if not isinstance(value, dict):
        raise damaged("entry is missing")
    text = value.get("text")
    if not isinstance(text, str):
        raise damaged("text is missing")
    if value.get("text_sha256") != text_sha256(text):  # shown as it is now, and said so
        edited.append(role)
    name = _optional(value, "name", str, damaged) or role.capitalize()
    fmt = _optional(value, "format", str, damaged) or "text"
    path = _optional(value, "path", str, damaged)
    size = _optional(value, "size", int, damaged)
    modified = _optional(value, "modified", (int, float), damaged)
    metadata = value.get("metadata") or {}
    if not isinstance(metadata, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()
    ):
        raise damaged("metadata is not readable")
    return Source(
        name=name,
        text=text,
        format=fmt,
        path=Path(path) if path else None,
        size=size,
        sha256=_optional(value, "sha256", str, damaged),
        modified=float(modified) if modified is not None else None,
        encoding=_optional(value, "encoding", str, damaged),
        metadata=metadata,
    )


def _correction_to_json(correction: Correction) -> dict[str, object]:
    entry: dict[str, object] = {
        "action": correction.action.value,
        "original": [[s, e] for s, e in correction.original],
        "rewrite": [[s, e] for s, e in correction.rewrite],
    }
    if correction.check is not None:
        entry["text_sha256"] = correction.check
    return entry


def _corrections_from_json(
    value: object, file_name: str, notices: list[str]
) -> tuple[Correction, ...]:
    """The readable corrections; each one that is not is named in ``notices`` (never dropped
    silently), and the others are still used."""
    if not isinstance(value, list):
        notices.append(f"The corrections in “{file_name}” are not readable; none were applied.")
        return ()
    if len(value) > MAX_CORRECTIONS:
        notices.append(
            f"“{file_name}” holds {len(value):,} corrections; only the first "
            f"{MAX_CORRECTIONS:,} were applied."
        )
    corrections: list[Correction] = []
    for number, entry in enumerate(value[:MAX_CORRECTIONS], 1):
        correction = _correction_from_json(entry)
        if correction is None:
            notices.append(
                f"Correction {number} in “{file_name}” is not readable and was not applied."
            )
        else:
            corrections.append(correction)
    return tuple(corrections)


def _correction_from_json(entry: object) -> Correction | None:
    if not isinstance(entry, dict) or entry.get("action") not in ("link", "unlink"):
        return None
    check = entry.get("text_sha256")
    spans = [_spans_from_json(entry.get(side)) for side in ("original", "rewrite")]
    if spans[0] is None or spans[1] is None or not (check is None or isinstance(check, str)):
        return None
    return Correction(Action(entry["action"]), spans[0], spans[1], check)


def _spans_from_json(value: object) -> tuple[tuple[int, int], ...] | None:
    """A list of [start, end] offset pairs (whether they fit the text is checked when the
    correction is applied)."""
    if not isinstance(value, list):
        return None
    spans = []
    for pair in value:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
        ):
            return None
        spans.append((pair[0], pair[1]))
    return tuple(spans)


def _optional(
    entry: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    damaged: Any,
) -> Any:
    """``entry[key]`` if it is absent, null or of ``kind``; a bool is never a number here."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise damaged(f"{key} is not readable")
    return value


def _read_json(path: Path) -> object:
    name = path.name
    try:
        if path.is_dir():
            raise SaveFileError(f"“{name}” is a folder, not a Retold comparison file.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SaveFileError(f"“{name}” is too large to be a Retold comparison file.")
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise SaveFileError(f"“{name}” does not exist (it may have been moved).") from error
    except OSError as error:
        raise SaveFileError(f"“{name}” cannot be read: {error.strerror or error}.") from error
    if not raw.strip():
        raise SaveFileError(f"“{name}” is empty.")
    looks_like_json = raw.lstrip().startswith(b"{")
    if looks_like_json and not raw.rstrip().endswith(b"}"):  # a saved file always ends so
        raise SaveFileError(
            f"“{name}” is incomplete: it ends too early, perhaps it was cut short while "
            "being saved or copied."
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        if looks_like_json:
            raise SaveFileError(f"“{name}” is damaged and cannot be read.") from error
        raise SaveFileError(f"“{name}” is not a Retold comparison file.") from error
