"""Errors a report writer raises; ``str(error)`` is a sentence a person understands."""

from __future__ import annotations


class ExportError(Exception):
    """The report could not be written."""


class ExportCancelled(ExportError):
    """The user cancelled the export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")
