"""Fast kernels: the idiomatic numpy code, with BLAS and numpy's own exp.

Twin: ``r/R/fast.R``. Quick, and what most people would write, but BLAS,
``np.exp`` and ``np.sum`` each choose their own summation order or
approximation, so results differ from R's in the last bits, and training
amplifies those bits (see ``docs/numerics.md``).
"""

import numpy as np


def fast_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Matrix product through BLAS."""
    return a @ b


def fast_col_sums(a: np.ndarray) -> np.ndarray:
    """Column sums (a sum over samples), numpy's pairwise order."""
    return a.sum(axis=0)


def fast_row_sums(a: np.ndarray) -> np.ndarray:
    """Row sums (a sum over the outputs of one sample)."""
    return a.sum(axis=1)


def fast_total(a: np.ndarray) -> float:
    """Sum of all entries."""
    return float(a.sum())


def fast_exp(x: np.ndarray) -> np.ndarray:
    """numpy's exp; exp(1000) = inf without a warning."""
    with np.errstate(over="ignore"):
        return np.exp(x)


def fast_log(x: np.ndarray) -> np.ndarray:
    """numpy's log (of positive numbers)."""
    return np.log(x)


def fast_sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid with numpy's exp; exp(1000) = inf gives 0, no warning."""
    # 1 / (1 + exp(-x)) in one new array: numpy would make one per operation
    # (R's arithmetic reuses its temporaries by itself)
    y = np.negative(x)
    with np.errstate(over="ignore"):
        np.exp(y, out=y)
    y += 1.0
    return np.divide(1.0, y, out=y)


def fast_tanh(x: np.ndarray) -> np.ndarray:
    """numpy's tanh."""
    return np.tanh(x)
