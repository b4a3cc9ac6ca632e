"""Batch work over plain records: read files, assess suspects against an original, rank them.

The stages are pure functions over the frozen records of ``records`` (read → assess → rank), so
that they run alike in-process, in a process pool or on a cluster. Nothing here imports Qt.
"""
