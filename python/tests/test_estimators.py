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
