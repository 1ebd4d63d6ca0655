"""Forward propagation: from the input, layer by layer, to the output.

Twin: ``r/R/forward.R``.
"""

import numpy as np

from twinnet.activations import activate
from twinnet.network import Network
from twinnet.numerics import Ops


# --8<-- [start:forward]
def forward(network: Network, X: np.ndarray, ops: Ops, steps: dict | None = None) -> list:
    """Run the network on ``X`` (samples are rows).

    Returns the activations of every layer, the input first and the
    output last; backpropagation needs all of them. Given a dict
    ``steps``, also keeps each layer's weighted input there (``"z1"``,
    ``"z2"``, ...) for the walkthrough.
    """
    layers = [X]
    for i, w in enumerate(network.weights):
        # linear step: inputs times weights, plus one bias per neuron
        z = ops.matmul(layers[i], w)
        if network.biases is not None:
            z = z + network.biases[i]
        keep_step(steps, "z", i, z)
        # non-linear step: the layer's activation function
        layers.append(activate(z, network.activations[i], ops))
    return layers


# --8<-- [end:forward]


def keep_step(steps: dict | None, name: str, i: int, value: np.ndarray) -> None:
    """Keep one intermediate of layer ``i`` (counted from 1 in the key), if asked."""
    if steps is not None:
        steps[f"{name}{i + 1}"] = value
