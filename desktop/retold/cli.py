"""The ``retold`` command: the window by default, ``retold compare`` for the command line.

The command-line path imports no Qt, so that ``retold compare`` starts fast and runs headless;
importing this module loads neither the engine nor the reports: each command imports what it
uses, once its arguments are read.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retold.engine.corrections import Correction
    from retold.engine.model import Comparison
    from retold.engine.options import CompareOptions
    from retold.sources.model import Source

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3  # a source could not be read
EXIT_OUTPUT = 4  # the report could not be written
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold compare",
        usage="%(prog)s [options] ORIGINAL REWRITE\n       %(prog)s [options] SAVED.retold",
        description="Align a rewrite with its original and print or export the comparison.",
        epilog="Articles may be text, Markdown, web pages, Word (.docx), OpenDocument (.odt), "
        f"RTF or PDF files. Exit status: {EXIT_OK} done, {EXIT_USAGE} wrong arguments, "
        f"{EXIT_INPUT} an article could not be read, {EXIT_OUTPUT} the report could not be "
        "written.",
    )
    parser.add_argument(
        "original",
        type=Path,
        metavar="ORIGINAL",
        help="the original article, or a saved comparison (.retold) alone: it is exported "
        "with its corrections applied",
    )
    parser.add_argument(
        "rewrite", type=Path, nargs="?", metavar="REWRITE", help="the rewritten version"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=["json", "text", "html", "pdf", "csv", "retold"],
        help="report format (default: from the output file's extension, .html .pdf .json .csv "
        ".txt, or .retold for a saved comparison that the window opens; text on standard output)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to this file (- for standard output)",
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
    parser.add_argument(
        "--semantic",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="weigh an on-device sentence model's evidence beside the words' (default: on when "
        "the optional extra is installed: pip install 'retold[semantic]'; --no-semantic: the "
        "words alone)",
    )
    return parser


def _semantic_options(wanted: bool | None) -> CompareOptions | str:
    """The options --semantic/--no-semantic ask for; or why the model cannot be used."""
    from retold.engine.options import CompareOptions

    if wanted is None:
        return CompareOptions()  # the model when it is installed (retold.scorer_choice)
    if not wanted:
        return CompareOptions(semantic=False)
    try:
        from retold.semantic import ModelUnavailable
        from retold.semantic.scorer import Semantic, shared_encoder
    except ImportError:
        return "--semantic needs the optional extra: pip install 'retold[semantic]'"
    try:
        shared_encoder()
    except ModelUnavailable as error:
        return str(error)
    return CompareOptions(scorer=Semantic())


def _run_compare(argv: Sequence[str]) -> int:
    args = _compare_parser().parse_args(argv)  # --help and wrong arguments: nothing loaded
    from retold.report.export import (
        EXPORT_FORMATS,
        STDOUT,
        ExportError,
        export_format_for,
        output_path,
        write_report,
    )
    from retold.savefile import SUFFIX, SaveFileError, save_comparison_file
    from retold.scorer_choice import model_problem
    from retold.sources.model import SourceError

    to_stdout = args.output == STDOUT
    args.output = None if args.output is None else output_path(args.output)
    known = [ext for extensions in EXPORT_FORMATS.values() for ext in extensions] + [SUFFIX]
    suffix = args.output.suffix.lower() if args.output is not None else ""
    if args.format is None and suffix and suffix not in known:  # -o report.docx: not a text file
        print(
            f"retold: “{args.output.name}” names no report format: end it in "
            f"{', '.join(known[:-1])} or {known[-1]}, or add --format",
            file=sys.stderr,
        )
        return EXIT_USAGE
    fmt = args.format or ("retold" if suffix == SUFFIX else export_format_for(args.output))
    refusal = _needs_a_file(fmt, args.output, to_stdout)
    if refusal:  # said before the comparison's work
        print(f"retold: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    saved_alone = args.original.suffix.lower() == SUFFIX
    if args.rewrite is not None and args.rewrite.suffix.lower() == SUFFIX:  # not an article
        print(
            f"retold: “{args.rewrite.name}” is a saved comparison, not a rewrite: export it alone"
            f" (retold compare {args.rewrite.name} -o report.html)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if saved_alone == (args.rewrite is not None):
        print(
            "retold: give an ORIGINAL and its REWRITE, or one saved comparison (.retold) alone",
            file=sys.stderr,
        )
        return EXIT_USAGE
    options = _semantic_options(args.semantic)
    if isinstance(options, str):
        print(f"retold: {options}", file=sys.stderr)
        return EXIT_USAGE
    if args.semantic is None and (problem := model_problem()) is not None:
        print(f"retold: warning: {problem}; comparing by the words alone", file=sys.stderr)
    # A long pair's links on the free cores (fresh workers where it cannot fork: macOS, Windows).
    options = replace(options, workers=None, fresh_workers=True)
    try:
        inputs = _inputs(args.original, args.rewrite, args.hide_boilerplate, options)
    except SourceError as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_INPUT
    except MemoryError:  # str(MemoryError()) is empty: say what ran out
        print("retold: not enough memory to compare these articles", file=sys.stderr)
        return EXIT_INPUT
    for warning in (warning for source in inputs.sources for warning in source.warnings):
        print(f"retold: warning: {warning}", file=sys.stderr)
    for notice in inputs.notices:  # corrections that no longer fit, texts edited by hand
        print(f"retold: {notice}", file=sys.stderr)
    try:
        if fmt == "retold":
            save_comparison_file(
                args.output, *inputs.sources, inputs.view_options, inputs.corrections
            )
        else:
            with _collector_paused():  # a report of a long pair is as many objects again
                write_report(
                    inputs.comparison,
                    fmt,
                    args.output,
                    hide_boilerplate=args.hide_boilerplate,
                    sources=inputs.sources,
                    page_size=args.page_size,
                    progress=_writing_progress(fmt),
                )
    except (ExportError, SaveFileError) as error:
        print(f"retold: {error}", file=sys.stderr)
        return EXIT_OUTPUT
    if args.output is not None:
        hidden = args.hide_boilerplate and fmt not in ("json", "retold")
        left_out = _left_out(inputs.comparison) if hidden else 0
        print(written_note(fmt, args.output, left_out=left_out), file=sys.stderr)
    return EXIT_OK


def _writing_progress(fmt: str) -> Callable[[float], None] | None:
    """The line that says how much of a report is written, on a terminal: a JSON report of
    50 MB a side takes a while (the other formats are not written in pieces)."""
    if fmt != "json":
        return None
    from retold.terminal_progress import terminal_progress

    return terminal_progress(sys.stderr, label="Writing the JSON report")


def _left_out(comparison: Comparison) -> int:
    """Lines of page furniture a report with --hide-boilerplate left out."""
    from retold.report.rows import hidden_lines

    return sum(hidden_lines(comparison))


def _needs_a_file(fmt: str, output: Path | None, to_stdout: bool) -> str:
    """Why this format cannot go where it is sent, or "": a PDF is bytes a terminal would show
    as garbage, and a saved comparison is written atomically, beside its own name."""
    if fmt == "retold" and output is None:
        return "a saved comparison needs a file: add -o comparison.retold"
    if fmt == "pdf" and not to_stdout and output is None:
        return "a PDF file needs an output file: add -o report.pdf (or -o - to pipe it)"
    if fmt == "pdf" and to_stdout and sys.stdout is not None and sys.stdout.isatty():
        return "a PDF would be bytes on the terminal: add -o report.pdf, or pipe -o - elsewhere"
    return ""


@dataclass(frozen=True, slots=True)
class _Inputs:
    sources: tuple[Source, Source]
    comparison: Comparison  # with the corrections applied
    corrections: tuple[Correction, ...]
    view_options: dict[str, object]
    notices: tuple[str, ...]


def _inputs(
    first: Path, rewrite: Path | None, hide_boilerplate: bool, options: CompareOptions | None
) -> _Inputs:
    """Two articles compared, or a saved comparison compared again with its corrections."""
    from retold.api import compare_saved
    from retold.engine.compare import stage_at
    from retold.savefile import SavedComparison, load_comparison_file
    from retold.sources.loader import load_source
    from retold.terminal_progress import terminal_progress

    if rewrite is None:
        saved = load_comparison_file(first)
    else:
        saved = SavedComparison(
            load_source(first), load_source(rewrite), {"hide_boilerplate": hide_boilerplate}
        )
    progress = terminal_progress(sys.stderr, stage=stage_at)  # the stage, and the time left
    with _collector_paused():
        corrected = compare_saved(saved, options, progress=progress)
    rejected = tuple(r.message() for r in corrected.rejected)
    return _Inputs(
        (saved.original, saved.rewrite),
        corrected.comparison,
        saved.corrections,
        saved.view_options,
        saved.notices + rejected,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the engine works, as in the window (gui/worker.py):
    a book-length comparison's 200,000 objects hold no cycle (counting references frees them),
    and the collections that walked them took 0.15 s of its 3 s (0.25 s with the JSON)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def written_note(fmt: str, path: Path, *, left_out: int = 0) -> str:
    """ "Wrote the PDF report, 48.3 KB, to /home/ed/report.pdf …": what and where, in full."""
    from retold.report.export import FORMAT_NAMES
    from retold.report.export import written_note as note

    what = "saved comparison" if fmt == "retold" else f"{FORMAT_NAMES.get(fmt, fmt)} report"
    return note(what, path, left_out=left_out)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "compare":
        try:
            return _run_compare(args[1:])
        except KeyboardInterrupt:  # Ctrl+C during a long comparison: no traceback
            print("retold: interrupted; no report was written", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args and args[0] == "triage":
        from retold.batch.cli_triage import run as run_triage

        try:
            return run_triage(args[1:])
        except KeyboardInterrupt:
            print("retold: interrupted; no report was written", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args and args[0] in ("index", "find", "scan"):  # the archive: retold.archive.commands
        from retold.archive.commands import run

        return run(args[0], args[1:])
    if args and args[0] in ("-V", "--version"):
        from retold import __version__

        print(f"retold {__version__}")
        return EXIT_OK
    from retold.gui.app import main as gui_main  # Qt is loaded only for the window

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
