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


# Issue 19: the class order and missing values follow one rule in both front
# doors, so the bits stay the same. R runs under ICU's en_US collation (the
# locale a user may have; it sorts "a" before "A"), which must not matter.
R_TEXT = """function(x1, x2, y, levels, missing_y, newx1, newx2) {
  if (capabilities("ICU")) {
    icuSetCollate(locale = "en_US")
    on.exit(icuSetCollate(locale = "ASCII"))
  }
  data <- data.frame(x1 = x1, x2 = x2, y = y)
  data$y[missing_y] <- NA
  if (!is.null(levels)) data$y <- factor(data$y, levels = levels)
  model <- twinnet(y ~ ., data = data, hidden = 4, epochs = 40, lr = 0.3,
                   seed = 2)
  newdata <- data.frame(x1 = newx1, x2 = newx2)
  list(prob = unname(predict(model, newdata, type = "prob")),
       class = as.character(predict(model, newdata)),
       levels = model$levels, dropped = model$n_dropped)
}"""

TEXT_CASES = {
    "b_A_a": (["b", "A", "a"] * 4, None, []),
    "accents": (["é", "e", "z", "Z", "è", "é"] * 2, None, []),
    "Yes_no": (["Yes", "no", "no", "Yes"] * 3, None, []),
    "factor_levels": (["b", "A", "a"] * 4, ["b", "A", "a", "unused"], []),
    "missing_label_and_input": (["b", "A", "a"] * 4, None, [3, 8]),
}


@pytest.mark.parametrize("labels, levels, missing_y", TEXT_CASES.values(), ids=TEXT_CASES)
def test_text_classes_and_missing_values_give_the_same_bits(r, labels, levels, missing_y):
    import pandas as pd

    X = np.random.default_rng(5).normal(size=(12, 2))
    X[5, 1] = np.nan if missing_y else X[5, 1]  # a missing input too, when rows go missing
    y = [None if i + 1 in missing_y else v for i, v in enumerate(labels)]
    y = pd.Categorical(y, categories=levels) if levels else y
    model = twinnet.TwinnetClassifier(hidden=(4,), epochs=40, lr=0.3, seed=2).fit(X, y)
    new = np.vstack([X, [[np.nan, 0.5], [0.1, -0.2]]])
    r_levels = None if levels is None else np.array(levels)
    rr = r.call(R_TEXT, X[:, 0], X[:, 1], np.array(labels), r_levels,
                np.array(missing_y, float), new[:, 0], new[:, 1])  # fmt: skip
    assert rr["levels"] == [str(c) for c in model.classes_]
    assert rr["dropped"] == model.n_dropped_ == len(missing_y) + bool(missing_y)
    proba = model.predict_proba(new)
    missing = np.isnan(proba).any(axis=1)
    assert missing.tolist() == np.isnan(rr["prob"]).any(axis=1).tolist()
    assert missing.sum() == 1 + bool(missing_y)
    assert same_bits(proba[~missing], rr["prob"][~missing]).all()
    assert [str(c) for c in model.predict(new)[~missing]] == list(np.array(rr["class"])[~missing])


def test_tiny_spread_is_standardised_alike(r):
    X = np.random.default_rng(1).normal(size=(10, 2)) * np.array([1e-200, 1.0])
    y = X[:, 1] + (X[:, 0] > 0)
    model = twinnet.TwinnetRegressor(hidden=(3,), epochs=20, seed=1).fit(X, y)
    scale = model.normalizer_["scale"]
    assert 1e-201 < scale[0] < 1e-199
    rr = r.call(
        "function(X, y) { m <- twinnet(y ~ ., data.frame(X, y = y), hidden = 3, "
        "epochs = 20, seed = 1); list(scale = m$normalizer$scale, pred = unname(predict(m))) }",
        X,
        y,
    )
    assert same_bits(scale, rr["scale"]).all()
    assert same_bits(model.predict(X), rr["pred"]).all()
