"""The network: layer sizes, weights and biases, and how they start.

Twin: ``r/R/network.R``. Samples are rows, so layer ``l`` maps an
``(n, sizes[i])`` matrix to an ``(n, sizes[i + 1])`` matrix through a
weight matrix of shape ``(sizes[i], sizes[i + 1])`` and a bias vector of
length ``sizes[i + 1]``.
"""

import os
from dataclasses import dataclass

import numpy as np

from twinnet.rng import rng_state, rng_uniform


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
        The activation of each layer (``"sigmoid"``).
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

    Returns
    -------
    Network

    Notes
    -----
    Fill order, shared with R: layer by layer, each weight matrix row by
    row, then that layer's biases.
    """
    sizes = _check_sizes(sizes)
    n_layers = len(sizes) - 1
    if weights is None:
        weights, drawn = _draw(sizes, seed, bias)
        biases = drawn if biases is None else biases
    weights = [np.array(w, dtype=np.float64, ndmin=2) for w in weights]
    if not bias:
        biases = None
    elif biases is None:
        biases = [np.zeros(n) for n in sizes[1:]]
    else:
        biases = [np.array(b, dtype=np.float64).reshape(-1) for b in biases]
    network = Network(weights, biases, ["sigmoid"] * n_layers)
    _check_shapes(network, sizes)
    return network


def _draw(sizes, seed, bias):
    """Draw weights (and biases) uniformly, in the documented fill order."""
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little") % 2**31
    state = rng_state(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        values, state = rng_uniform(state, n_in * n_out)
        weights.append(values.reshape(n_in, n_out))
        if bias:
            values, state = rng_uniform(state, n_out)
            biases.append(values)
    return weights, biases


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
