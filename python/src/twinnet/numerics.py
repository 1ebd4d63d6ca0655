"""The two numerics modes: which kernels the network code calls.

Twin: ``r/R/numerics.R``. The network code never calls ``@`` or ``exp``
itself; it asks ``ops`` for a matrix product, column sums, a mean and a
sigmoid. ``"exact"`` gives bitwise the same results in Python and R;
``"fast"`` is the idiomatic BLAS path.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from twinnet import exact, fast

NUMERICS = ("exact", "fast")


class Ops(NamedTuple):
    """The named operations the network code is written in."""

    matmul: Callable[[np.ndarray, np.ndarray], np.ndarray]
    col_sums: Callable[[np.ndarray], np.ndarray]
    mean: Callable[[np.ndarray], float]
    sigmoid: Callable[[np.ndarray], np.ndarray]


def numerics_ops(numerics: str) -> Ops:
    """Return the kernels of one numerics mode, ``"exact"`` or ``"fast"``."""
    if numerics == "exact":
        return Ops(exact.exact_matmul, exact.exact_col_sums, exact.exact_mean, exact.exact_sigmoid)
    if numerics == "fast":
        return Ops(fast.fast_matmul, fast.fast_col_sums, fast.fast_mean, fast.fast_sigmoid)
    raise ValueError(f"numerics must be one of {NUMERICS}, not {numerics!r}")
