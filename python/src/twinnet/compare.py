"""Parity on your own data: train in Python and in R, compare the bits.

``twinnet.compare(network, X, y, epochs=100, lr=0.1)`` trains the same
network on the same data in both languages and returns the harness's
verdict: identical at every recorded epoch, or the first difference (epoch,
tensor, index, both values, ULPs). R runs embedded through rpy2, an
optional dependency (``pip install rpy2``), with the R package twinnet
installed. Inputs travel to R as hex strings, so R sees the same bits.
"""

import json
import numbers
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twinnet.bitwise import describe, to_hex
from twinnet.errors import ArgumentError
from twinnet.fit import fit
from twinnet.network import Network
from twinnet.rng import rng_seed
from twinnet.traces import first_difference, load_trace, save_trace
from twinnet.validate import check_data, check_lr, check_network

# Builds the network, trains it with the same options and saves the trace.
R_TRAIN = r"""
function(text, path) {
  a <- jsonlite::fromJSON(text, simplifyVector = FALSE)
  blocks <- function(b) lapply(b, twinnet:::from_hex)
  net <- twinnet::init_network(
    unlist(a$sizes), weights = blocks(a$weights),
    biases = if (is.null(a$biases)) NULL else blocks(a$biases),
    bias = !is.null(a$biases), activations = unlist(a$activations))
  options <- a$options
  options$lr <- twinnet:::from_hex(options$lr)
  result <- do.call(twinnet::fit, c(list(net, twinnet:::from_hex(a$X),
                                         twinnet:::from_hex(a$y)), options))
  twinnet::save_trace(result, path, language = "r")
  invisible(NULL)
}
"""


@dataclass
class Verdict:
    """Whether Python and R trained to the same bits, and where not."""

    epochs: int
    difference: dict | None  # first_difference's dict: epoch, tensor, index, a, b, ulps

    @property
    def identical(self) -> bool:
        """True when every recorded epoch has the same bits in both languages."""
        return self.difference is None

    def __str__(self) -> str:
        if self.difference is None:
            return f"identical at all {self.epochs} recorded epochs"
        return f"differ from {describe(self.difference, 'Python', 'R')}"

    __repr__ = __str__


def compare(network: Network, X, y, *, epochs: int, lr: float, **options) -> Verdict:
    """Train ``network`` on ``X``, ``y`` in Python and in R; compare every recorded epoch.

    Parameters
    ----------
    network : Network
        The starting network (its weights travel to R exactly).
    X, y : array_like
        The data, as for :func:`twinnet.fit`.
    epochs, lr, **options
        Passed to ``fit`` in both languages (``numerics``, ``loss``,
        ``batch_size``, ``seed``, ``reduction``, ``record_every`` ...), as
        ``fit`` takes them: numpy numbers and booleans, ``Fraction`` and
        other number types travel to R as plain numbers (``lr`` as its
        bits). Without ``seed``, one seed is drawn here and both languages
        shuffle with it, so mini-batches visit the same samples.

    Returns
    -------
    Verdict
        ``str(verdict)`` is the harness's line; ``verdict.identical``,
        ``verdict.difference`` the details.
    """
    if {"progress", "record_outputs"} & options.keys():
        raise ArgumentError("compare records full outputs and shows no progress")
    check_network(network)
    X, y = check_data(X, "X"), check_data(y, "y")
    # one seed for both languages: without it each would draw its own shuffles
    options = dict(options, seed=rng_seed(options.get("seed")))
    result = fit(network, X, y, epochs=epochs, lr=lr, **options)
    options = {name: _plain(value) for name, value in dict(options, epochs=epochs).items()}
    with tempfile.TemporaryDirectory() as tmp:
        py_path, r_path = Path(tmp) / "python.json", Path(tmp) / "r.json"
        save_trace(result, py_path)
        _train_in_r(network, X, y, dict(options, lr=to_hex([check_lr(lr)])), r_path)
        a, b = load_trace(py_path), load_trace(r_path)
    return Verdict(len(a["epochs"]), first_difference(a, b))


def _plain(value):
    """An option ``fit`` accepted, as a value JSON can carry (numpy's, Fraction's)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):  # a whole number fit took, e.g. Fraction(4, 2)
        return float(value)
    return value


def _train_in_r(network: Network, X, y, options: dict, path: Path) -> None:
    """Run R_TRAIN in the embedded R (rpy2), which writes R's trace to ``path``."""
    try:
        import rpy2.robjects as ro
    except ImportError as err:
        raise ImportError("twinnet.compare needs rpy2 (pip install rpy2) and R") from err
    text = json.dumps(
        {
            "sizes": network.sizes,
            "weights": [to_hex(w) for w in network.weights],
            "biases": None if network.biases is None else [to_hex(b) for b in network.biases],
            "activations": network.activations,
            "X": to_hex(X),
            "y": to_hex(y),
            "options": options,
        }
    )
    ro.r(R_TRAIN)(text, str(path))
