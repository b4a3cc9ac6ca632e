"""Every tunable of the engine, in one frozen object passed in (never module globals)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class CompareOptions:
    # A link is made only at or above this similarity; below it sentences are added/removed.
    link_threshold: float = 0.35
    # Kinds: identical after normalisation; edited at or above this similarity; else reworded.
    edited_threshold: float = 0.75
    # Largest group on either side of a merge or split.
    max_group: int = 3
    # Flag page furniture (paywall notices, bylines, image markdown ...) as boilerplate.
    detect_boilerplate: bool = True
    # Deadline for one word diff inside a link, in seconds (diff-match-patch's Diff_Timeout).
    diff_timeout: float = 0.5

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
