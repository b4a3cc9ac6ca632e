"""The JSON report: the engine's versioned schema (``Comparison.to_dict``), plus file facts."""

from __future__ import annotations

import json

from retold.engine.model import Comparison
from retold.sources.model import Source


def render_json(comparison: Comparison, sources: tuple[Source, Source] | None = None) -> str:
    data = comparison.to_dict()
    if sources is not None:
        data = {**data, "files": {"original": _file(sources[0]), "rewrite": _file(sources[1])}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _file(source: Source) -> dict[str, object]:
    """What the engine does not know about a source: where it came from on disk."""
    return {
        "name": source.path.name if source.path else source.name,
        "format": source.format,
        "size": source.size,
        "modified": source.modified,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "metadata": dict(source.metadata),
    }
