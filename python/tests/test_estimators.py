import numpy as np
import pandas as pd
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

import twinnet  # noqa: E402
from twinnet import TwinnetClassifier, TwinnetRegressor  # noqa: E402

# Every check scikit-learn runs, except those listed here with the reason
# (the README's "scikit-learn's estimator checks" lists the same).
EXPECTED_FAILED = {}


@parametrize_with_checks(
    [TwinnetClassifier(), TwinnetRegressor()],
    expected_failed_checks=lambda est: EXPECTED_FAILED.get(type(est).__name__, {}),
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def iris():
    return twinnet.datasets.load_iris()


def test_iris_classifier_learns_and_keeps_the_labels():
    X, y = iris()
    model = TwinnetClassifier(hidden=(5,), epochs=200, lr=0.1, seed=1).fit(X, y)
    assert list(model.classes_) == ["setosa", "versicolor", "virginica"]
    assert model.n_features_in_ == 4 and list(model.feature_names_in_) == list(X.columns)
    assert len(model.loss_curve_) == 200 and model.loss_curve_[-1] < model.loss_curve_[0]
    assert model.score(X, y) > 0.9
    proba = model.predict_proba(X.head())
    assert proba.shape == (5, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.predict(X.head())) == ["setosa"] * 5


@pytest.mark.parametrize(
    "labels", [["no", "yes"], [False, True], [3, 7]], ids=["strings", "bools", "ints"]
)
def test_two_classes_of_any_label_type(labels):
    X, y = iris()
    target = np.where(y == "setosa", labels[1], labels[0])
    model = TwinnetClassifier(epochs=100).fit(X[["Sepal.Length", "Sepal.Width"]], target)
    assert list(model.classes_) == labels
    assert model.network_.activations[-1] == "sigmoid"
    proba = model.predict_proba(X[["Sepal.Length", "Sepal.Width"]])
    assert proba.shape == (150, 2) and model.score(X[["Sepal.Length", "Sepal.Width"]], target) > 0.9


def test_regressor_one_and_two_columns():
    X, y = iris()
    inputs, target = X.drop(columns="Sepal.Length"), X["Sepal.Length"]
    model = TwinnetRegressor(epochs=200).fit(inputs, target)
    assert model.predict(inputs).shape == (150,) and model.score(inputs, target) > 0.7
    two = TwinnetRegressor(epochs=50).fit(inputs, X[["Sepal.Length", "Sepal.Width"]])
    assert two.predict(inputs).shape == (150, 2)


def test_pipeline_grid_search_and_cross_validation():
    X, y = iris()
    pipe = make_pipeline(StandardScaler(), TwinnetClassifier(epochs=50, standardize=False))
    scores = cross_val_score(pipe, X, y, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.6
    grid = GridSearchCV(TwinnetClassifier(epochs=50), {"lr": [0.1, 0.5]}, cv=3).fit(X, y)
    assert grid.best_params_["lr"] in (0.1, 0.5) and grid.best_score_ > 0.6


def test_same_seed_same_bits_and_a_dataframe_is_a_matrix():
    X, y = iris()
    a = TwinnetClassifier(epochs=20, seed=3).fit(X, y).predict_proba(X)
    b = TwinnetClassifier(epochs=20, seed=3).fit(X.to_numpy(), y.to_numpy())
    b = b.predict_proba(X.to_numpy())
    assert np.array_equal(a.view(np.uint64), b.view(np.uint64))


def test_bad_arguments_raise_twinnet_errors():
    X, y = iris()
    with pytest.raises(twinnet.errors.NameChoiceError, match="did you mean 'tanh'"):
        TwinnetClassifier(activation="tanhh").fit(X, y)
    with pytest.raises(ValueError, match="2 classes"):
        TwinnetClassifier().fit(X, ["a"] * 150)
    with pytest.raises(twinnet.errors.ArgumentError, match="lr"):
        TwinnetRegressor(lr=0).fit(X, X["Sepal.Length"])


def test_estimators_are_reached_from_twinnet_but_not_imported_by_it():
    import subprocess
    import sys

    code = "import sys, twinnet; assert 'sklearn' not in sys.modules; twinnet.TwinnetClassifier"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert pd.api.types.is_string_dtype(iris()[1])


# Issue 19: the front doors' rules, the same as R's twinnet() (r/tests/testthat/test-model.R)
SIX = np.array([[1, 0], [2, 1], [3, 0], [4, 1], [5, 1], [6, 0.0]])


@pytest.mark.parametrize(
    "labels, classes",
    [
        (["b", "A", "a"] * 2, ["A", "a", "b"]),
        (["é", "z", "e"] * 2, ["e", "z", "é"]),
        (["Yes", "no", "no"] * 2, ["Yes", "no"]),
        (pd.Categorical(["a", "b", "A"] * 2, categories=["b", "A", "a", "zz"]), ["b", "A", "a"]),
        (pd.Series(["a", "b", "A"] * 2, dtype="category").cat.reorder_categories(["b", "a", "A"]),
         ["b", "a", "A"]),
    ],
    ids=["b_A_a", "accents", "Yes_no", "categorical", "category_series"],
)  # fmt: skip
def test_class_order_is_code_point_or_the_categories(labels, classes):
    model = TwinnetClassifier(epochs=3).fit(SIX, labels)
    assert list(model.classes_) == classes
    outputs = model.network_.weights[-1].shape[1]
    assert outputs == (1 if len(classes) == 2 else len(classes))
    first = model.predict_proba(SIX[:1])  # column k is classes_[k]
    assert model.predict(SIX[:1])[0] == classes[int(first.argmax())]


def test_the_front_door_arguments_are_checked():
    for bad in ("no", np.nan, 1, None):
        with pytest.raises(twinnet.errors.ArgumentError, match="standardize"):
            TwinnetClassifier(epochs=2, standardize=bad).fit(SIX, ["a", "b"] * 3)
    for bad in (True, "5", (), (3, 0), None, 2.5):
        with pytest.raises(twinnet.errors.ArgumentError, match="hidden"):
            TwinnetRegressor(epochs=2, hidden=bad).fit(SIX, np.arange(6.0))
    with pytest.raises(twinnet.errors.NameChoiceError, match="activation must be one of"):
        TwinnetRegressor(epochs=2, activation=None).fit(SIX, np.arange(6.0))
    assert TwinnetRegressor(epochs=2, hidden=np.array([3, 2])).fit(SIX, np.arange(6.0))


def test_label_mistakes_are_twinnet_errors():
    with pytest.raises(twinnet.errors.DataValueError, match="2 classes; got 1 class"):
        TwinnetClassifier(epochs=2).fit(SIX, ["a"] * 6)
    for mixed in (["a", 1] * 3, np.array(["a", 1] * 3, dtype=object), pd.Series([True, 2] * 3)):
        with pytest.raises(twinnet.errors.DataTypeError, match="all text, all booleans"):
            TwinnetClassifier(epochs=2).fit(SIX, mixed)
    with pytest.raises(twinnet.errors.DataValueError, match="Unknown label type"):
        TwinnetClassifier(epochs=2).fit(SIX, np.linspace(0, 1, 6))


def test_missing_rows_are_left_out_and_predicted_as_nan():
    X = SIX.copy()
    X[2, 0] = np.nan
    y = ["a", None, "b", "a", "b", "a"]
    model = TwinnetClassifier(epochs=20, seed=1).fit(X, y)
    complete = TwinnetClassifier(epochs=20, seed=1).fit(X[[0, 3, 4, 5]], ["a", "a", "b", "a"])
    assert model.n_dropped_ == 2 and complete.n_dropped_ == 0
    assert np.array_equal(model.loss_curve_, complete.loss_curve_)
    proba = model.predict_proba(X)
    assert np.isnan(proba[2]).all() and not np.isnan(np.delete(proba, 2, axis=0)).any()
    assert np.array_equal(proba[[0, 3]], complete.predict_proba(X[[0, 3]]))
    labels = model.predict(X)
    assert labels.dtype == object and pd.isna(labels[2]) and labels[0] in ("a", "b")
    numbers = TwinnetClassifier(epochs=5).fit(SIX, [0, 1, 1, 0, 1, 0]).predict(X)
    assert numbers.dtype == float and np.isnan(numbers[2])
    reg = TwinnetRegressor(epochs=5).fit(X, [1.0, np.nan, 3, 4, 5, 6])
    assert reg.n_dropped_ == 2 and np.isnan(reg.predict(X)).tolist() == [0, 0, 1, 0, 0, 0]
    with pytest.raises(twinnet.errors.DataValueError, match="every row"):
        TwinnetRegressor(epochs=5).fit(X[[2]], [1.0])
    with pytest.raises(twinnet.errors.DataValueError, match="finite"):
        TwinnetRegressor(epochs=5).fit(np.where(np.isnan(X), np.inf, X), np.arange(6.0))
