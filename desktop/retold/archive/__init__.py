"""The archive index: which archived article a page retold (``retold index|find|scan``).

Headless and Qt-free. Stages over plain records, the same in ``find`` (in-process) and in
``scan`` (on Dask): read the suspect → find candidates in the index → align them → summarise.
"""
