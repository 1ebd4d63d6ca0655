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
        grad_w[i] = ops.matmul(layers[i].T, delta)
        if network.biases is not None:
            grad_b[i] = ops.col_sums(delta)
        # delta at the layer below: sent back through the weights, times its slope
        if i > 0:
            error = ops.matmul(delta, network.weights[i].T)
            delta = error * slope(layers[i], network.activations[i - 1])
    return Gradients(grad_w, grad_b if network.biases is not None else None)


# --8<-- [end:backward]
