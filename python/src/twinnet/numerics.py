"""The two numerics modes: which kernels the network code calls.

Twin: ``r/R/numerics.R``. The network code never calls ``@`` or ``exp``
itself; it asks ``ops`` for a matrix product, sums, exp, log, sigmoid and
tanh. ``"exact"`` gives bitwise the same results in Python and R;
``"fast"`` is the idiomatic BLAS path.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from twinnet import exact, fast
from twinnet.validate import check_name

NUMERICS = ("exact", "fast")
Kernel = Callable[[np.ndarray], np.ndarray]


class Ops(NamedTuple):
    """The named operations the network code is written in."""

    matmul: Callable[[np.ndarray, np.ndarray], np.ndarray]
    col_sums: Kernel
    row_sums: Kernel
    total: Callable[[np.ndarray], float]
    exp: Kernel
    log: Kernel
    sigmoid: Kernel
    tanh: Kernel


# Each mode written out, so a reader can follow ops.matmul to its kernel.
EXACT_OPS = Ops(
    matmul=exact.exact_matmul,
    col_sums=exact.exact_col_sums,
    row_sums=exact.exact_row_sums,
    total=exact.exact_total,
    exp=exact.exact_exp,
    log=exact.exact_log,
    sigmoid=exact.exact_sigmoid,
    tanh=exact.exact_tanh,
)
FAST_OPS = Ops(
    matmul=fast.fast_matmul,
    col_sums=fast.fast_col_sums,
    row_sums=fast.fast_row_sums,
    total=fast.fast_total,
    exp=fast.fast_exp,
    log=fast.fast_log,
    sigmoid=fast.fast_sigmoid,
    tanh=fast.fast_tanh,
)


def numerics_ops(numerics: str) -> Ops:
    """Return the kernels of one numerics mode, ``"exact"`` or ``"fast"``."""
    check_name(numerics, NUMERICS, "numerics")
    return EXACT_OPS if numerics == "exact" else FAST_OPS
