"""``retold triage ORIGINAL SUSPECT...``: rank many files by how likely each retells one original.

No Qt is imported. Progress goes to standard error when it is a terminal; the report goes to
standard output or, with ``-o``, to a file written atomically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from retold.batch.formats import FORMATS, format_for, render
from retold.batch.formats import suspects as counted_suspects
from retold.batch.pool import default_jobs
from retold.batch.reading import read_record
from retold.batch.records import Assessment
from retold.batch.triage import suspect_paths, triage
from retold.report.export import SHORT_NAMES, output_path
from retold.terminal_progress import counting

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 130


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="retold triage",
        description="Compare one original with many suspects and rank them by how likely each "
        "is derived from it (rewording included). Folders are read recursively.",
        epilog="Each suspect gets a row: score (0 to 1, derived from 0.5), the share of the "
        "original it retells, the share that is its own, what it keeps word for word. A file "
        "that cannot be read gets a row that says why. Exit status: "
        f"{EXIT_OK} report written, {EXIT_USAGE} wrong arguments, {EXIT_INPUT} the original "
        f"could not be read or there is no suspect, {EXIT_OUTPUT} the report could not be written.",
    )
    p.add_argument("original", type=Path, metavar="ORIGINAL", help="the original article")
    p.add_argument(
        "suspects", type=Path, nargs="+", metavar="SUSPECT", help="files or folders to check"
    )
    p.add_argument(
        "-f",
        "--format",
        choices=list(FORMATS),
        help="report format (default: from the output file's extension; text on standard output)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=output_path,
        metavar="FILE",
        help="write the report here (- for standard output)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        metavar="N",
        help=f"suspects compared at once, in worker processes (default: all {default_jobs()} "
        "cores; 1 compares in this process)",
    )
    return p


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return n


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    fmt = _format(args.format, args.output)
    if fmt is None:
        return EXIT_USAGE
    if args.output is not None:
        from retold.report.export import ExportError, check_target

        try:  # said before the work is done, not after
            check_target(args.output)
        except ExportError as error:
            return _fail(str(error), EXIT_OUTPUT)
    original = read_record(args.original)
    if original.error is not None:
        return _fail(f"the original cannot be used: {original.error}", EXIT_INPUT)
    suspects = _suspects(args.original, args.suspects, args.output)
    if not suspects:
        return _fail(
            "there is no suspect to compare: none is left once empty folders, hidden files and "
            "the original itself are left out",
            EXIT_INPUT,
        )
    derived = 0

    with counting("Comparing", "suspects") as count:

        def progress(done: int, total: int, row: Assessment) -> None:
            nonlocal derived
            derived += bool(row.derived)
            count(done, total, f"{derived} derived · {row.name}")

        report = triage(original, suspects, jobs=args.jobs, progress=progress)
    data = render(report, fmt, to_file=args.output is not None)
    what = f"triage of {counted_suspects(len(report.rows))} ({SHORT_NAMES.get(fmt, fmt)})"
    return _write(data, args.output, what)


def _format(given: str | None, output: Path | None) -> str | None:
    if given is not None:
        return given
    if output is None:
        return "text"
    fmt = format_for(output.suffix)
    if fmt is None:
        known = [ext for extensions in FORMATS.values() for ext in extensions]
        print(
            f"retold: “{output.name}” names no triage format: end it in "
            f"{', '.join(known[:-1])} or {known[-1]}, or add --format",
            file=sys.stderr,
        )
    return fmt


def _suspects(original: Path, given: Sequence[Path], output: Path | None) -> list[Path]:
    skipped: list[tuple[Path, str]] = []
    kept = suspect_paths(original, given, on_skip=lambda path, why: skipped.append((path, why)))
    if output is not None and output.exists():  # a report from the run before, in a folder read
        report = output.resolve()
        if any(path.resolve() == report for path in kept):
            kept = [path for path in kept if path.resolve() != report]
            skipped.append((output, "the report being written"))
    if skipped:
        shown = ", ".join(f"{path} ({why})" for path, why in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        print(f"retold: left out {shown}{more}", file=sys.stderr)
    return kept


def _write(data: bytes, output: Path | None, what: str) -> int:
    from retold.report.export import ExportError, write_report_bytes, written_note

    if output is None:
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `retold triage … | head`
            pass
        return EXIT_OK
    try:
        write_report_bytes(output, data)
    except ExportError as error:
        return _fail(str(error), EXIT_OUTPUT)
    print(written_note(what, output), file=sys.stderr)
    return EXIT_OK


def _fail(message: str, status: int) -> int:
    print(f"retold: {message}", file=sys.stderr)
    return status
