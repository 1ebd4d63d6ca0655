"""Making a network: shapes, seeds, fill order, given weights.

Twin: r/tests/testthat/test-network.R.
"""

import numpy as np
import pytest

import twinnet
from twinnet.rng import rng_state, rng_uniform


def test_shapes_follow_sizes():
    net = twinnet.init_network([2, 5, 4, 1], seed=1)
    assert [w.shape for w in net.weights] == [(2, 5), (5, 4), (4, 1)]
    assert [b.shape for b in net.biases] == [(5,), (4,), (1,)]
    assert net.sizes == [2, 5, 4, 1]
    assert net.activations == ["sigmoid"] * 3


def test_fill_order_is_row_by_row_then_biases():
    net = twinnet.init_network([2, 3, 1], seed=42)
    draws, _ = rng_uniform(rng_state(42), 6 + 3 + 3 + 1)
    assert np.array_equal(net.weights[0], draws[:6].reshape(2, 3))
    assert np.array_equal(net.biases[0], draws[6:9])
    assert np.array_equal(net.weights[1], draws[9:12].reshape(3, 1))
    assert np.array_equal(net.biases[1], draws[12:])


def test_same_seed_same_network_and_no_bias():
    a = twinnet.init_network([3, 4, 2], seed=9, bias=False)
    b = twinnet.init_network([3, 4, 2], seed=9, bias=False)
    assert a.biases is None
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))


def test_given_weights_and_zero_biases():
    w = [np.ones((2, 2)), np.ones((2, 1))]
    net = twinnet.init_network([2, 2, 1], weights=w)
    assert np.array_equal(net.weights[1], w[1])
    assert all((b == 0).all() for b in net.biases)


@pytest.mark.parametrize("sizes", [[2, 1], [2, 0, 1], [2, -3, 1]])
def test_bad_sizes_are_refused(sizes):
    with pytest.raises(ValueError, match="sizes"):
        twinnet.init_network(sizes, seed=1)


def test_wrong_weight_shape_is_refused():
    with pytest.raises(ValueError, match=r"weights\[0\]"):
        twinnet.init_network([2, 3, 1], weights=[np.ones((3, 2)), np.ones((3, 1))])
