"""Name, version and ids of the app, read from pyproject.toml: the one place they are written.

Imported by retold.spec (PyInstaller) and by the packaging tests; needs only the standard library.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.retold.Retold"  # shared by the .desktop file, metainfo and setDesktopFileName
MIME_TYPE = "application/x-retold"
FILE_SUFFIX = "retold"


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    version: str
    description: str


def project_info(pyproject: Path = ROOT / "pyproject.toml") -> ProjectInfo:
    with pyproject.open("rb") as stream:
        project = tomllib.load(stream)["project"]
    return ProjectInfo(project["name"], project["version"], project.get("description", ""))
