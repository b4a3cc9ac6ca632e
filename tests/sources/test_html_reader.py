"""Saved web pages: the article's paragraphs only, and never a network connection."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from retold.sources.html_reader import fallback_text, read_html
from retold.sources.loader import load_source
from retold.sources.model import EmptyFileError

PARAGRAPHS = [
    "The Treasury delegation arrived in Nanjing on Monday for the final meeting of the "
    "financial working group, officials said, after months of preparation on both sides.",
    "Both governments described the talks as candid, and said they would keep the channels "
    "open whatever happens after the change of administration in Washington next month.",
    "Analysts said the meeting was mostly symbolic but that regular contact between the "
    "world’s two largest economies had reduced the risk of sudden misunderstandings.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Treasury team meets in Nanjing</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-12-11T05:03:00Z">
<script>var tracking = "SCRIPT-SECRET"; fetch("http://tracker.example/ping");</script>
<style>.x {{ content: "STYLE-SECRET"; }}</style>
<link rel="stylesheet" href="http://cdn.example/site.css">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> |
<a href="/biz">NAV-SECRET</a></nav></header>
<main><article>
<h1>Treasury team meets in Nanjing</h1>
<p>{PARAGRAPHS[0]}</p>
<figure><img src="http://images.example/photo.jpg" alt="IMAGE-SECRET"></figure>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/a">RELATED-SECRET one</a></li><li><a href="/b">Another related story</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>COMMENT-SECRET What a great article, thanks for writing it.</p></div>
</section></main>
<footer><p>Copyright 2024 The Example Times. FOOTER-SECRET</p></footer>
<script src="http://tracker.example/analytics.js"></script>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_article_paragraphs_without_furniture(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    source = load_source(path)
    assert source.format == "html"
    paragraphs = source.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert "SECRET" not in source.text
    assert source.metadata["title"] == "Treasury team meets in Nanjing"
    assert source.metadata["author"] == "Jane Reporter"
    assert source.metadata["date"] == "2024-12-11"


def test_no_date_is_guessed_from_a_copyright_line() -> None:
    words = "Officials met again on Monday to talk about trade and the economy. " * 5
    page = f"<html><body><article><p>{words}</p></article><footer>© 2024</footer></body></html>"
    assert "date" not in read_html(page.encode()).metadata


def test_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    body = "".join(f"<p>{p} “Déjà vu.”</p>" for p in PARAGRAPHS)
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    path.write_bytes(
        (page + f"</head><body><article>{body}</article></body></html>").encode("cp1252")
    )
    source = load_source(path)
    assert "“Déjà vu.”" in source.text
    assert source.encoding == "windows-1252"


@pytest.mark.parametrize("declared", ["iso-8859-1", "ISO-8859-1", "us-ascii"])
def test_a_latin1_label_is_read_as_windows_1252(declared: str) -> None:
    """As browsers do: such pages hold cp1252's curly quotes, which Latin-1 makes controls."""
    body = "".join(f"<p>{p} It’s “new” — déjà vu.</p>" for p in PARAGRAPHS)
    page = f'<html><head><meta charset="{declared}"></head><body><article>{body}</article>'
    extracted = read_html(f"{page}</body></html>".encode("cp1252"))
    assert "It’s “new” — déjà vu." in extracted.text
    assert extracted.encoding == "windows-1252"


def test_tiny_page_still_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xhtml"
    path.write_text("<html><body><p>Just one short line.</p></body></html>", encoding="utf-8")
    assert load_source(path).text == "Just one short line."


def test_fallback_keeps_blocks_and_skips_scripts() -> None:
    html = (
        "<nav><p>Menu</p></nav><h2>Title</h2><script>bad()</script>"
        "<p>One <b>bold</b>\n word.</p><div>loose</div><p>Two.</p>"
    )
    assert fallback_text(html) == "Title\n\nOne bold word.\n\nTwo."


def test_page_without_text(tmp_path: Path) -> None:
    path = tmp_path / "app.html"
    path.write_text("<html><head><script>render()</script></head><body><div id=app></div></body>")
    with pytest.raises(EmptyFileError, match=r"app\.html.*no text that Retold could extract"):
        load_source(path)
