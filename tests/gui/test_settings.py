from __future__ import annotations

import json
from pathlib import Path

from retold.gui.settings import (
    MAX_FONT_SIZE,
    MAX_RECENT,
    Preferences,
    Settings,
    SettingsStore,
    WindowState,
    view_changes,
    view_options,
)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path).load()
    assert result.settings == Settings()
    assert result.notice is None


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "deep" / "config")
    prefs = Preferences(show_only_changes=True, hide_boilerplate=False, font_point_size=14)
    prefs = prefs.with_recent("/a.txt").with_recent("/b.txt").with_recent("/a.txt")
    window = WindowState(geometry="AAEC", state="AQID", splitter=(300, 200))
    store.save(Settings(prefs, window))
    loaded = SettingsStore(tmp_path / "deep" / "config").load()
    assert loaded.notice is None
    assert loaded.settings.preferences == prefs
    assert loaded.settings.preferences.recent_files == ("/a.txt", "/b.txt")
    assert loaded.settings.window == window
    assert [p.name for p in store.folder.iterdir()] == ["settings.json"]  # no temp file left


def test_recent_files_are_capped() -> None:
    prefs = Preferences()
    for n in range(MAX_RECENT + 5):
        prefs = prefs.with_recent(f"/{n}.txt")
    assert len(prefs.recent_files) == MAX_RECENT
    assert prefs.recent_files[0] == f"/{MAX_RECENT + 4}.txt"


def test_corrupt_file_is_set_aside(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text("{not json", encoding="utf-8")
    result = store.load()
    assert result.settings == Settings()
    assert result.notice is not None and "reset" in result.notice
    aside = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert not store.path.exists()
    assert aside[0].name in result.notice


def test_wrong_types_fall_back_to_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    raw = {
        "preferences": {
            "show_only_changes": "yes",
            "font_point_size": 500,
            "recent_files": ["/ok.txt", 3, None],
            "unknown": 1,
        },
        "window": {"splitter": [1, "x", 2]},
    }
    store.path.write_text(json.dumps(raw), encoding="utf-8")
    settings = store.load().settings
    assert settings.preferences.show_only_changes is False
    assert settings.preferences.font_point_size == MAX_FONT_SIZE
    assert settings.preferences.recent_files == ("/ok.txt",)
    assert settings.window.splitter == (1, 2)


def test_json_that_is_not_an_object_is_set_aside(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text("[1, 2]", encoding="utf-8")
    assert store.load().notice is not None
    assert list(tmp_path.glob("settings.json.corrupt-*"))


def test_saved_view_options_keep_only_known_well_typed_values() -> None:
    prefs = Preferences(show_only_changes=True, font_point_size=13)
    assert view_options(prefs) == {
        "show_only_changes": True,
        "hide_boilerplate": True,
        "font_point_size": 13,
    }
    saved = {"show_only_changes": 1, "hide_boilerplate": False, "font_point_size": 99, "x": 2}
    assert view_changes(saved) == {"hide_boilerplate": False, "font_point_size": MAX_FONT_SIZE}
    assert view_changes({"font_point_size": True}) == {}
