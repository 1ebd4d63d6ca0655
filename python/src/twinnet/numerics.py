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


def numerics_ops(numerics: str) -> Ops:
    """Return the kernels of one numerics mode, ``"exact"`` or ``"fast"``."""
    check_name(numerics, NUMERICS, "numerics")
    module = exact if numerics == "exact" else fast
    return Ops(*(getattr(module, f"{numerics}_{name}") for name in Ops._fields))
