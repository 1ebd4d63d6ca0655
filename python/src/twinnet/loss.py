"""The loss: squared error (y - o)^2 / 2, and its derivative.

Twin: ``r/R/loss.R``.
"""

import numpy as np

from twinnet.numerics import Ops


def squared_error(output: np.ndarray, y: np.ndarray, ops: Ops) -> float:
    """Mean of (y - o)^2 / 2 over all samples and outputs (what the article prints)."""
    # per-entry error, squared by one multiplication
    diff = y - output
    return ops.mean(diff * diff / 2.0)


def squared_error_gradient(output: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Derivative of (y - o)^2 / 2 with respect to the output o: o - y."""
    return output - y
