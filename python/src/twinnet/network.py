"""The network: layer sizes, weights and biases, and how they start.

Twin: ``r/R/network.R``. Samples are rows, so layer ``l`` maps an
``(n, sizes[i])`` matrix to an ``(n, sizes[i + 1])`` matrix through a
weight matrix of shape ``(sizes[i], sizes[i + 1])`` and a bias vector of
length ``sizes[i + 1]``.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.activations import ACTIVATIONS
from twinnet.rng import rng_seed, rng_state, rng_uniform

INITS = ("uniform", "glorot", "he")


@dataclass
class Network:
    """A fully connected feed-forward network.

    Attributes
    ----------
    weights : list of ndarray
        Layer ``l`` has shape ``(n_in, n_out)``.
    biases : list of ndarray or None
        Layer ``l`` has shape ``(n_out,)``; ``None`` for a network without biases.
    activations : list of str
        The activation of each layer: ``"sigmoid"``, ``"tanh"``, ``"relu"``,
        ``"identity"``, or ``"softmax"`` (output layer only).
    """

    weights: list[np.ndarray]
    biases: list[np.ndarray] | None
    activations: list[str]

    @property
    def sizes(self) -> list[int]:
        """Layer sizes, input first."""
        return [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]


def init_network(
    sizes,
    *,
    seed: int | None = None,
    weights=None,
    biases=None,
    bias: bool = True,
    activations="sigmoid",
    init: str = "uniform",
) -> Network:
    """Make a network with given or seeded initial weights.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes, input first, output last; at least one hidden layer.
    seed : int, optional
        Seed of the MRG32k3a stream the weights are drawn from, uniform on
        [0, 1) as in the article. The same seed gives the same bits in R.
        ``None`` picks a seed from the operating system.
    weights, biases : list of array_like, optional
        Explicit initial values; they replace the draws. With ``weights``
        given and ``biases`` not, biases start at zero.
    bias : bool
        ``False`` makes a network without biases.
    activations : str or sequence of str
        One activation for every layer, or one per layer (see
        :class:`Network`).
    init : {"uniform", "glorot", "he"}
        ``"uniform"``: weights and biases uniform on [0, 1), the article's.
        ``"glorot"``: weights uniform on [-l, l), l = sqrt(6 / (n_in + n_out)).
        ``"he"``: weights uniform on [-l, l), l = sqrt(6 / n_in). Both scaled
        schemes start biases at zero and draw nothing for them.

    Returns
    -------
    Network

    Notes
    -----
    Fill order, shared with R: layer by layer, each weight matrix row by
    row, then that layer's biases. A scaled draw is (2 u - 1) * l, which is
    exact arithmetic (sqrt is correctly rounded in both languages).
    """
    sizes = _check_sizes(sizes)
    n_layers = len(sizes) - 1
    activations = _check_activations(activations, n_layers)
    if init not in INITS:
        raise ValueError(f"init must be one of {INITS}, not {init!r}")
    if weights is None:
        weights, drawn = _draw(sizes, seed, bias and init == "uniform", init)
        biases = drawn if biases is None and drawn else biases
    weights = [np.array(w, dtype=np.float64, ndmin=2) for w in weights]
    if not bias:
        biases = None
    elif biases is None:
        biases = [np.zeros(n) for n in sizes[1:]]
    else:
        biases = [np.array(b, dtype=np.float64).reshape(-1) for b in biases]
    network = Network(weights, biases, activations)
    _check_shapes(network, sizes)
    return network


def _draw(sizes, seed, bias, init):
    """Draw weights (and biases) uniformly, in the documented fill order."""
    state = rng_state(rng_seed(seed))
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        values, state = rng_uniform(state, n_in * n_out)
        if init != "uniform":
            fan = n_in + n_out if init == "glorot" else n_in
            values = (2.0 * values - 1.0) * np.sqrt(6.0 / fan)
        weights.append(values.reshape(n_in, n_out))
        if bias:
            values, state = rng_uniform(state, n_out)
            biases.append(values)
    return weights, biases


def _check_activations(activations, n_layers: int) -> list[str]:
    if isinstance(activations, str):
        activations = [activations] * n_layers
    activations = list(activations)
    if len(activations) != n_layers:
        raise ValueError(f"activations must have one name per layer ({n_layers})")
    for name in activations:
        if name not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, not {name!r}")
    if "softmax" in activations[:-1]:
        raise ValueError("softmax can only be the output layer's activation")
    return activations


def _check_sizes(sizes) -> list[int]:
    sizes = [int(n) for n in sizes]
    if len(sizes) < 3 or min(sizes) < 1:
        raise ValueError(
            f"sizes must be at least 3 positive integers (input, hidden, output), got {sizes}"
        )
    return sizes


def _check_shapes(network: Network, sizes: list[int]) -> None:
    if len(network.weights) != len(sizes) - 1:
        raise ValueError(f"expected {len(sizes) - 1} weight matrices")
    for i, w in enumerate(network.weights):
        if w.shape != (sizes[i], sizes[i + 1]):
            raise ValueError(
                f"weights[{i}] has shape {w.shape}, expected {(sizes[i], sizes[i + 1])}"
            )
        if network.biases is not None and network.biases[i].shape != (sizes[i + 1],):
            raise ValueError(f"biases[{i}] must have length {sizes[i + 1]}")
