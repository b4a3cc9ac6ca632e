"""Turning dropped or opened paths into sources: the decisions, free of widgets.

``load_paths`` runs on the worker; ``pick_original`` is the two-file drop rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retold.savefile import SUFFIX as SAVED_SUFFIX
from retold.sources.model import IsFolderError, Source, SourceError


@dataclass(frozen=True, slots=True)
class Loaded:
    """One path's outcome: a source, or the sentence that says why there is none."""

    path: Path
    source: Source | None = None
    error: str | None = None


def split_saved(paths: Sequence[Path]) -> tuple[Path | None, list[Path]]:
    """The first saved comparison (``.retold``) among ``paths``, and the articles."""
    saved = [p for p in paths if p.suffix.lower() == SAVED_SUFFIX]
    return (saved[0] if saved else None), [p for p in paths if p not in saved]


def folder_message(path: Path) -> str:
    return f"“{path.name or path}” is a folder; drop text, Word, PDF or web page files."


def load_one(path: Path, cancelled: Callable[[], bool] | None = None) -> Loaded:
    """``cancelled`` is passed on to the reader: a long PDF stops between pages."""
    from retold.sources.loader import load_source  # imported late: it pulls in the readers

    try:
        return Loaded(path, source=load_source(path, cancelled=cancelled))
    except IsFolderError:  # the loader's sentence says "choose a file inside it": not for drops
        return Loaded(path, error=folder_message(path))
    except SourceError as error:
        return Loaded(path, error=str(error))
    except OSError as error:  # a reader let one through: still a sentence, never a crash
        return Loaded(path, error=f"“{path.name}” could not be read ({error.strerror}).")


def load_paths(
    paths: Sequence[Path],
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Loaded]:
    results: list[Loaded] = []
    for done, path in enumerate(paths):
        if cancelled is not None and cancelled():
            break
        results.append(load_one(path, cancelled))
        if progress is not None:
            progress((done + 1) / len(paths))
    return results


def modified_time(source: Source) -> float:
    if source.modified is not None:
        return source.modified
    if source.path is not None:
        try:
            return source.path.stat().st_mtime
        except OSError:
            pass
    return float("inf")  # unknown age sorts last: never preferred as the original


def pick_original(first: Source, second: Source) -> tuple[Source, Source]:
    """Two dropped files: the older one is the original; on a tie, the first dropped."""
    if modified_time(second) < modified_time(first):
        return second, first
    return first, second


def errors_message(failures: Sequence[Loaded]) -> str:
    if len(failures) == 1:
        return failures[0].error or ""
    head = failures[0].error or ""
    return f"{head} ({len(failures) - 1} more file(s) could not be used.)"
