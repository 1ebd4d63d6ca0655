"""fit(reduction=), the training warning, predict(type=), reprs, and what import twinnet reaches.

Twin: r/tests/testthat/test-front.R.
"""

import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import twinnet
from twinnet.errors import ConfigError, NameChoiceError

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1.0]])
XOR_Y = np.array([0, 1, 1, 0.0])


def bits(a):
    return np.asarray(a, np.float64).view(np.uint64)


def test_mean_reduction_is_the_sum_with_lr_over_n():
    net = twinnet.init_network([2, 3, 1], seed=1)
    mean = twinnet.fit(net, XOR_X, XOR_Y, epochs=30, lr=0.8, reduction="mean")
    total = twinnet.fit(net, XOR_X, XOR_Y, epochs=30, lr=0.8 / 4, reduction="sum")
    assert np.array_equal(bits(mean.loss), bits(total.loss))
    default = twinnet.fit(net, XOR_X, XOR_Y, epochs=30, lr=0.8)
    assert np.array_equal(bits(default.loss), bits(twinnet.fit(
        net, XOR_X, XOR_Y, epochs=30, lr=0.8, reduction="sum").loss))  # fmt: skip
    assert not np.array_equal(bits(default.loss), bits(mean.loss))


def test_mean_reduction_divides_by_each_batch_length():
    net = twinnet.init_network([2, 3, 1], seed=1)
    mean = twinnet.fit(net, XOR_X, XOR_Y, epochs=5, lr=0.6, batch_size=3, seed=2, reduction="mean")
    # batches of 3 then 1: the second step is lr / 1, so no single lr reproduces it
    for lr in (0.6 / 3, 0.6):
        other = twinnet.fit(net, XOR_X, XOR_Y, epochs=5, lr=lr, batch_size=3, seed=2)
        assert not np.array_equal(bits(mean.loss), bits(other.loss))
    with pytest.raises(NameChoiceError, match="did you mean 'mean'"):
        twinnet.fit(net, XOR_X, XOR_Y, epochs=5, lr=0.1, reduction="meen")


def test_a_learning_rate_that_does_not_depend_on_n():
    gen = np.random.default_rng(0)
    for n in (200, 1000):
        X = gen.normal(size=(n, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(float)
        net = twinnet.init_network(
            [2, 8, 1], seed=1, activations=["tanh", "sigmoid"], init="glorot"
        )
        res = twinnet.fit(net, X, y, epochs=300, lr=2.0, loss="binary_cross_entropy",
                          reduction="mean", record_every=300)  # fmt: skip
        assert res.loss[-1] < 0.5 * res.loss[0], n


def test_no_improvement_warns_and_progress_does_not():
    net = twinnet.init_network([2, 3, 1], seed=1)
    with pytest.warns(twinnet.TrainingWarning, match="did not improve: the loss went from"):
        twinnet.fit(net, XOR_X, XOR_Y, epochs=3, lr=1e-300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        twinnet.fit(net, XOR_X, XOR_Y, epochs=30, lr=0.5)
        twinnet.fit(net, XOR_X, XOR_Y, epochs=1, lr=1e-300)  # one epoch: nothing to compare


def test_predict_type_is_honoured_or_refused():
    net = twinnet.init_network([2, 3, 2], seed=1, activations=["tanh", "softmax"])
    out = twinnet.predict(net, XOR_X)
    assert np.array_equal(twinnet.predict(net, XOR_X, type="prob"), out)
    assert list(twinnet.predict(net, XOR_X, type="class")) == list(out.argmax(axis=1))
    res = twinnet.fit(twinnet.init_network([2, 3, 1], seed=1), XOR_X, XOR_Y, epochs=5, lr=0.5)
    assert np.array_equal(twinnet.predict(res, XOR_X), twinnet.predict(res.network, XOR_X))
    assert set(twinnet.predict(res, XOR_X, type="class")) <= {0, 1}
    identity = twinnet.init_network([2, 3, 1], seed=1, activations=["tanh", "identity"])
    with pytest.raises(ConfigError, match="needs a sigmoid or softmax output"):
        twinnet.predict(identity, XOR_X, type="class")
    with pytest.raises(NameChoiceError, match="did you mean 'class'"):
        twinnet.predict(net, XOR_X, type="klass")


def test_reprs_are_short_and_the_same_text_as_r():
    net = twinnet.init_network([2, 3, 1], seed=1)
    assert repr(net) == "Network 2-3-1 (sigmoid, sigmoid), 13 parameters"
    bare = twinnet.init_network([2, 3, 1], seed=1, bias=False)
    assert repr(bare) == "Network 2-3-1 (sigmoid, sigmoid, no biases), 9 parameters"
    res = twinnet.fit(net, np.eye(2), [0, 1], epochs=5, lr=0.5)
    assert repr(res) == (
        "FitResult: 5 epochs, loss 0.199104 -> 0.178545, 5 recorded\n"
        "  Network 2-3-1 (sigmoid, sigmoid), 13 parameters"
    )


def test_import_twinnet_reaches_every_name_the_readme_uses():
    readme = Path(__file__).resolve().parents[2] / "README.md"
    if not readme.is_file():
        pytest.skip("README.md is only in the repository")
    names = set(re.findall(r"twinnet((?:\.[A-Za-z_]\w*)+)", readme.read_text()))
    assert names, "the README names no twinnet.X"
    for dotted in sorted(names):
        obj = twinnet
        for part in dotted.strip(".").split("."):
            if part in ("py", "R", "json", "html", "md"):  # file names such as twinnet.py
                break
            assert hasattr(obj, part), f"twinnet{dotted} does not resolve after import twinnet"
            obj = getattr(obj, part)
