"""Input normalisation, fitted on training data and reusable on new data.

Twin: ``r/R/normalize.R``. Three methods, all in exact arithmetic (min,
max, tree sums, one sqrt), so both languages scale the same bits:

- ``"global_minmax"``: the article's: subtract the smallest entry of the
  whole matrix, divide by the largest entry after that subtraction.
- ``"minmax"``: the same per column.
- ``"standardize"``: per column, subtract the mean, divide by the standard
  deviation (population form, divided by n).

A column with no spread gets scale 1, so it becomes all zeros. A column of
tiny spread (below 2^-511, whose squares would underflow) is scaled up by
2^600 before squaring and back after, exactly, so it is standardised too.
"""

import numpy as np

from twinnet.errors import DataTypeError, DataValueError, ShapeError
from twinnet.exact import exact_col_sums
from twinnet.validate import check_data, check_name

METHODS = ("global_minmax", "minmax", "standardize")


# Spreads beyond the largest double become Inf; _check_spread reports them
# the same way in R, which never warns, instead of numpy warning.
@np.errstate(over="ignore", invalid="ignore")
def fit_normalizer(X, method: str = "minmax") -> dict:
    """Learn shift and scale from ``X``; return ``{"method", "shift", "scale"}``."""
    X = check_data(X, "X")
    check_name(method, METHODS, "method")
    if method == "global_minmax":
        shift = np.full(X.shape[1], X.min())
        scale = np.full(X.shape[1], (X - X.min()).max())
    elif method == "minmax":
        shift = X.min(axis=0)
        scale = (X - shift).max(axis=0)
    else:  # standardize
        shift = exact_col_sums(X) / X.shape[0]
        scale = column_sd(X - shift)
    _check_spread(scale)
    scale = np.where(scale == 0, 1.0, scale)
    # min and max may return -0 or +0 for a tie (R and numpy pick differently):
    # adding +0 turns -0 into +0, the same bits in both languages
    shift = shift + 0.0
    return {"method": method, "shift": shift, "scale": scale}


def normalize(normalizer: dict, X) -> np.ndarray:
    """Apply a fitted normaliser to ``X``: (X - shift) / scale, column by column."""
    if not isinstance(normalizer, dict) or not {"shift", "scale"} <= normalizer.keys():
        raise DataTypeError("normalizer must come from fit_normalizer")
    X = check_data(X, "X")
    if X.shape[1] != len(normalizer["shift"]):
        raise ShapeError(
            f"X must have {len(normalizer['shift'])} columns, as the data the "
            f"normaliser was fitted on; got {X.shape[1]}"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = (X - normalizer["shift"]) / normalizer["scale"]
    if not np.isfinite(scaled).all():
        raise DataValueError("X lies too far from the fitted data: normalised, it overflows")
    return scaled


# Deviations below 2^-511 square below the smallest normal double; times
# 2^600 (exact: a power of 2) they square safely, and the sd is divided back.
TINY = 2.0**-511
LIFT = 2.0**600


def column_sd(centred: np.ndarray) -> np.ndarray:
    """Population standard deviation of each column of centred data."""
    lift = np.where(np.abs(centred).max(axis=0) < TINY, LIFT, 1.0)
    lifted = centred * lift
    return np.sqrt(exact_col_sums(lifted * lifted) / centred.shape[0]) / lift


def _check_spread(scale: np.ndarray) -> None:
    """A spread too large for a double would give NaN or zeros, silently."""
    if not np.isfinite(scale).all():
        raise DataValueError(
            "X spreads too widely to normalise (its range or variance overflows a double); "
            "divide it by a power of 2 first"
        )
