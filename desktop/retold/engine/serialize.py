"""The stable, versioned JSON report of a comparison, and reading it back.

The layout is documented by ``desktop/retold/data/schema/retold-report.schema.json``; bump
``REPORT_VERSION`` on any change that an older reader would misread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from typing import Any

from retold.engine.model import (
    Change,
    ChangeKind,
    Comparison,
    ComparisonWarning,
    Document,
    Fact,
    Link,
    LinkKind,
    OptionValues,
    Origin,
    Sentence,
    Span,
    Stats,
)

SCHEMA_ID = "https://retold.invalid/schema/retold-report.schema.json"
REPORT_VERSION = 1


def _generator_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("retold")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def _spans(spans: Sequence[Span]) -> list[list[int]]:
    return [[s, e] for s, e in spans]


def _span_or_none(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _document(doc: Document) -> dict[str, object]:
    return {
        "name": doc.name,
        "sha256": doc.sha256,
        "text": doc.text,
        "sentences": _spans([s.span for s in doc.sentences]),
        "sentence_paragraphs": [s.paragraph for s in doc.sentences],
        "paragraphs": _spans(doc.paragraphs),
        "boilerplate": _spans(doc.boilerplate),
        "boilerplate_kinds": [s.furniture for s in doc.sentences if s.boilerplate],
    }


def _link(link: Link) -> dict[str, object]:
    return {
        "kind": link.kind.value,
        "original": _spans(link.original),
        "rewrite": _spans(link.rewrite),
        "original_sentences": list(link.original_sentences),
        "rewrite_sentences": list(link.rewrite_sentences),
        "moved": link.moved,
        "similarity": link.similarity,
        "changes": [
            {
                "kind": c.kind.value,
                "original": _span_or_none(c.original),
                "rewrite": _span_or_none(c.rewrite),
            }
            for c in link.changes
        ],
        "kept": [{"original": list(o), "rewrite": list(r)} for o, r in link.kept],
        "origin": link.origin.value,
        "facts": [
            {
                "kind": f.kind,
                "original": _span_or_none(f.original),
                "rewrite": _span_or_none(f.rewrite),
                "note": f.note,
            }
            for f in link.facts
        ],
        "found_by_model": link.found_by_model,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, object]:
    """The JSON-ready report: plain dicts, lists, strings and numbers."""
    found = _without_links(comparison)
    found["links"] = [_link(link) for link in comparison.links]
    return {key: found[key] for key in _KEYS}


def comparison_json(
    comparison: Comparison, progress: Callable[[float], None] | None = None
) -> Iterator[str]:
    """The report as JSON text, in pieces, one document's and one link's dict made at a time:
    a 50 MB comparison's documents and links never stand in memory twice (as dicts, and as
    the text). ``progress`` is told the share made now and then (it may raise to stop).

    One field per line at the top and in each document, one link (or warning) per line, each
    line written whole by json's C encoder (``indent`` would send every value through its pure
    Python one, three times slower); the data are ``comparison_to_dict``'s."""
    found = _without_links(comparison, documents=False)
    tell = progress or _no_progress
    # Shares of the text: each document's (its text, mostly), then the links'.
    texts = len(comparison.original.text) + len(comparison.rewrite.text)
    links = len(comparison.links) * _LINK_CHARS
    shares = {
        "original": len(comparison.original.text) / max(1, texts + links),
        "rewrite": texts / max(1, texts + links),
    }
    tell(0.0)
    yield "{"
    for k, key in enumerate(_KEYS):
        yield f"{',' if k else ''}\n  {_ENCODE(key)}: "
        if key in shares:
            document = _document(getattr(comparison, key))
            before = 0.0 if key == "original" else shares["original"]
            tell(before + (shares[key] - before) * _DOCUMENT_MADE)
            yield from _fields(document, "  ")
            del document
            tell(shares[key])
        elif key != "links":
            yield _lines(found[key], "  ", key in _OPENED)
        elif not comparison.links:
            yield "[]"
        else:
            start, count = shares["rewrite"], len(comparison.links)
            for n, link in enumerate(comparison.links):
                yield f"{',' if n else '['}\n    {_ENCODE(_link(link))}"
                if n % _REPORT_EVERY == _REPORT_EVERY - 1:
                    tell(min(1.0, start + (1.0 - start) * (n + 1) / count))
            yield "\n  ]"
    yield "\n}\n"
    tell(1.0)


def _no_progress(share: float) -> None:
    """No one to tell."""


_DOCUMENT_MADE = 0.4  # of the time a document takes: its dict made (the rest, its text)
_LINK_CHARS = 400  # about the length of a link's line, next to a document's text
_REPORT_EVERY = 8192  # links between two reports of progress


# One line of JSON: text left readable (not \u escapes), the default ", " and ": " separators.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_OPENED = ("original", "rewrite", "stats", "warnings")  # a field or an item a line, as links


def _fields(value: dict[str, object], indent: str) -> Iterator[str]:
    """``_lines(value, indent, opened=True)`` of a non-empty object, a field at a time, its
    name apart from its value (a document's text need not be copied into its line)."""
    inner = f"\n{indent}  "
    for n, (k, v) in enumerate(value.items()):
        yield f"{',' if n else '{'}{inner}{_ENCODE(k)}: "
        yield _ENCODE(v)
    yield f"\n{indent}}}"


def _lines(value: object, indent: str, opened: bool) -> str:
    """``value`` on one line, or, ``opened``, a non-empty object or array with one field or
    item per line, ``indent`` deep."""
    inner = f"\n{indent}  "
    if opened and isinstance(value, dict) and value:
        fields = (f"{_ENCODE(k)}: {_ENCODE(v)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(fields) + f"\n{indent}}}"
    if opened and isinstance(value, list) and value:
        return "[" + inner + ("," + inner).join(map(_ENCODE, value)) + f"\n{indent}]"
    return _ENCODE(value)


# The report's keys, in the order the JSON gives them.
_KEYS = (
    "schema", "version", "generator", "options", "original", "rewrite", "links", "stats",
    "longest_verbatim", "warnings",
)  # fmt: skip


def _without_links(comparison: Comparison, *, documents: bool = True) -> dict[str, object]:
    """The report but its links (and, unless ``documents``, its documents)."""
    stats = comparison.stats
    sides = (
        {"original": _document(comparison.original), "rewrite": _document(comparison.rewrite)}
        if documents
        else {}
    )
    return {
        "schema": SCHEMA_ID,
        "version": REPORT_VERSION,
        "generator": {"name": "retold", "version": _generator_version()},
        "options": dict(comparison.options),
        **sides,
        "stats": {f.name: getattr(stats, f.name) for f in fields(Stats)},
        "longest_verbatim": None
        if comparison.longest_verbatim is None
        else {
            "original": list(comparison.longest_verbatim[0]),
            "rewrite": list(comparison.longest_verbatim[1]),
        },
        "warnings": [
            {"kind": w.kind, "message": w.message, **dict(w.figures)} for w in comparison.warnings
        ],
    }


class ReportFormatError(ValueError):
    """A saved report that this version cannot read."""


def comparison_from_dict(data: dict[str, Any]) -> Comparison:
    """Rebuild a Comparison from ``comparison_to_dict`` output."""
    if data.get("version") != REPORT_VERSION:
        raise ReportFormatError(f"unsupported report version: {data.get('version')!r}")
    try:
        original = _read_document(data["original"])
        rewrite = _read_document(data["rewrite"])
        links = tuple(_read_link(item) for item in data["links"])
        stats = Stats(**data["stats"])
        options = OptionValues(data.get("options", {}))
        warnings = tuple(_read_warning(w) for w in data.get("warnings", ()))
        longest = data.get("longest_verbatim")
        run = None if longest is None else (_pair(longest["original"]), _pair(longest["rewrite"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ReportFormatError(f"damaged report: {error}") from error
    return Comparison(original, rewrite, links, stats, options, warnings, run)


def _read_warning(data: dict[str, Any]) -> ComparisonWarning:
    figures = tuple(
        (str(k), v)
        for k, v in data.items()
        if k not in ("kind", "message") and isinstance(v, int | float | str)
    )
    return ComparisonWarning(str(data["kind"]), str(data["message"]), figures)


def _pair(item: Sequence[int]) -> Span:
    start, end = item
    return (int(start), int(end))


def _read_document(data: dict[str, Any]) -> Document:
    flagged = [_pair(s) for s in data["boilerplate"]]
    kinds = data.get("boilerplate_kinds") or []  # absent in reports written before it was added
    boilerplate = {span: str(kinds[k]) if k < len(kinds) else "" for k, span in enumerate(flagged)}
    spans = [_pair(s) for s in data["sentences"]]
    paragraphs_of = data.get("sentence_paragraphs") or [0] * len(spans)
    sentences = tuple(
        Sentence(k, s, e, int(paragraphs_of[k]), (s, e) in boilerplate, boilerplate.get((s, e), ""))
        for k, (s, e) in enumerate(spans)
    )
    paragraphs = tuple(_pair(p) for p in data["paragraphs"])
    return Document(str(data["name"]), str(data["text"]), sentences, paragraphs, data["sha256"])


def _read_link(data: dict[str, Any]) -> Link:
    changes = tuple(
        Change(
            ChangeKind(c["kind"]),
            None if c["original"] is None else _pair(c["original"]),
            None if c["rewrite"] is None else _pair(c["rewrite"]),
        )
        for c in data["changes"]
    )
    return Link(
        LinkKind(data["kind"]),
        tuple(int(i) for i in data["original_sentences"]),
        tuple(int(j) for j in data["rewrite_sentences"]),
        tuple(_pair(s) for s in data["original"]),
        tuple(_pair(s) for s in data["rewrite"]),
        float(data["similarity"]),
        bool(data["moved"]),
        changes,
        tuple((_pair(k["original"]), _pair(k["rewrite"])) for k in data.get("kept", ())),
        Origin(data.get("origin", Origin.ENGINE)),  # reports written before corrections: engine
        tuple(
            Fact(
                str(f["kind"]),
                None if f["original"] is None else _pair(f["original"]),
                None if f["rewrite"] is None else _pair(f["rewrite"]),
                str(f.get("note", "")),
            )
            for f in data.get("facts", ())
        ),
        bool(data.get("found_by_model", False)),  # absent before the sentence model: words
    )
