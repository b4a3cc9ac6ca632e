"""Start the window: ``retold [FILE ...] [--screenshot FILE | --self-test]``.

The desktop entry runs ``retold %F``, so any number of files may arrive: one article becomes the
original, two are compared in order, more are listed (the first two compared), and a ``.retold``
file is a saved comparison.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from retold import __version__
from retold.gui.loading import split_saved

if TYPE_CHECKING:  # Qt is imported only once the window is wanted
    from PySide6.QtWidgets import QApplication

    from retold.gui.controller import Controller

APP_ID = "io.github.retold.Retold"  # shared with the .desktop file and the AppStream metainfo
TIMEOUT_MS = 120_000  # --screenshot and --self-test give up after this


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retold",
        description="See how an article was retold, sentence by sentence.",
        epilog="Without a window: retold compare ORIGINAL REWRITE (see retold compare --help).",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="the original, then the rewrite (more are listed; one waits for a rewrite), "
        "or a saved .retold comparison; none: the built-in sample pair",
    )
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="save a PNG and exit")
    parser.add_argument("--self-test", action="store_true", help="compare and export the sample")
    parser.add_argument("--version", action="version", version=f"retold {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    headless = args.screenshot is not None or args.self_test
    if headless and len(args.files) == 1 and split_saved(args.files)[0] is None:
        parser.error("--screenshot and --self-test need two articles or a saved comparison")
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    if _no_display():  # Qt would abort, advising to reinstall
        print(
            "retold: there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY "
            "are not set). Without a window: retold compare ORIGINAL REWRITE",
            file=sys.stderr,
        )
        return 1
    return _run(args, headless)


def _no_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _application() -> object:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QApplication.setApplicationName("Retold")
    QApplication.setApplicationDisplayName("Retold")
    QApplication.setOrganizationName("Retold")
    QApplication.setOrganizationDomain("retold.github.io")
    QApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    from retold.resources import resource_path

    icon = resource_path("icons", "retold.svg")
    if icon.is_file():
        from PySide6.QtGui import QIcon

        QApplication.setWindowIcon(QIcon(str(icon)))
    return app


def _run(args: argparse.Namespace, headless: bool) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from retold.gui.crash import CrashHandler
    from retold.resources import sample_paths

    app = _application()
    assert isinstance(app, QApplication)
    controller = _build_window(headless)
    window = controller.window
    crash = CrashHandler(parent=window)
    crash.install()
    deadline = QTimer()
    if headless:
        _finish_when_compared(app, controller, args.screenshot)
        deadline.setSingleShot(True)
        deadline.timeout.connect(lambda: _fail(app, "timed out"))
        deadline.start(TIMEOUT_MS)
    window.show()
    controller.open_paths(*(args.files or sample_paths()))
    try:
        code = app.exec()
    finally:
        deadline.stop()
        crash.uninstall()
        controller.worker.cancel_all()
        controller.worker.wait(5000)
        window.deleteLater()
    return int(code)


def _build_window(headless: bool) -> Controller:
    from retold.gui.controller import Controller
    from retold.gui.main_window import MainWindow
    from retold.gui.settings import SettingsStore
    from retold.gui.source_model import SourceListModel
    from retold.gui.worker import Worker

    store = SettingsStore.default()
    loaded = store.load()
    model = SourceListModel()
    window = MainWindow(model)
    worker = Worker(window, still_heap=True)
    # --screenshot and --self-test leave the user's preferences and window state alone
    controller = Controller(window, model, worker, loaded.settings, None if headless else store)
    if not headless:
        window.restore_window_state(loaded.settings.window)
    if loaded.notice:
        window.banner.show_message(loaded.notice, "warning")
    return controller


def _finish_when_compared(app: QApplication, controller: Controller, shot: Path | None) -> None:
    """--screenshot saves a PNG, --self-test exports reports; any failure exits with 1."""
    from retold.gui.screenshot import grab_then_quit

    def compared(comparison: object) -> None:
        if comparison is None:
            return
        if shot is not None:
            controller.window.compare_view.settle()  # the overview's ticks in the picture
            grab_then_quit(controller.window, shot)
        else:
            app.exit(_self_test(controller))

    def load_failed(message: str) -> None:
        """The window carries on with the files it could read (``a empty b`` compares a with
        b, the banner naming the empty one): so does a headless run, unless no pair is left.
        The sides are chosen once the load's results are in: look after that."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: _warn_or_fail(app, controller, message))

    controller.comparisonChanged.connect(compared)
    controller.comparisonFailed.connect(lambda message: _fail(app, message))
    controller.loadFailed.connect(load_failed)  # nobody reads a banner


def _warn_or_fail(app: QApplication, controller: Controller, message: str) -> None:
    from retold.gui.source_model import ORIGINAL, REWRITE

    model = controller.model
    if model.row_of(ORIGINAL) is None or model.row_of(REWRITE) is None:
        _fail(app, message)
    else:
        print(f"retold: warning: {message}", file=sys.stderr)


def _fail(app: QApplication, message: str) -> None:
    print(f"retold: {message}", file=sys.stderr)
    app.exit(1)


def _self_test(controller: Controller) -> int:
    """Export the sample comparison as HTML and JSON; 0 when both files are written."""
    with tempfile.TemporaryDirectory(prefix="retold-self-test-") as folder:
        written = []
        for name in ("report.html", "report.json"):
            path = Path(folder) / name
            if not controller.export_to(path) or not path.is_file() or path.stat().st_size == 0:
                print(f"retold self-test: {name} was not written", file=sys.stderr)
                return 1
            written.append(f"{name} ({path.stat().st_size:,} bytes)")
    comparison = controller.comparison
    assert comparison is not None
    print(
        f"retold self-test passed: compared {comparison.original.name} with "
        f"{comparison.rewrite.name}, wrote {', '.join(written)}"
    )
    return 0
