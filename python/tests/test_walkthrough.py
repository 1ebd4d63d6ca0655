"""The walkthrough tells the truth: its tables are fit's own numbers.

Twin: r/tests/testthat/test-walkthrough.R.
"""

import numpy as np
import pandas as pd
import pytest

import twinnet
from twinnet.errors import ConfigError, ShapeError
from twinnet.fixtures import read_case
from twinnet.walkthrough import format_walkthrough, walkthrough

ARTICLE_NAMES = [
    "X", "y", "wh", "wout", "hidden_layer_input", "hidden_layer_activations",
    "output_layer_input", "output", "E", "slope_output_layer", "slope_hidden_layer",
    "d_output", "error_at_hidden_layer", "d_hidden_layer", "grad_wout", "wout_updated",
    "grad_wh", "wh_updated",
]  # fmt: skip
NETWORKS = [  # sizes, bias, activations, loss
    ([4, 3, 1], False, "sigmoid", "squared_error"),
    ([2, 5, 1], True, ["tanh", "sigmoid"], "binary_cross_entropy"),
    ([2, 4, 3, 2], True, ["relu", "tanh", "identity"], "squared_error"),
    ([2, 3, 3], True, ["sigmoid", "softmax"], "categorical_cross_entropy"),
]


def article_toy():
    case = read_case("toy_article_demo")
    net = twinnet.init_network(case["sizes"], weights=case["weights"], bias=False)
    return net, case["X"], case["y"]


def data_for(sizes, loss, rng):
    X = rng.uniform(-1, 1, (6, sizes[0]))
    y = rng.uniform(0, 1, (6, sizes[-1]))
    if loss != "squared_error":
        y = (y > 0.5).astype(float)
    if loss == "categorical_cross_entropy":
        y = np.eye(sizes[-1])[np.arange(6) % sizes[-1]]
    return X, y


def test_article_names_and_untrained_error():
    steps = walkthrough(*article_toy(), lr=0.01)
    assert list(steps) == ARTICLE_NAMES
    assert all(isinstance(f, pd.DataFrame) for f in steps.values())
    error = steps["E"].to_numpy() ** 2 / 2  # E is output - y
    np.testing.assert_array_equal(error[:, 0].round(8), [0.05013458, 0.03727248, 0.25388062])
    assert list(steps["wh"].index) == ["x1", "x2", "x3", "x4"]
    assert list(steps["wh"].columns) == ["h1", "h2", "h3"]
    assert list(steps["output"].index) == ["s1", "s2", "s3"]
    assert steps["wout_updated"].attrs["formula"] == "wout - lr * grad_wout"


@pytest.mark.parametrize("numerics", ["exact", "fast"])
@pytest.mark.parametrize("sizes, bias, activations, loss", NETWORKS)
def test_tables_are_fits_own_numbers(sizes, bias, activations, loss, numerics, rng):
    net = twinnet.init_network(sizes, seed=7, bias=bias, activations=activations)
    X, y = data_for(sizes, loss, rng)
    steps = walkthrough(net, X, y, lr=0.3, numerics=numerics, loss=loss)
    ops = twinnet.numerics_ops(numerics)
    layers = twinnet.forward(net, X, ops)
    grads = twinnet.backward(net, layers, y, ops, loss)
    after = twinnet.fit(net, X, y, epochs=1, lr=0.3, numerics=numerics, loss=loss).network
    assert steps["output"].to_numpy().tobytes() == layers[-1].tobytes()
    n = len(sizes) - 1
    for i, w in enumerate(net.weights):
        name = "wout" if i == n - 1 else ("wh" if n == 2 else f"wh_{i + 1}")
        assert steps[f"grad_{name}"].to_numpy().tobytes() == grads.weights[i].tobytes()
        assert steps[f"{name}_updated"].to_numpy().tobytes() == after.weights[i].tobytes()
        assert steps[name].to_numpy().tobytes() == w.tobytes()
        if bias:
            b_name = "b" + name[1:]
            updated = steps[f"{b_name}_updated"].to_numpy()[0]
            assert updated.tobytes() == after.biases[i].tobytes()


def test_delta_is_error_times_slope(rng):
    net = twinnet.init_network([3, 4, 2], seed=3)
    steps = walkthrough(net, rng.uniform(size=(5, 3)), rng.uniform(size=(5, 2)), lr=0.1)
    product = steps["E"].to_numpy() * steps["slope_output_layer"].to_numpy()
    assert product.tobytes() == steps["d_output"].to_numpy().tobytes()
    hidden = steps["error_at_hidden_layer"].to_numpy() * steps["slope_hidden_layer"].to_numpy()
    assert hidden.tobytes() == steps["d_hidden_layer"].to_numpy().tobytes()


def test_fused_loss_shows_no_output_slope(rng):
    net = twinnet.init_network([2, 3, 1], seed=3)
    X, y = rng.uniform(size=(4, 2)), np.array([[0.0], [1.0], [1.0], [0.0]])
    steps = walkthrough(net, X, y, lr=0.1, loss="binary_cross_entropy")
    assert "slope_output_layer" not in steps
    assert steps["d_output"].to_numpy().tobytes() == steps["E"].to_numpy().tobytes()


def test_input_is_not_modified(rng):
    net, X, y = article_toy()
    before = [w.copy() for w in net.weights]
    walkthrough(net, X, y, lr=0.5)
    assert all((a == b).all() for a, b in zip(before, net.weights))


def test_format_rounds_like_the_article():
    text = format_walkthrough(walkthrough(*article_toy(), lr=0.01), digits=5)
    assert "output = sigmoid(output_layer_input)\n         o1\ns1  0.68335\n" in text
    assert "E = output - y\n          o1\ns1  -0.31665\n" in text
    assert format_walkthrough(walkthrough(*article_toy(), lr=0.01), digits=2).count("\n\n") == 17


def test_format_spells_non_finite_values():
    frame = pd.DataFrame([[np.nan, np.inf, -np.inf]], index=["s1"], columns=["a", "b", "c"])
    frame.attrs["formula"] = "f"
    assert format_walkthrough({"t": frame}) == "t = f\n      a    b     c\ns1  NaN  Inf  -Inf\n"


def test_bad_arguments_are_refused():
    net, X, y = article_toy()
    with pytest.raises(ShapeError):
        walkthrough(net, X[:, :2], y, lr=0.1)
    with pytest.raises(ConfigError):
        walkthrough(net, X, y, lr=0.1, loss="categorical_cross_entropy")
