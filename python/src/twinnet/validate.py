"""Checks of every public argument, before any training starts.

Twin: ``r/R/validate.R``. Each check raises one of the error classes of
:mod:`twinnet.errors`, with a message that names the argument, what was
expected and what was given.
"""

import difflib
import numbers

import numpy as np

from twinnet.errors import ArgumentError, DataTypeError, DataValueError, NameChoiceError, ShapeError


def check_name(value, choices, what: str) -> str:
    """A name from ``choices``; otherwise suggest the nearest one."""
    if isinstance(value, str) and value in choices:
        return value
    near = difflib.get_close_matches(str(value), choices, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise NameChoiceError(f"{what} must be one of {', '.join(choices)}; got {value!r}{hint}")


def check_int(value, what: str, minimum: int = 1, maximum: float = np.inf) -> int:
    """A whole number in [minimum, maximum] (True/False and 2.5 are not)."""
    whole = isinstance(value, numbers.Integral) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole or not minimum <= value <= maximum:
        upper = "" if maximum == np.inf else f" and at most {int(maximum)}"
        raise ArgumentError(
            f"{what} must be a whole number of at least {minimum}{upper}; got {value!r}"
        )
    return int(value)


def check_flag(value, what: str) -> bool:
    """True or False, nothing else."""
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"{what} must be True or False; got {value!r}")
    return bool(value)


def check_lr(lr) -> float:
    """A finite learning rate above zero."""
    ok = isinstance(lr, numbers.Real) and not isinstance(lr, bool)
    if not ok or not (np.isfinite(lr) and lr > 0):
        raise ArgumentError(f"lr must be a finite number above 0; got {lr!r}")
    return float(lr)


def check_data(a, what: str) -> np.ndarray:
    """A finite float64 matrix, samples as rows (a vector becomes one column)."""
    if hasattr(a, "dtypes") and hasattr(a, "columns"):  # a pandas DataFrame
        text = [str(c) for c, t in zip(a.columns, a.dtypes) if not _is_numeric(t)]
        if text:
            raise DataTypeError(f"{what} must be numeric; columns {text} are not")
    try:
        m = np.asarray(a)
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
    """A network made by init_network, for the functions that take one."""
    from twinnet.network import Network  # here: network.py imports this module

    if not isinstance(network, Network):
        raise DataTypeError(f"network must come from init_network; got {type(network).__name__}")
    return network


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
    try:
        return np.dtype(dtype).kind in "iuf"
    except TypeError:  # a pandas extension type such as "string"
        return False
