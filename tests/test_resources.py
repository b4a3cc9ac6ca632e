"""Package data (sample pair, icons, schemas) is found from a checkout and from an installed
wheel with importlib.resources, and no symbolic link is tracked (git on Windows checks one out
as a text file). The PyInstaller bundle is checked by packaging/smoke.sh (--self-test opens the
sample from inside the bundle)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from retold.resources import resource_dir, resource_path, sample_paths

REPO = Path(__file__).resolve().parent.parent
# Run in a child whose only Retold is the unpacked wheel: prints where its data was found.
_FIND = """
import json, retold.resources as r
samples = [p.read_text(encoding="utf-8")[:40] for p in r.sample_paths()]
schema = r.resource_path("schema", "retold-report.schema.json").is_file()
icon = r.resource_path("icons", "retold.svg").is_file()
print(json.dumps([str(r.resource_dir()), samples, schema, icon]))
"""


def test_found_in_the_checkout() -> None:
    assert resource_dir() == REPO / "desktop" / "retold" / "data"
    assert all(path.is_file() for path in sample_paths())
    assert json.loads(resource_path("schema", "retold-report.schema.json").read_text("utf-8"))


def test_no_symbolic_link_is_tracked() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "-s"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert [line for line in listing.splitlines() if line.startswith("120000")] == []


@pytest.mark.slow
def test_found_in_an_installed_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("retold-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:  # a pure-Python wheel installs by unpacking
        archive.extractall(site)
    found = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r})\n{_FIND}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    folder, samples, schema, icon = json.loads(found.stdout)
    assert Path(folder) == site / "retold" / "data"
    assert [text[:10] for text in samples] == [p.read_text("utf-8")[:10] for p in sample_paths()]
    assert schema and icon
