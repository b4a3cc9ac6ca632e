"""Find Retold's bundled resources from a checkout, an installed package or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The folder that holds ``sample/``, icons and templates."""
    bundle_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller
    if bundle_root is not None:
        return Path(bundle_root) / "retold" / "data"
    return Path(__file__).resolve().parent / "data"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def sample_paths() -> tuple[Path, Path]:
    """The built-in sample pair: (original, rewrite)."""
    return resource_path("sample", "original.txt"), resource_path("sample", "rewrite.txt")
