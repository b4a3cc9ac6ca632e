"""Summary figures on the non-space characters of prose."""

from __future__ import annotations

import pytest

from retold.engine.compare import compare


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def test_shares_add_up_and_leave_boilerplate_out() -> None:
    kept = "The ferry service to the island resumes on Friday after the storm."
    dropped = "Repairs to the pier cost the county about two million dollars."
    new = "Passengers are advised to book their tickets online in advance."
    notice = "You have a preview view of this article while we are checking your access."
    c = compare(f"{notice}\n{kept} {dropped}", f"{kept} {new}")
    s = c.stats
    assert s.original_chars == _nonspace(kept + dropped)
    assert s.rewrite_chars == _nonspace(kept + new)
    assert s.identical_share == _nonspace(kept) / s.original_chars
    assert s.removed_share == _nonspace(dropped) / s.original_chars
    assert s.new_share == _nonspace(new) / s.rewrite_chars
    assert s.reused_share + s.removed_share == pytest.approx(1.0)
    assert s.identical_share + s.edited_share + s.reworded_share == pytest.approx(s.reused_share)
    assert (s.links, s.moved, s.merged, s.split) == (1, 0, 0, 0)
