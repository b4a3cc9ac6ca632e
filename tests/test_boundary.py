"""The engine runs headless: importing retold and comparing loads no Qt module."""

from __future__ import annotations

import subprocess
import sys


def test_engine_loads_no_qt() -> None:
    code = (
        "import sys, retold\n"
        "from retold.engine.compare import compare\n"
        "compare('One sentence here. Another one.', 'One sentence here. A new one.')\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
