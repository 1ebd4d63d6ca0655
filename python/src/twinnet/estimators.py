"""scikit-learn estimators: twinnet on your own data, in two lines.

Twin: ``r/R/model.R`` (``twinnet(Species ~ ., data = iris)``). The same
arguments and defaults, the same steps in the same order, so
``TwinnetClassifier(hidden=(5,), epochs=200, lr=0.1, seed=1)`` and
``twinnet(Species ~ ., iris, hidden = 5, epochs = 200, lr = 0.1, seed = 1)``
give bitwise-identical probabilities. Needs scikit-learn
(``pip install twinnet[sklearn]``); the rest of twinnet does not.
"""

import numbers

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from twinnet.activations import ACTIVATIONS
from twinnet.errors import ArgumentError, DataTypeError, DataValueError
from twinnet.fit import fit
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.predict import predict
from twinnet.validate import (
    check_flag,
    check_int,
    check_name,
    check_working_memory,
    working_what,
)


def check_front_door(params: dict) -> list[int]:
    """Check the front door's own arguments (the rest are fit()'s).

    Returns the hidden layer sizes as whole numbers. The twin of R's
    ``check_front_door``.
    """
    check_flag(params["standardize"], "standardize")
    check_name(params["activation"], ACTIVATIONS, "activation")
    hidden = params["hidden"]
    hidden = [hidden] if np.ndim(hidden) == 0 else list(np.ravel(hidden))
    if not hidden or any(isinstance(h, str) for h in hidden):
        raise ArgumentError(
            "hidden must be one or more whole numbers of at least 1 (the hidden "
            f"layer sizes); got {params['hidden']!r}"
        )
    return [check_int(h, "hidden") for h in hidden]


def front_door_fit(X, Y, output: str, loss: str, params: dict):
    """Standardise, make the network, train with the mean gradient.

    Returns the normaliser (or None) and the fit result. ``Y`` is already
    encoded: one-hot rows, a 0/1 column, or numbers.
    """
    hidden = check_front_door(params)
    # inputs: standardised, the normaliser kept for prediction
    normalizer = fit_normalizer(X, "standardize") if params["standardize"] else None
    x_scaled = X if normalizer is None else normalize(normalizer, X)
    # the network: the hidden layers, then the output the response needs
    sizes = [X.shape[1], *hidden, Y.shape[1]]
    # memory: refused before the weights are drawn (a wide layer takes long)
    check_working_memory(sizes, X.shape[0], working_what(sizes, X.shape[0], "hidden", "X"))
    activations = [params["activation"]] * len(hidden) + [output]
    network = init_network(sizes, seed=params["seed"], activations=activations, init="glorot")
    # training: lr per sample (reduction "mean"), a thin trace
    result = fit(
        network, x_scaled, Y, epochs=params["epochs"], lr=params["lr"],
        numerics=params["numerics"], record_every=params["epochs"], loss=loss,
        batch_size=params["batch_size"], seed=params["seed"],
        record_outputs="digest", reduction="mean",
    )  # fmt: skip
    return normalizer, result


def front_door_predict(network, normalizer, X: np.ndarray, numerics: str) -> np.ndarray:
    """The network's outputs on ``X``; NaN rows for the rows with a missing input.

    Rows stay aligned. The twin of R's ``front_door_predict``.
    """
    # rows with a missing input: NaN outputs, the rest predicted
    missing = np.isnan(X).any(axis=1)
    output = np.full((X.shape[0], network.weights[-1].shape[1]), np.nan)
    if missing.all():
        return output
    x_scaled = X[~missing] if normalizer is None else normalize(normalizer, X[~missing])
    output[~missing] = predict(network, x_scaled, numerics=numerics)
    return output


def check_finite_response(y) -> None:
    """Refuse an infinite number in a regression's response, as R's fit does.

    scikit-learn's validation would raise a bare ValueError for it.
    """
    values = np.asarray(y)
    if values.dtype.kind == "f" and np.isinf(values).any():
        raise DataValueError("y must be finite; it holds NaN or Inf")


def drop_missing(X, y):
    """The rows with no missing input or response (R's ``na.omit``), and how many were not.

    The twin of R's ``complete_frame``. Data whose rows cannot be counted
    (sparse, ragged, lengths that differ) is left to the validation after.
    """
    if y is None or hasattr(X, "tocsr") or hasattr(y, "tocsr"):
        return X, y, 0
    try:
        missing = _missing_rows(X)
        missing_y = _missing_rows(y)
    except (TypeError, ValueError):
        return X, y, 0
    if len(missing) != len(missing_y) or not (missing | missing_y).any():
        return X, y, 0
    keep = ~(missing | missing_y)
    if not keep.any():
        raise DataValueError(
            "every row of the data has a missing value; nothing is left to train on"
        )
    return _rows(X, keep), _rows(y, keep), int((~keep).sum())


def _missing_rows(a) -> np.ndarray:
    """Which rows of ``a`` hold a missing value (NaN, None, pandas' NA)."""
    flags = np.asarray(a.isna() if hasattr(a, "isna") else pd.isna(np.asarray(a)), dtype=bool)
    return flags.reshape(len(flags), -1).any(axis=1)


def _rows(a, keep: np.ndarray):
    """The rows ``keep`` of a DataFrame, Series, Categorical, array or list."""
    if hasattr(a, "iloc"):
        return a.iloc[keep]
    return a[keep] if isinstance(a, pd.Categorical) else np.asarray(a)[keep]


def category_order(y):
    """A pandas categorical's categories (R's factor levels, as given), else None."""
    dtype = getattr(y, "dtype", None)
    return list(dtype.categories) if isinstance(dtype, pd.CategoricalDtype) else None


def class_levels(y: np.ndarray, order=None):
    """The classes in their order, and each label's code (from 0).

    The twin of R's ``class_levels``: a categorical's categories as given
    (those present); otherwise sorted: text by Unicode code point (Python's
    ``sorted()``, R's radix sort), False before True, numbers by value. A
    mix of text, booleans and numbers is refused before (check_label_kinds).
    """
    try:
        check_classification_targets(y)
    except ValueError as err:
        raise DataValueError(str(err)) from err
    classes, codes = np.unique(y, return_inverse=True)
    if order is not None:
        present = set(classes.tolist())
        classes = np.array([c for c in order if c in present], dtype=classes.dtype)
        index = {c: i for i, c in enumerate(classes.tolist())}
        codes = np.array([index[v] for v in y.tolist()], dtype=np.intp)
    return classes, codes


def check_label_kinds(y) -> None:
    """Labels all text, all booleans or all numbers (missing ones aside); a mix is a type error.

    R cannot hold a mix in a vector (``c("a", 1)`` is text) and refuses a
    list response in the same words.
    """
    if y is None or getattr(getattr(y, "dtype", None), "kind", "O") != "O":
        return
    try:
        values = np.asarray(y, dtype=object).ravel()
    except (TypeError, ValueError):
        return
    kinds = {_label_kind(v) for v in values if not _is_missing(v)}
    if len(kinds) > 1:
        raise DataTypeError(
            "labels must be all text, all booleans or all numbers; "
            f"got {' and '.join(sorted(kinds))}"
        )


def _is_missing(value) -> bool:
    """None, NaN or pandas' NA."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _label_kind(value) -> str:
    """text, boolean or number: the kind of one label."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, (bool, np.bool_)):
        return "booleans"
    return "numbers" if isinstance(value, numbers.Number) else type(value).__name__


class _TwinnetBase(BaseEstimator):
    """The arguments both estimators share, with R's ``twinnet()`` defaults."""

    def __init__(
        self,
        hidden=(5,),
        epochs=200,
        lr=0.5,
        seed=0,
        batch_size=None,
        activation="tanh",
        numerics="exact",
        standardize=True,
    ):
        self.hidden = hidden
        self.epochs = epochs
        self.lr = lr
        self.seed = seed
        self.batch_size = batch_size
        self.activation = activation
        self.numerics = numerics
        self.standardize = standardize

    def _train(self, X, Y, output: str, loss: str):
        self.normalizer_, self.fit_result_ = front_door_fit(X, Y, output, loss, self.get_params())
        self.network_ = self.fit_result_.network
        self.loss_curve_ = self.fit_result_.loss.tolist()
        return self

    def _outputs(self, X) -> np.ndarray:
        check_is_fitted(self, "network_")
        X = validate_data(self, X, reset=False, ensure_all_finite=False)
        return front_door_predict(self.network_, self.normalizer_, X, self.numerics)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True  # rows with NaN: left out of training, NaN predictions
        return tags


class TwinnetClassifier(ClassifierMixin, _TwinnetBase):
    """A twinnet MLP classifier; the twin of R's ``twinnet(factor ~ ., data)``.

    Two classes: one sigmoid output and binary cross-entropy; more: softmax
    and categorical cross-entropy, one-hot in the order of ``classes_``.

    Class order, the same as R's ``twinnet()`` in every locale: a pandas
    categorical ``y`` keeps its categories' order (those present), as R
    keeps a factor's levels; otherwise the labels are sorted: text by
    Unicode code point (``["b", "A", "a"]`` gives ``"A", "a", "b"``;
    ``"é"`` after ``"z"``), False before True, numbers by value. Labels
    that mix text, booleans and numbers are a ``TwinnetTypeError``; one
    class is a ``TwinnetValueError``.

    Missing values, as R's ``twinnet()``: rows with NaN in ``X`` or a
    missing label (None, NaN, pandas' NA) are left out of training
    (``n_dropped_`` counts them); ``predict_proba`` gives NaN and
    ``predict`` NaN (the labels then as floats or objects) for a row of
    ``X`` with NaN, so rows stay aligned. Infinities are refused
    (``TwinnetValueError``).

    Parameters
    ----------
    hidden : int or tuple of int
        Hidden layer sizes.
    epochs : int
        Passes over the data.
    lr : float
        Learning rate, per sample: training uses ``reduction="mean"``.
    seed : int or None
        Seed of the initial weights (Glorot) and the batches' shuffles.
    batch_size : int or None
        None: full batch; k: mini-batches of k samples.
    activation : {"tanh", "sigmoid", "relu", "identity"}
        The hidden layers' activation.
    numerics : {"exact", "fast"}
        ``"exact"``: the same bits as R.
    standardize : bool
        Standardise the inputs (mean 0, sd 1, from the training data);
        anything but True or False is a ``TwinnetArgumentError``.

    Attributes
    ----------
    classes_, n_features_in_, n_dropped_, loss_curve_, network_, normalizer_, fit_result_
    """

    def fit(self, X, y):
        """Train on ``X`` (n, p) and labels ``y`` (strings, bools or numbers)."""
        order = category_order(y)
        check_label_kinds(y)
        X, y, self.n_dropped_ = drop_missing(X, y)
        X, y = validate_data(self, X, y, ensure_all_finite=False)
        self.classes_, codes = class_levels(y, order)
        if len(self.classes_) < 2:
            raise DataValueError(
                f"a classification needs 2 classes; got {len(self.classes_)} class"
            )
        if len(self.classes_) == 2:
            return self._train(X, codes.reshape(-1, 1).astype(float), "sigmoid",
                               "binary_cross_entropy")  # fmt: skip
        Y = np.eye(len(self.classes_))[codes]
        return self._train(X, Y, "softmax", "categorical_cross_entropy")

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, one column per class of ``classes_``."""
        output = self._outputs(X)
        if output.shape[1] == 1:
            return np.hstack([1.0 - output, output])
        return output

    def predict(self, X) -> np.ndarray:
        """The most probable class (the first of ties); NaN for a row with a missing input."""
        probabilities = self.predict_proba(X)
        labels = self.classes_[probabilities.argmax(axis=1)]
        missing = np.isnan(probabilities).any(axis=1)
        if missing.any():  # numbers become floats, other labels objects, to hold NaN
            labels = labels.astype(float if labels.dtype.kind in "iuf" else object)
            labels[missing] = np.nan
        return labels


class TwinnetRegressor(RegressorMixin, _TwinnetBase):
    """A twinnet MLP regressor; the twin of R's ``twinnet(number ~ ., data)``.

    An identity output and squared error; the parameters, and the rules
    for missing values, are those of :class:`TwinnetClassifier` (a row is
    left out when any column of ``y`` is NaN). ``y`` may have several
    columns.
    """

    def fit(self, X, y):
        """Train on ``X`` (n, p) and numbers ``y`` (n,) or (n, k)."""
        X, y, self.n_dropped_ = drop_missing(X, y)
        check_finite_response(y)
        X, y = validate_data(self, X, y, ensure_all_finite=False, multi_output=True, y_numeric=True)
        self._y_columns = y.ndim
        return self._train(X, y.reshape(len(y), -1), "identity", "squared_error")

    def predict(self, X) -> np.ndarray:
        """The network's outputs, shaped like the ``y`` it was trained on."""
        output = self._outputs(X)
        return output[:, 0] if self._y_columns == 1 else output

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()  # allow_nan from _TwinnetBase
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = True
        return tags
