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


def fast_mean(a: np.ndarray) -> float:
    """Mean of all entries."""
    return float(a.mean())


def fast_sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid with numpy's exp; exp(1000) = inf gives 0, no warning."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))
