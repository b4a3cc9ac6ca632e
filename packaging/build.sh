#!/usr/bin/env bash
# Build the one-folder bundle dist/retold/ (and dist/Retold.app on macOS) with PyInstaller.
# Usage: packaging/build.sh            (uses .venv, or $PYTHON if set)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then  # the bundle is built from the lock
  "$PYTHON" -m pip install -q --disable-pip-version-check --require-hashes \
    -r packaging/requirements.lock
  "$PYTHON" -m pip install -q --disable-pip-version-check --no-deps -e .  # keep it editable
fi
"$PYTHON" packaging/export_semantic_model.py --if-stale  # the semantic extra's model
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/retold.spec
echo "built dist/retold in $(( $(date +%s) - start )) s, $(du -sh dist/retold | cut -f1)"
