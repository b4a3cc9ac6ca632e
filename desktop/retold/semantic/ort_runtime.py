"""The transformer blocks on onnxruntime's int8 kernels (the graph: ``onnx_graph.py``)."""

from __future__ import annotations

import numpy as np
import onnxruntime

from retold.semantic.onnx_graph import encoder_model
from retold.semantic.weights import Matrix, Weights


class OrtRuntime:
    """``hidden = forward(embedded, mask)`` in an onnxruntime session made from the weights."""

    name = f"onnxruntime {onnxruntime.__version__}"

    def __init__(self, weights: Weights, threads: int | None = None) -> None:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: one a physical core
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: on a shared or busy machine spinning threads
        # burn the cores that other work (and the other thread) needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only, no notices on the terminal
        self._session = onnxruntime.InferenceSession(
            encoder_model(weights), options, providers=["CPUExecutionProvider"]
        )

    def forward(self, embedded: Matrix, mask: Matrix) -> Matrix:
        """(tokens, width) rows of a (batch, length) padded batch, ``mask`` 1 on real tokens."""
        feed = {"embedded": embedded, "mask": mask.astype(np.int32)}
        hidden: Matrix = self._session.run(["hidden"], feed)[0]
        return hidden
