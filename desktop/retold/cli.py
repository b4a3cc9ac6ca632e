"""The ``retold`` command: the window by default, ``retold compare`` for the command line.

The command-line path imports no Qt, so that ``retold compare`` starts fast and runs headless.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from retold import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3  # a source could not be read
EXIT_OUTPUT = 4  # the report could not be written
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold compare",
        description="Align a rewrite with its original and print or export the comparison.",
        epilog="Articles may be text, Markdown, web pages, Word (.docx), OpenDocument (.odt), "
        f"RTF or PDF files. Exit status: {EXIT_OK} done, {EXIT_USAGE} wrong arguments, "
        f"{EXIT_INPUT} an article could not be read, {EXIT_OUTPUT} the report could not be "
        "written.",
    )
    parser.add_argument("original", type=Path, metavar="ORIGINAL", help="the original article")
    parser.add_argument("rewrite", type=Path, metavar="REWRITE", help="the rewritten version")
    parser.add_argument(
        "-f",
        "--format",
        choices=["json", "text", "html", "pdf", "csv"],
        help="report format (default: from the output file's extension, .html .pdf .json .csv "
        "or .txt; text on standard output)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report to this file"
    )
    parser.add_argument(
        "--hide-boilerplate",
        action="store_true",
        help="leave page furniture (bylines, notices) out of the report",
    )
    parser.add_argument(
        "--page-size",
        choices=["A4", "Letter"],
        default="A4",
        help="paper size of a PDF report (default: A4)",
    )
    return parser


def _run_compare(argv: Sequence[str]) -> int:
    from retold.api import compare_sources
    from retold.report.export import EXPORT_FORMATS, ExportError, export_format_for, write_report
    from retold.sources.loader import load_source
    from retold.sources.model import SourceError

    args = _compare_parser().parse_args(argv)
    known = [ext for extensions in EXPORT_FORMATS.values() for ext in extensions]
    suffix = args.output.suffix.lower() if args.output is not None else ""
    if args.format is None and suffix and suffix not in known:  # -o report.docx: not a text file
        print(
            f"retold: “{args.output.name}” names no report format: end it in "
            f"{', '.join(known[:-1])} or {known[-1]}, or add --format",
            file=sys.stderr,
        )
        return EXIT_USAGE
    fmt = args.format or export_format_for(args.output)
    if fmt == "pdf" and args.output is None:  # say so before the comparison's work is done
        print("retold: a PDF report needs an output file: add -o report.pdf", file=sys.stderr)
        return EXIT_USAGE
    try:
        sources = (load_source(args.original), load_source(args.rewrite))
    except SourceError as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_INPUT
    comparison = compare_sources(*sources)
    try:
        write_report(
            comparison,
            fmt,
            args.output,
            hide_boilerplate=args.hide_boilerplate,
            sources=sources,
            page_size=args.page_size,
        )
    except ExportError as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_OUTPUT
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "compare":
        try:
            return _run_compare(args[1:])
        except KeyboardInterrupt:  # Ctrl+C during a long comparison: no traceback
            print("retold: interrupted; no report was written", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args and args[0] in ("index", "find", "scan"):  # the archive: retold.archive.commands
        from retold.archive.commands import run

        return run(args[0], args[1:])
    if args and args[0] in ("-V", "--version"):
        print(f"retold {__version__}")
        return EXIT_OK
    from retold.gui.app import main as gui_main  # Qt is loaded only for the window

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
