"""Losses: the value training records and the error sent back.

Twin: ``r/R/loss.R``. Three losses, each with the recorded value and the
gradient with respect to the output layer's weighted input (its *delta*,
which :func:`~twinnet.backward` computes):

- ``"squared_error"``: mean of (y - o)^2 / 2 over all entries (the
  article's); delta = (o - y) times the activation's slope.
- ``"binary_cross_entropy"`` (sigmoid output, y in {0, 1}): mean over all
  entries of -(y log o + (1 - y) log(1 - o)); fused delta = o - y.
- ``"categorical_cross_entropy"`` (softmax output, one-hot y): mean over
  samples of -sum_j y_j log o_j; fused delta = o - y.

Logarithms see o clipped to [2^-52, 1] so a saturated output gives a large
finite loss, never inf. Gradients are SUMMED over samples, as in the article.
"""

import numpy as np

from twinnet.errors import ConfigError
from twinnet.numerics import Ops
from twinnet.validate import check_name

LOSSES = ("squared_error", "binary_cross_entropy", "categorical_cross_entropy")
# the output activation each cross-entropy is fused with
FUSED = {"binary_cross_entropy": "sigmoid", "categorical_cross_entropy": "softmax"}
EPS = 2.0**-52


def loss_value(output: np.ndarray, y: np.ndarray, loss: str, ops: Ops) -> float:
    """The recorded loss of one forward pass."""
    # --8<-- [start:loss]
    if loss == "squared_error":
        # per-entry error, squared by one multiplication
        diff = y - output
        return ops.total(diff * diff / 2.0) / diff.size
    # --8<-- [end:loss]
    if loss == "binary_cross_entropy":
        log_o = ops.log(np.maximum(output, EPS))
        log_not_o = ops.log(np.maximum(1.0 - output, EPS))
        return ops.total(-(y * log_o + (1.0 - y) * log_not_o)) / y.size
    if loss == "categorical_cross_entropy":
        return ops.total(-(y * ops.log(np.maximum(output, EPS)))) / y.shape[0]
    check_name(loss, LOSSES, "loss")
    raise AssertionError("unreachable")


def check_loss(loss: str, activation: str) -> None:
    """Refuse combinations that make no sense, before training starts."""
    check_name(loss, LOSSES, "loss")
    if loss in FUSED and activation != FUSED[loss]:
        raise ConfigError(f"{loss} needs a {FUSED[loss]} output layer, not {activation}")
    if activation == "softmax" and loss != "categorical_cross_entropy":
        raise ConfigError("a softmax output layer needs loss='categorical_cross_entropy'")
