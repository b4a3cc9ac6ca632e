"""Summary figures of a comparison, on the non-space characters of prose (no boilerplate)."""

from __future__ import annotations

from collections.abc import Sequence

from retold.engine.model import Document, Link, LinkKind, Origin, Stats


def sentence_chars(doc: Document) -> list[int]:
    """Non-space characters of each sentence, counted once per document."""
    text = doc.text
    return [len("".join(text[s.start : s.end].split())) for s in doc.sentences]


def compute_stats(original: Document, rewrite: Document, links: Sequence[Link]) -> Stats:
    o_chars, r_chars = sentence_chars(original), sentence_chars(rewrite)
    orig_total = sum(o_chars[s.index] for s in original.sentences if not s.boilerplate)
    rew_total = sum(r_chars[s.index] for s in rewrite.sentences if not s.boilerplate)
    per_kind: dict[LinkKind, int] = dict.fromkeys(LinkKind, 0)
    added = 0
    for link in links:
        if link.kind is LinkKind.ADDED:
            added += sum(r_chars[j] for j in link.rewrite_sentences)
        else:
            per_kind[link.kind] += sum(o_chars[i] for i in link.original_sentences)
    matches = [link for link in links if link.is_match]

    def share(n: int, total: int) -> float:
        return n / total if total else 0.0

    reused = per_kind[LinkKind.IDENTICAL] + per_kind[LinkKind.EDITED] + per_kind[LinkKind.REWORDED]
    return Stats(
        original_chars=orig_total,
        rewrite_chars=rew_total,
        reused_share=share(reused, orig_total),
        identical_share=share(per_kind[LinkKind.IDENTICAL], orig_total),
        edited_share=share(per_kind[LinkKind.EDITED], orig_total),
        reworded_share=share(per_kind[LinkKind.REWORDED], orig_total),
        removed_share=share(per_kind[LinkKind.REMOVED], orig_total),
        new_share=share(added, rew_total),
        moved=sum(1 for link in matches if link.moved),
        merged=sum(
            1 for link in matches if len(link.original_sentences) > len(link.rewrite_sentences)
        ),
        split=sum(
            1 for link in matches if len(link.original_sentences) < len(link.rewrite_sentences)
        ),
        links=len(matches),
        manual=sum(1 for link in links if link.origin is Origin.MANUAL),
    )
