"""The network: layer sizes, weights and biases, and how they start.

Twin: ``r/R/network.R``. Samples are rows, so layer ``l`` maps an
``(n, sizes[i])`` matrix to an ``(n, sizes[i + 1])`` matrix through a
weight matrix of shape ``(sizes[i], sizes[i + 1])`` and a bias vector of
length ``sizes[i + 1]``.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.activations import ACTIVATIONS
from twinnet.errors import ArgumentError, ConfigError, ShapeError
from twinnet.rng import rng_seed, rng_state, rng_uniform
from twinnet.validate import check_data, check_flag, check_int, check_memory, check_name

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

    def __repr__(self) -> str:
        """One line: sizes, activations, parameters (the arrays stay hidden)."""
        n = sum(w.size for w in self.weights) + sum(b.size for b in self.biases or [])
        bias = "" if self.biases is not None else ", no biases"
        sizes = "-".join(str(s) for s in self.sizes)
        return f"Network {sizes} ({', '.join(self.activations)}{bias}), {n} parameters"

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
    check_name(init, INITS, "init")
    check_flag(bias, "bias")
    if seed is not None:
        check_int(seed, "seed", -(2**31) + 1, 2**31 - 1)
    if weights is None:
        weights, drawn = _draw_weights(sizes, seed, bias and init == "uniform", init)
        biases = drawn if biases is None and drawn else biases
    weights = [check_data(w, f"weights[{i}]") for i, w in enumerate(weights)]
    if not bias:
        biases = None
    elif biases is None:
        biases = [np.zeros(n) for n in sizes[1:]]
    else:
        biases = [check_data(b, f"biases[{i}]").reshape(-1) for i, b in enumerate(biases)]
    network = Network(weights, biases, activations)
    _check_shapes(network, sizes)
    return network


# --8<-- [start:init]
def _draw_weights(sizes, seed, bias, init):
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


# --8<-- [end:init]


def _check_activations(activations, n_layers: int) -> list[str]:
    if isinstance(activations, str):
        activations = [activations] * n_layers
    if not isinstance(activations, (list, tuple, np.ndarray)):
        raise ArgumentError(f"activations must be a name or a list of names; got {activations!r}")
    activations = list(activations)
    if len(activations) != n_layers:
        raise ArgumentError(
            f"activations must name one activation per layer ({n_layers}); got {len(activations)}"
        )
    for name in activations:
        check_name(name, ACTIVATIONS, "activation")
    if "softmax" in activations[:-1]:
        raise ConfigError("softmax can only be the output layer's activation")
    return activations


def _check_sizes(sizes) -> list[int]:
    if isinstance(sizes, str) or not hasattr(sizes, "__len__") or len(sizes) < 3:
        raise ArgumentError(
            f"sizes must list at least 3 layer sizes (input, hidden, output); got {sizes!r}"
        )
    sizes = [check_int(n, "each of sizes") for n in sizes]
    # the weights and biases, before any is drawn
    check_memory(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])), "sizes")
    return sizes


def _check_shapes(network: Network, sizes: list[int]) -> None:
    if len(network.weights) != len(sizes) - 1:
        raise ShapeError(f"weights must hold {len(sizes) - 1} matrices; got {len(network.weights)}")
    if network.biases is not None and len(network.biases) != len(sizes) - 1:
        raise ShapeError(f"biases must hold {len(sizes) - 1} vectors; got {len(network.biases)}")
    for i, w in enumerate(network.weights):
        if w.shape != (sizes[i], sizes[i + 1]):
            raise ShapeError(
                f"weights[{i}] has shape {w.shape}, expected {(sizes[i], sizes[i + 1])}"
            )
        if network.biases is not None and network.biases[i].shape != (sizes[i + 1],):
            raise ShapeError(f"biases[{i}] must have length {sizes[i + 1]}")
