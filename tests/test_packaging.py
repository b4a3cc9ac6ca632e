"""Desktop integration files agree with each other and with pyproject.toml; installs undo."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.retold.Retold"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}-mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

sys.path.insert(0, str(PACKAGING))
import project_info  # noqa: E402


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_project_info_reads_name_and_version_from_pyproject() -> None:
    with (REPO / "pyproject.toml").open("rb") as stream:
        project = tomllib.load(stream)["project"]
    info = project_info.project_info()
    assert (info.name, info.version) == (project["name"], project["version"])


def test_project_info_follows_a_changed_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "retold"\nversion = "9.8.7"\n', encoding="utf-8")
    assert project_info.project_info(pyproject).version == "9.8.7"


def _run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> dict[str, dict[str, Any]]:
    """Execute retold.spec with PyInstaller's build steps recorded instead of run."""
    calls: dict[str, dict[str, Any]] = {}

    def step(name: str) -> Callable[..., SimpleNamespace]:
        def record(*args: object, **kwargs: Any) -> SimpleNamespace:
            calls[name] = kwargs
            return SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])

        return record

    hooks = ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: [(f"/site/{package}/x", package)]  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package: [package]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    namespace: dict[str, Any] = {
        n: step(n) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    }
    namespace["SPECPATH"] = str(PACKAGING)
    spec = PACKAGING / "retold.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    return calls


@pytest.mark.parametrize(
    ("platform", "icon"), [("linux", None), ("win32", "retold.ico"), ("darwin", "retold.icns")]
)
def test_spec_builds_one_folder_bundle_named_from_pyproject(
    monkeypatch: pytest.MonkeyPatch, platform: str, icon: str | None
) -> None:
    calls = _run_spec(monkeypatch, platform)
    info = project_info.project_info()
    assert calls["EXE"]["name"] == info.name
    assert calls["EXE"]["exclude_binaries"] is True  # one folder, not one file
    assert calls["COLLECT"]["name"] == info.name
    assert (calls["EXE"]["icon"] and Path(calls["EXE"]["icon"]).name) == icon
    assert (str(REPO / "desktop" / "retold" / "data"), "retold/data") in calls["Analysis"]["datas"]
    assert "PySide6.QtWidgets" not in calls["Analysis"]["excludes"]
    assert "PySide6.QtQuick" in calls["Analysis"]["excludes"]
    assert ("BUNDLE" in calls) == (platform == "darwin")


def test_spec_registers_the_retold_document_type_on_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _run_spec(monkeypatch, "darwin")["BUNDLE"]
    plist = bundle["info_plist"]
    assert bundle["version"] == plist["CFBundleShortVersionString"]
    assert bundle["version"] == project_info.project_info().version
    assert bundle["bundle_identifier"] == APP_ID
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["retold"]
    owned = [t for t in plist["CFBundleDocumentTypes"] if t["LSHandlerRank"] == "Owner"]
    assert owned[0]["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]


def test_app_id_is_shared_by_desktop_entry_metainfo_mime_and_spec() -> None:
    assert project_info.APP_ID == APP_ID
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == DESKTOP.name
    mime_type = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    assert mime_type is not None
    assert mime_type.get("type") == project_info.MIME_TYPE
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == "*.retold"  # type: ignore[union-attr]
    assert project_info.MIME_TYPE in entry["MimeType"].split(";")
    assert metainfo.findtext("provides/mediatype") == project_info.MIME_TYPE


def test_desktop_entry_runs_the_retold_command() -> None:
    entry = _desktop_entry()
    with (REPO / "pyproject.toml").open("rb") as stream:
        scripts = tomllib.load(stream)["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Version"] == "1.0"
    assert entry["Categories"] == "Utility;TextTools;"


def test_metainfo_has_a_release_for_the_current_version() -> None:
    metainfo = ET.parse(METAINFO).getroot()
    versions = [r.get("version") for r in metainfo.iter("release")]
    assert project_info.project_info().version in versions


def test_icons_exist_and_match_their_sizes() -> None:
    icons = REPO / "desktop" / "retold" / "data" / "icons"
    for size in (16, 32, 48, 128, 256):
        data = (icons / f"retold-{size}.png").read_bytes()
        width, height = struct.unpack(">II", data[16:24])  # PNG IHDR
        assert (width, height) == (size, size)
    ico = (icons / "retold.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and struct.unpack("<H", ico[4:6])[0] >= 4
    icns = (icons / "retold.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic08" in icns  # the 256 px entry macOS uses in Finder


@pytest.mark.parametrize("path", [DESKTOP])
def test_desktop_file_validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt: desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_validate() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt: appstream)")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    launcher = bundle / "retold"
    launcher.write_text('#!/bin/sh\necho "fake retold $*"\n', encoding="utf-8")
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    return bundle


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")
def test_install_then_uninstall_leaves_nothing_behind(tmp_path: Path, fake_bundle: Path) -> None:
    home = tmp_path / "my home"  # a space, which the desktop entry's Exec must quote
    data = home / "data"  # an XDG_DATA_HOME that is not ~/.local/share
    (home / "Documents").mkdir(parents=True)  # something of the user's that must stay
    (home / "Documents" / "notes.txt").write_text("mine", encoding="utf-8")
    before = _tree(home)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data)}
    env.pop("RETOLD_INSTALL_DIR", None)

    run = subprocess.run
    run([str(LINUX / "install.sh"), str(fake_bundle)], env=env, check=True, capture_output=True)
    entry = data / "applications" / DESKTOP.name
    assert f'Exec="{home}/.local/bin/retold" %F' in entry.read_text(encoding="utf-8")
    if validate := shutil.which("desktop-file-validate"):
        run([validate, str(entry)], check=True, capture_output=True)
    assert (data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    assert (data / "mime/packages" / MIME_XML.name).is_file()
    launched = run([str(home / ".local/bin/retold"), "x"], capture_output=True, text=True)
    assert launched.stdout.strip() == "fake retold x"

    # Installing again replaces the first install rather than failing or duplicating it.
    run([str(LINUX / "install.sh"), str(fake_bundle)], env=env, check=True, capture_output=True)
    installed = home / ".local/opt/retold"
    run([str(installed / "uninstall.sh")], env=env, check=True, capture_output=True)
    assert _tree(home) == before


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")
@pytest.mark.skipif(
    not (shutil.which("update-desktop-database") and shutil.which("update-mime-database")),
    reason="the desktop database tools are not installed (apt: desktop-file-utils, "
    "shared-mime-info)",
)
def test_uninstall_leaves_other_applications_entries_and_caches_as_they_were(
    tmp_path: Path, fake_bundle: Path
) -> None:
    home = tmp_path / "home"
    data = home / ".local/share"
    (data / "applications").mkdir(parents=True)
    (data / "applications/other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other %F\nMimeType=text/plain;\n",
        encoding="utf-8",
    )
    (data / "mime/packages").mkdir(parents=True)
    (data / "mime/packages/other.xml").write_text(
        '<?xml version="1.0"?><mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-'
        'info"><mime-type type="application/x-other"><glob pattern="*.oth"/></mime-type>'
        "</mime-info>",
        encoding="utf-8",
    )
    subprocess.run(["update-desktop-database", "-q", str(data / "applications")], check=True)
    subprocess.run(["update-mime-database", str(data / "mime")], check=True, capture_output=True)

    def contents() -> dict[str, bytes]:
        return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}

    before = contents()
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    env.pop("RETOLD_INSTALL_DIR", None)
    subprocess.run([str(LINUX / "install.sh"), str(fake_bundle)], env=env, check=True)
    cache = (data / "applications/mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{APP_ID}.desktop" in cache and "other.desktop" in cache
    installed = home / ".local/opt/retold/uninstall.sh"
    subprocess.run([str(installed)], env=env, check=True, capture_output=True)
    assert contents() == before


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")
def test_an_install_that_fails_halfway_takes_itself_back(tmp_path: Path, fake_bundle: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local/share"
    data.mkdir(parents=True)
    (data / "metainfo").write_text("in the way", encoding="utf-8")  # fails after the menu entry
    before = _tree(home)
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    env.pop("RETOLD_INSTALL_DIR", None)
    install = [str(LINUX / "install.sh"), str(fake_bundle)]
    failed = subprocess.run(install, env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "removing what it had installed" in failed.stderr
    assert _tree(home) == before
    (data / "metainfo").unlink()  # and the next attempt is not refused
    subprocess.run(install, env=env, check=True, capture_output=True)


# The MIME type of every extension the readers take (retold.sources.loader), for the menu entry.
ARTICLE_MIME_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".pdf": "application/pdf",
}


def test_the_menu_entry_offers_every_readable_format() -> None:
    from retold.sources.loader import SUPPORTED_EXTENSIONS

    assert set(SUPPORTED_EXTENSIONS) == set(ARTICLE_MIME_TYPES)
    offered = set(_desktop_entry()["MimeType"].split(";"))
    assert set(ARTICLE_MIME_TYPES.values()) <= offered


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux installer")
def test_install_refuses_to_overwrite_a_foreign_launcher(tmp_path: Path, fake_bundle: Path) -> None:
    home = tmp_path / "home"
    (home / ".local/bin").mkdir(parents=True)
    (home / ".local/bin/retold").write_text("someone else's", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    result = subprocess.run(
        [str(LINUX / "install.sh"), str(fake_bundle)], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert (home / ".local/bin/retold").read_text(encoding="utf-8") == "someone else's"
