"""Saved traces read back exactly, and the first difference is named.

Twin: r/tests/testthat/test-traces.R.
"""

import numpy as np
import pytest

import twinnet
from twinnet.bitwise import from_hex, to_hex, ulps
from twinnet.errors import FixtureError
from twinnet.fixtures import trace_digest
from twinnet.traces import epoch_drift, first_difference, load_trace, save_trace


@pytest.fixture
def saved(tmp_path):
    net = twinnet.init_network([2, 3, 2], seed=5)
    X = np.array([[0.0, 1.0], [1.0, 0.0], [-0.0, 0.5]])
    result = twinnet.fit(net, X, np.eye(3)[:, :2], epochs=6, lr=0.5, record_every=2)
    path = tmp_path / "trace.json"
    save_trace(result, path, case="example")
    return result, path


def test_a_saved_trace_reads_back_bit_for_bit(saved):
    result, path = saved
    trace = load_trace(path)
    assert trace["epochs"] == [0, 2, 4]
    assert trace["digest"] == trace_digest(result.trace)
    assert list(trace["tensors"]) == ["loss", "outputs", "weights[0]", "weights[1]",
                                      "biases[0]", "biases[1]"]  # fmt: skip
    assert trace["tensors"]["weights[1]"].tobytes() == result.trace.weights[1].tobytes()
    assert first_difference(trace, load_trace(path)) is None


def test_the_first_difference_is_named(saved):
    _, path = saved
    a, b = load_trace(path), load_trace(path)
    b["tensors"]["weights[1]"][2, 1, 0] = np.nextafter(b["tensors"]["weights[1]"][2, 1, 0], 9)
    b["tensors"]["outputs"][1, 2, 1] = -b["tensors"]["outputs"][1, 2, 1]
    found = first_difference(a, b)
    assert (found["epoch"], found["tensor"], found["index"]) == (2, "outputs", [2, 1])
    b["tensors"]["outputs"] = a["tensors"]["outputs"].copy()
    found = first_difference(a, b)
    assert (found["epoch"], found["tensor"], found["index"], found["ulps"]) == (
        4, "weights[1]", [1, 0], 1.0)  # fmt: skip


def test_signed_zeros_differ_and_nans_agree(saved):
    _, path = saved
    a, b = load_trace(path), load_trace(path)
    a["tensors"]["loss"][0] = b["tensors"]["loss"][0] = np.nan
    assert first_difference(a, b) is None
    a["tensors"]["loss"][1], b["tensors"]["loss"][1] = 0.0, -0.0
    assert first_difference(a, b)["tensor"] == "loss"


def test_other_files_are_refused(tmp_path):
    (tmp_path / "x.json").write_text('{"format": "something else"}')
    with pytest.raises(FixtureError, match="is not a twinnet-trace/1 file"):
        load_trace(tmp_path / "x.json")
    with pytest.raises(FixtureError, match="cannot read trace"):
        load_trace(tmp_path / "missing.json")


def test_epoch_drift_is_the_largest_ulp_distance_per_epoch(saved):
    _, path = saved
    a, b = load_trace(path), load_trace(path)
    assert list(epoch_drift(a, b)) == [0.0, 0.0, 0.0]
    w = b["tensors"]["weights[0]"]
    w[1, 0, 2] = np.nextafter(np.nextafter(w[1, 0, 2], 9), 9)
    b["tensors"]["loss"][2] = np.nan
    assert list(epoch_drift(a, b)) == [0.0, 2.0, np.inf]


def test_ulps_counts_the_doubles_between_across_binades_and_zero():
    assert ulps(1.0, 1.0 + 2.0**-52) == 1
    assert ulps(2.0 - 2.0**-52, 2.0) == 1
    assert ulps(-(2.0**-1074), 2.0**-1074) == 2
    assert ulps(-1.0, 1.0) == 1023 * 2.0**53
    got = ulps([np.nan, -0.0, 1.0, np.inf], [np.nan, 0.0, np.inf, np.inf])
    assert got.tolist() == [0.0, 0.0, np.inf, 0.0]


def test_hex_blocks_keep_arrays_of_three_dimensions_row_major():
    a = np.arange(1, 25).reshape(2, 3, 4) / 8
    block = to_hex(a)
    assert block["shape"] == [2, 3, 4] and block["hex"][:2] == [a[0, 0, 0].hex(), a[0, 0, 1].hex()]
    assert np.array_equal(from_hex(block), a)
