"""On-device sentence embeddings beside the lexical evidence (the optional ``semantic`` extra).

Importing this package needs numpy (``pip install retold[semantic]``); the model file is made
at build time and read from package data, never downloaded. No Qt, no I/O beyond the file.
"""

from __future__ import annotations

from retold.semantic.encoder import SentenceEncoder
from retold.semantic.weights import ModelUnavailable

__all__ = ["ModelUnavailable", "SentenceEncoder"]
