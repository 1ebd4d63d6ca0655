"""Training: forward, loss, backward, update, once per epoch, with a trace.

Twin: ``r/R/fit.R``.
"""

from dataclasses import dataclass

import numpy as np

from twinnet.backward import backward
from twinnet.forward import forward
from twinnet.loss import check_loss, loss_value
from twinnet.network import Network
from twinnet.numerics import Ops, numerics_ops
from twinnet.rng import rng_seed, rng_shuffle, rng_state
from twinnet.update import update


@dataclass
class Trace:
    """What training looked like at every recorded epoch.

    Row ``r`` of each array belongs to epoch ``epochs[r]`` and holds the
    parameters that epoch started with, and the outputs and loss of a
    forward pass over all samples with them (before any update).
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
    loss: str = "squared_error",
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
) -> FitResult:
    """Train ``network`` on ``X`` and ``y`` by gradient descent.

    Parameters
    ----------
    network : Network
        The starting network, from :func:`init_network`; it is not modified.
    X : array_like, shape (n, sizes[0])
        Inputs, one sample per row.
    y : array_like, shape (n, sizes[-1])
        Targets, one sample per row (a vector is one column).
    epochs : int
        Number of passes over the data.
    lr : float
        Learning rate.
    numerics : {"exact", "fast"}
        ``"exact"`` gives bitwise the same results as the R package;
        ``"fast"`` uses BLAS and numpy's exp.
    record_every : int
        Record epochs 0, k, 2k, ... in the trace (the loss is kept for all).
    loss : {"squared_error", "binary_cross_entropy", "categorical_cross_entropy"}
        See :mod:`twinnet.loss`; cross-entropies need a sigmoid or softmax output.
    batch_size : int, optional
        ``None`` (default): full batch, one update per epoch (the article's).
        ``k``: one update per k samples (mini-batch); 1 is stochastic.
    shuffle : bool
        With ``batch_size``, visit the samples in a new random order each
        epoch (Fisher-Yates on the package's generator); ``False`` keeps it.
    seed : int, optional
        Seed of the shuffles; the same seed gives the same orders in R.

    Returns
    -------
    FitResult
        ``loss[e]`` is the loss over all samples from the parameters epoch
        ``e`` started with, before its updates.
    """
    ops = numerics_ops(numerics)
    check_loss(loss, network.activations[-1])
    X, y = _as_matrix(X), _as_matrix(y)
    state = rng_state(rng_seed(seed))
    losses = np.empty(epochs)
    trace = _new_trace(network, X, y, epochs, record_every)
    for epoch in range(epochs):
        layers = forward(network, X, ops)
        losses[epoch] = loss_value(layers[-1], y, loss, ops)
        if epoch % record_every == 0:
            # trace: the parameters this epoch started with, and its output
            row = epoch // record_every
            for i, w in enumerate(network.weights):
                trace.weights[i][row] = w
            for i, b in enumerate(network.biases or []):
                trace.biases[i][row] = b
            trace.outputs[row] = layers[-1]
        if batch_size is None:
            # full batch: one step, from the forward pass just made
            network = update(network, backward(network, layers, y, ops, loss), lr)
        else:
            order, state = rng_shuffle(state, len(X)) if shuffle else (np.arange(len(X)), state)
            network = _descend_batches(network, X, y, order, batch_size, lr, loss, ops)
    trace.loss = losses[trace.epochs]
    return FitResult(network, losses, trace)


def _descend_batches(network, X, y, order, batch_size: int, lr: float, loss: str, ops: Ops):
    """One epoch of mini-batch steps, the batches taken in ``order``."""
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        layers = forward(network, X[rows], ops)
        network = update(network, backward(network, layers, y[rows], ops, loss), lr)
    return network


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
