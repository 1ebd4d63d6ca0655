"""Training: forward, loss, backward, update, once per epoch, with a trace.

Twin: ``r/R/fit.R``.
"""

import hashlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from twinnet.backward import backward
from twinnet.errors import ArgumentError, DataTypeError, TrainingError
from twinnet.forward import forward
from twinnet.loss import check_loss, loss_value
from twinnet.network import Network
from twinnet.numerics import Ops, numerics_ops
from twinnet.rng import rng_seed, rng_shuffle, rng_state
from twinnet.update import update
from twinnet.validate import (
    check_data,
    check_flag,
    check_int,
    check_lr,
    check_memory,
    check_name,
    check_network,
    check_rows,
    check_targets,
    check_working_memory,
    working_what,
)

RECORD_OUTPUTS = ("full", "digest")
REDUCTIONS = ("sum", "mean")


class TrainingWarning(UserWarning):
    """Training ended without improving the loss, or diverged (R: ``twinnet_training_warning``)."""


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
    outputs: np.ndarray  # (rows, n, n_out) floats, or (rows,) sha256 hex strings


@dataclass
class FitResult:
    """The trained network, the loss of every epoch, and the trace."""

    network: Network
    loss: np.ndarray
    trace: Trace

    def __repr__(self) -> str:
        """A few lines: the network, the epochs and the loss at both ends."""
        return (
            f"FitResult: {len(self.loss)} epochs, loss {self.loss[0]:.6g} -> "
            f"{self.loss[-1]:.6g}, {len(self.trace.epochs)} recorded\n  {self.network!r}"
        )


# Overflow to Inf and Inf - Inf = NaN are reported by the non-finite check
# below (the same way in R, which never warns), not as numpy warnings.
@np.errstate(over="ignore", invalid="ignore")
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
    stop_on_nonfinite: bool = True,
    record_outputs: str = "full",
    progress: Callable[[int, float], None] | None = None,
    reduction: str = "sum",
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
    stop_on_nonfinite : bool
        Stop with a :class:`~twinnet.errors.TrainingError` (naming the epoch
        and the tensor, and holding the result so far in ``.partial``) when
        the loss or a weight becomes NaN or Inf; ``False`` trains on.
    record_outputs : {"full", "digest"}
        How the trace keeps each recorded epoch's outputs: ``"full"``
        (default), the whole ``(n, sizes[-1])`` matrix, so ``trace.outputs``
        has shape ``(rows, n, sizes[-1])``; ``"digest"``, only its sha256
        (see :func:`output_digest`), so ``trace.outputs`` is an array of
        ``rows`` hex strings, the same strings R's ``fit`` records. For large
        data: the trace then grows by 64 characters per recorded epoch.
    progress : callable, optional
        Called as ``progress(epoch, loss)`` once per epoch, when the
        epoch's loss is known; the command line prints progress with it.
    reduction : {"sum", "mean"}
        ``"sum"`` (default, the article's): each step follows the gradient
        of the loss summed over the batch's samples, so a learning rate
        that works for 200 samples may diverge or stall for 1000.
        ``"mean"``: the gradient averaged over the batch (each step uses
        ``lr / rows``), so ``lr`` does not depend on n; scikit-learn and
        Keras do this, and so do :class:`~twinnet.TwinnetClassifier` and R's
        ``twinnet()``.

    Returns
    -------
    FitResult
        ``loss[e]`` is the loss over all samples from the parameters epoch
        ``e`` started with, before its updates.

    Raises
    ------
    TwinnetError
        A subclass per kind of bad argument (see :mod:`twinnet.errors`),
        before any training starts.

    Warns
    -----
    TrainingWarning
        When the loss or a weight ends NaN or Inf (with
        ``stop_on_nonfinite=False``), or, over two or more epochs, the last
        epoch's loss is not below the first's; R warns on the same condition.
    """
    X, y, epochs, lr, record_every, batch_size, seed = _check_fit(
        network, X, y, epochs, lr, record_every, loss, batch_size, shuffle, seed
    )
    _check_options(stop_on_nonfinite, record_outputs, reduction)
    progress = _progress_or_nothing(progress)
    ops = numerics_ops(numerics)
    state = rng_state(rng_seed(seed))
    losses = np.empty(epochs)
    trace = _new_trace(network, X, y, epochs, record_every, record_outputs)
    # --8<-- [start:fit]
    for epoch in range(epochs):
        layers = forward(network, X, ops)
        losses[epoch] = loss_value(layers[-1], y, loss, ops)
        progress(epoch, float(losses[epoch]))
        if epoch % record_every == 0:
            # trace: the parameters this epoch started with, and its output
            _record_epoch(trace, epoch // record_every, network, layers[-1])
        if stop_on_nonfinite:
            _stop_if_diverged(network, losses, trace, epoch, record_every)
        if batch_size is None:
            # full batch: one step, from the forward pass just made
            step = step_size(lr, len(X), reduction)
            network = update(network, backward(network, layers, y, ops, loss), step)
        else:
            order, state = _epoch_order(state, len(X), shuffle)
            network = _descend_batches(network, X, y, order, batch_size, lr, loss, ops, reduction)
    trace.loss = losses[trace.epochs]
    # --8<-- [end:fit]
    return _finish_fit(network, losses, trace, stop_on_nonfinite)


def step_size(lr: float, rows: int, reduction: str) -> float:
    """The step of one update: ``lr``, or ``lr / rows`` for the mean gradient.

    Dividing the learning rate once (one correctly rounded division) rather
    than every gradient entry gives the same bits in both languages.
    """
    return lr / rows if reduction == "mean" else lr


def output_digest(output: np.ndarray) -> str:
    """The sha256 (hex) of an output matrix, as ``record_outputs="digest"`` keeps it.

    Its float64 values as little-endian bytes in row-major order, so R's
    ``output_digest`` gives the same string.
    """
    # doubles only: anything else would be converted, or read as other bytes
    if not isinstance(output, np.ndarray) or output.dtype != np.float64:
        raise DataTypeError(f"output must be a matrix of doubles; got {type(output).__name__}")
    raw = np.ascontiguousarray(output, dtype="<f8").tobytes()
    return hashlib.sha256(raw).hexdigest()


def _progress_or_nothing(progress):
    """The progress function, or one that does nothing."""
    if progress is None:
        return lambda epoch, loss: None
    if not callable(progress):
        raise ArgumentError(f"progress must be a function or None; got {progress!r}")
    return progress


def _check_options(stop_on_nonfinite: bool, record_outputs: str, reduction: str) -> None:
    """Check fit's options that the walkthrough does not share."""
    check_flag(stop_on_nonfinite, "stop_on_nonfinite")
    check_name(record_outputs, RECORD_OUTPUTS, "record_outputs")
    check_name(reduction, REDUCTIONS, "reduction")


def _record_epoch(trace: Trace, row: int, network: Network, output: np.ndarray) -> None:
    """Keep one epoch's starting parameters and its output (or the output's digest).

    numpy writes into the trace's arrays in place; R's twin is a function kept
    with the trace (``new_trace`` in fit.R), as R would copy a trace handed in.
    """
    for i, w in enumerate(network.weights):
        trace.weights[i][row] = w
    for i, b in enumerate(network.biases or []):
        trace.biases[i][row] = b
    if trace.outputs.dtype.kind == "U":
        trace.outputs[row] = output_digest(output)
    else:
        trace.outputs[row] = output


def _stop_if_diverged(network, losses, trace, epoch: int, every: int) -> None:
    """Stop with a TrainingError, holding the result so far, at a NaN or Inf."""
    bad = _nonfinite(network, losses[epoch])
    if bad is not None:
        raise TrainingError(
            f"training diverged: {bad} is NaN or Inf at epoch {epoch} (try a smaller lr); "
            "the result so far is in .partial",
            partial=_partial_fit(network, losses, trace, epoch, every),
        )


def _epoch_order(state, n: int, shuffle: bool):
    """The order of one epoch's samples: shuffled, or as they come."""
    return rng_shuffle(state, n) if shuffle else (np.arange(n), state)


def _finish_fit(network, losses, trace, stop_on_nonfinite: bool) -> FitResult:
    """The result, after a last check of the final update's weights."""
    result = FitResult(network, losses, trace)
    bad = _nonfinite(network, 0.0)
    if bad is not None and stop_on_nonfinite:
        raise TrainingError(
            f"training diverged: {bad} is NaN or Inf after the last update (try a smaller lr)",
            partial=result,
        )
    _warn_if_no_progress(losses, bad)
    return result


def _warn_if_no_progress(losses: np.ndarray, bad: str | None) -> None:
    """Warn when training diverged, or its last loss is not below its first."""
    if bad is not None or not np.isfinite(losses).all():
        what = bad or "the loss"
        message = f"training diverged: {what} became NaN or Inf (try a smaller lr)"
    elif len(losses) > 1 and not losses[-1] < losses[0]:
        message = (
            f"training did not improve: the loss went from {losses[0]:.6g} at epoch 0 "
            f"to {losses[-1]:.6g} at epoch {len(losses) - 1} (try another lr or more epochs)"
        )
    else:
        return
    warnings.warn(message, TrainingWarning, stacklevel=5)


def _descend_batches(
    network, X, y, order, batch_size: int, lr: float, loss: str, ops: Ops, reduction: str
):
    """One epoch of mini-batch steps, the batches taken in ``order``."""
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        layers = forward(network, X[rows], ops)
        grads = backward(network, layers, y[rows], ops, loss)
        network = update(network, grads, step_size(lr, len(rows), reduction))
    return network


def _check_fit(network, X, y, epochs, lr, record_every, loss, batch_size, shuffle, seed):
    """Check every argument of fit; return them converted (X and y as float64 matrices)."""
    check_network(network)
    epochs = check_int(epochs, "epochs")
    lr = check_lr(lr)
    record_every = check_int(record_every, "record_every")
    check_loss(loss, network.activations[-1])
    X, y = check_data(X, "X"), check_data(y, "y")
    check_rows(X, y, network.sizes)
    check_targets(y, loss)
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", 1, X.shape[0])
    check_flag(shuffle, "shuffle")
    if seed is not None:
        seed = check_int(seed, "seed", -(2**31) + 1, 2**31 - 1)
    # the trace: every recorded epoch keeps the parameters and the outputs
    per_row = sum(w.size + w.shape[1] for w in network.weights) + y.size
    check_memory(-(-epochs // record_every) * per_row + epochs, "epochs (with record_every)")
    # forward and backward: n x width arrays per layer, and the weights again
    check_working_memory(network.sizes, X.shape[0], working_what(network.sizes, X.shape[0]))
    return X, y, epochs, lr, record_every, batch_size, seed


def _nonfinite(network: Network, loss: float) -> str | None:
    """The first tensor holding NaN or Inf: the loss, then weights and biases."""
    if not np.isfinite(loss):
        return "loss"
    for i, w in enumerate(network.weights):
        if not np.isfinite(w).all():
            return f"weights[{i}]"
    for i, b in enumerate(network.biases or []):
        if not np.isfinite(b).all():
            return f"biases[{i}]"
    return None


def _partial_fit(network, losses, trace, epoch: int, every: int) -> FitResult:
    """The result up to and including ``epoch``, for an error to hand back."""
    rows = epoch // every + 1
    kept = Trace(
        epochs=trace.epochs[:rows],
        loss=losses[trace.epochs[:rows]],
        weights=[w[:rows] for w in trace.weights],
        biases=None if trace.biases is None else [b[:rows] for b in trace.biases],
        outputs=trace.outputs[:rows],
    )
    return FitResult(network, losses[: epoch + 1], kept)


def _new_trace(network: Network, X, y, epochs: int, every: int, record_outputs: str) -> Trace:
    n_rec = (epochs + every - 1) // every
    shape = (n_rec, X.shape[0], y.shape[1])
    # a digest is 64 hex characters, whatever the size of the data
    outputs = np.empty(n_rec, "<U64") if record_outputs == "digest" else np.empty(shape)
    biases = None
    if network.biases is not None:
        biases = [np.empty((n_rec,) + b.shape) for b in network.biases]
    return Trace(
        epochs=np.arange(0, epochs, every),
        loss=np.empty(n_rec),
        weights=[np.empty((n_rec,) + w.shape) for w in network.weights],
        biases=biases,
        outputs=outputs,
    )
