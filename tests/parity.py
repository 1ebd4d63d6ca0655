"""Comparing Python and R results on raw 64-bit patterns.

A comparison walks the trace epoch by epoch and reports the first entry
whose bits differ: the epoch, the tensor, the index, both values in hex
and their distance in ULPs. NaNs compare by class (any NaN equals any NaN).
"""

from dataclasses import dataclass

import numpy as np

from twinnet.traces import same_bits


@dataclass
class Mismatch:
    """The first place where Python and R disagree."""

    epoch: int
    tensor: str
    index: tuple
    python: float
    r: float

    def __str__(self) -> str:
        return (
            f"epoch {self.epoch}, {self.tensor}{list(self.index)}: "
            f"Python {self.python.hex()} vs R {self.r.hex()} "
            f"({ulps(self.python, self.r)} ULPs)"
        )


def ordered(a: np.ndarray) -> np.ndarray:
    """float64 bits mapped to int64 that sort like the floats (+0 == -0)."""
    i = np.ascontiguousarray(a, dtype=np.float64).view(np.int64)
    return np.where(i >= 0, i, -(i & 0x7FFFFFFFFFFFFFFF))


def ulps(a, b) -> int:
    """Largest distance in units in the last place between a and b.

    Exact while a and b have the same sign; across zero the distance is
    huge anyway and computed in float64 to avoid int64 overflow.
    """
    a, b = np.atleast_1d(np.asarray(a, float)), np.atleast_1d(np.asarray(b, float))
    oa, ob = ordered(a), ordered(b)
    same_sign = (oa >= 0) == (ob >= 0)
    d = np.where(same_sign, np.abs(oa - np.where(same_sign, ob, oa)), 0).astype(float)
    d = np.where(same_sign, d, np.abs(oa.astype(float) - ob.astype(float)))
    d[np.isnan(a) & np.isnan(b)] = 0
    return int(d.max()) if d.size else 0


def trace_tensors(trace) -> dict:
    """name -> array with epochs first, for a Python Trace or an R trace dict."""
    get = (lambda k: trace[k]) if isinstance(trace, dict) else (lambda k: getattr(trace, k))
    tensors = {"loss": get("loss"), "outputs": get("outputs")}
    for i, w in enumerate(get("weights")):
        tensors[f"weights[{i}]"] = w
    for i, b in enumerate(get("biases") or []):
        tensors[f"biases[{i}]"] = b
    return tensors


def first_mismatch(py_trace, r_trace) -> Mismatch | None:
    """The earliest epoch (and first tensor in it) where the bits differ."""
    py, rr = trace_tensors(py_trace), trace_tensors(r_trace)
    assert py.keys() == rr.keys(), f"tensors differ: {py.keys()} vs {rr.keys()}"
    epochs = np.asarray(py_trace.epochs)
    best = None
    for name in py:
        a, b = np.asarray(py[name]), np.asarray(rr[name]).reshape(np.shape(py[name]))
        bad = ~same_bits(a, b).reshape(len(epochs), -1).all(axis=1)
        if bad.any() and (best is None or np.argmax(bad) < best[0]):
            row = int(np.argmax(bad))
            index = tuple(int(i) for i in np.argwhere(~same_bits(a[row], b[row]))[0])
            best = (
                row,
                Mismatch(
                    int(epochs[row]),
                    name,
                    index,
                    float(a[row][index]),
                    float(b[row][index]),
                ),
            )
    return None if best is None else best[1]


def drift(py_trace, r_trace) -> dict:
    """How far fast-mode runs drift apart.

    Returns the first differing epoch, the largest ULP distance per tensor
    over all epochs, and per recorded epoch the largest over all tensors.
    """
    py, rr = trace_tensors(py_trace), trace_tensors(r_trace)
    per_epoch = np.zeros(len(py_trace.epochs))
    worst = {}
    for name in py:
        a, b = np.asarray(py[name]), np.asarray(rr[name]).reshape(np.shape(py[name]))
        rows = [ulps(a[i], b[i]) for i in range(len(per_epoch))]
        per_epoch = np.maximum(per_epoch, rows)
        worst[name] = int(max(rows))
    first = first_mismatch(py_trace, r_trace)
    return {
        "first_epoch": None if first is None else first.epoch,
        "max_ulps": worst,
        "by_epoch": per_epoch,
    }
