"""The JSON report: exactly the engine's versioned schema (``serialize.comparison_to_dict``).

File facts (format, size, modification time) stay out: the schema
(``desktop/retold/data/schema/retold-report.schema.json``) forbids extra top-level fields, and each
document already carries its file's SHA-256. The HTML, PDF and text reports show the file facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from retold.engine.model import Comparison
from retold.engine.serialize import comparison_json

_PIECE = 1 << 20  # characters written at a time


def render_json(comparison: Comparison) -> str:
    return "".join(comparison_json(comparison))


def json_pieces(
    comparison: Comparison, progress: Callable[[float], None] | None = None
) -> Iterator[bytes]:
    """The report as UTF-8, in pieces of about a megabyte (a document's text in one), made
    as they are written; ``progress`` is told the share made now and then."""
    waiting: list[str] = []
    size = 0
    for text in comparison_json(comparison, progress):
        if len(text) >= _PIECE:  # a document's text: not copied into a piece of its own
            yield "".join(waiting).encode("utf-8")
            yield text.encode("utf-8")
            waiting, size = [], 0
            continue
        waiting.append(text)
        size += len(text)
        if size >= _PIECE:
            yield "".join(waiting).encode("utf-8")
            waiting, size = [], 0
    yield "".join(waiting).encode("utf-8")
