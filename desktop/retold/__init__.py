"""Retold: see how an article was retold.

``retold.compare(original_text, rewrite_text)`` aligns a rewrite with its original and returns a
``Comparison`` of plain data; with the ``semantic`` extra installed it weighs a sentence model's
evidence beside the words' (``CompareOptions(semantic=False)``: the words alone). Importing this
package loads no Qt module.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from retold.engine.model import (
    Change,
    ChangeKind,
    Comparison,
    Document,
    Link,
    LinkKind,
    Side,
    Stats,
)
from retold.engine.options import AlignOptions, CompareOptions
from retold.engine.scoring import Thresholds
from retold.engine.similarity import Lexical, LexicalOptions
from retold.scorer_choice import compare

try:
    __version__ = _metadata.version("retold")
except _metadata.PackageNotFoundError:  # a checkout that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "AlignOptions",
    "Change",
    "ChangeKind",
    "CompareOptions",
    "Comparison",
    "Document",
    "Lexical",
    "LexicalOptions",
    "Link",
    "LinkKind",
    "Side",
    "Stats",
    "Thresholds",
    "__version__",
    "compare",
]
