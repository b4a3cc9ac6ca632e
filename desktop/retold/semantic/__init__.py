"""On-device sentence embeddings beside the lexical evidence (the optional ``semantic`` extra).

The model file is made at build time and read from package data, never downloaded. No Qt, no
I/O beyond that file. Importing this package loads nothing heavy: ``installed()`` says whether
the extra and its model are here, and the encoder is imported when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retold.semantic.encoder import SentenceEncoder
    from retold.semantic.weights import ModelUnavailable

__all__ = ["ModelUnavailable", "SentenceEncoder", "installed"]


def installed() -> bool:
    """The extra's libraries import and the model file is there (the model is not loaded)."""
    try:
        from retold.semantic.scorer import Semantic  # noqa: F401  (numpy, threadpoolctl)
        from retold.semantic.weights import model_path
    except ImportError:
        return False
    return model_path().is_file()


def __getattr__(name: str) -> object:
    if name == "SentenceEncoder":
        from retold.semantic.encoder import SentenceEncoder

        return SentenceEncoder
    if name == "ModelUnavailable":
        from retold.semantic.weights import ModelUnavailable

        return ModelUnavailable
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
