"""``retold scan``: ``find`` for a crawl of many suspects, on a Dask cluster.

Each task is ``find_one`` (the very function ``retold find`` runs) on one suspect path. Tasks
carry only the index's path, the suspect's path and the options: each worker opens the index
read-only on its side, once per thread, and reads the suspect there, so the index and the texts
are never shipped with the tasks (workers must see the same files: a shared file system, or the
same paths on every machine). At most a few tasks per worker are in flight, so a crawl of a
million suspects keeps the client's memory bounded, and results are written as they arrive.

Dask is imported here only, when a scan runs: the desktop app does not need it.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.archive.find import FindOptions, FindResult, find_one
from retold.archive.jsonl import LineWriter, completed
from retold.archive.partitions import Archive

IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT_S = 20

_local = threading.local()  # on a worker: this thread's open index, by path


class ScanError(Exception):
    """The cluster cannot be used; one sentence for the user."""


@dataclass(frozen=True, slots=True)
class ScanReport:
    written: int  # results written by this run
    skipped: int  # suspects already in the output
    errors: int  # results that say a suspect could not be read or searched


def worker_reader(dbs: tuple[str, ...]) -> Archive:
    """This thread's read-only view of the archive in ``dbs``, opened on first use."""
    archives: dict[tuple[str, ...], Archive] = getattr(_local, "archives", None) or {}
    _local.archives = archives
    if dbs not in archives:
        archives[dbs] = Archive([Path(db) for db in dbs])
    return archives[dbs]


def find_task(dbs: tuple[str, ...], suspect: str, options: FindOptions) -> FindResult:
    """What a worker runs for one suspect."""
    return find_one(worker_reader(dbs), Path(suspect), options)


def check_task(dbs: tuple[str, ...]) -> int:
    """Run on every worker before the scan: the index opens there (or this raises why not)."""
    return worker_reader(dbs).articles


def scan(
    db: Path | Sequence[Path],
    suspects: Sequence[Path],
    output: Path,
    *,
    scheduler: str = "local",
    workers: int = 1,
    processes: bool = True,
    options: FindOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanReport:
    """Find the originals of ``suspects`` on Dask, appending one line per suspect to ``output``.

    ``scheduler`` is ``local`` (a LocalCluster of ``workers`` workers, processes or threads) or
    the address of a running scheduler. ``db`` is an index file or several (one archive).
    Suspects already in ``output`` are skipped."""
    opts = options or FindOptions()
    files = [db] if isinstance(db, Path) else list(db)
    database = tuple(str(Path(f).resolve()) for f in files)
    Archive([Path(f) for f in database]).close()  # missing or corrupt: say so before starting
    done = completed(output)
    todo = [str(p.resolve()) for p in suspects if str(p.resolve()) not in done]
    if not todo:
        return ScanReport(written=0, skipped=len(suspects), errors=0)
    with ExitStack() as stack:
        writer = stack.enter_context(LineWriter(output))  # an unwritable output: before Dask
        client = stack.enter_context(_client(stack, scheduler, workers, processes))
        client.run(check_task, database)
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending = iter(todo)
        submitted = _distributed().as_completed()
        suspect_of: dict[str, str] = {}  # task key → suspect path, to name a failed task

        def submit(count: int) -> None:
            for path in _take(pending, count):
                future = client.submit(find_task, database, path, opts, pure=False)
                suspect_of[future.key] = path
                submitted.add(future)

        submit(window)
        written = errors = 0
        for future in submitted:
            result = _outcome(future, suspect_of.pop(future.key))
            writer.write(result)
            written += 1
            errors += result.error is not None
            submit(1)
            if progress is not None:
                progress(written, len(todo))
    return ScanReport(written=written, skipped=len(suspects) - len(todo), errors=errors)


def _distributed() -> Any:
    """``dask.distributed``, imported when a scan runs (it is untyped: used as ``Any``)."""
    return importlib.import_module("dask.distributed")


def _client(stack: ExitStack, scheduler: str, workers: int, processes: bool) -> Any:
    distributed = _distributed()
    if scheduler == "local":
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=":0",  # any free port: never collide with a running one
                silence_logs=40,  # logging.ERROR: the progress bar is the scan's voice
            )
        )
        return distributed.Client(cluster)
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, ValueError) as error:
        raise ScanError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error


def _outcome(future: Any, suspect: str) -> FindResult:
    """The task's result, or a result that says why the cluster could not give one."""
    try:
        result: FindResult = future.result()
    except Exception as error:  # a worker died or the task raised: one error line, go on
        return FindResult(Path(suspect).name, suspect, None, (), f"failed on the cluster: {error}")
    return result


def _take(iterator: Iterator[str], count: int) -> list[str]:
    taken = []
    for item in iterator:
        taken.append(item)
        if len(taken) == count:
            break
    return taken
