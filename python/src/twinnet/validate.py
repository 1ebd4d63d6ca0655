"""Checks of every public argument, before any training starts.

Twin: ``r/R/validate.R``. Each check raises one of the error classes of
:mod:`twinnet.errors`, with a message that names the argument, what was
expected and what was given.
"""

import difflib
import math
import numbers

import numpy as np

from twinnet.errors import (
    ArgumentError,
    DataTypeError,
    DataValueError,
    NameChoiceError,
    ShapeError,
    TwinnetError,
)


def check_name(value, choices, what: str) -> str:
    """A name from ``choices``; otherwise suggest the nearest one."""
    if isinstance(value, str) and value in choices:
        return value
    near = difflib.get_close_matches(str(value), choices, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise NameChoiceError(f"{what} must be one of {', '.join(choices)}; got {value!r}{hint}")


# R's integers stop at 2^31 - 1, so every whole-number argument does too.
INT_MAX = 2**31 - 1
# The most a single call may allocate; above it, the argument that asked is named.
MAX_BYTES = 2**32


def check_int(value, what: str, minimum: int = 1, maximum: int = INT_MAX) -> int:
    """A whole number in [minimum, maximum], as an int (True/False and 2.5 are not).

    Whole-number floats (``2.0``) and any number type that says it is whole
    (numpy scalars, ``Fraction(4, 2)``) are accepted and converted.
    """
    number = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    whole = number and (
        isinstance(value, numbers.Integral) or (math.isfinite(value) and float(value).is_integer())
    )
    if not whole or not minimum <= value <= maximum:
        raise ArgumentError(
            f"{what} must be a whole number of at least {minimum} and at most "
            f"{int(maximum)}; got {value!r}"
        )
    return int(value)


def check_memory(n_doubles: float, what: str) -> None:
    """Refuse a call that would allocate more than MAX_BYTES, before it does."""
    if n_doubles * 8 > MAX_BYTES:
        raise ArgumentError(
            f"{what} asks for {n_doubles * 8 / 2**30:.3g} GiB; twinnet allocates "
            f"at most {MAX_BYTES / 2**30:.3g} GiB in one call"
        )


# Forward and backward keep about this many n x width arrays per layer: its
# input, activation, slope, delta, and the exact products' slices.
WORKING_COPIES = 6


def check_working_memory(sizes, n_rows: int, what: str) -> None:
    """Refuse a pass over ``n_rows`` samples whose working arrays pass MAX_BYTES.

    The estimate: WORKING_COPIES arrays of n_rows x (every layer's width),
    and three copies of the weights and biases (them, their gradients, the
    update), checked by :func:`check_memory` before anything is allocated.
    """
    units = float(sum(sizes))
    params = float(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))
    check_memory(WORKING_COPIES * n_rows * units + 3 * params, what)


def working_what(sizes, n_rows: int, network: str = "network", data: str = "X") -> str:
    """How check_working_memory names the arguments: the widest layer and the rows."""
    return f"{network} ({max(sizes)} units in its widest layer) on {data} ({n_rows} rows)"


def check_flag(value, what: str) -> bool:
    """True or False, nothing else."""
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"{what} must be True or False; got {value!r}")
    return bool(value)


def check_lr(lr) -> float:
    """A finite learning rate above zero."""
    ok = isinstance(lr, numbers.Real) and not isinstance(lr, (bool, np.bool_))
    try:  # any real number type (numpy's, Fraction); a huge int overflows float
        value = float(lr) if ok else math.nan
    except OverflowError:
        value = math.inf
    if not (math.isfinite(value) and value > 0):
        raise ArgumentError(f"lr must be a finite number above 0; got {lr!r}")
    return value


def check_data(a, what: str) -> np.ndarray:
    """A finite float64 matrix, samples as rows (a vector becomes one column)."""
    try:
        m = _as_array(a, what)
    except TwinnetError:
        raise
    except (TypeError, ValueError) as err:
        raise DataTypeError(f"{what} must be a numeric matrix; got {type(a).__name__}") from err
    if m.dtype.kind not in "iuf":
        raise DataTypeError(f"{what} must be numeric; got values of type {m.dtype}")
    m = m.astype(np.float64).reshape(-1, 1) if m.ndim == 1 else m.astype(np.float64)
    if m.ndim != 2 or m.size == 0:
        raise ShapeError(f"{what} must be a non-empty 2-D matrix; got shape {np.shape(a)}")
    if not np.isfinite(m).all():
        raise DataValueError(f"{what} must be finite; it holds NaN or Inf")
    return m


def _as_array(a, what: str) -> np.ndarray:
    """A numpy array of ``a``; pandas' numeric columns (also Int64, Float64) as floats."""
    if hasattr(a, "dtypes") and hasattr(a, "columns"):  # a pandas DataFrame
        if 0 in a.shape:  # before the column types: an empty frame's are unknown
            raise ShapeError(f"{what} must be a non-empty 2-D matrix; got shape {a.shape}")
        text = [str(c) for c, t in zip(a.columns, a.dtypes) if not _is_numeric(t)]
        if text:
            raise DataTypeError(f"{what} must be numeric; columns {text} are not")
        return a.to_numpy(dtype=np.float64, na_value=np.nan)
    if hasattr(a, "to_numpy") and _is_numeric(getattr(a, "dtype", None)):  # a Series
        return a.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(a)


def check_targets(y: np.ndarray, loss: str) -> None:
    """Targets valid for the loss: 0/1 for binary, one-hot rows for categorical."""
    if loss == "binary_cross_entropy" and not np.isin(y, (0.0, 1.0)).all():
        raise DataValueError("y must be 0 or 1 for binary_cross_entropy")
    one_hot = np.isin(y, (0.0, 1.0)).all() and (y.sum(axis=1) == 1).all()
    if loss == "categorical_cross_entropy" and not one_hot:
        raise DataValueError(
            "y must have one-hot rows (one 1, else 0) for categorical_cross_entropy"
        )


def check_network(network):
    """A network made by init_network and still whole, for the functions that take one.

    Its fields may have been changed since: every weight must be a float64
    matrix chaining onto the next, every bias a vector as long as its layer,
    one known activation per layer, so no step recycles or guesses.
    """
    from twinnet.network import Network  # here: network.py imports this module

    if not isinstance(network, Network):
        raise DataTypeError(f"network must come from init_network; got {type(network).__name__}")
    weights = network.weights
    if not isinstance(weights, list) or not weights:
        raise ShapeError("network.weights must be a non-empty list of matrices")
    for i, w in enumerate(weights):
        _check_layer(w, i, None if i == 0 else weights[i - 1].shape[1])
    _check_biases(network.biases, weights)
    _check_activation_names(network.activations, len(weights))
    return network


def _check_biases(biases, weights) -> None:
    """The biases of a network: None, or one vector per layer."""
    if biases is None:
        return
    if not isinstance(biases, list) or len(biases) != len(weights):
        raise ShapeError(f"network.biases must be None or a list of {len(weights)} vectors")
    for i, b in enumerate(biases):
        _check_vector(b, f"network.biases[{i}]", weights[i].shape[1])


def _check_activation_names(acts, n_layers: int) -> None:
    """The activations of a network: one known name per layer."""
    from twinnet.activations import ACTIVATIONS  # here: activations.py imports this module

    if not isinstance(acts, list) or len(acts) != n_layers:
        raise ShapeError(f"network.activations must list {n_layers} names, one per layer")
    for name in acts:
        check_name(name, ACTIVATIONS, "network.activations")


def _check_layer(w, i: int, n_in) -> None:
    """One weight matrix of a network: float64, (n_in, n_out), not empty."""
    what = f"network.weights[{i}]"
    if not isinstance(w, np.ndarray) or w.dtype != np.float64:
        raise DataTypeError(f"{what} must be a float64 matrix; got {type(w).__name__}")
    if w.ndim != 2 or w.size == 0 or (n_in is not None and w.shape[0] != n_in):
        rows = "" if n_in is None else f" with {n_in} rows (the layer before's outputs)"
        raise ShapeError(f"{what} must be a non-empty matrix{rows}; got shape {w.shape}")


def _check_vector(b, what: str, length: int) -> None:
    """One bias vector of a network: float64, as long as its layer."""
    if not isinstance(b, np.ndarray) or b.dtype != np.float64:
        raise DataTypeError(f"{what} must be a float64 vector; got {type(b).__name__}")
    if b.shape != (length,):
        raise ShapeError(f"{what} must be a vector of length {length}; got shape {b.shape}")


def check_rows(X: np.ndarray, y: np.ndarray, sizes: list[int]) -> None:
    """X and y fit each other and the network's input and output sizes."""
    if X.shape[0] != y.shape[0]:
        raise ShapeError(
            f"X and y must have the same number of rows; got {X.shape[0]} and {y.shape[0]}"
        )
    if X.shape[1] != sizes[0]:
        raise ShapeError(f"X must have {sizes[0]} columns (the input size); got {X.shape[1]}")
    if y.shape[1] != sizes[-1]:
        raise ShapeError(f"y must have {sizes[-1]} columns (the output size); got {y.shape[1]}")


def _is_numeric(dtype) -> bool:
    """Integers or floats, numpy's or pandas' nullable ones (not booleans, not text)."""
    return getattr(dtype, "kind", None) in ("i", "u", "f")
