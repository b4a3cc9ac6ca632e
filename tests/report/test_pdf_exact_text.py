"""Hashes, file names, numbers and quotations copy out of the PDF exactly (no ligatures, no
hash broken over two lines), as ``pdftotext`` reads them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from retold.api import compare_sources
from retold.report.export import write_report
from retold.sources.loader import load_source


def _lines(path: Path) -> list[str]:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def _report(original: Path, rewrite: Path, target: Path) -> list[str]:
    sources = (load_source(original), load_source(rewrite))
    write_report(compare_sources(*sources), "pdf", target, sources=sources)
    return _lines(target)


def test_names_and_hashes_copy_out_whole(tmp_path: Path) -> None:
    original = tmp_path / "office_affairs_ff7e7f58.txt"
    rewrite = tmp_path / "000_72ccf2e9ff7e7f58_fluffier.txt"
    original.write_text("The official figures affect 1,250 firms.\nIt is final.\n", "utf-8")
    rewrite.write_text("The official figures affect 1,250 firms.\nIt is not final.\n", "utf-8")
    lines = _report(original, rewrite, tmp_path / "report.pdf")
    text = "\n".join(lines)
    for path in (original, rewrite):
        assert path.name in text
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert any(digest in line for line in lines), digest  # on one line
    assert not any(ligature in text for ligature in "ﬀﬁﬂﬃﬄ")
    assert "affect 1,250 firms" in text and "Modified" in text


def test_seed_pair_names_and_hashes(shared: Path, tmp_path: Path) -> None:
    seeds = shared / "seeds"
    original, rewrite = seeds / "001_7fbc60f51aee3b8a.txt", seeds / "000_72ccf2e9ff7e7f58.txt"
    lines = _report(original, rewrite, tmp_path / "seed.pdf")
    for path in (original, rewrite):
        assert any(path.name in line for line in lines), path.name
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert any(digest in line for line in lines), digest
