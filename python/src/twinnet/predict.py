"""Prediction: the forward pass alone, and class labels from it.

Twin: ``r/R/predict.R``.
"""

import numpy as np

from twinnet.errors import ConfigError, DataValueError, ShapeError
from twinnet.forward import forward
from twinnet.network import Network
from twinnet.numerics import numerics_ops
from twinnet.validate import (
    check_data,
    check_name,
    check_network,
    check_working_memory,
    working_what,
)

PREDICT_TYPES = ("output", "prob", "class")


def predict(network, X, *, numerics: str = "exact", type: str = "output") -> np.ndarray:
    """Outputs of ``network`` (or of a fit result's) for the samples in the rows of ``X``.

    ``type="output"`` (default): the output layer, one row per sample.
    ``"prob"``: the same, refused unless the output is sigmoid or softmax.
    ``"class"``: :func:`predict_labels` (classes from 0), refused likewise.
    """
    network = getattr(network, "network", network)  # a FitResult's network
    check_network(network)
    check_name(type, PREDICT_TYPES, "type")
    if type != "output" and network.activations[-1] not in ("sigmoid", "softmax"):
        raise ConfigError(
            f"type={type!r} needs a sigmoid or softmax output layer, "
            f"not {network.activations[-1]}; use type='output'"
        )
    X = check_data(X, "X")
    if X.shape[1] != network.sizes[0]:
        raise ShapeError(
            f"X must have {network.sizes[0]} columns (the input size); got {X.shape[1]}"
        )
    check_working_memory(network.sizes, X.shape[0], working_what(network.sizes, X.shape[0]))
    ops = numerics_ops(numerics)
    # overflow is reported below, as in R (which never warns), not as warnings
    with np.errstate(over="ignore", invalid="ignore"):
        output = forward(network, X, ops)[-1]
    _check_output(output)
    return labels_of(output) if type == "class" else output


def _check_output(output: np.ndarray) -> None:
    """Outputs that overflowed are an error, not numbers to use."""
    if not np.isfinite(output).all():
        raise DataValueError(
            "the outputs overflow to NaN or Inf: X or the weights are too large for this network"
        )


def labels_of(output: np.ndarray) -> np.ndarray:
    """0/1 by a 0.5 threshold for one output, else the largest output's index."""
    if output.shape[1] == 1:
        return (output[:, 0] >= 0.5).astype(np.int64)
    return output.argmax(axis=1)


def predict_labels(network: Network, X, *, numerics: str = "exact") -> np.ndarray:
    """Class labels of the samples in the rows of ``X``.

    0/1 by a 0.5 threshold for one output, else the index of the largest
    output (the first of ties). Python counts classes from 0, R from 1.
    """
    return labels_of(predict(network, X, numerics=numerics))


def accuracy(labels, y) -> float:
    """Fraction of labels equal to the targets (0/1 column, or one-hot rows)."""
    y = check_data(y, "y")
    labels = check_data(labels, "labels")
    if labels.shape[1] != 1 or labels.shape[0] != y.shape[0]:
        raise ShapeError(
            f"labels must be one column with as many rows as y; got shape {labels.shape} "
            f"and {y.shape[0]} rows"
        )
    # trunc, not a cast to integers: a target past the integers (2^31, 1e308)
    # stays a number that matches no label, in both languages, with no warning
    truth = np.trunc(y[:, 0]) if y.shape[1] == 1 else y.argmax(axis=1)
    return float(np.mean(labels[:, 0] == truth))
