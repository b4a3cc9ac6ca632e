#!/usr/bin/env bash
# Refresh packaging/requirements.lock from pyproject.toml: every dependency and every extra,
# pinned with hashes for Linux, Windows and macOS on Python 3.11 and later (one universal
# resolution by uv). .ci/install and the PyInstaller bundle install from it with hashes
# required; `pip install .` still resolves from the ranges in pyproject.toml.
# Run after changing dependencies in pyproject.toml:   bash packaging/lock.sh
# Versions already in the lock are kept where they still fit; `bash packaging/lock.sh --upgrade`
# takes the newest in range.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -m uv --version >/dev/null 2>&1 || "$PYTHON" -m pip install -q --disable-pip-version-check uv
# The same package index as pip here (PyPI).
"$PYTHON" -m uv pip compile pyproject.toml --universal --python-version 3.11 --all-extras \
  --generate-hashes --no-header --quiet --index-url https://pypi.org/simple \
  --output-file packaging/requirements.lock "$@"
echo "packaging/requirements.lock: $(grep -c '^[A-Za-z0-9]' packaging/requirements.lock) packages pinned"
