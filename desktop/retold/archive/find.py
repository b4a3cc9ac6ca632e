"""Which archived article did a suspect retell? Stages over plain records, each a function.

read (``batch.reading.read_record``) → ``find_candidates`` (rare evidence in the index) →
``fetch_originals`` (their texts, from the index) → ``align`` (the engine, through the triage
assessment, on the candidates only) → ``summarise`` (matches sorted by score). ``find_one``
chains them; ``retold find`` calls it in-process and ``retold scan`` calls the same function on
Dask workers, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retold.archive.candidates import Candidate, CandidateSource, RetrievalOptions
from retold.batch.assess import assess
from retold.batch.reading import read_record
from retold.batch.records import Assessment, SourceRecord, ranked

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
    archive: CandidateSource, suspect: SourceRecord, options: FindOptions
) -> list[Candidate]:
    if suspect.text is None or suspect.error is not None:
        return []
    return archive.candidates(suspect.text, options.top, options.retrieval)


def fetch_originals(
    archive: CandidateSource, candidates: Sequence[Candidate]
) -> list[SourceRecord]:
    """The candidates' texts as they were indexed (their files may have moved or changed)."""
    return [archive.record(candidate) for candidate in candidates]


def align(suspect: SourceRecord, originals: Sequence[SourceRecord]) -> list[Assessment]:
    """Each candidate original aligned with the suspect; a row names the original it is about."""
    matches = []
    for original in originals:
        if not original.ok:  # gone from the index since the candidates were found
            matches.append(Assessment.failed(original))
            continue
        assessment = assess(original, suspect)
        matches.append(
            dataclasses.replace(
                assessment, name=original.name, path=original.path, sha256=original.sha256
            )
        )
    return matches


def summarise(suspect: SourceRecord, matches: Sequence[Assessment], top: int) -> FindResult:
    """The suspect's result: matches by score, highest first (ties keep retrieval order)."""
    best = ranked(list(matches))[:top]
    return FindResult(suspect.name, suspect.path, suspect.sha256, tuple(best), suspect.error)


def find_record(
    archive: CandidateSource, suspect: SourceRecord, options: FindOptions
) -> FindResult:
    return find_with_originals(archive, suspect, options)[0]


def find_with_originals(
    archive: CandidateSource, suspect: SourceRecord, options: FindOptions
) -> tuple[FindResult, dict[str, SourceRecord]]:
    """The result, and the originals it names by path (to open a match side by side)."""
    originals = fetch_originals(archive, find_candidates(archive, suspect, options))
    result = summarise(suspect, align(suspect, originals), options.top)
    return result, {original.path: original for original in originals if original.path}


def find_one(archive: CandidateSource, path: Path, options: FindOptions) -> FindResult:
    """Read one suspect file and find what it retold; a bad file gives a result with an error."""
    return find_record(archive, read_record(path), options)
