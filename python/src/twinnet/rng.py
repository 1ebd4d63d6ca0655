"""MRG32k3a, the random generator R calls "L'Ecuyer-CMRG", in exact arithmetic.

Twin: ``r/R/rng.R``. ``rng_uniform(rng_state(s), n)`` returns the same
numbers as R's ``set.seed(s, kind = "L'Ecuyer-CMRG"); runif(n)``, bit for
bit, without touching either language's own generator. All intermediate
values are integers below 2^53, so float64 holds them exactly.
"""

import math
import os

import numpy as np

from twinnet.errors import DataTypeError, ShapeError
from twinnet.validate import check_int, check_memory

M1 = 4294967087.0
M2 = 4294944443.0
# 1 / (M1 + 1) as R's C source rounds it, written in hex.
NORM = float.fromhex("0x1.000000d00000bp-32")


def rng_state(seed: int) -> list[float]:
    """The six state words R's ``set.seed`` derives from an integer seed."""
    s = check_int(seed, "seed", -(2**31) + 1, 2**31 - 1) % 2**32
    # initial scrambling: 50 steps of the LCG s -> 69069 s + 1 mod 2^32
    for _ in range(50):
        s = (69069 * s + 1) % 2**32
    state = []
    for _ in range(6):
        s = (69069 * s + 1) % 2**32
        while s >= M2:
            s = (69069 * s + 1) % 2**32
        state.append(float(s))
    return state


def rng_seed(seed: int | None = None) -> int:
    """The seed as given, or a fresh one from the operating system for ``None``."""
    return int.from_bytes(os.urandom(4), "little") % 2**31 if seed is None else seed


def rng_uniform(state: list[float], n: int) -> tuple[np.ndarray, list[float]]:
    """Draw ``n`` uniform numbers on (0, 1); return them and the next state."""
    n = check_int(n, "n", 0)
    check_memory(n, "n")
    s = _check_state(state)
    values = np.empty(n)
    for i in range(n):
        # first component: p1 = 1403580 s1 - 810728 s0 mod M1
        p1 = _rng_mod(1403580.0 * s[1] - 810728.0 * s[0], M1)
        s[0], s[1], s[2] = s[1], s[2], p1
        # second component: p2 = 527612 s5 - 1370589 s3 mod M2
        p2 = _rng_mod(527612.0 * s[5] - 1370589.0 * s[3], M2)
        s[3], s[4], s[5] = s[4], s[5], p2
        # combine the two components
        values[i] = (p1 - p2 if p1 > p2 else p1 - p2 + M1) * NORM
    return values, s


def _check_state(state) -> list[float]:
    """Six state words, as rng_state returns them."""
    try:
        s = [float(v) for v in np.asarray(state, dtype=np.float64).reshape(-1)]
    except (TypeError, ValueError):
        raise DataTypeError("state must be numbers, as rng_state returns them") from None
    if len(s) != 6:
        raise ShapeError(f"state must hold the 6 words rng_state returns; got {len(s)}")
    return s


def _rng_mod(p: float, m: float) -> float:
    """P mod m for integers below 2^53 held in float64, always in [0, m)."""
    p = p - math.floor(p / m) * m
    if p < 0:
        p = p + m
    if p >= m:
        p = p - m
    return p


def rng_shuffle(state: list[float], n: int) -> tuple[np.ndarray, list[float]]:
    """A random order of 0..n-1 by Fisher-Yates; return it and the next state.

    Position i (from the last down to 1) swaps with j = floor(u (i + 1)),
    u being the next uniform draw.
    """
    n = check_int(n, "n", 0)
    order = np.arange(n)
    values, state = rng_uniform(state, max(n - 1, 0))
    for step, i in enumerate(range(n - 1, 0, -1)):
        j = min(math.floor(values[step] * (i + 1)), i)
        order[i], order[j] = order[j], order[i]
    return order, state
