#!/usr/bin/env bash
# Build the one-folder bundle dist/retold/ (and dist/Retold.app on macOS) with PyInstaller.
# Usage: packaging/build.sh            (uses .venv, or $PYTHON if set)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  "$PYTHON" -m pip install -q --disable-pip-version-check -e '.[package]'  # keep it editable
fi
if "$PYTHON" -c "import numpy" 2>/dev/null &&
  [ ! -f desktop/retold/semantic/data/all-MiniLM-L6-v2-int8.npz ]; then
  "$PYTHON" packaging/export_semantic_model.py  # the semantic extra's model, made once
fi
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/retold.spec
echo "built dist/retold in $(( $(date +%s) - start )) s, $(du -sh dist/retold | cut -f1)"
