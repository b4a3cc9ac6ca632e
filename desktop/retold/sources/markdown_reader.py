"""Markdown to clean prose: the words a reader sees, without the markup."""

from __future__ import annotations

import html
import re

from retold.sources.encoding import decode_text
from retold.sources.extracted import Extracted, clean_metadata

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")  # closing #s are stripped in _block_line
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTES = re.compile(r"^(?:\s{0,3}>\s?)++")  # all levels at once: `> > > …` was quadratic
# Inline patterns run in linear time on any line: a span's text may not hold the marks that
# would open another span of its kind (brackets in link text, asterisks in starred emphasis),
# so a search from each opening mark stops at the next one instead of running to the end of a
# long line and back (`*a ` or `![` repeated 100,000 times took minutes). A link's address may
# hold one level of parentheses, as Wikipedia's do.
_ADDRESS = r"\((?:[^()]|\([^()]*+\))*+\)"
_IMAGE = re.compile(rf"!\[([^\[\]]*+)\]{_ADDRESS}|!\[([^\[\]]*+)\]\[[^\[\]]*+\]")
_LINK = re.compile(rf"\[([^\[\]]++)\]{_ADDRESS}|\[([^\[\]]++)\]\[[^\[\]]*+\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]++)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*+>")
_EMPHASIS = re.compile(
    r"\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*|\*(?=[^\s*])([^*]+?)(?<=\S)\*"
    r"|~~(?=[^\s~])([^~]+?)(?<=\S)~~"
)
# Underscores only emphasise at word edges: snake_case names stay whole.
_UNDERSCORE = re.compile(
    r"(?<!\w)__(?=[^\s_])([^_]+?)(?<=\S)__(?!\w)|(?<!\w)_(?=[^\s_])([^_]+?)(?<=\S)_(?!\w)"
)
_MAX_NESTING = 6  # passes that peel nested emphasis such as ***word***
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_KEEP_OPEN, _KEEP_CLOSE = "\ue000", "\ue001"  # private-use marks around set-aside text
_KEPT = re.compile(f"{_KEEP_OPEN}(\\d+){_KEEP_CLOSE}")
# Front matter starts with a "key:" line, so two rules around a paragraph are not taken for it.
_FRONT_MATTER = re.compile(r"\A---\n(\w[\w-]*:.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_FIELD = re.compile(r"^(\w+):[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_FRONT_KEYS = ("title", "author", "date")
# Possessive: a line of 100,000 spaces is not split between two \s* in every way (36 s).
_TABLE_RULE = re.compile(r"^\s*+(?:\|\s*+)?:?-{3,}:?\s*+(?:\|\s*+:?-{3,}:?\s*+)*+\|?\s*+$")


def _inline(line: str) -> str:
    """Strip inline markup: images go, links keep their text, emphasis keeps its words.

    Code spans and backslash-escaped characters are set aside first, so that the markup rules
    leave them as they are.
    """
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"{_KEEP_OPEN}{len(kept) - 1}{_KEEP_CLOSE}"

    line = _CODE.sub(lambda m: keep(m.group(1)), line)
    line = _ESCAPE.sub(lambda m: keep(m.group(1)), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    for _ in range(_MAX_NESTING):  # nested emphasis such as ***word***
        previous, line = line, _UNDERSCORE.sub(_spanned, _EMPHASIS.sub(_spanned, line))
        if line == previous:
            break
    line = html.unescape(line)  # &amp; and friends, as a Markdown renderer shows them
    return _KEPT.sub(lambda m: _restore(m, kept), line).strip()


def _spanned(span: re.Match[str]) -> str:
    """The text inside whichever alternative of an emphasis pattern matched."""
    return span.group(span.lastindex or 0)


def _restore(mark: re.Match[str], kept: list[str]) -> str:
    index = int(mark.group(1))
    return kept[index] if index < len(kept) else mark.group()  # the text had such marks itself


def _block_line(line: str) -> str:
    """One line outside code fences, with its block markup removed."""
    heading = _HEADING.match(line)
    if heading:
        return _inline(heading.group(1).rstrip().rstrip("#").rstrip())
    if _RULE.match(line) or _LINK_DEF.match(line) or _TABLE_RULE.match(line):
        return ""
    line = _QUOTES.sub("", line, count=1)
    line = _BULLET.sub("", line)
    if line.strip().startswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    return _inline(line)


def markdown_to_text(markdown: str) -> str:
    """Paragraphs become blocks separated by a blank line; list items and headings their own."""
    blocks: list[list[str]] = [[]]
    code: set[int] = set()  # indices of fenced blocks: their line breaks are kept
    in_fence = False
    for raw in markdown.split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            blocks.append([])
            if in_fence:
                code.add(len(blocks) - 1)
            continue
        if in_fence:
            blocks[-1].append(raw.rstrip())
            continue
        if _SETEXT_RULE.match(raw) and blocks[-1]:
            blocks.append([])  # the line above was a heading
            continue
        starts_block = bool(
            _HEADING.match(raw) or _BULLET.match(raw) or raw.lstrip().startswith("|")
        )
        starts_block = starts_block or not raw.strip()
        if starts_block:
            blocks.append([])
        text = _block_line(raw)
        if text:
            blocks[-1].append(text)
        if _HEADING.match(raw):
            blocks.append([])
    joined = ("\n".join(b) if i in code else " ".join(b) for i, b in enumerate(blocks))
    return "\n\n".join(block.strip("\n") for block in joined if block.strip())


def split_front_matter(markdown: str) -> tuple[str, dict[str, str]]:
    """Static-site files open with a YAML block between ``---`` lines: its title, author and
    date become metadata, the block leaves the text."""
    found = _FRONT_MATTER.match(markdown)
    if not found:
        return markdown, {}
    fields = dict(_FRONT_FIELD.findall(found.group(1)))
    metadata = clean_metadata({key: fields.get(key, "").strip("\"'") for key in _FRONT_KEYS})
    return markdown[found.end() :], metadata


def read_markdown(data: bytes, label: str = "") -> Extracted:
    text, encoding = decode_text(data)
    body, metadata = split_front_matter(text)
    return Extracted(markdown_to_text(body), encoding, metadata)
