"""The front doors are twins: Python's estimators and R's twinnet() give the same bits.

Iris (R's own copy, the four measurements in R's column order, the species
as text): ``TwinnetClassifier(hidden=(5,), epochs=200, lr=0.1, seed=1)`` and
``twinnet(Species ~ ., data = iris, hidden = 5, epochs = 200, lr = 0.1,
seed = 1)`` must give bitwise-identical class probabilities; and
``twinnet.compare`` must report parity on user data as the harness does.
"""

import numpy as np
import pytest

import twinnet
from twinnet.bitwise import same_bits

pytest.importorskip("sklearn")

R_IRIS = """function(hidden, epochs, lr, seed, batch_size) {
  model <- twinnet(Species ~ ., data = iris, hidden = hidden, epochs = epochs,
                   lr = lr, seed = seed, batch_size = batch_size)
  list(prob = unname(predict(model, iris, type = "prob")),
       class = as.character(predict(model, iris, type = "class")),
       loss = model$fit$loss, levels = model$levels)
}"""

R_REGRESSION = """function(hidden, epochs, lr, seed) {
  model <- twinnet(Sepal.Length ~ Sepal.Width + Petal.Length + Petal.Width,
                   data = iris, hidden = hidden, epochs = epochs, lr = lr,
                   seed = seed)
  list(pred = unname(predict(model, iris)), loss = model$fit$loss)
}"""


def test_r_iris_is_the_fixture_python_reads(r):
    X, y = twinnet.datasets.load_iris()
    rx = r.call("function() unname(as.matrix(iris[, 1:4]))")
    assert same_bits(X.to_numpy(), rx).all()
    assert r.call("function() as.character(iris$Species)") == list(y)


@pytest.mark.parametrize(
    "args",
    [
        dict(hidden=(5,), epochs=200, lr=0.1, seed=1, batch_size=None),
        dict(hidden=(4, 3), epochs=30, lr=0.5, seed=7, batch_size=16),
    ],
    ids=["agreed_example", "two_hidden_minibatch"],
)
def test_iris_probabilities_are_bitwise_identical(r, args):
    X, y = twinnet.datasets.load_iris()
    model = twinnet.TwinnetClassifier(**args).fit(X, y)
    hidden = np.array(args["hidden"], float)
    rr = r.call(R_IRIS, **dict(args, hidden=hidden))
    assert rr["levels"] == list(model.classes_)
    assert same_bits(model.loss_curve_, rr["loss"]).all()
    proba = model.predict_proba(X)
    assert proba.shape == rr["prob"].shape and same_bits(proba, rr["prob"]).all()
    assert list(model.predict(X)) == rr["class"]


def test_regression_predictions_are_bitwise_identical(r):
    X, _ = twinnet.datasets.load_iris()
    model = twinnet.TwinnetRegressor(hidden=(6,), epochs=50, seed=3)
    model.fit(X.drop(columns="Sepal.Length"), X["Sepal.Length"])
    rr = r.call(R_REGRESSION, hidden=6.0, epochs=50.0, lr=0.5, seed=3.0)
    assert same_bits(model.predict(X.drop(columns="Sepal.Length")), rr["pred"]).all()


def test_compare_gives_the_harness_verdict(r):
    X, y = twinnet.datasets.load_iris()
    Y = np.eye(3)[np.unique(y, return_inverse=True)[1]]
    net = twinnet.init_network([4, 5, 3], seed=2, activations=["tanh", "softmax"], init="glorot")
    options = dict(epochs=40, lr=0.05, loss="categorical_cross_entropy", reduction="mean")
    verdict = twinnet.compare(net, X, Y, **options)
    assert verdict.identical and str(verdict) == "identical at all 40 recorded epochs"
    fast = twinnet.compare(net, X, Y, numerics="fast", **options)
    assert not fast.identical and str(fast).startswith("differ from epoch ")
    assert {"epoch", "tensor", "index", "a", "b", "ulps"} <= fast.difference.keys()


R_FIT = """function(X, y, epochs, lr, stop) {
  net <- init_network(c(2, 3, 1), seed = 1, activations = c("tanh", "identity"))
  fit(net, X, y, epochs = epochs, lr = lr, stop_on_nonfinite = stop)$loss
}"""


@pytest.mark.parametrize(
    "epochs, lr, expected",
    [(30, 0.05, None), (3, 1e-300, "did not improve"), (60, 30.0, "diverged")],
    ids=["improves", "stalls", "diverges"],
)
def test_the_training_warning_says_the_same_in_both_languages(r, epochs, lr, expected):
    import warnings

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1.0]])
    y = np.array([0.5, 1.0, 1.5, 0.0])
    net = twinnet.init_network([2, 3, 1], seed=1, activations=["tanh", "identity"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        twinnet.fit(net, X, y, epochs=epochs, lr=lr, stop_on_nonfinite=False)
        r.call(R_FIT, X, y, float(epochs), lr, False)
    python = [str(w.message) for w in caught if w.category is twinnet.TrainingWarning]
    from_r = [str(w.message).removeprefix("R: ") for w in caught if w.category is RuntimeWarning]
    assert python == from_r
    if expected is None:
        assert python == []
    else:
        assert len(python) == 1 and expected in python[0]
