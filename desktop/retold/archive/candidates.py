"""Candidate originals: the archived articles that share the most rare evidence with a suspect.

Each of the suspect's terms weighs its inverse document frequency in the archive (BM25's, with a
term counted once per article), and an article's score is the sum over the terms it shares,
divided by BM25's length factor (a long article shares more terms with anything by chance). Only
the suspect's rarest terms are looked up, rarest first, until a budget of postings is spent: the
common ones add little but their postings grow with the archive, and this keeps the cost of a
query bounded however big the archive gets.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from retold.archive.features import term_keys
from retold.archive.store import ArchiveError, open_readonly, unpack_text
from retold.batch.records import SourceRecord

_SQL_VARIABLES = 900  # under SQLite's smallest limit on host parameters (999)


@dataclass(frozen=True, slots=True)
class RetrievalOptions:
    max_terms: int = 120  # the suspect's rarest terms looked up at most
    postings_budget: int = 60_000  # postings read per suspect at most (rows of the index)
    pool: int = 300  # first-stage candidates, scored again on more of the suspect's terms
    rescore_terms: int = 120  # the suspect's rarest terms used for that (point lookups only)
    k1: float = 1.2  # BM25's saturation; with a term counted once it only scales the length factor
    b: float = 0.5  # how much a long article is discounted (BM25's b, milder than its 0.75)


@dataclass(frozen=True, slots=True)
class Candidate:
    doc: int  # the article's id in the index
    name: str
    path: str
    sha256: str
    evidence: float  # the retrieval score (IDF-weighted shared terms)
    shared_terms: int
    shard: int = 0  # which index file of a partitioned archive holds it


class CandidateSource(Protocol):
    """What ``find`` searches: one index file (``ArchiveReader``) or several (``Archive``)."""

    def candidates(
        self, text: str, limit: int, options: RetrievalOptions | None = None
    ) -> list[Candidate]: ...

    def record(self, candidate: Candidate) -> SourceRecord: ...


def query_weights(
    df: Mapping[int, int], articles: int, options: RetrievalOptions, *, budgeted: bool = True
) -> dict[int, float]:
    """IDF weights of a suspect's rarest indexed terms (key → document frequency), rarest
    first: within ``max_terms`` and the postings budget, or (not ``budgeted``) the
    ``rescore_terms`` rarest, for scoring a few candidates by point lookups."""
    weights: dict[int, float] = {}
    spent = 0
    most = options.max_terms if budgeted else options.rescore_terms
    for key, n in sorted(df.items(), key=lambda item: (item[1], item[0])):
        if n <= 0:
            continue
        over = budgeted and weights and spent + n > options.postings_budget
        if len(weights) >= most or over:
            break
        spent += n
        weights[key] = math.log(1 + (articles - n + 0.5) / (n + 0.5))
    return weights


class ArchiveReader:
    """A read-only view of one index file: statistics, candidates and stored texts."""

    def __init__(self, db: Path) -> None:
        self.path = Path(db)
        self._db = open_readonly(self.path)
        try:
            count, total = self._db.execute("SELECT COUNT(*), SUM(n_terms) FROM docs").fetchone()
        except sqlite3.Error as error:
            self._db.close()
            raise ArchiveError(f"“{db}” is not a usable archive index: {error}.") from error
        self.articles = int(count)
        self.total_terms = int(total or 0)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def candidates(
        self, text: str, limit: int, options: RetrievalOptions | None = None
    ) -> list[Candidate]:
        """The ``limit`` best candidates for a suspect's ``text``, best first (ties by id)."""
        return rank_candidates([self], text, limit, options or RetrievalOptions())

    def frequencies(self, keys: Sequence[int]) -> dict[int, int]:
        """The document frequency of each of ``keys`` that this index holds."""
        df: dict[int, int] = {}
        for start in range(0, len(keys), _SQL_VARIABLES):
            chunk = keys[start : start + _SQL_VARIABLES]
            marks = ",".join("?" * len(chunk))
            df.update(self._query(f"SELECT term, n FROM df WHERE term IN ({marks})", chunk))
        return df

    def score(
        self,
        rare: Mapping[int, float],
        every: Mapping[int, float],
        mean_terms: float,
        limit: int,
        options: RetrievalOptions,
        shard: int = 0,
    ) -> list[Candidate]:
        """Two stages, each bounded whatever the archive's size: the ``pool`` articles sharing
        the most ``rare`` weight (their postings read within the budget), then those scored on
        ``every`` term by point lookups of (term, article); weight times BM25's length factor."""
        if not rare or limit <= 0:
            return []
        pool = self._ranked(rare, None, mean_terms, max(limit, options.pool), options, shard)
        return self._ranked(every, [c.doc for c in pool], mean_terms, limit, options, shard)

    def _ranked(
        self,
        weights: Mapping[int, float],
        docs: Sequence[int] | None,
        mean_terms: float,
        limit: int,
        options: RetrievalOptions,
        shard: int,
    ) -> list[Candidate]:
        """Articles by summed weight of the terms they share: all of them, or only ``docs``."""
        if not weights or docs == []:
            return []
        values = ",".join("(?, ?)" for _ in weights)
        parameters: list[float | int] = [x for pair in weights.items() for x in pair]
        if docs is None:  # a term's postings are one range of the clustered table
            join = "q JOIN postings p ON p.term = q.term"
        else:  # CROSS JOIN keeps this order: one (term, doc) primary-key probe per pair
            marks = ",".join("(?)" for _ in docs)
            join = (
                f"q CROSS JOIN (SELECT column1 AS doc FROM (VALUES {marks})) c "
                "JOIN postings p ON p.term = q.term AND p.doc = c.doc"
            )
            parameters += list(docs)
        k1, b = options.k1, options.b
        sql = f"""
            WITH q(term, w) AS (VALUES {values}),
            g AS (SELECT p.doc AS doc, SUM(q.w) AS s, COUNT(*) AS hits FROM {join} GROUP BY p.doc)
            SELECT d.id, d.name, d.path, d.sha256,
                   g.s * {k1 + 1} / (1 + {k1} * (1 - {b} + {b} * d.n_terms / ?)) AS score, g.hits
            FROM g JOIN docs d ON d.id = g.doc
            ORDER BY score DESC, d.id LIMIT ?"""
        rows = self._query(sql, [*parameters, mean_terms or 1.0, limit])
        return [Candidate(int(r[0]), r[1], r[2], r[3], float(r[4]), int(r[5]), shard) for r in rows]

    def record(self, candidate: Candidate) -> SourceRecord:
        """The candidate's article as it was indexed (its file may have moved or changed)."""
        rows = self._query("SELECT body FROM texts WHERE doc = ?", [candidate.doc])
        if not rows:
            return SourceRecord(
                candidate.name, candidate.path, candidate.sha256, None, "is no longer indexed"
            )
        text = unpack_text(rows[0][0])
        return SourceRecord(candidate.name, candidate.path, candidate.sha256, text, None)

    def _query(self, sql: str, parameters: Sequence[float | int]) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise ArchiveError(f"“{self.path}” cannot be read: {error}.") from error


def rank_candidates(
    readers: Sequence[ArchiveReader], text: str, limit: int, options: RetrievalOptions
) -> list[Candidate]:
    """The best candidates over one or more index files, weighted with the document frequencies
    of all of them (so an article scores as in one combined index); ties: file, then id."""
    keys = term_keys(text)
    df: Counter[int] = Counter()
    for reader in readers:
        df.update(reader.frequencies(keys))
    articles = sum(reader.articles for reader in readers)
    total = sum(reader.total_terms for reader in readers)
    mean_terms = total / articles if articles else 1.0
    rare = query_weights(df, articles, options)
    every = query_weights(df, articles, options, budgeted=False)
    found = [
        candidate
        for shard, reader in enumerate(readers)
        for candidate in reader.score(rare, every, mean_terms, limit, options, shard)
    ]
    found.sort(key=lambda c: (-c.evidence, c.shard, c.doc))
    return found[:limit]
