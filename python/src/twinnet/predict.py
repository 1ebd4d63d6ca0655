"""Prediction: the forward pass alone, and class labels from it.

Twin: ``r/R/predict.R``.
"""

import numpy as np

from twinnet.errors import DataValueError, ShapeError
from twinnet.forward import forward
from twinnet.network import Network
from twinnet.numerics import numerics_ops
from twinnet.validate import check_data, check_network


def predict(network: Network, X, *, numerics: str = "exact") -> np.ndarray:
    """Outputs of ``network`` for the samples in the rows of ``X``."""
    check_network(network)
    X = check_data(X, "X")
    if X.shape[1] != network.sizes[0]:
        raise ShapeError(
            f"X must have {network.sizes[0]} columns (the input size); got {X.shape[1]}"
        )
    ops = numerics_ops(numerics)
    # overflow is reported below, as in R (which never warns), not as warnings
    with np.errstate(over="ignore", invalid="ignore"):
        output = forward(network, X, ops)[-1]
    _check_output(output)
    return output


def _check_output(output: np.ndarray) -> None:
    """Outputs that overflowed are an error, not numbers to use."""
    if not np.isfinite(output).all():
        raise DataValueError(
            "the outputs overflow to NaN or Inf: X or the weights are too large for this network"
        )


def predict_labels(network: Network, X, *, numerics: str = "exact") -> np.ndarray:
    """Class labels of the samples in the rows of ``X``.

    0/1 by a 0.5 threshold for one output, else the index of the largest
    output (the first of ties). Python counts classes from 0, R from 1.
    """
    output = predict(network, X, numerics=numerics)
    if output.shape[1] == 1:
        return (output[:, 0] >= 0.5).astype(np.int64)
    return output.argmax(axis=1)


def accuracy(labels, y) -> float:
    """Fraction of labels equal to the targets (0/1 column, or one-hot rows)."""
    y = check_data(y, "y")
    labels = check_data(labels, "labels")
    if labels.shape[1] != 1 or labels.shape[0] != y.shape[0]:
        raise ShapeError(
            f"labels must be one column with as many rows as y; got shape {labels.shape} "
            f"and {y.shape[0]} rows"
        )
    truth = y[:, 0].astype(np.int64) if y.shape[1] == 1 else y.argmax(axis=1)
    return float(np.mean(labels[:, 0] == truth))
