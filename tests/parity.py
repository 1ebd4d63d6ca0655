"""Python's results against R's, through the package's comparisons.

What "the same bits", "ULPs", "first difference" and "drift" mean is
defined once, in twinnet.bitwise (twin: r/R/bitwise.R); here R's results
are only lined up with Python's shapes and the two runs labelled.
"""

import numpy as np
import pytest

from twinnet.bitwise import (
    describe,
    drift_in,
    entry_difference,
    first_difference_in,
    same_bits,  # noqa: F401  (the harness's tests import it from here)
    trace_tensors,
)


def paired_tensors(py_trace, r_trace) -> tuple[dict, dict]:
    """Both traces' tensors by name, R's in Python's shapes."""
    py, rr = trace_tensors(py_trace), trace_tensors(r_trace)
    assert py.keys() == rr.keys(), f"tensors differ: {py.keys()} vs {rr.keys()}"
    return py, {name: rr[name].reshape(py[name].shape) for name in py}


def trace_difference(py_trace, r_trace) -> dict | None:
    """The earliest epoch, tensor and entry where Python's and R's bits differ."""
    return first_difference_in(py_trace.epochs, *paired_tensors(py_trace, r_trace))


def trace_drift(py_trace, r_trace) -> dict:
    """How far the two runs drift apart: by epoch, by tensor, and where it starts."""
    return drift_in(py_trace.epochs, *paired_tensors(py_trace, r_trace))


def array_difference(py, r, what: str = "") -> str | None:
    """The first entry where two arrays' bits differ, described, or None."""
    py = np.asarray(py, np.float64)
    found = entry_difference(py, np.asarray(r, np.float64).reshape(py.shape))
    return None if found is None else what + describe(found, "Python", "R")


def first_array_difference(pairs) -> str | None:
    """The first of ``(what, Python array, R array)`` whose bits differ, described."""
    for what, py, r in pairs:
        found = array_difference(py, r, what)
        if found is not None:
            return found
    return None


def assert_bitwise(py, r, what: str) -> None:
    """Fail with the first entry that differs, both values in hex and the ULPs."""
    found = array_difference(py, r, what)
    if found is not None:
        pytest.fail(found)
