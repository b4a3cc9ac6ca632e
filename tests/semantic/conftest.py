"""The semantic tests need the optional extra (numpy) and the model file made at build time."""

from __future__ import annotations

import pytest

pytest.importorskip("numpy", reason="the 'semantic' extra is not installed")

from retold.semantic.weights import model_path

if not model_path().is_file():
    pytest.skip(
        f"no sentence model at {model_path()}: run packaging/export_semantic_model.py",
        allow_module_level=True,
    )
