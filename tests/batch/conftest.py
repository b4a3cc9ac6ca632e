"""Fixture texts written for these tests: an original, copies of it, and texts that are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.batch.reading import read_record
from retold.batch.records import SourceRecord

TEXTS = Path(__file__).resolve().parent / "texts"
DERIVED = ("cut.txt", "heavy.txt")  # a cut-and-paste copy and a heavy paraphrase
INDEPENDENT = ("independent.txt", "unrelated.txt")  # same topic, written apart; another topic


@pytest.fixture
def texts() -> Path:
    return TEXTS


@pytest.fixture
def original() -> SourceRecord:
    return read_record(TEXTS / "original.txt")
