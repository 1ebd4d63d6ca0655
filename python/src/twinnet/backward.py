"""Backpropagation: the gradient of the loss for every weight and bias.

Twin: ``r/R/backward.R``. The gradient is that of the loss SUMMED over
samples (no division by n), as in the article.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.activations import slope
from twinnet.forward import keep_step
from twinnet.loss import FUSED
from twinnet.network import Network
from twinnet.numerics import Ops


@dataclass
class Gradients:
    """dE/dW and dE/db for every layer, shaped like the network's own."""

    weights: list[np.ndarray]
    biases: list[np.ndarray] | None


# --8<-- [start:backward]
def backward(
    network: Network,
    layers: list[np.ndarray],
    y: np.ndarray,
    ops: Ops,
    loss: str = "squared_error",
    steps: dict | None = None,
) -> Gradients:
    """Send the output error back through the network, layer by layer.

    ``layers`` is what :func:`forward` returned for the same network.
    Given a dict ``steps``, also keeps each layer's error, slope and delta
    there (``"error2"``, ``"slope2"``, ``"delta2"``, ...).
    """
    n_layers = len(network.weights)
    grad_w: list[np.ndarray] = [np.empty(0)] * n_layers
    grad_b: list[np.ndarray] = [np.empty(0)] * n_layers
    # error at the output: dE/do = o - y (for a cross-entropy, already dE/dz)
    error = layers[n_layers] - y
    for i in range(n_layers - 1, -1, -1):
        keep_step(steps, "error", i, error)
        # delta: dE/dz, the error times the activation's slope; a cross-entropy
        # with its own output activation needs none (the slopes cancel)
        if i == n_layers - 1 and loss in FUSED:
            delta = error
        else:
            s = slope(layers[i + 1], network.activations[i])
            keep_step(steps, "slope", i, s)
            delta = error * s
        keep_step(steps, "delta", i, delta)
        # gradients: the layer's inputs times delta, summed over samples
        grad_w[i] = _inputs_times_delta(layers[i], delta, ops)
        if network.biases is not None:
            grad_b[i] = ops.col_sums(delta)
        # error at the layer below: delta sent back through the weights
        if i > 0:
            error = ops.matmul(delta, network.weights[i].T)
    return Gradients(grad_w, grad_b if network.biases is not None else None)


# --8<-- [end:backward]


def _inputs_times_delta(a: np.ndarray, delta: np.ndarray, ops: Ops) -> np.ndarray:
    """a.T @ delta, transposing the narrower of the two.

    Each entry sums the same products in the same order either way round
    (x * y == y * x exactly), so the bits do not depend on the choice; R's
    t() copies, and the narrower copy is the cheaper one.
    """
    if a.shape[1] <= delta.shape[1]:
        return ops.matmul(a.T, delta)
    return ops.matmul(delta.T, a).T
