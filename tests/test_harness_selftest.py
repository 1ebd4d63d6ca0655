"""The harness's own comparisons must catch a one-ULP difference."""

import numpy as np

from parity import trace_difference, trace_drift
from twinnet.bitwise import describe, ulps
from twinnet.cases import run_case


def as_r_trace(trace) -> dict:
    """A Python trace in the shape the R side returns (a dict of arrays)."""
    return {
        "loss": trace.loss.copy(),
        "outputs": trace.outputs.copy(),
        "weights": [w.copy() for w in trace.weights],
        "biases": None if trace.biases is None else [b.copy() for b in trace.biases],
    }


def test_identical_traces_have_no_mismatch():
    trace = run_case("xor", record_every=50).trace
    assert trace_difference(trace, as_r_trace(trace)) is None


def test_one_ulp_in_one_weight_is_found_with_its_epoch_and_index():
    trace = run_case("xor", record_every=50).trace
    other = as_r_trace(trace)
    w = other["weights"][1]
    w[7, 2, 0] = np.nextafter(w[7, 2, 0], np.inf)
    other["outputs"][9, 1, 0] += 0.5  # a later, larger difference must not win
    found = trace_difference(trace, other)
    assert (found["epoch"], found["tensor"], found["index"]) == (350, "weights[1]", [2, 0])
    assert ulps(found["a"], found["b"]) == found["ulps"] == 1
    assert "0x" in describe(found) and "1 ULPs" in describe(found)


def test_drift_reports_first_epoch_and_size():
    trace = run_case("toy_article", record_every=100).trace
    other = as_r_trace(trace)
    other["loss"][4:] = np.nextafter(other["loss"][4:], 0)
    report = trace_drift(trace, other)
    assert report["first"]["epoch"] == 400
    assert report["max_ulps"]["loss"] == 1 and report["max_ulps"]["outputs"] == 0


def test_nan_equals_nan_but_not_a_number():
    assert ulps(np.nan, np.nan) == 0
    assert ulps(1.0, np.nextafter(1.0, 2)) == 1
    assert ulps(-0.0, 0.0) == 0
    assert ulps(1.0, np.nan) == ulps(np.inf, 1.0) == np.inf
    assert ulps(-(2.0**-1074), 2.0**-1074) == 2  # across zero: one double each side
    assert ulps(2.0 - 2.0**-52, 2.0) == 1  # across a power of two, counted exactly


def test_both_languages_count_ulps_alike(r):
    gen = np.random.default_rng(3)
    x = np.concatenate([gen.standard_normal(500) * 10.0 ** gen.integers(-300, 300, 500),
                        [0.0, -0.0, np.inf, -np.inf, np.nan, 2.0**-1074, 1.0]])  # fmt: skip
    y = np.concatenate([x[:250] * (1 + gen.uniform(-1e-12, 1e-12, 250)), -x[250:500], x[500:]])
    assert np.array_equal(ulps(x, y), r.call("twinnet:::ulps", x, y))
