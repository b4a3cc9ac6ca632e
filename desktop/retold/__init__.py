"""Retold: see how an article was retold.

``retold.compare(original_text, rewrite_text)`` aligns a rewrite with its original and returns a
``Comparison`` of plain data; with the ``semantic`` extra installed it weighs a sentence model's
evidence beside the words' (``CompareOptions(semantic=False)``: the words alone). Importing this
package loads no Qt module.

The names below are loaded when first used, not on ``import retold``: the command line
(``retold --version``, ``retold compare --help``, a wrong argument) answers without loading
the engine and numpy, which take a third of a second.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

    __version__: str

# Public name -> the module that defines it.
_HOMES = {
    **dict.fromkeys(
        ("Change", "ChangeKind", "Comparison", "Document", "Link", "LinkKind", "Side", "Stats"),
        "retold.engine.model",
    ),
    "AlignOptions": "retold.engine.options",
    "CompareOptions": "retold.engine.options",
    "Thresholds": "retold.engine.scoring",
    "Lexical": "retold.engine.similarity",
    "LexicalOptions": "retold.engine.similarity",
    "compare": "retold.scorer_choice",
}


def __getattr__(name: str) -> object:
    """A public name, imported on first use and kept (PEP 562)."""
    if name == "__version__":
        value: object = _version()
    elif name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module 'retold' has no attribute {name!r}")
    globals()[name] = value
    return value


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("retold")
    except metadata.PackageNotFoundError:  # a checkout that was not installed
        return "0.0.0+unknown"


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
