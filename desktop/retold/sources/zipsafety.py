"""Checks on a zip container (docx, odt) before any XML parser sees its contents.

A hostile file can be a zip bomb (tiny on disk, gigabytes inflated) or carry XML entity
declarations (billion laughs, external entities). We refuse both before parsing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from retold.sources.budget import ReadBudget, count_start_tags
from retold.sources.encoding import binary_kind
from retold.sources.model import ExtractionError

_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_READ_CHUNK = 1 << 20
_BINARY_PARTS = (  # media a document carries: never XML, so not scanned
    *(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp"),
    *(".bin", ".ttf", ".otf", ".odttf", ".mp3", ".mp4", ".wav"),
)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_members: int = 2000
    max_total_size: int = 100 * 1024 * 1024  # uncompressed bytes of all members
    max_ratio: float = 200.0  # uncompressed / compressed, per member


def open_zip(data: bytes, label: str, limits: ZipLimits = ZipLimits()) -> zipfile.ZipFile:
    """Open the container after checking its table of contents against ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        kind = binary_kind(data)
        if kind is not None and not data.startswith(b"PK"):
            message = f"{label} is not what its name says: it looks like {kind}."
            raise ExtractionError(message) from error
        raise ExtractionError(f"{label} is damaged: it is not a readable zip container.") from error
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ExtractionError(f"{label} has {len(members)} parts, too many for a document.")
    if sum(member.file_size for member in members) > limits.max_total_size:
        raise ExtractionError(
            f"{label} would expand to more than {limits.max_total_size // 2**20} MB; "
            "Retold refuses it as a possible zip bomb."
        )
    for member in members:
        if member.file_size > max(member.compress_size, 1) * limits.max_ratio and (
            member.file_size > _READ_CHUNK
        ):
            raise ExtractionError(
                f"{label} contains a part that is compressed suspiciously well "
                f"({member.filename}); Retold refuses it as a possible zip bomb."
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, label: str, limit: int) -> bytes:
    """Read one member, stopping at ``limit`` bytes whatever the header claims."""
    try:
        with archive.open(name) as stream:
            chunks: list[bytes] = []
            total = 0
            while chunk := stream.read(_READ_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise ExtractionError(f"{label} has a part larger than it declares ({name}).")
                chunks.append(chunk)
    except KeyError as error:
        raise ExtractionError(f"{label} is damaged: it has no {name}.") from error
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as error:
        raise ExtractionError(f"{label} is damaged: {name} cannot be unpacked.") from error
    return b"".join(chunks)


def check_xml_parts(
    archive: zipfile.ZipFile,
    label: str,
    limits: ZipLimits = ZipLimits(),
    budget: ReadBudget | None = None,
) -> None:
    """Refuse the file if any XML part declares a DOCTYPE or entities, or has more elements or
    attributes than ``budget`` allows.

    Parts are found by content type, not by name, so every part but known binary media is
    scanned: an XML part with an odd name must not slip through. NUL bytes are dropped first,
    so that a part in UTF-16 (or UTF-32) is seen as well as one in UTF-8.
    """
    budget = budget or ReadBudget(label)
    for member in archive.infolist():
        if member.filename.lower().endswith(_BINARY_PARTS) or member.is_dir():
            continue
        data = read_member(archive, member.filename, label, limits.max_total_size)
        data = data.replace(b"\x00", b"")
        if _DECLARATION.search(data):
            raise ExtractionError(
                f"{label} contains XML entity declarations ({member.filename}), which documents "
                "from word processors never have; Retold refuses it to stay safe."
            )
        count_start_tags(data, budget)
