"""Model breadth: activations, losses, mini-batches, initialisers, data handling.

Twin: r/tests/testthat/test-model.R.
"""

import numpy as np
import pytest

import twinnet
from twinnet.activations import activate, slope
from twinnet.loss import check_loss, loss_value
from twinnet.normalize import fit_normalizer, normalize
from twinnet.numerics import numerics_ops
from twinnet.predict import accuracy, predict_labels
from twinnet.rng import rng_shuffle, rng_state

EXACT = numerics_ops("exact")
# every hidden activation with every output/loss pairing that makes sense
COMBOS = [
    (hidden, out, loss)
    for hidden in ("sigmoid", "tanh", "relu", "identity")
    for out, loss in [
        ("sigmoid", "squared_error"),
        ("tanh", "squared_error"),
        ("identity", "squared_error"),
        ("relu", "squared_error"),
        ("sigmoid", "binary_cross_entropy"),
        ("softmax", "categorical_cross_entropy"),
    ]
]


def test_relu_is_zero_at_zero_with_zero_slope():
    z = np.array([[-2.0, -0.0, 0.0, 3.0]])
    a = activate(z, "relu", EXACT)
    assert a.tolist() == [[0.0, 0.0, 0.0, 3.0]] and not np.signbit(a).any()
    assert slope(a, "relu").tolist() == [[0.0, 0.0, 0.0, 1.0]]


def test_tanh_and_softmax_are_accurate_and_stable():
    z = np.linspace(-20, 20, 401).reshape(-1, 1)
    assert np.max(np.abs(activate(z, "tanh", EXACT) - np.tanh(z))) < 1e-15
    big = np.array([[1000.0, 1001.0, 999.0], [-5.0, 0.0, 5.0]])
    p = activate(big, "softmax", EXACT)
    assert np.allclose(p.sum(axis=1), 1.0, rtol=0, atol=2e-16)
    e = np.exp(big[1] - big[1].max())
    assert np.allclose(p[1], e / e.sum(), rtol=1e-15)


@pytest.mark.parametrize(
    "loss, out",
    [("binary_cross_entropy", "tanh"), ("categorical_cross_entropy", "sigmoid"),
     ("squared_error", "softmax"), ("hinge", "sigmoid")],
)  # fmt: skip
def test_senseless_loss_combinations_are_refused(loss, out):
    with pytest.raises(ValueError, match="loss|needs"):
        check_loss(loss, out)


def test_cross_entropies_are_finite_for_saturated_outputs():
    y = np.array([[1.0, 0.0]])
    value = loss_value(np.array([[0.0, 1.0]]), y, "binary_cross_entropy", EXACT)
    assert np.isfinite(value) and value > 30
    value = loss_value(np.array([[0.0, 1.0]]), y, "categorical_cross_entropy", EXACT)
    assert np.isfinite(value) and value > 30


def summed(value: float, loss: str, y: np.ndarray) -> float:
    """The loss whose gradient backward() returns: the recorded mean, times n."""
    return value * (y.shape[0] if loss == "categorical_cross_entropy" else y.size)


@pytest.mark.parametrize("hidden, out, loss", COMBOS)
def test_backprop_matches_finite_differences(hidden, out, loss):
    gen = np.random.default_rng(3)
    X = gen.uniform(-1, 1, (6, 3))
    y = np.eye(3)[gen.integers(0, 3, 6)] if out == "softmax" else gen.uniform(0, 1, (6, 3))
    y = np.round(y) if loss == "binary_cross_entropy" else y
    net = twinnet.init_network(
        [3, 4, 3, 3], seed=11, activations=[hidden, hidden, out], init="glorot"
    )
    net.biases = [gen.uniform(-0.5, 0.5, b.shape) for b in net.biases]
    grads = twinnet.backward(net, twinnet.forward(net, X, EXACT), y, EXACT, loss)

    def total():
        return summed(loss_value(twinnet.forward(net, X, EXACT)[-1], y, loss, EXACT), loss, y)

    worst = 0.0
    for params, grad in [(net.weights, grads.weights), (net.biases, grads.biases)]:
        for p, g in zip(params, grad):
            for idx in np.ndindex(p.shape):
                keep = p[idx]
                p[idx] = keep + 1e-6
                up = total()
                p[idx] = keep - 1e-6
                down = total()
                p[idx] = keep
                numeric = (up - down) / 2e-6
                worst = max(worst, abs(numeric - g[idx]) / max(1e-7, abs(numeric) + abs(g[idx])))
    assert worst < 1e-5


def test_shuffle_is_a_permutation_and_repeatable():
    order, state = rng_shuffle(rng_state(5), 50)
    assert sorted(order.tolist()) == list(range(50))
    assert order.tolist() != list(range(50))
    again, _ = rng_shuffle(rng_state(5), 50)
    assert order.tolist() == again.tolist()
    assert rng_shuffle(state, 1)[0].tolist() == [0]


def test_one_unshuffled_batch_of_everything_is_full_batch():
    data = twinnet.fixtures.read_case("xor")
    net = twinnet.init_network([2, 3, 1], seed=2)
    full = twinnet.fit(net, data["X"], data["y"], epochs=20, lr=0.5)
    batched = twinnet.fit(net, data["X"], data["y"], epochs=20, lr=0.5, batch_size=4, shuffle=False)
    assert np.array_equal(full.loss, batched.loss)


def test_stochastic_descent_takes_one_step_per_sample():
    data = twinnet.fixtures.read_case("xor")
    net = twinnet.init_network([2, 3, 1], seed=2)
    one = twinnet.fit(net, data["X"], data["y"], epochs=1, lr=0.5, batch_size=1, seed=9)
    order = rng_shuffle(rng_state(9), 4)[0]
    for i in order:
        layers = twinnet.forward(net, data["X"][[i]], EXACT)
        net = twinnet.update(net, twinnet.backward(net, layers, data["y"][[i]], EXACT), 0.5)
    assert all(np.array_equal(a, b) for a, b in zip(one.network.weights, net.weights))


@pytest.mark.parametrize("init, limit", [("glorot", np.sqrt(6 / 7)), ("he", np.sqrt(6 / 3))])
def test_scaled_initialisers(init, limit):
    net = twinnet.init_network([3, 4, 2], seed=1, init=init)
    assert np.abs(net.weights[0]).max() <= limit and net.weights[0].min() < 0
    assert all((b == 0).all() for b in net.biases)


def test_normalisers():
    X = np.array([[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [4.0, 40.0, 5.0]])
    scaled = normalize(fit_normalizer(X, "minmax"), X)
    assert scaled.min(axis=0).tolist() == [0, 0, 0] and scaled.max(axis=0).tolist() == [1, 1, 0]
    article = (X - X.min()) / (X - X.min()).max()
    assert np.array_equal(normalize(fit_normalizer(X, "global_minmax"), X), article)
    z = normalize(fit_normalizer(X, "standardize"), X)
    assert np.allclose(z.mean(axis=0), 0, atol=1e-15) and np.allclose(z[:, :2].std(axis=0), 1)
    new = normalize(fit_normalizer(X, "minmax"), np.array([[3.0, 30.0, 5.0]]))
    assert new.tolist() == [[2 / 3, 20 / 30, 0.0]]


def test_labels_and_accuracy():
    net = twinnet.init_network([2, 3, 3], seed=4, activations=["tanh", "softmax"])
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    labels = predict_labels(net, X)
    assert labels.tolist() == twinnet.predict(net, X).argmax(axis=1).tolist()
    assert accuracy(labels, np.eye(3)[labels]) == 1.0
    assert accuracy(np.array([1, 0, 1]), [1.0, 1.0, 1.0]) == 2 / 3


def test_a_tiny_spread_is_standardised_and_normal_ones_keep_their_bits():
    X = np.array([[1e-200, 1.0], [-1e-200, 2.0], [3e-200, 4.0], [0.0, 8.0]])
    nz = fit_normalizer(X, "standardize")
    z = normalize(nz, X)
    assert np.allclose(z.std(axis=0), 1.0) and np.allclose(z.mean(axis=0), 0.0, atol=1e-15)
    centred = X[:, 1] - X[:, 1].mean()
    naive = np.sqrt(twinnet.exact.exact_col_sums((centred * centred)[:, None]) / 4)
    assert nz["scale"][1].tobytes() == naive[0].tobytes()
    subnormal = fit_normalizer(np.array([[4e-323], [0.0]]), "standardize")
    assert subnormal["scale"][0] == 2e-323 and normalize(subnormal, [[4e-323]])[0, 0] == 1.0
