"""Open what users have: text, Markdown, web pages, Word, OpenDocument, RTF and PDF files.

``retold.sources.loader.load_source`` is the entry point; it returns a ``Source`` (see
``model.py``) or raises a ``SourceError`` whose message names the file. Nothing here imports Qt
or touches the network, and the format libraries are imported only when a file needs them.
"""
