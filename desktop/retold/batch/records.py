"""The plain, frozen records that batch stages pass between them (picklable, JSON-ready).

A ``SourceRecord`` is one file as read: its text, or the sentence that says why it could not be
read. An ``Assessment`` is one row of a triage (or find) report: how much of the original a
suspect retells and how likely it is derived from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One input file. Exactly one of ``text`` and ``error`` is set."""

    name: str  # the file name, as shown to a person
    path: str  # as given or found in a folder (not resolved: reports show what the user typed)
    sha256: str | None  # of the file's bytes; None when they could not be read
    text: str | None  # the decoded article text
    error: str | None  # a one-line sentence saying why the file could not be used

    @property
    def ok(self) -> bool:
        return self.text is not None and self.error is None

    @classmethod
    def failed(cls, name: str, path: str, error: str, sha256: str | None = None) -> SourceRecord:
        return cls(name, path, sha256, None, error)

    def identity(self) -> dict[str, object]:
        """``{"name", "path", "sha256"}``: how reports name a file."""
        return {"name": self.name, "path": self.path, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class Assessment:
    """One suspect against one original: a triage row.

    Shares are in [0, 1]. ``score`` is the probability-like evidence that the suspect is derived
    from the original, 0.5 the decision point (``derived`` is ``score >= 0.5``). A row with an
    ``error`` has no figures: they are None, never a misleading 0.
    """

    name: str
    path: str
    sha256: str | None
    score: float | None = None
    derived: bool | None = None
    reused: float | None = None  # share of the original's prose that the suspect retells (linked)
    new: float | None = None  # share of the suspect's prose that is its own (linked to nothing)
    verbatim: float | None = None  # share of the original's prose words kept in verbatim runs
    longest_run_words: int | None = None  # the longest verbatim run, in words
    linked: int | None = None  # suspect sentences linked to the original
    moved: int | None = None  # of those, sentences whose link is out of the original's order
    error: str | None = None
    # What the comparison behind the figures weighed ("lexical": the words alone); None on a
    # row with an error, which has no comparison.
    evidence: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def failed(cls, record: SourceRecord, error: str | None = None) -> Assessment:
        """The row of a suspect that could not be assessed."""
        reason = error or record.error or "the file could not be read."
        return cls(record.name, record.path, record.sha256, error=reason)

    def to_dict(self) -> dict[str, object]:
        """The JSON row (``desktop/retold/data/schema/retold-triage.schema.json``); ``error``
        only when there is one, ``evidence`` only when there is a comparison."""
        row: dict[str, object] = {
            "name": self.name,
            "path": self.path,
            "sha256": self.sha256,
            "score": self.score,
            "derived": self.derived,
            "reused": self.reused,
            "new": self.new,
            "verbatim": self.verbatim,
            "longest_run_words": self.longest_run_words,
            "linked": self.linked,
            "moved": self.moved,
        }
        if self.error is not None:
            row["error"] = self.error
        if self.evidence is not None:
            row["evidence"] = self.evidence
        return row

    @classmethod
    def from_dict(cls, row: dict[str, object]) -> Assessment:
        """The inverse of ``to_dict`` (for a report read back, or a resumed scan)."""

        def number(key: str) -> float | None:
            value = row.get(key)
            return float(value) if isinstance(value, int | float) else None

        def count(key: str) -> int | None:
            value = row.get(key)
            return int(value) if isinstance(value, int) and not isinstance(value, bool) else None

        derived = row.get("derived")
        sha = row.get("sha256")
        error, evidence = row.get("error"), row.get("evidence")
        return cls(
            name=str(row.get("name", "")),
            path=str(row.get("path", "")),
            sha256=sha if isinstance(sha, str) else None,
            score=number("score"),
            derived=derived if isinstance(derived, bool) else None,
            reused=number("reused"),
            new=number("new"),
            verbatim=number("verbatim"),
            longest_run_words=count("longest_run_words"),
            linked=count("linked"),
            moved=count("moved"),
            error=error if isinstance(error, str) else None,
            evidence=evidence if isinstance(evidence, str) else None,
        )


def ranked(rows: Sequence[Assessment]) -> list[Assessment]:
    """Highest score first; rows with an error last; ties in the order given (stable)."""
    return sorted(rows, key=lambda row: (row.score is None, -(row.score or 0.0)))
