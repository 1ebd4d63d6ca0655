"""Training: forward, loss, backward, update, once per epoch, with a trace.

Twin: ``r/R/fit.R``.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.backward import backward
from twinnet.forward import forward
from twinnet.loss import squared_error
from twinnet.network import Network
from twinnet.numerics import numerics_ops
from twinnet.update import update


@dataclass
class Trace:
    """What training looked like at every recorded epoch.

    Row ``r`` of each array belongs to epoch ``epochs[r]`` and holds the
    parameters that epoch started with, and the outputs and loss of its
    forward pass (before its update).
    """

    epochs: np.ndarray
    loss: np.ndarray
    weights: list[np.ndarray]
    biases: list[np.ndarray] | None
    outputs: np.ndarray


@dataclass
class FitResult:
    """The trained network, the loss of every epoch, and the trace."""

    network: Network
    loss: np.ndarray
    trace: Trace


def fit(
    network: Network,
    X,
    y,
    *,
    epochs: int,
    lr: float,
    numerics: str = "exact",
    record_every: int = 1,
) -> FitResult:
    """Train ``network`` on ``X`` and ``y`` by full-batch gradient descent.

    Parameters
    ----------
    network : Network
        The starting network, from :func:`init_network`; it is not modified.
    X : array_like, shape (n, sizes[0])
        Inputs, one sample per row.
    y : array_like, shape (n, sizes[-1])
        Targets, one sample per row.
    epochs : int
        Number of passes over the data; each is one update.
    lr : float
        Learning rate.
    numerics : {"exact", "fast"}
        ``"exact"`` gives bitwise the same results as the R package;
        ``"fast"`` uses BLAS and numpy's exp.
    record_every : int
        Record epochs 0, k, 2k, ... in the trace (the loss is kept for all).

    Returns
    -------
    FitResult
        ``loss[e]`` is the mean of (y - o)^2 / 2 from epoch ``e``'s forward
        pass, before its update.
    """
    ops = numerics_ops(numerics)
    X, y = _as_matrix(X), _as_matrix(y)
    loss = np.empty(epochs)
    trace = _new_trace(network, X, y, epochs, record_every)
    for epoch in range(epochs):
        layers = forward(network, X, ops)
        loss[epoch] = squared_error(layers[-1], y, ops)
        if epoch % record_every == 0:
            # trace: the parameters this epoch started with, and its output
            row = epoch // record_every
            for i, w in enumerate(network.weights):
                trace.weights[i][row] = w
            for i, b in enumerate(network.biases or []):
                trace.biases[i][row] = b
            trace.outputs[row] = layers[-1]
        grads = backward(network, layers, y, ops)
        network = update(network, grads, lr)
    trace.loss = loss[trace.epochs]
    return FitResult(network, loss, trace)


def _as_matrix(a) -> np.ndarray:
    """float64 matrix, samples as rows; a vector becomes one column."""
    a = np.asarray(a, dtype=np.float64)
    return a.reshape(-1, 1) if a.ndim == 1 else a


def _new_trace(network: Network, X, y, epochs: int, every: int) -> Trace:
    n_rec = (epochs + every - 1) // every
    biases = None
    if network.biases is not None:
        biases = [np.empty((n_rec,) + b.shape) for b in network.biases]
    return Trace(
        epochs=np.arange(0, epochs, every),
        loss=np.empty(n_rec),
        weights=[np.empty((n_rec,) + w.shape) for w in network.weights],
        biases=biases,
        outputs=np.empty((n_rec,) + (X.shape[0], y.shape[1])),
    )
