"""Backpropagation: the gradient of the loss for every weight and bias.

Twin: ``r/R/backward.R``. The gradient is that of the loss SUMMED over
samples (no division by n), as in the article.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.loss import squared_error_gradient
from twinnet.network import Network
from twinnet.numerics import Ops


@dataclass
class Gradients:
    """dE/dW and dE/db for every layer, shaped like the network's own."""

    weights: list[np.ndarray]
    biases: list[np.ndarray] | None


def backward(network: Network, layers: list[np.ndarray], y: np.ndarray, ops: Ops) -> Gradients:
    """Send the output error back through the network, layer by layer.

    ``layers`` is what :func:`forward` returned for the same network.
    """
    n_layers = len(network.weights)
    grad_w: list[np.ndarray] = [np.empty(0)] * n_layers
    grad_b: list[np.ndarray] = [np.empty(0)] * n_layers
    # error at the output: dE/do
    error = squared_error_gradient(layers[n_layers], y)
    for i in range(n_layers - 1, -1, -1):
        # delta: error times the sigmoid's slope, taken from its output
        out = layers[i + 1]
        delta = error * (out * (1.0 - out))
        # gradients: the layer's inputs times delta, summed over samples
        grad_w[i] = ops.matmul(layers[i].T, delta)
        if network.biases is not None:
            grad_b[i] = ops.col_sums(delta)
        # error at the layer below: delta sent back through the weights
        if i > 0:
            error = ops.matmul(delta, network.weights[i].T)
    return Gradients(grad_w, grad_b if network.biases is not None else None)
