"""Retold's bundled resources (sample pair, icons, schemas), read as package data.

They live in the package (``retold/data/``) and are found with ``importlib.resources``, the same
way from a checkout, an installed wheel and the PyInstaller bundle; no symbolic link is needed
(git on Windows checks one out as a text file). Callers get real paths: the window opens the
sample as files, and Qt loads the icon from one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_dir() -> Path:
    """The folder that holds ``sample/``, icons and schemas."""
    data = files("retold") / "data"
    if not isinstance(data, Path):  # a zip import: Retold is never installed so
        raise RuntimeError(f"Retold's data is not on the file system ({data}); reinstall Retold.")
    return data


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def sample_paths() -> tuple[Path, Path]:
    """The built-in sample pair: (original, rewrite)."""
    return resource_path("sample", "original.txt"), resource_path("sample", "rewrite.txt")
