"""Forward propagation: from the input, layer by layer, to the output.

Twin: ``r/R/forward.R``.
"""

import numpy as np

from twinnet.activations import activate
from twinnet.network import Network
from twinnet.numerics import Ops


# --8<-- [start:forward]
def forward(network: Network, X: np.ndarray, ops: Ops) -> list[np.ndarray]:
    """Run the network on ``X`` (samples are rows).

    Returns the activations of every layer, the input first and the
    output last; backpropagation needs all of them.
    """
    layers = [X]
    for i, w in enumerate(network.weights):
        # linear step: inputs times weights, plus one bias per neuron
        z = ops.matmul(layers[i], w)
        if network.biases is not None:
            z += network.biases[i]  # in place: z is a new array
        # non-linear step: the layer's activation function
        layers.append(activate(z, network.activations[i], ops))
    return layers


# --8<-- [end:forward]
