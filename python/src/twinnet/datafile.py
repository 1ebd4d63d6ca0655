"""A user's CSV file, ready to train: the command line's ``--data FILE --target COLUMN``.

Twin: ``r/R/datafile.R``. Both languages read the file, make the same
matrices and the same network, so ``run --lang both`` and ``parity`` can
compare the traces bit for bit. Numbers are parsed correctly rounded
(pandas here, R's ``read.csv`` there; both checked in the harness).
"""

import numpy as np
import pandas as pd

from twinnet.errors import ArgumentError, DataTypeError, DataValueError
from twinnet.fit import FitResult, fit
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.validate import check_name

# the output layer each loss trains through
OUTPUT_ACTIVATION = {
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
}


def read_data(path, target: str) -> dict:
    """Read a CSV file: ``X`` (every column but ``target``), ``y`` and the ``classes``.

    A numeric target is one output column (``classes`` empty). A text
    target's classes are sorted by code point: two classes are one 0/1
    column (the second class is 1), more are one-hot columns.
    """
    try:
        frame = pd.read_csv(path)  # pandas 3 parses floats correctly rounded
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise ArgumentError(f"--data: cannot read {path}: {err}") from None
    columns = [str(c) for c in frame.columns]
    check_name(target, columns, "--target")
    X = frame.drop(columns=[target])
    for name in X.columns:  # say which column, before fit says "X"
        if not pd.api.types.is_numeric_dtype(X[name]) or X[name].dtype == bool:
            raise DataTypeError(f"--data: column {name!r} is not numeric")
    if X.shape[1] == 0:
        raise ArgumentError(f"--data: {path} has no column besides {target!r}")
    y, classes = _encode_target(frame[target])
    return {"X": X.to_numpy(dtype=np.float64), "y": y, "classes": classes}


def _encode_target(column: pd.Series):
    if column.isna().any():
        raise DataValueError(f"--target: {column.name!r} has missing values")
    if pd.api.types.is_numeric_dtype(column) and column.dtype != bool:
        return column.to_numpy(dtype=np.float64).reshape(-1, 1), []
    labels = column.astype(str).to_numpy()
    classes = sorted(set(labels.tolist()))
    if len(classes) < 2:
        raise ArgumentError(f"--target: {column.name!r} has fewer than two classes")
    onehot = (labels[:, None] == np.array(classes)[None, :]).astype(np.float64)
    return (onehot[:, 1:] if len(classes) == 2 else onehot), classes


def default_loss(data: dict) -> str:
    """Squared error for a numeric target, else the cross-entropy for the classes."""
    if not data["classes"]:
        return "squared_error"
    return "binary_cross_entropy" if len(data["classes"]) == 2 else "categorical_cross_entropy"


def fit_data(data: dict, options: dict, progress=None) -> FitResult:
    """Normalise, build the network and train it, as ``options`` say.

    ``options``: hidden (list of sizes), activation, loss (None: the
    default for the target), normalize ("none" keeps the data), lr,
    epochs, seed, numerics.
    """
    X = data["X"]
    if options["normalize"] != "none":
        X = normalize(fit_normalizer(X, options["normalize"]), X)
    loss = options["loss"] or default_loss(data)
    output = OUTPUT_ACTIVATION.get(loss, "sigmoid" if data["classes"] else "identity")
    hidden = options["hidden"]
    network = init_network(
        [X.shape[1], *hidden, data["y"].shape[1]],
        seed=options["seed"],
        activations=[options["activation"]] * len(hidden) + [output],
    )
    return fit(
        network, X, data["y"], epochs=options["epochs"], lr=options["lr"],
        numerics=options["numerics"], loss=loss, progress=progress,
    )  # fmt: skip
