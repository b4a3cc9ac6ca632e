"""An archive kept in several index files, searched as one (``--db a.db --db b.db``).

Each file is a complete index of some of the articles (document partitioning: one
``retold index`` per year, per desk, per machine). A query is weighted with the archive-wide
document frequencies (the sum over the files), so an article scores exactly as it would in one
combined index; each file returns its best candidates and the merged best are kept. This is the
step of ``docs/archive-scale.md`` that runs here without a cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from retold.archive.candidates import ArchiveReader, Candidate, RetrievalOptions, rank_candidates
from retold.archive.store import ArchiveError
from retold.batch.records import SourceRecord


class Archive:
    """One or more index files, read-only: candidates with global IDF, and stored texts."""

    def __init__(self, dbs: Sequence[Path]) -> None:
        if not dbs:
            raise ArchiveError("name at least one archive index (--db ARCHIVE.db).")
        self.readers: list[ArchiveReader] = []
        try:
            for db in dbs:
                self.readers.append(ArchiveReader(Path(db)))
        except BaseException:
            self.close()
            raise
        self.articles = sum(reader.articles for reader in self.readers)

    def close(self) -> None:
        for reader in self.readers:
            reader.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def candidates(
        self, text: str, limit: int, options: RetrievalOptions | None = None
    ) -> list[Candidate]:
        """The ``limit`` best candidates over every file, best first (ties: file, then id)."""
        return rank_candidates(self.readers, text, limit, options or RetrievalOptions())

    def record(self, candidate: Candidate) -> SourceRecord:
        return self.readers[candidate.shard].record(candidate)
