"""The transformer blocks on onnxruntime's int8 kernels (the graph: ``onnx_graph.py``)."""

from __future__ import annotations

import os

import numpy as np
import onnxruntime

from retold.semantic.onnx_graph import encoder_model
from retold.semantic.weights import Matrix, Weights


class OrtRuntime:
    """``hidden = forward(embedded, mask)`` in an onnxruntime session made from the weights.

    The session itself runs on one thread, and ``threads`` batches run at once (a session may
    be run from several threads): whole batches a thread scale better than each operator
    split across threads (measured in benchmarks/README.md).
    """

    name = f"onnxruntime {onnxruntime.__version__}"

    def __init__(self, weights: Weights, threads: int | None = None) -> None:
        self.parallel = threads or os.cpu_count() or 1
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # No thread pools of its own to spin-wait: they would burn the cores the batches need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only, no notices on the terminal
        self._session = onnxruntime.InferenceSession(
            encoder_model(weights), options, providers=["CPUExecutionProvider"]
        )

    def forward(self, embedded: Matrix, mask: Matrix) -> Matrix:
        """(tokens, width) rows of a (batch, length) padded batch, ``mask`` 1 on real tokens."""
        feed = {"embedded": embedded, "mask": mask.astype(np.int32)}
        hidden: Matrix = self._session.run(["hidden"], feed)[0]
        return hidden
