"""Gradient descent: one step against the gradient.

Twin: ``r/R/update.R``.
"""

from twinnet.backward import Gradients
from twinnet.network import Network


# --8<-- [start:update]
def update(network: Network, grads: Gradients, lr: float) -> Network:
    """Return the network after w <- w - lr * dE/dw for every weight and bias."""
    # weights: one step down the gradient
    weights = [w - lr * g for w, g in zip(network.weights, grads.weights)]
    # biases: the same step, when the network has them
    biases = None
    if network.biases is not None:
        biases = [b - lr * g for b, g in zip(network.biases, grads.biases)]
    return Network(weights, biases, network.activations)


# --8<-- [end:update]
