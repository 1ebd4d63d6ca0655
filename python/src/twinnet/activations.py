"""Activation functions and their slopes.

Twin: ``r/R/activations.R``. Every slope is computed from the activation's
OUTPUT ``a``, the textbook form for the sigmoid (a (1 - a)) and tanh
(1 - a^2). relu's slope is 1 where the output is positive and 0 elsewhere,
so 0 at z = 0 (a documented choice); identity's is 1. softmax is only
allowed as the output layer with cross-entropy, whose fused gradient
o - y needs no slope.
"""

import numpy as np

from twinnet.errors import ConfigError
from twinnet.numerics import Ops
from twinnet.validate import check_name

ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity", "softmax")


def activate(z: np.ndarray, activation: str, ops: Ops) -> np.ndarray:
    """The activation ``activation`` applied to the weighted inputs ``z``."""
    # --8<-- [start:activation]
    if activation == "sigmoid":
        return ops.sigmoid(z)
    # --8<-- [end:activation]
    if activation == "tanh":
        return ops.tanh(z)
    if activation == "relu":
        # z where positive, else +0 (NaN stays NaN)
        return np.where(z <= 0, 0.0, z)
    if activation == "identity":
        return z
    if activation == "softmax":
        # subtract each row's maximum first, so exp never overflows
        e = ops.exp(z - z.max(axis=1, keepdims=True))
        return e / ops.row_sums(e)[:, None]
    check_name(activation, ACTIVATIONS, "activation")
    raise AssertionError("unreachable")


def slope(a: np.ndarray, activation: str) -> np.ndarray:
    """d activation / dz, from the activation's output ``a``."""
    # --8<-- [start:activation]
    if activation == "sigmoid":
        return a * (1.0 - a)
    # --8<-- [end:activation]
    if activation == "tanh":
        return 1.0 - a * a
    if activation == "relu":
        return (a > 0).astype(np.float64)
    if activation == "identity":
        return np.ones_like(a)
    raise ConfigError(f"the slope of {activation!r} is not used: it must come with its loss")
