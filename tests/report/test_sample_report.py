"""The built-in sample pair's HTML report, end to end through the engine, against a snapshot.

When the engine's alignment changes on purpose, regenerate with RETOLD_UPDATE_SNAPSHOTS=1 and
review the diff: it shows exactly which rows of the sample changed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from retold.api import compare_files
from retold.engine.options import CompareOptions
from retold.report.html import render_html
from retold.report.meta import ReportInfo
from retold.resources import sample_paths
from tests.report.snapshot import assert_snapshot


def test_sample_pair_html_snapshot() -> None:
    # The words alone: the snapshot is of the report, the same with or without the model.
    comparison = compare_files(*sample_paths(), CompareOptions(semantic=False))
    # No Source facts: modification times depend on the checkout; hashes stay in the documents.
    info = ReportInfo(datetime(2025, 1, 2, tzinfo=UTC), "0.0.0-snapshot")
    assert_snapshot("sample.html", render_html(comparison, info))
