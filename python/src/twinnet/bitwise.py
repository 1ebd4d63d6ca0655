"""Comparing float64 results bit by bit: the one definition of each measure.

Twin: ``r/R/bitwise.R``. The package (traces, the command line, the
plots) and the test harness all compare through these functions: the same
bits (:func:`same_bits`), the distance in ULPs (:func:`ulps`), a trace's
tensors by name (:func:`trace_tensors`), the first entry whose bits differ
(:func:`first_difference_in`), the drift per epoch (:func:`drift_in`), and
the hex codec of the fixtures and traces (:func:`from_hex`, :func:`to_hex`).
"""

import math
import re

import numpy as np

from twinnet.errors import FixtureError
from twinnet.schema import json_is_type

# A finite double in hex, as the schemas define it (hexFloat).
HEX = re.compile(r"^-?0x[01](\.[0-9a-f]{1,13})?p[+-](0|[1-9][0-9]{0,3})$")
# Non-finite values in a trace, as Python (float.hex) and R (sprintf) write them.
NONFINITE = ("nan", "inf", "-inf", "NaN", "Inf", "-Inf")

# The sign bit of a float64, and the rest (exponent and fraction).
SIGN = np.uint64(1 << 63)
MAGNITUDE = np.uint64((1 << 63) - 1)


def same_bits(x, y) -> np.ndarray:
    """Elementwise: the same float64 value and sign, or both NaN."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    return (x.view(np.uint64) == y.view(np.uint64)) | (np.isnan(x) & np.isnan(y))


def ulps(x, y) -> np.ndarray:
    """Elementwise: how many doubles lie between x and y, counted exactly.

    0 where :func:`same_bits` holds (and between +0 and -0); infinite
    where one is NaN or an infinity and the other is not the same; across
    zero, the count from x to 0 plus the count from 0 to y. A float array,
    rounded once where the count passes 2^53.
    """
    x, y = (np.array(v) for v in np.broadcast_arrays(np.float64(x), np.float64(y)))
    bx, by = x.view(np.uint64), y.view(np.uint64)
    mx, my = bx & MAGNITUDE, by & MAGNITUDE
    same_sign = (bx & SIGN) == (by & SIGN)
    count = np.where(same_sign, np.maximum(mx, my) - np.minimum(mx, my), mx + my)
    count = count.astype(np.float64)
    count[~(np.isfinite(x) & np.isfinite(y))] = np.inf
    count[same_bits(x, y)] = 0.0
    return count


def trace_tensors(trace) -> dict[str, np.ndarray]:
    """name -> array with the recorded epochs first, in a fixed order.

    ``trace`` is a :class:`~twinnet.fit.Trace` or a dict with the same
    fields (as the harness gets R's trace).
    """
    get = trace.get if isinstance(trace, dict) else lambda k: getattr(trace, k)
    tensors = {"loss": np.asarray(get("loss")), "outputs": np.asarray(get("outputs"))}
    for i, w in enumerate(get("weights")):
        tensors[f"weights[{i}]"] = np.asarray(w)
    for i, b in enumerate(get("biases") or []):
        tensors[f"biases[{i}]"] = np.asarray(b)
    return tensors


def first_difference_in(epochs, a: dict, b: dict) -> dict | None:
    """The earliest epoch, then the first tensor and entry, whose bits differ.

    ``a`` and ``b`` map the same tensor names to arrays with one row per
    entry of ``epochs``. ``None`` when they agree everywhere, else the
    ``epoch`` and ``tensor``, and what :func:`entry_difference` says of
    that epoch's row.
    """
    found = None
    for name in a:
        rows = np.flatnonzero(_bad_rows(name, a[name], b[name], len(epochs)).any(axis=1))
        if rows.size and (found is None or rows[0] < found[0]):
            found = (rows[0], name)
    if found is None:
        return None
    row, name = found
    where = {"epoch": int(epochs[row]), "tensor": name}
    return where | entry_difference(a[name][row], b[name][row])


def entry_difference(x, y) -> dict | None:
    """The first entry (row-major) whose bits differ between two arrays of one shape.

    ``None`` when every entry agrees, else a dict with its ``index``
    (0-based), the two values ``a`` and ``b``, and ``ulps``.
    """
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    bad = ~same_bits(x, y).reshape(-1)
    if not bad.any():
        return None
    k = int(np.argmax(bad))
    a, b = x.flat[k], y.flat[k]
    index = [int(i) for i in np.unravel_index(k, x.shape)]
    return {"index": index, "a": float(a), "b": float(b), "ulps": float(ulps(a, b))}


def _bad_rows(name: str, x: np.ndarray, y: np.ndarray, n_epochs: int) -> np.ndarray:
    """Per epoch (rows), which entries of tensor ``name`` differ in their bits."""
    if x.shape != y.shape:
        raise FixtureError(f"{name} has shape {x.shape} in one trace, {y.shape} in the other")
    return ~same_bits(x, y).reshape(n_epochs, -1)


def drift_in(epochs, a: dict, b: dict) -> dict:
    """How far two runs drift apart, tensor by tensor and epoch by epoch.

    ``by_epoch``: per entry of ``epochs``, the largest distance in ULPs
    over all tensors (0 where the bits agree); ``max_ulps``: per tensor,
    the largest over all epochs; ``first``: what
    :func:`first_difference_in` finds.
    """
    by_epoch, worst = np.zeros(len(epochs)), {}
    for name in a:
        _bad_rows(name, a[name], b[name], len(epochs))
        apart = ulps(a[name], b[name]).reshape(len(epochs), -1).max(axis=1, initial=0.0)
        by_epoch, worst[name] = np.maximum(by_epoch, apart), float(apart.max(initial=0.0))
    return {"by_epoch": by_epoch, "max_ulps": worst, "first": first_difference_in(epochs, a, b)}


def describe(found: dict | None, a: str = "a", b: str = "b") -> str:
    """One line for what :func:`first_difference_in` or :func:`entry_difference` found.

    ``a`` and ``b`` name the two runs; ``"identical"`` for ``None``.
    """
    if found is None:
        return "identical"
    where = f"epoch {found['epoch']}: " if "epoch" in found else ""
    return (
        f"{where}{found.get('tensor', '')}{found['index']}: "
        f"{a} {found['a'].hex()} vs {b} {found['b'].hex()} ({found['ulps']:.0f} ULPs)"
    )


def from_hex(block, finite: bool = True) -> np.ndarray:
    """A ``{"shape": [...], "hex": [...]}`` block as a float64 array (row-major).

    Every value must be a finite double written in hex; with ``finite=False``
    (traces) also NaN or an infinity, as either language spells them.
    Anything else is a :class:`~twinnet.errors.FixtureError`, as in R.
    """
    shape, texts = _block_parts(block)
    if not isinstance(finite, bool):
        raise FixtureError(f"finite must be True or False; got {finite!r}")
    allowed = () if finite else NONFINITE
    bad = FixtureError("a block holds a value that is not a double in hex")
    if not all(HEX.fullmatch(h) or h in allowed for h in texts):
        raise bad
    try:
        values = np.array([float.fromhex(h) for h in texts], dtype=np.float64)
    except OverflowError:  # 0x1p+2000 fits the pattern, not a double
        raise bad from None
    if not np.isfinite(values[[h not in allowed for h in texts]]).all():
        raise bad
    if values.size != math.prod(shape):
        raise FixtureError(f"{values.size} values do not fill shape {shape}")
    return values.reshape(shape)


def to_hex(a) -> dict:
    """The inverse of :func:`from_hex`."""
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "hex": [float(v).hex() for v in a.reshape(-1)]}


def whole_numbers(x) -> bool:
    """A JSON array of whole numbers from 0 to 2^31 - 1."""
    return json_is_type("array", x) and all(
        json_is_type("integer", n) and 0 <= n < 2**31 for n in x
    )


def _block_parts(block) -> tuple[list[int], list[str]]:
    """The shape and hex strings of a block, checked for type."""
    if not isinstance(block, dict) or not {"shape", "hex"} <= block.keys():
        raise FixtureError("a block must be an object with 'shape' and 'hex'")
    shape, texts = block["shape"], block["hex"]
    if not whole_numbers(shape) or not 1 <= len(shape) <= 3:
        raise FixtureError("a block's shape must be a list of 1 to 3 whole numbers")
    if not isinstance(texts, list) or not all(isinstance(h, str) for h in texts):
        raise FixtureError("a block's hex must be a list of strings")
    return [int(n) for n in shape], texts
