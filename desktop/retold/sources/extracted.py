"""What every format reader returns to the loader."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text taken out of one file, before the loader adds the file's facts."""

    text: str
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # what a user should know about the reading, one line each


def clean_metadata(values: dict[str, object | None]) -> dict[str, str]:
    """Keep the fields that have a non-blank value, as stripped strings."""
    texts = {key: str(value).strip() for key, value in values.items() if value is not None}
    return {key: text for key, text in texts.items() if text}


def join_blocks(blocks: list[str]) -> str:
    """Paragraphs separated by one blank line; blank blocks dropped."""
    return "\n\n".join(block.strip() for block in blocks if block.strip())
