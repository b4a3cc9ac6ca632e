"""The report's header: which files were compared, when, by which version, with which options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from retold import __version__
from retold.engine.model import Comparison, Document
from retold.report.rows import numbering, percent
from retold.sources.model import Source


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What is not in the Comparison; fixed by tests so that snapshots stay stable."""

    generated: datetime
    version: str
    sources: tuple[Source, Source] | None = None


def current_info(sources: tuple[Source, Source] | None = None) -> ReportInfo:
    return ReportInfo(datetime.now(UTC).astimezone(), __version__, sources)


def source_facts(document: Document, source: Source | None) -> list[tuple[str, str]]:
    """Label/value pairs describing one side; only facts that are known."""
    facts: list[tuple[str, str]] = []
    title = source.metadata.get("title") if source is not None else None
    if title:
        facts.append(("Title", title))
    facts.append(("File", source.path.name if source and source.path else document.name))
    if source is not None:
        facts.append(("Format", source.format))
        if source.size is not None:
            facts.append(("Size", size_with_bytes(source.size)))
        if source.modified is not None:
            facts.append(("Modified", format_time(datetime.fromtimestamp(source.modified, UTC))))
    sha256 = (source.sha256 if source is not None else None) or document.sha256
    if sha256:
        facts.append(("SHA-256", sha256))
    facts.append(("Sentences", str(max(numbering(document), default=0))))  # as people count
    return facts


def stat_facts(comparison: Comparison) -> list[tuple[str, str]]:
    stats = comparison.stats
    return [
        ("Original reused", percent(stats.reused_share)),
        ("Identical", percent(stats.identical_share)),
        ("Edited", percent(stats.edited_share)),
        ("Reworded", percent(stats.reworded_share)),
        ("Removed", percent(stats.removed_share)),
        ("New in rewrite", percent(stats.new_share)),
        ("Links", str(stats.links)),
        ("Moved", str(stats.moved)),
        ("Merged", str(stats.merged)),
        ("Split", str(stats.split)),
        *([("Links set by hand", str(stats.manual))] if stats.manual else []),
        ("Original characters", f"{stats.original_chars:,}"),
        ("Rewrite characters", f"{stats.rewrite_chars:,}"),
    ]


def option_facts(comparison: Comparison) -> list[tuple[str, str]]:
    return [(str(key).replace("_", " "), str(value)) for key, value in comparison.options.items()]


def size_with_bytes(size: int) -> str:
    """``3.3 KB (3,372 bytes)``: a report states the exact size (the window and messages round
    it, with ``sources.loader.rounded_size``)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB ({size:,} bytes)"
    return f"{size / 1024 / 1024:.1f} MB ({size:,} bytes)"


def format_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip()


def generated_line(info: ReportInfo) -> str:
    return f"Compared {format_time(info.generated)} with Retold {info.version}"
