"""Backpropagation: the gradient of the loss for every weight and bias.

Twin: ``r/R/backward.R``. The gradient is that of the loss SUMMED over
samples (no division by n), as in the article.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.activations import slope
from twinnet.loss import output_delta
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
) -> Gradients:
    """Send the output error back through the network, layer by layer.

    ``layers`` is what :func:`forward` returned for the same network.
    """
    n_layers = len(network.weights)
    grad_w: list[np.ndarray] = [np.empty(0)] * n_layers
    grad_b: list[np.ndarray] = [np.empty(0)] * n_layers
    # delta at the output: dE/dz, the loss's error times the activation's slope
    delta = output_delta(layers[n_layers], y, loss, network.activations[-1])
    for i in range(n_layers - 1, -1, -1):
        # gradients: the layer's inputs times delta, summed over samples
        grad_w[i] = _inputs_times_delta(layers[i], delta, ops)
        if network.biases is not None:
            grad_b[i] = ops.col_sums(delta)
        # delta at the layer below: sent back through the weights, times its slope
        if i > 0:
            error = ops.matmul(delta, network.weights[i].T)
            # (in place: the error is not needed again)
            delta = np.multiply(error, slope(layers[i], network.activations[i - 1]), out=error)
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
