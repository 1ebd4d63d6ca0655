"""scikit-learn estimators: twinnet on your own data, in two lines.

Twin: ``r/R/model.R`` (``twinnet(Species ~ ., data = iris)``). The same
arguments and defaults, the same steps in the same order, so
``TwinnetClassifier(hidden=(5,), epochs=200, lr=0.1, seed=1)`` and
``twinnet(Species ~ ., iris, hidden = 5, epochs = 200, lr = 0.1, seed = 1)``
give bitwise-identical probabilities. Needs scikit-learn
(``pip install twinnet[sklearn]``); the rest of twinnet does not.
"""

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from twinnet.fit import fit
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.predict import predict


def front_door_fit(X, Y, output: str, loss: str, params: dict):
    """Standardise, make the network, train with the mean gradient.

    Returns the normaliser (or None) and the fit result. ``Y`` is already
    encoded: one-hot rows, a 0/1 column, or numbers.
    """
    # inputs: standardised, the normaliser kept for prediction
    normalizer = fit_normalizer(X, "standardize") if params["standardize"] else None
    x_scaled = X if normalizer is None else normalize(normalizer, X)
    # the network: the hidden layers, then the output the response needs
    hidden = [params["hidden"]] if np.isscalar(params["hidden"]) else list(params["hidden"])
    sizes = [X.shape[1], *hidden, Y.shape[1]]
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
        X = validate_data(self, X, reset=False)
        x_scaled = X if self.normalizer_ is None else normalize(self.normalizer_, X)
        return predict(self.network_, x_scaled, numerics=self.numerics)


class TwinnetClassifier(ClassifierMixin, _TwinnetBase):
    """A twinnet MLP classifier; the twin of R's ``twinnet(factor ~ ., data)``.

    Two classes: one sigmoid output and binary cross-entropy; more: softmax
    and categorical cross-entropy, classes in sorted order (``classes_``).

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
        Standardise the inputs (mean 0, sd 1, from the training data).

    Attributes
    ----------
    classes_, n_features_in_, loss_curve_, network_, normalizer_, fit_result_
    """

    def fit(self, X, y):
        """Train on ``X`` (n, p) and labels ``y`` (strings, bools or numbers)."""
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, codes = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(f"a classifier needs 2 classes; got {len(self.classes_)} class")
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
        """The most probable class (the first of ties)."""
        probabilities = self.predict_proba(X)
        return self.classes_[probabilities.argmax(axis=1)]


class TwinnetRegressor(RegressorMixin, _TwinnetBase):
    """A twinnet MLP regressor; the twin of R's ``twinnet(number ~ ., data)``.

    An identity output and squared error; the parameters are those of
    :class:`TwinnetClassifier`. ``y`` may have several columns.
    """

    def fit(self, X, y):
        """Train on ``X`` (n, p) and numbers ``y`` (n,) or (n, k)."""
        X, y = validate_data(self, X, y, multi_output=True, y_numeric=True)
        self._y_columns = y.ndim
        return self._train(X, y.reshape(len(y), -1), "identity", "squared_error")

    def predict(self, X) -> np.ndarray:
        """The network's outputs, shaped like the ``y`` it was trained on."""
        output = self._outputs(X)
        return output[:, 0] if self._y_columns == 1 else output

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = True
        return tags
