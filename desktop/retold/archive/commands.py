"""``retold index``, ``retold find`` and ``retold scan``: the archive on the command line.

None of them loads Qt; only ``scan`` loads Dask. Exit status: 0 done, 2 wrong arguments, 3 an
input (the index, or some of the files) could not be read, 4 the output could not be written,
130 interrupted (what was committed or written so far is kept).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from retold.archive.find import DEFAULT_TOP, FindOptions, FindResult, find_one
from retold.archive.indexing import DEFAULT_BATCH, update_index
from retold.archive.jsonl import OutputError
from retold.archive.partitions import Archive
from retold.archive.results import to_csv, to_json, to_text
from retold.archive.store import ArchiveError
from retold.atomic import reason, write_atomic
from retold.report.export import SHORT_NAMES, STDOUT, output_path, written_note
from retold.terminal_progress import counting

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 130
_FORMATS = {".json": "json", ".csv": "csv", ".txt": "text"}
_LISTED_FAILURES = 20  # a folder of photos beside the articles must not flood the terminal


def run(command: str, argv: Sequence[str]) -> int:
    """Run ``retold COMMAND ARGV...``; every failure is one line on standard error."""
    runners: dict[str, Callable[[Sequence[str]], int]] = {
        "index": _run_index,
        "find": _run_find,
        "scan": _run_scan,
    }
    try:
        return runners[command](argv)
    except (ArchiveError, OutputError) as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        kept = {"index": "what was indexed so far is kept", "scan": "the lines written are kept"}
        print(
            f"retold: interrupted; {kept.get(command, 'nothing was written')}. "
            "Run the same command again to go on.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _db_argument(parser: argparse.ArgumentParser, several: bool = False) -> None:
    if not several:
        parser.add_argument(
            "--db", type=Path, required=True, metavar="ARCHIVE.db", help="the archive index file"
        )
        return
    parser.add_argument(
        "--db",
        type=Path,
        required=True,
        action="append",
        metavar="ARCHIVE.db",
        help="the archive index file; repeat it for an archive kept in several files",
    )


def _index_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold index",
        description="Add articles (files, or folders read recursively) to an archive index. "
        "Unchanged files are skipped, changed ones indexed again; an interrupted run keeps "
        "what it committed and the next run goes on from there.",
    )
    _db_argument(parser)
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--prune", action="store_true", help="drop indexed files that no longer exist"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes reading files and extracting their terms (default: one per core)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"files committed together (default: {DEFAULT_BATCH})",
    )
    return parser


def _run_index(argv: Sequence[str]) -> int:
    args = _index_parser().parse_args(argv)
    with counting("Indexing", "files") as advance:
        report = update_index(
            args.db,
            args.paths,
            prune=args.prune,
            batch_size=max(1, args.batch_size),
            jobs=max(1, args.jobs),
            progress=advance,
        )
    for path, why in report.failed[:_LISTED_FAILURES]:
        print(f"retold: skipped {path}: {why}", file=sys.stderr)
    if len(report.failed) > _LISTED_FAILURES:
        more = len(report.failed) - _LISTED_FAILURES
        print(f"retold: … and {more} more files that could not be read", file=sys.stderr)
    print(
        f"{report.added} added, {report.updated} indexed again, {report.unchanged} unchanged, "
        f"{report.removed} removed, {len(report.failed)} could not be read",
        file=sys.stderr,
    )
    return EXIT_INPUT if report.failed else EXIT_OK


def _find_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold find",
        description="Find which archived articles each suspect retells: candidates by their "
        "rare words, names and numbers, then aligned with the engine.",
    )
    _db_argument(parser, several=True)
    parser.add_argument("suspects", type=Path, nargs="+", metavar="SUSPECT", help="files/folders")
    _top_argument(parser)
    parser.add_argument(
        "-f",
        "--format",
        choices=["json", "text", "csv"],
        help="default: from the output file's extension (.json .csv .txt); text on the terminal",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=output_path,
        metavar="FILE",
        help="write to this file (- for standard output)",
    )
    return parser


def _top_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--top",
        type=int,
        default=DEFAULT_TOP,
        metavar="K",
        help=f"candidates aligned and reported per suspect (default: {DEFAULT_TOP})",
    )


def _run_find(argv: Sequence[str]) -> int:
    parser = _find_parser()
    args = parser.parse_args(argv)
    suffix = args.output.suffix.lower() if args.output is not None else ""
    fmt = args.format or _FORMATS.get(suffix, "text" if not suffix else "")
    if not fmt:
        parser.error(f"“{args.output.name}” names no format: end it in .json, .csv or .txt")
    from retold.batch.formats import suspects as suspects_counted
    from retold.batch.reading import expand_paths

    suspects = [Path(p).resolve() for p in expand_paths(args.suspects)]
    options = FindOptions(top=max(1, args.top))
    results: list[FindResult] = []
    with Archive(args.db) as archive, counting("Finding", "suspects") as advance:
        for done, suspect in enumerate(suspects, 1):
            results.append(find_one(archive, suspect, options))
            advance(done, len(suspects))
    render = {"json": to_json, "csv": to_csv, "text": to_text}[fmt]
    what = f"matches of {suspects_counted(len(results))} ({SHORT_NAMES.get(fmt, fmt)})"
    written = _write(render(results), args.output, what)
    errors = any(result.error is not None for result in results)
    return written if written != EXIT_OK else (EXIT_INPUT if errors else EXIT_OK)


def _write(content: str, output: Path | None, what: str) -> int:
    if output is None:
        sys.stdout.write(content)
        return EXIT_OK
    try:
        write_atomic(output, content.encode("utf-8"))
    except OSError as error:
        print(f"retold: “{output}” could not be written: {reason(error)}", file=sys.stderr)
        return EXIT_OUTPUT
    print(written_note(what, output), file=sys.stderr)
    return EXIT_OK


def _scan_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold scan",
        description="retold find for a crawl of many suspects, on Dask (pip install "
        "'retold[cluster]'). One JSON line per suspect, written as results arrive; run it "
        "again to resume (suspects already in the output are skipped).",
    )
    _db_argument(parser, several=True)
    parser.add_argument("suspects", type=Path, nargs="+", metavar="SUSPECT_PATH")
    parser.add_argument(
        "--scheduler",
        default="local",
        metavar="local|ADDRESS",
        help="'local' starts a cluster here; an address such as tcp://host:8786 uses a "
        "running one (its workers must see the index and the suspects at the same paths)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="workers of a local cluster (default: one per core)",
    )
    _top_argument(parser)
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="RESULTS.jsonl", help="output"
    )
    return parser


def _run_scan(argv: Sequence[str]) -> int:
    parser = _scan_parser()
    args = parser.parse_args(argv)
    if str(args.output) == STDOUT:  # the file is read back to resume a run: it must be one
        parser.error("-o needs a file (RESULTS.jsonl) that a later run can resume from, not -")
    try:
        import distributed  # noqa: F401  (only to say what is missing, before any work)
    except ImportError:
        print(
            "retold: scan needs Dask: pip install 'retold[cluster]' (or dask[distributed])",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from retold.archive.scan import ScanError, scan
    from retold.batch.reading import expand_paths

    suspects = [Path(p) for p in expand_paths(args.suspects)]
    try:
        with counting("Scanning", "suspects") as advance:
            report = scan(
                args.db,
                suspects,
                args.output,
                scheduler=args.scheduler,
                workers=max(1, args.workers),
                options=FindOptions(top=max(1, args.top)),
                progress=advance,
            )
    except ScanError as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"retold: “{args.output}” could not be written: {reason(error)}", file=sys.stderr)
        return EXIT_OUTPUT
    print(
        f"{report.written} written, {report.skipped} already in {args.output.name}, "
        f"{report.errors} with errors",
        file=sys.stderr,
    )
    return EXIT_INPUT if report.errors else EXIT_OK
