"""Triage: one original against many suspects, each read and assessed, then ranked.

The work of one suspect is ``assess_path`` (read → assess), a pure function of the path; the
original is handed to each worker process once (``_set_original``), not with every suspect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retold.batch.assess import AssessOptions, assess
from retold.batch.pool import run_stage
from retold.batch.reading import SkipFn, expand_paths, file_sha256, read_record
from retold.batch.records import Assessment, SourceRecord, ranked

FORMAT = "retold-triage"
VERSION = 1

ProgressFn = Callable[[int, int, Assessment], None]  # (done, total, the row just finished)


@dataclass(frozen=True, slots=True)
class TriageReport:
    """An original and its suspects' rows, ranked by score (error rows last)."""

    original: SourceRecord
    rows: tuple[Assessment, ...]

    def to_dict(self) -> dict[str, object]:
        """The ``retold-triage`` JSON document (``resources/schema/retold-triage.schema.json``)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "original": self.original.identity(),
            "suspects": [row.to_dict() for row in self.rows],
        }


def triage(
    original: SourceRecord,
    suspects: Sequence[Path | str],
    *,
    jobs: int = 1,
    options: AssessOptions | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TriageReport:
    """Read and assess every suspect against ``original`` (which must be readable), ``jobs``
    at a time; raises ``pool.PoolCancelled`` when ``cancelled()`` says stop."""
    if original.text is None:
        raise ValueError(f"the original cannot be used: {original.error}")
    paths = [str(p) for p in suspects]
    rows: list[Assessment | None] = [None] * len(paths)
    stage = run_stage(
        assess_path,
        paths,
        jobs=jobs,
        initializer=_set_original,
        initargs=(original, options),
        on_crash=_crashed,
        cancelled=cancelled,
    )
    for done, (k, row) in enumerate(stage, start=1):
        rows[k] = row
        if progress is not None:
            progress(done, len(paths), row)
    return TriageReport(original, tuple(ranked([row for row in rows if row is not None])))


def suspect_paths(
    original: Path | str, given: Sequence[Path | str], on_skip: SkipFn | None = None
) -> list[Path]:
    """The files to compare: ``given`` with folders expanded (``reading.expand_paths``), less
    the original itself (told to ``on_skip``, as hidden entries are)."""
    paths = expand_paths(given, on_skip)
    itself = _resolved(Path(original))
    kept = [p for p in paths if itself is None or _resolved(p) != itself]
    if len(kept) < len(paths) and on_skip is not None:
        on_skip(Path(original), "the original itself")
    return kept


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except OSError:  # a link loop: compare it by its spelling only
        return None


# The worker's copy of the original; set once per process by the pool's initializer.
_ORIGINAL: SourceRecord | None = None
_OPTIONS: AssessOptions | None = None


def _set_original(original: SourceRecord, options: AssessOptions | None) -> None:
    global _ORIGINAL, _OPTIONS
    _ORIGINAL, _OPTIONS = original, options


def assess_path(path: str) -> Assessment:
    """Read one suspect and assess it against the worker's original; never raises."""
    assert _ORIGINAL is not None, "_set_original runs first"
    suspect = read_record(path)
    try:
        return assess(_ORIGINAL, suspect, _OPTIONS)
    except Exception as error:  # an engine bug on one file must not end the batch
        return Assessment.failed(suspect, f"“{suspect.name}” could not be compared: {error}")


def _crashed(path: str, why: str) -> Assessment:
    """The row of a file whose reading killed a worker (hashed here: hashing cannot crash)."""
    name = Path(path).name or path
    return Assessment.failed(
        SourceRecord.failed(name, path, f"“{name}”: {why}.", file_sha256(path))
    )
