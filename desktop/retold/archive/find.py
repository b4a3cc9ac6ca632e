"""Which archived article did a suspect retell? Stages over plain records, each a function.

read (``batch.reading.read_record``) → ``find_candidates`` (rare evidence in the index) →
``align`` (the engine, through the triage assessment, on the candidates only) → ``summarise``
(matches sorted by score). ``find_one`` chains them; ``retold find`` calls it in-process and
``retold scan`` calls the same function on Dask workers, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retold.archive.candidates import ArchiveReader, Candidate, RetrievalOptions
from retold.batch.assess import assess
from retold.batch.reading import read_record
from retold.batch.records import Assessment, SourceRecord

DEFAULT_TOP = 5


@dataclass(frozen=True, slots=True)
class FindOptions:
    top: int = DEFAULT_TOP  # candidates aligned and reported per suspect
    retrieval: RetrievalOptions = field(default_factory=RetrievalOptions)


@dataclass(frozen=True, slots=True)
class FindResult:
    """One suspect and its matches, best first: one element of a find report's results."""

    name: str
    path: str | None
    sha256: str | None
    matches: tuple[Assessment, ...] = ()
    error: str | None = None  # the suspect could not be read

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "suspect": {"name": self.name, "path": self.path, "sha256": self.sha256},
            "matches": [match.to_dict() for match in self.matches],
        }
        if self.error is not None:
            entry["error"] = self.error
        return entry


def find_candidates(
    reader: ArchiveReader, suspect: SourceRecord, options: FindOptions
) -> list[Candidate]:
    if suspect.text is None or suspect.error is not None:
        return []
    return reader.candidates(suspect.text, options.top, options.retrieval)


def align(
    reader: ArchiveReader, suspect: SourceRecord, candidates: Sequence[Candidate]
) -> list[Assessment]:
    """Each candidate aligned with the suspect; a row names the archived article it is about."""
    matches = []
    for candidate in candidates:
        original = reader.record(candidate)
        assessment = assess(original, suspect)
        matches.append(
            dataclasses.replace(
                assessment, name=original.name, path=original.path, sha256=original.sha256
            )
        )
    return matches


def summarise(suspect: SourceRecord, matches: Sequence[Assessment], top: int) -> FindResult:
    """The suspect's result: matches by score, highest first (ties keep retrieval order)."""
    ranked = sorted(matches, key=lambda match: -match.score)[:top]
    return FindResult(suspect.name, suspect.path, suspect.sha256, tuple(ranked), suspect.error)


def find_record(reader: ArchiveReader, suspect: SourceRecord, options: FindOptions) -> FindResult:
    candidates = find_candidates(reader, suspect, options)
    return summarise(suspect, align(reader, suspect, candidates), options.top)


def find_one(reader: ArchiveReader, path: Path, options: FindOptions) -> FindResult:
    """Read one suspect file and find what it retold; a bad file gives a result with an error."""
    return find_record(reader, read_record(path), options)
