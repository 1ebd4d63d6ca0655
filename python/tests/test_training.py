"""Training: the article's figures, golden traces, gradients, the trace.

Twin: r/tests/testthat/test-training.R.
"""

import functools
import hashlib

import numpy as np
import pytest

import twinnet
from twinnet.cases import run_case
from twinnet.errors import NameChoiceError, TrainingError
from twinnet.fit import output_digest
from twinnet.fixtures import case_names, fixture_dir, from_hex, read_case, read_json, trace_digest
from twinnet.numerics import numerics_ops

# Some cases (m13, m26) and short runs do not improve; fit warns, which is
# not what these tests check (python/tests/test_front.py does).
pytestmark = pytest.mark.filterwarnings("ignore::twinnet.TrainingWarning")

ARTICLE_TOY = [0.11553, 0.11082, 0.10606, 0.09845, 0.08483, 0.06396, 0.04206, 0.02641, 0.01719,
               0.01190]  # fmt: skip
ARTICLE_MOONS = [0.23478, 0.25000, 0.25000, 0.25000, 0.05129, 0.02163]


# The article's cases are trained once per numerics: their table tests and
# their golden-trace tests read the same run (no test changes a result).
ARTICLE_CASES = ("toy_article", "moons_article")


@functools.cache
def _article_run(name, numerics):
    return run_case(name, numerics)


def trained(name, numerics):
    """run_case(name, numerics), kept for the article's cases."""
    return _article_run(name, numerics) if name in ARTICLE_CASES else run_case(name, numerics)


def bits(a):
    return np.ascontiguousarray(a, dtype=np.float64).view(np.uint64)


@pytest.mark.parametrize("numerics", ["exact", "fast"])
def test_article_untrained_error(numerics):
    case = read_case("toy_article_demo")
    net = twinnet.init_network(case["sizes"], weights=case["weights"], bias=False)
    output = twinnet.predict(net, case["X"], numerics=numerics)
    error = (case["y"] - output) ** 2 / 2
    assert np.round(error.T, 8).tolist() == [[0.05013458, 0.03727248, 0.25388062]]


@pytest.mark.parametrize("numerics", ["exact", "fast"])
def test_article_toy_table(numerics):
    loss = trained("toy_article", numerics).loss
    assert np.round(loss[::100], 5).tolist() == ARTICLE_TOY


@pytest.mark.parametrize("numerics", ["exact", "fast"])
def test_article_moons_table(numerics):
    result = trained("moons_article", numerics)
    assert np.round(result.loss[::1000], 5).tolist() == ARTICLE_MOONS[:5]
    # the article's epoch-5000 figure: the loss after the 5000th update
    case = read_case("moons_article")
    after = twinnet.predict(result.network, case["X"], numerics=numerics)
    y = case["y"]
    assert round(float(np.mean((y - after) ** 2 / 2)), 5) == ARTICLE_MOONS[5]


@pytest.mark.parametrize("name", case_names())
def test_exact_run_matches_golden_trace(name):
    golden = read_json(fixture_dir() / "golden" / f"{name}.json")
    result = trained(name, "exact")
    assert np.array_equal(bits(result.loss), bits(from_hex(golden["loss"])))
    for w, g in zip(result.network.weights, golden["final_weights"]):
        assert np.array_equal(bits(w), bits(from_hex(g)))
    for b, g in zip(result.network.biases or [], golden["final_biases"] or []):
        assert np.array_equal(bits(b), bits(from_hex(g)))
    assert (result.network.biases is None) == (golden["final_biases"] is None)
    assert trace_digest(result.trace) == golden["trace_sha256"]


@pytest.mark.parametrize("numerics", ["exact", "fast"])
def test_backprop_matches_finite_differences(numerics):
    ops = numerics_ops(numerics)
    case = read_case("xor")
    net = twinnet.init_network([2, 3, 2, 2], seed=4)
    X, y = case["X"], np.hstack([case["y"], 1 - case["y"]])
    grads = twinnet.backward(net, twinnet.forward(net, X, ops), y, ops)

    def summed_loss(n):  # the loss whose gradient backward() returns
        return float(((y - twinnet.forward(n, X, ops)[-1]) ** 2).sum() / 2)

    worst = 0.0
    for params, grad in [(net.weights, grads.weights), (net.biases, grads.biases)]:
        for p, g in zip(params, grad):
            for idx in np.ndindex(p.shape):
                h, keep = 1e-6, p[idx]
                p[idx] = keep + h
                up = summed_loss(net)
                p[idx] = keep - h
                down = summed_loss(net)
                p[idx] = keep
                numeric = (up - down) / (2 * h)
                worst = max(worst, abs(numeric - g[idx]) / max(1e-8, abs(numeric) + abs(g[idx])))
    assert worst < 1e-6


def test_trace_records_what_each_epoch_started_with():
    case = read_case("toy_simple")
    net = twinnet.init_network(case["sizes"], weights=case["weights"], biases=case["biases"])
    result = twinnet.fit(net, case["X"], case["y"], epochs=10, lr=case["lr"], record_every=3)
    assert result.trace.epochs.tolist() == [0, 3, 6, 9]
    assert np.array_equal(result.trace.weights[0][0], case["weights"][0])
    assert np.array_equal(result.trace.loss, result.loss[[0, 3, 6, 9]])
    again = twinnet.fit(net, case["X"], case["y"], epochs=3, lr=case["lr"])
    assert np.array_equal(result.trace.weights[1][1], again.network.weights[1])
    assert np.array_equal(result.trace.outputs[1], twinnet.predict(again.network, case["X"]))


def test_fit_does_not_modify_its_input_network():
    net = twinnet.init_network([2, 2, 1], seed=3)
    before = [w.copy() for w in net.weights]
    twinnet.fit(net, np.eye(2), [0.0, 1.0], epochs=5, lr=1.0)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_unknown_numerics_is_refused():
    net = twinnet.init_network([2, 2, 1], seed=3)
    with pytest.raises(ValueError, match="numerics"):
        twinnet.fit(net, np.eye(2), [0.0, 1.0], epochs=1, lr=1.0, numerics="exactly")


def test_record_outputs_digest_is_the_sha256_of_each_recorded_output():
    case = read_case("moons_article")
    net = twinnet.init_network(case["sizes"], weights=case["weights"], bias=False)
    args = dict(epochs=7, lr=case["lr"], record_every=3)
    full = twinnet.fit(net, case["X"], case["y"], **args)
    digested = twinnet.fit(net, case["X"], case["y"], record_outputs="digest", **args)
    assert digested.trace.outputs.shape == (3,)
    for row, out in enumerate(full.trace.outputs):
        expected = hashlib.sha256(out.astype("<f8").tobytes()).hexdigest()
        assert digested.trace.outputs[row] == expected
    # everything else is recorded as before
    assert np.array_equal(digested.trace.weights[0], full.trace.weights[0])
    assert np.array_equal(digested.loss, full.loss)


def test_output_digest_reads_row_major_little_endian_float64():
    m = np.array([[1.0, 2.0], [3.0, -0.0]])
    expected = hashlib.sha256(np.array([1.0, 2.0, 3.0, -0.0], "<f8").tobytes()).hexdigest()
    assert output_digest(m) == expected == output_digest(np.asfortranarray(m))
    assert output_digest(m.T) != expected
    assert output_digest(np.array([[1.0, 2.0], [3.0, 0.0]])) != expected  # the sign of zero counts


def test_record_outputs_digest_in_a_partial_result():
    # identity output, lr = 10: the weights blow up within a few epochs
    net = twinnet.init_network([2, 3, 1], seed=1, activations="identity")
    X, y = np.array([[1.0, 2], [3, 4], [5, 6]]), np.array([1.0, 2, 3])
    with pytest.raises(TrainingError) as err:
        twinnet.fit(net, X, y, epochs=500, lr=10.0, record_every=2, record_outputs="digest")
    trace = err.value.partial.trace
    assert len(trace.outputs) == len(trace.epochs) > 1
    assert all(len(h) == 64 for h in trace.outputs)


def test_unknown_record_outputs_is_refused():
    net = twinnet.init_network([2, 2, 1], seed=3)
    with pytest.raises(NameChoiceError, match="record_outputs.*digest"):
        twinnet.fit(net, np.eye(2), [0.0, 1.0], epochs=1, lr=1.0, record_outputs="digests")
