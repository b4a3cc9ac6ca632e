"""Typed settings, declared once with their defaults, stored as JSON beside nothing else.

Preferences (what the user chose) and window state (where the window was) live in separate
dataclasses and are saved side by side in one file. Nothing here runs at import time: the
caller builds a ``SettingsStore`` for a folder and passes the loaded settings in.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from retold.atomic import write_atomic

MAX_RECENT = 10
DEFAULT_FONT_SIZE = 11
MIN_FONT_SIZE = 7
MAX_FONT_SIZE = 32
VIEW_OPTIONS = ("show_only_changes", "hide_boilerplate", "font_point_size")  # saved with a pair


@dataclass(frozen=True, slots=True)
class Preferences:
    show_only_changes: bool = False
    hide_boilerplate: bool = True
    # View > Use the sentence model (where installed): its evidence beside the words'.
    use_sentence_model: bool = True
    font_point_size: int = DEFAULT_FONT_SIZE
    recent_files: tuple[str, ...] = ()
    last_folder: str = ""

    def with_recent(self, path: str) -> Preferences:
        """The most recent first, without duplicates, at most ``MAX_RECENT``."""
        recent = (path, *(p for p in self.recent_files if p != path))
        return replace(self, recent_files=recent[:MAX_RECENT])


@dataclass(frozen=True, slots=True)
class WindowState:
    """Opaque Qt blobs (``saveGeometry``/``saveState``) as base64 text; empty means default."""

    geometry: str = ""
    state: str = ""
    splitter: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    preferences: Preferences = field(default_factory=Preferences)
    window: WindowState = field(default_factory=WindowState)


@dataclass(frozen=True, slots=True)
class LoadResult:
    settings: Settings
    notice: str | None = None  # a sentence for the banner when the file could not be used


def _coerce(cls: type[Any], raw: object) -> Any:
    """Build ``cls`` from a JSON object, keeping only known keys of the right type."""
    if not isinstance(raw, dict):
        return cls()
    default = cls()
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in raw:
            continue
        value = raw[f.name]
        expected = getattr(default, f.name)
        if isinstance(expected, tuple):
            if not isinstance(value, list):
                continue
            kind = str if f.name == "recent_files" else int
            value = tuple(v for v in value if isinstance(v, kind) and not isinstance(v, bool))
        elif type(value) is not type(expected):
            continue  # a wrong type falls back to the default rather than failing later
        values[f.name] = value
    return cls(**values)


def _clamp_font(prefs: Preferences) -> Preferences:
    size = min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, prefs.font_point_size))
    return replace(prefs, font_point_size=size)


def view_options(prefs: Preferences) -> dict[str, object]:
    """The preferences that shape the comparison view, as a saved comparison keeps them."""
    return {name: getattr(prefs, name) for name in VIEW_OPTIONS}


def view_changes(saved: Mapping[str, object]) -> dict[str, Any]:
    """The saved view options that are known and of the right type; the rest are ignored."""
    default = Preferences()
    changes: dict[str, Any] = {
        name: saved[name]
        for name in VIEW_OPTIONS
        if name in saved and type(saved[name]) is type(getattr(default, name))
    }
    if "font_point_size" in changes:
        changes["font_point_size"] = _clamp_font(replace(default, **changes)).font_point_size
    return changes


class SettingsStore:
    """Reads and writes ``settings.json`` in ``folder`` (platformdirs ``user_config_dir``)."""

    FILE_NAME = "settings.json"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / self.FILE_NAME

    @classmethod
    def default(cls) -> SettingsStore:
        from platformdirs import user_config_dir

        return cls(Path(user_config_dir("retold", appauthor=False)))

    def load(self) -> LoadResult:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(Settings())
        except OSError as error:
            return LoadResult(Settings(), f"Settings could not be read ({error.strerror}).")
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError("not an object")
        except ValueError:
            return LoadResult(Settings(), self._set_aside())
        prefs = _clamp_font(_coerce(Preferences, raw.get("preferences")))
        window = _coerce(WindowState, raw.get("window"))
        return LoadResult(Settings(prefs, window))

    def _set_aside(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.FILE_NAME}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError:
            return "Settings were damaged and could not be moved aside; defaults are in use."
        return f"Settings were damaged and have been reset; the old file is kept as {aside.name}."

    def save(self, settings: Settings) -> None:
        """Write atomically (a crash never leaves half a file); raise OSError on failure."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"version": 1, "preferences": asdict(settings.preferences)}
        data["window"] = asdict(settings.window)
        write_atomic(self.path, json.dumps(data, indent=2).encode("utf-8"))
