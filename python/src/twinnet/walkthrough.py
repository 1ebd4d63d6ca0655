"""The article's spreadsheet view: one training iteration, every matrix.

Twin: ``r/R/walkthrough.R``. :func:`walkthrough` runs one iteration with
the functions :func:`~twinnet.fit` runs (:func:`~twinnet.forward`,
:func:`~twinnet.backward`, :func:`~twinnet.update`), asks them to keep
their intermediates, and only labels them as the article's tables: samples
are rows, neurons are columns. So the tables cannot disagree with
training. The steps follow the article's numbering (0 to 11). One
difference of sign: the article's ``E`` is ``y - output`` and its updates
add ``lr * dot(...)``; here ``E`` is ``output - y``, the derivative of the
loss, and every update subtracts ``lr`` times a gradient (the same
arithmetic, written as descent).
"""

import numpy as np
import pandas as pd

from twinnet.backward import backward
from twinnet.errors import DataTypeError
from twinnet.fit import _check_fit
from twinnet.forward import forward
from twinnet.loss import FUSED
from twinnet.network import Network
from twinnet.numerics import numerics_ops
from twinnet.update import update
from twinnet.validate import check_int


def walkthrough(
    network: Network, X, y, lr: float, numerics: str = "exact", loss: str = "squared_error"
) -> dict[str, pd.DataFrame]:
    """One full-batch training iteration, every intermediate as a DataFrame.

    Parameters
    ----------
    network : Network
        The network before the iteration (not modified).
    X, y : array_like
        Inputs and targets, one sample per row.
    lr : float
        Learning rate of the update.
    numerics : {"exact", "fast"}
        The kernels; ``"exact"`` gives bitwise the same tables as R.
    loss : str
        The loss, as in :func:`~twinnet.fit`.

    Returns
    -------
    dict of str to pandas.DataFrame
        In the article's order: ``X``, ``y``, the starting weights ``wh``,
        ``wout`` (and biases ``bh``, ``bout``), ``hidden_layer_input``,
        ``hidden_layer_activations``, ``output_layer_input``, ``output``,
        ``E``, the slopes, ``d_output``, ``error_at_hidden_layer``,
        ``d_hidden_layer``, the gradients ``grad_wout`` ... and the updated
        ``wout_updated`` .... With several hidden layers the names carry
        the layer's number (``wh_1``, ``hidden_layer_2_input``). Each
        frame's ``attrs["formula"]`` says how it was computed.
    """
    X, y = _check_fit(network, X, y, 1, lr, 1, loss, None, True, None)[:2]
    ops = numerics_ops(numerics)
    # one iteration by fit's own functions, keeping every intermediate
    kept: dict[str, np.ndarray] = {}
    layers = forward(network, X, ops, kept)
    grads = backward(network, layers, y, ops, loss, kept)
    updated = update(network, grads, lr)
    names = _layer_names(len(network.weights))
    steps: dict[str, pd.DataFrame] = {}
    # step 0: the data; step 1: the starting weights and biases
    samples = _sample_names(X.shape[0])
    _add_step(steps, "X", X, "the inputs", samples, _neurons(network, 0))
    _add_step(steps, "y", y, "the targets", samples, _neurons(network, len(network.weights)))
    _add_parameters(steps, network, names)
    # steps 2 to 4: forward propagation, layer by layer
    _forward_tables(steps, network, layers, kept, names)
    # steps 5 to 9: the error, the slopes, and the deltas sent back
    _backward_tables(steps, network, kept, loss, names)
    # steps 10 and 11: gradients, and one step of gradient descent
    _update_tables(steps, network, grads, updated, names)
    return steps


def format_walkthrough(steps: dict[str, pd.DataFrame], digits: int = 5) -> str:
    """The tables as text, rounded to ``digits`` decimals like the article's.

    R's ``format_walkthrough()`` prints the same characters for the same
    tables: both round correctly to the nearest decimal.
    """
    digits = check_int(digits, "digits", 0, 15)
    tables = isinstance(steps, dict) and all(
        isinstance(f, pd.DataFrame) and "formula" in f.attrs for f in steps.values()
    )
    if not tables:
        raise DataTypeError("steps must be what walkthrough returned")
    blocks = []
    for name, frame in steps.items():
        # one title line, then the table with right-aligned columns
        lines = [f"{name} = {frame.attrs['formula']}"]
        cells = [_number_cells(row, digits) for row in frame.to_numpy()]
        header = [""] + [str(c) for c in frame.columns]
        rows = [[str(label)] + row for label, row in zip(frame.index, cells)]
        widths = [max(len(r[j]) for r in [header] + rows) for j in range(len(header))]
        for row in [header] + rows:
            lines.append("  ".join(cell.rjust(width) for cell, width in zip(row, widths)))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _number_cells(values: np.ndarray, digits: int) -> list[str]:
    """Rounded cells; NaN and Inf spelled as R spells them."""
    spelled = {np.inf: "Inf", -np.inf: "-Inf"}
    return ["NaN" if np.isnan(v) else spelled.get(v, f"{v:.{digits}f}") for v in values]


def _layer_names(n_layers: int) -> dict[str, list[str]]:
    """The article's names for each layer: weights, biases, table prefix."""
    names: dict[str, list[str]] = {"w": [], "b": [], "layer": [], "a": []}
    for i in range(n_layers):
        if i == n_layers - 1:
            suffix, layer = "out", "output_layer"
        elif n_layers == 2:
            suffix, layer = "h", "hidden_layer"
        else:
            suffix, layer = f"h_{i + 1}", f"hidden_layer_{i + 1}"
        names["w"].append(f"w{suffix}")
        names["b"].append(f"b{suffix}")
        names["layer"].append(layer)
        # the table of the layer's activations; the last one is the output
        names["a"].append("output" if i == n_layers - 1 else f"{layer}_activations")
    return names


def _neurons(network: Network, j: int) -> list[str]:
    """Column labels of layer j (0 is the input): x1.., h1.., o1..."""
    prefix = "x" if j == 0 else "o" if j == len(network.weights) else "h"
    return [f"{prefix}{k + 1}" for k in range(network.sizes[j])]


def _sample_names(n: int) -> list[str]:
    return [f"s{k + 1}" for k in range(n)]


def _add_step(steps, name: str, values: np.ndarray, formula: str, rows, cols) -> None:
    """Keep one intermediate as a labelled table, with its formula."""
    frame = pd.DataFrame(np.array(values, dtype=np.float64, ndmin=2), index=rows, columns=cols)
    frame.attrs["formula"] = formula
    steps[name] = frame


def _add_parameters(steps, network: Network, names) -> None:
    """The starting weights and biases, layer by layer."""
    for i, w in enumerate(network.weights):
        cols = _neurons(network, i + 1)
        _add_step(steps, names["w"][i], w, "the starting weights", _neurons(network, i), cols)
        if network.biases is not None:
            _add_step(steps, names["b"][i], network.biases[i], "the starting biases", ["b"], cols)


def _forward_tables(steps, network: Network, layers, kept, names) -> None:
    """Steps 2 to 4: each layer's weighted input, then its activations."""
    rows = _sample_names(len(layers[0]))
    for i in range(len(network.weights)):
        source, layer = "X" if i == 0 else names["a"][i - 1], names["layer"][i]
        formula = f"dot({source}, {names['w'][i]})"
        if network.biases is not None:
            formula += f" + {names['b'][i]}"
        cols = _neurons(network, i + 1)
        _add_step(steps, f"{layer}_input", kept[f"z{i + 1}"], formula, rows, cols)
        formula = f"{network.activations[i]}({layer}_input)"
        _add_step(steps, names["a"][i], layers[i + 1], formula, rows, cols)


def _backward_tables(steps, network: Network, kept, loss, names) -> None:
    """Steps 5 to 9: the error E, the slopes, and each layer's delta."""
    n_layers = len(network.weights)
    rows, out = _sample_names(len(kept["z1"])), _neurons(network, n_layers)
    # step 5: E, the loss's derivative with respect to the output
    _add_step(steps, "E", kept[f"error{n_layers}"], "output - y", rows, out)
    # step 6: the slope of every layer, from its activations
    _slope_tables(steps, network, kept, names)
    # step 7: delta at the output
    formula = "E (the fused gradient)" if loss in FUSED else "E * slope_output_layer"
    _add_step(steps, "d_output", kept[f"delta{n_layers}"], formula, rows, out)
    # steps 8 and 9: the error sent back through the weights, times the slope
    for i in range(n_layers - 1, 0, -1):
        below, cols = names["layer"][i - 1], _neurons(network, i)
        formula = f"dot({_delta_name(names, i, n_layers)}, {names['w'][i]}^T)"
        _add_step(steps, f"error_at_{below}", kept[f"error{i}"], formula, rows, cols)
        formula = f"error_at_{below} * slope_{below}"
        _add_step(steps, f"d_{below}", kept[f"delta{i}"], formula, rows, cols)


def _slope_tables(steps, network: Network, kept, names) -> None:
    """Step 6: each layer's slope (none at the output with a fused loss)."""
    rows = _sample_names(len(kept["z1"]))
    for i in reversed(range(len(network.weights))):
        if f"slope{i + 1}" in kept:
            formula = f"slope of {network.activations[i]} at {names['a'][i]}"
            name = f"slope_{names['layer'][i]}"
            _add_step(steps, name, kept[f"slope{i + 1}"], formula, rows, _neurons(network, i + 1))


def _update_tables(steps, network: Network, grads, updated, names) -> None:
    """Steps 10 and 11: each gradient and the updated weights, then biases."""
    n_layers = len(network.weights)
    for i in reversed(range(n_layers)):
        w, d_name = names["w"][i], _delta_name(names, i, n_layers)
        source = "X" if i == 0 else names["a"][i - 1]
        rows, cols = _neurons(network, i), _neurons(network, i + 1)
        _add_step(steps, f"grad_{w}", grads.weights[i], f"dot({source}^T, {d_name})", rows, cols)
        _add_step(steps, f"{w}_updated", updated.weights[i], f"{w} - lr * grad_{w}", rows, cols)
    for i in reversed(range(len(network.biases or []))):
        b, cols = names["b"][i], _neurons(network, i + 1)
        formula = f"column sums of {_delta_name(names, i, n_layers)}"
        _add_step(steps, f"grad_{b}", grads.biases[i], formula, ["b"], cols)
        _add_step(steps, f"{b}_updated", updated.biases[i], f"{b} - lr * grad_{b}", ["b"], cols)


def _delta_name(names, i: int, n_layers: int) -> str:
    """The table name of layer i's delta: d_output, d_hidden_layer, ..."""
    return "d_output" if i == n_layers - 1 else f"d_{names['layer'][i]}"
