"""How much work one file may make a reader do, checked while it reads, not after.

A 2 KB OpenDocument file can ask for a billion spaces, a web page for 200,000 attributes on one
element: each reader counts what it expands and builds against these limits, and stops with a
message the moment one is passed, before the memory or the time is spent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.sources.model import ExtractionError

# A start tag, up to the next < or >: what a parser will turn into an element.
_START_TAG = re.compile(rb"<[A-Za-z][^<>]*+")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    # Expanded characters of text: the loader's byte cap (50 MB) read as characters.
    max_chars: int = 50 * 1024 * 1024
    max_elements: int = 1_000_000  # XML or HTML elements in one document
    max_attributes: int = 256  # on one element; office files and web pages use a handful
    max_total_attributes: int = 2_000_000
    max_depth: int = 256  # libxml2's own default


class ReadBudget:
    """Counts one file's expanded characters, elements and attributes against ``limits``."""

    def __init__(self, label: str, limits: ReadLimits = ReadLimits()) -> None:
        self.label = label
        self.limits = limits
        self.chars = 0
        self.elements = 0
        self.attributes = 0

    def spend_chars(self, count: int) -> None:
        self.chars += count
        if self.chars > self.limits.max_chars:
            raise ExtractionError(
                f"{self.label} would expand to more than {self.limits.max_chars / 1e6:.0f} "
                "million characters of text, far more than any article; Retold refuses it."
            )

    def element(self, attributes: int, depth: int = 0) -> None:
        """Count one element with ``attributes`` attributes, ``depth`` levels deep."""
        limits = self.limits
        self.elements += 1
        self.attributes += attributes
        if self.elements > limits.max_elements:
            raise ExtractionError(
                f"{self.label} has more than {limits.max_elements:,} elements, far more than "
                "any article; Retold refuses it."
            )
        if attributes > limits.max_attributes:
            raise ExtractionError(
                f"{self.label} has an element with {attributes:,} attributes (documents have a "
                f"few, Retold reads up to {limits.max_attributes}); Retold refuses it."
            )
        if self.attributes > limits.max_total_attributes:
            raise ExtractionError(
                f"{self.label} has more than {limits.max_total_attributes:,} attributes; "
                "Retold refuses it."
            )
        if depth > limits.max_depth:
            raise ExtractionError(
                f"{self.label} nests its elements more than {limits.max_depth} deep; "
                "Retold refuses it."
            )


def count_start_tags(markup: bytes, budget: ReadBudget) -> None:
    """Count the elements and attributes of HTML or XML from its bytes, before a parser builds
    them: libxml2 checks each attribute against all the others of its element, so 200,000 of
    them on one element took minutes. The words of a start tag stand in for its attributes
    (a class of three names counts three): a generous over-count. UTF-16 markup is counted
    with its NUL bytes dropped."""
    for tag in _START_TAG.finditer(markup):
        budget.element(len(tag.group().split()) - 1)
