"""Write shared_fixtures/bad_inputs.json: the table of bad inputs.

Each row: a name, the call, the arguments that override the valid base
call (see twinnet.bad_inputs / R's run_bad_input), and the error category
both languages must raise. Run by `make fixtures`.
"""

import json
from pathlib import Path

from twinnet.fixtures import write_atomic

A, N, T, S, V, C, F = (
    "twinnet_argument_error",
    "twinnet_name_error",
    "twinnet_type_error",
    "twinnet_shape_error",
    "twinnet_value_error",
    "twinnet_config_error",
    "twinnet_fixture_error",
)


def M(rows):  # noqa: N802 - reads like a tag in the table
    return {"matrix": rows}


xor = [[0, 0], [0, 1], [1, 0], [1, 1]]
rows = [
    # init_network
    ("sizes without a hidden layer", "init_network", {"sizes": {"vector": [2, 1]}}, A),
    ("a zero layer size", "init_network", {"sizes": {"vector": [2, 0, 1]}}, A),
    ("a fractional layer size", "init_network", {"sizes": {"vector": [2, 2.5, 1]}}, A),
    ("sizes as text", "init_network", {"sizes": "2,3,1"}, A),
    ("a fractional seed", "init_network", {"seed": 1.5}, A),
    ("a text seed", "init_network", {"seed": "one"}, A),
    ("a misspelt activation", "init_network", {"activations": "sigmoidd"}, N),
    (
        "too many activations",
        "init_network",
        {"activations": {"strings": ["relu", "relu", "relu"]}},
        A,
    ),
    (
        "softmax in a hidden layer",
        "init_network",
        {"activations": {"strings": ["softmax", "sigmoid"]}},
        C,
    ),
    ("an unknown initialiser", "init_network", {"init": "xavier"}, N),
    ("bias as text", "init_network", {"bias": "yes"}, A),
    (
        "too few weight matrices",
        "init_network",
        {"weights": {"list": [M([[1, 1, 1], [1, 1, 1]])]}},
        S,
    ),
    (
        "a transposed weight matrix",
        "init_network",
        {"weights": {"list": [M([[1, 1], [1, 1], [1, 1]]), M([[1], [1], [1]])]}},
        S,
    ),
    (
        "text weights",
        "init_network",
        {
            "weights": {
                "list": [{"text_matrix": [["a", "b", "c"], ["d", "e", "f"]]}, M([[1], [1], [1]])]
            }
        },
        T,
    ),
    (
        "a NaN weight",
        "init_network",
        {"weights": {"list": [M([[1, "NaN", 1], [1, 1, 1]]), M([[1], [1], [1]])]}},
        V,
    ),
    (
        "a bias vector too short",
        "init_network",
        {
            "weights": {"list": [M([[1, 1, 1], [1, 1, 1]]), M([[1], [1], [1]])]},
            "biases": {"list": [{"vector": [0, 0]}, {"vector": [0]}]},
        },
        S,
    ),
    # fit
    ("a network that is not one", "fit", {"network": "my network"}, T),
    (
        "X as text",
        "fit",
        {"X": {"text_matrix": [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]}},
        T,
    ),
    (
        "X a data frame with a text column",
        "fit",
        {"X": {"dataframe": {"a": [0, 0, 1, 1], "b": ["x", "y", "x", "y"]}}},
        T,
    ),
    ("X with three dimensions", "fit", {"X": {"array3d": [4, 2, 2]}}, S),
    ("X empty", "fit", {"X": M([])}, S),
    ("X with NaN", "fit", {"X": M([[0, 0], [0, "NaN"], [1, 0], [1, 1]])}, V),
    ("X with Inf", "fit", {"X": M([[0, 0], [0, "Inf"], [1, 0], [1, 1]])}, V),
    ("X with a column too many", "fit", {"X": M([[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]])}, S),
    ("X with a row too few", "fit", {"X": M([[0, 0], [0, 1], [1, 0]])}, S),
    ("y with NaN", "fit", {"y": M([[0], ["NaN"], [1], [0]])}, V),
    ("y with two columns", "fit", {"y": M([[0, 1], [1, 0], [1, 0], [0, 1]])}, S),
    (
        "y of 0.5 for binary cross-entropy",
        "fit",
        {"y": M([[0], [0.5], [1], [0]]), "loss": "binary_cross_entropy"},
        V,
    ),
    (
        "y not one-hot for categorical cross-entropy",
        "fit",
        {
            "network": {"net": {"sizes": [2, 3, 2], "activations": ["sigmoid", "softmax"]}},
            "y": M([[1, 1], [0, 1], [1, 0], [0, 1]]),
            "loss": "categorical_cross_entropy",
        },
        V,
    ),
    ("zero epochs", "fit", {"epochs": 0}, A),
    ("negative epochs", "fit", {"epochs": -3}, A),
    ("fractional epochs", "fit", {"epochs": 2.5}, A),
    ("epochs as text", "fit", {"epochs": "10"}, A),
    ("epochs as a boolean", "fit", {"epochs": True}, A),
    ("a zero learning rate", "fit", {"lr": 0}, A),
    ("a negative learning rate", "fit", {"lr": -0.1}, A),
    ("a NaN learning rate", "fit", {"lr": {"float": "NaN"}}, A),
    ("an infinite learning rate", "fit", {"lr": {"float": "Inf"}}, A),
    ("a learning rate as text", "fit", {"lr": "0.1"}, A),
    ("a misspelt numerics", "fit", {"numerics": "exactly"}, N),
    ("record_every zero", "fit", {"record_every": 0}, A),
    ("an unknown loss", "fit", {"loss": "mse"}, N),
    (
        "binary cross-entropy on an identity output",
        "fit",
        {
            "network": {"net": {"sizes": [2, 3, 1], "activations": ["sigmoid", "identity"]}},
            "loss": "binary_cross_entropy",
        },
        C,
    ),
    (
        "softmax output with squared error",
        "fit",
        {
            "network": {"net": {"sizes": [2, 3, 2], "activations": ["sigmoid", "softmax"]}},
            "y": M([[1, 0], [0, 1], [0, 1], [1, 0]]),
        },
        C,
    ),
    ("batch size zero", "fit", {"batch_size": 0}, A),
    ("batch size above the sample count", "fit", {"batch_size": 5}, A),
    ("a fractional batch size", "fit", {"batch_size": 1.5}, A),
    ("shuffle as text", "fit", {"batch_size": 2, "shuffle": "yes"}, A),
    ("a fractional shuffle seed", "fit", {"seed": 2.5}, A),
    ("stop_on_nonfinite as text", "fit", {"stop_on_nonfinite": "no"}, A),
    # predict
    ("predict on the wrong number of columns", "predict", {"X": M([[0, 0, 0]])}, S),
    ("predict on NaN", "predict", {"X": M([[0, "NaN"]])}, V),
    ("predict on text", "predict", {"X": {"text_matrix": [["a", "b"]]}}, T),
    ("predict with a misspelt numerics", "predict", {"numerics": "fastest"}, N),
    # normalisation, numerics, generator
    ("an unknown normalisation", "fit_normalizer", {"method": "zscore"}, N),
    ("normalising text", "fit_normalizer", {"X": {"text_matrix": [["a", "b"]]}}, T),
    ("normalising NaN", "fit_normalizer", {"X": M([[0, "NaN"], [1, 1]])}, V),
    ("normalising the wrong number of columns", "normalize", {"X": M([[0, 0, 0]])}, S),
    ("an unknown numerics name", "numerics_ops", {"numerics": "Exact"}, N),
    ("a generator seed as text", "rng_state", {"seed": "seven"}, A),
    ("a fractional generator seed", "rng_state", {"seed": 0.5}, A),
    ("labels for the wrong number of columns", "predict_labels", {"X": M([[0, 0, 0]])}, S),
    ("labels of another length than y", "accuracy", {"labels": {"vector": [1, 0]}}, S),
    ("accuracy against text", "accuracy", {"y": {"text_matrix": [["a"], ["b"], ["c"], ["d"]]}}, T),
    ("a negative number of draws", "rng_uniform", {"n": -1}, A),
    ("a generator state too short", "rng_uniform", {"state": {"vector": [1, 2, 3]}}, S),
    ("a fractional shuffle length", "rng_shuffle", {"n": 2.5}, A),
    ("a case that does not exist", "read_case", {"name": "no_such_case"}, F),
    # fit's progress, and walkthrough (the same checks as fit)
    ("progress that is not a function", "fit", {"progress": "yes"}, A),
    ("walkthrough of a network that is not one", "walkthrough", {"network": "my network"}, T),
    ("walkthrough with X a column too wide", "walkthrough", {"X": M([[0, 0, 0]] * 4)}, S),
    ("walkthrough with a zero learning rate", "walkthrough", {"lr": 0}, A),
    ("walkthrough with a misspelt numerics", "walkthrough", {"numerics": "exactly"}, N),
    ("walkthrough with softmax's loss", "walkthrough", {"loss": "categorical_cross_entropy"}, C),
]
table = {
    "format": "twinnet-bad-inputs/1",
    "description": (
        "Bad inputs, one public argument each, and the error category both "
        "languages must raise. 'args' override a valid base call (see README)."
    ),
    "cases": [{"name": n, "call": c, "args": a, "category": k} for n, c, a, k in rows],
}
write_atomic(
    Path(__file__).resolve().parent / "bad_inputs.json", json.dumps(table, indent=1) + "\n"
)
