"""Run one hostile case as a user would, in a child process bounded in time and memory.

The child gets an address-space limit (``resource.setrlimit`` in ``preexec_fn``), so a case that
would eat the machine dies instead; its peak resident memory comes from ``os.wait4``.

    python tests/hostile/runner.py [CASE ...]    # a table of outcome, time and peak memory
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_cases import CASES, NEEDS_TMPFS, Case, build
else:
    from .make_cases import CASES, NEEDS_TMPFS, Case, build

TIMEOUT = 30.0  # seconds: far above any case's budget, so a hang shows as a failure, not a stall
MEMORY = 3 << 30  # bytes of address space; Qt (for the PDF report) maps about 1 GB on its own

# Reads one file as `retold compare` would, and says how much text it gave: for cases whose
# comparison is the engine's speed (issue 12), not the reader's budget.
_READ_ONLY = """
import sys
from retold.sources.loader import load_source
from retold.sources.model import SourceError
try:
    source = load_source(sys.argv[1])
except SourceError as error:
    print(f"retold: {error}", file=sys.stderr)
    sys.exit(3)
print(f"{len(source.text)} characters")
"""


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None: killed at the timeout
    stdout: bytes
    stderr: str
    seconds: float  # wall time
    peak_mb: float
    cpu_seconds: float = 0.0  # the child's own processor time, which load does not stretch

    @property
    def message(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


# Root passes every permission check; without these two capabilities it obeys them as a user.
_AS_A_USER = ["--bounding-set=-dac_override,-dac_read_search"]
_AS_A_USER += ["--inh-caps=-dac_override,-dac_read_search"]


def can_enforce_permissions() -> bool:
    return os.getuid() != 0 or shutil.which("setpriv") is not None


def command(built: Case, folder: Path) -> list[str]:
    if built.saved is not None:  # compared again from the file, as File > Open does
        argv = [sys.executable, "-m", "retold", "compare", built.saved]
    elif built.extra.get("stage") == "read":
        argv = [sys.executable, "-c", _READ_ONLY, built.argv[0]]
    else:
        argv = [sys.executable, "-m", "retold", "compare", *built.argv]
    if built.extra.get("permissions") == "enforced" and os.getuid() == 0:
        argv = ["setpriv", *_AS_A_USER, *argv]
    return argv


def run(built: Case, folder: Path, timeout: float = TIMEOUT) -> Outcome:
    """Run the case with its folder as the working directory; stdout is a pipe."""
    closed = built.extra.get("stdout") == "closed"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            command(built, folder),
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if closed else subprocess.PIPE,
            stderr=err,
            env=env,
            preexec_fn=_preexec(built),
        )
        # A FIFO target needs a reader, as a shell pipeline would give it.
        fifo = folder / built.extra["read"] if "read" in built.extra else None
        chunks: list[bytes] = []
        drain = threading.Thread(target=_drain, args=(child.stdout, fifo, chunks), daemon=True)
        drain.start()
        code, peak, cpu = _wait(child, timeout)
        seconds = time.perf_counter() - started
        if fifo is not None:  # a reader still waiting for a writer that never came: end it
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        drain.join(timeout=5)
        if child.stdout is not None:
            child.stdout.close()
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    return Outcome(code, b"".join(chunks), stderr, seconds, peak, cpu)


def _drain(stdout: IO[bytes] | None, fifo: Path | None, chunks: list[bytes]) -> None:
    """Collect what the child writes to its stdout or, for a FIFO target, into the FIFO."""
    if fifo is not None:
        with fifo.open("rb") as stream:
            chunks.append(stream.read())
    elif stdout is not None:
        chunks.append(stdout.read())


def _preexec(built: Case) -> Callable[[], None]:
    closed = built.extra.get("stdout") == "closed"

    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        if closed:
            os.close(1)

    return preexec


def _wait(child: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, float, float]:
    """(exit status or None if killed at the timeout, peak resident MB, processor seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = -9
            return None, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        time.sleep(0.02)


if __name__ == "__main__":
    names = sys.argv[1:] or list(CASES)
    with tempfile.TemporaryDirectory() as base, tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        os.chmod(base, 0o755)
        for name in names:
            folder = Path(shm if name in NEEDS_TMPFS else base) / name
            try:
                built = build(name, folder)
            except OSError as error:
                print(f"{name:34} not built: {error}")
                continue
            outcome = run(built, folder)
            result = outcome.message or f"{len(outcome.stdout):,} bytes of report"
            print(
                f"{name:34} exit {outcome.code!s:>4} {outcome.seconds:6.1f} s "
                f"{outcome.peak_mb:7.0f} MB  {result[:150]}",
                flush=True,
            )
