"""Prediction: the forward pass alone.

Twin: ``r/R/predict.R``.
"""

import numpy as np

from twinnet.forward import forward
from twinnet.network import Network
from twinnet.numerics import numerics_ops


def predict(network: Network, X, *, numerics: str = "exact") -> np.ndarray:
    """Outputs of ``network`` for the samples in the rows of ``X``."""
    X = np.asarray(X, dtype=np.float64)
    return forward(network, X.reshape(-1, 1) if X.ndim == 1 else X, numerics_ops(numerics))[-1]
