"""Write shared_fixtures/bad_inputs.json: the table of bad inputs.

Each row: a name, the call, the arguments that override the valid base
call (see python/tests/bad_inputs.py / R's run_bad_input), and the error category
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
HERE = Path(__file__).resolve().parent
XOR_CASE = json.loads((HERE / "cases" / "xor.json").read_text())
OK = "none"  # accepted: the call must succeed in both languages


def case_with(**changes):
    """The xor case's text with fields replaced."""
    return {"text": json.dumps(XOR_CASE | changes)}


def net(change, **spec):
    """A network from init_network, changed afterwards."""
    return {"net": {"sizes": [2, 3, 1], "change": change} | spec}


TRACE = {
    "format": "twinnet-trace/1",
    "case": "",
    "language": "python",
    "digest": "",
    "epochs": [0],
    "tensors": {
        "loss": {"shape": [1], "hex": ["0x1p-1"]},
        "outputs": {"shape": [1, 1, 1], "hex": ["0x1p-1"]},
        "weights[0]": {"shape": [1, 1, 1], "hex": ["0x1p-1"]},
    },
}


def trace_with(**changes):
    """A minimal trace's text with top-level fields or tensors replaced."""
    tensors = dict(TRACE["tensors"], **changes.pop("tensors", {}))
    return {"text": json.dumps(TRACE | changes | {"tensors": tensors})}


big = 2**31
rows += [
    # whole-number floats are whole numbers: converted, then used
    ("epochs as a whole-number float", "fit", {"epochs": 2.0}, OK),
    ("batch size as a whole-number float", "fit", {"batch_size": 2.0, "seed": 3.0}, OK),
    ("record_every as a whole-number float", "fit", {"record_every": 1.0}, OK),
    ("a whole-number float seed", "init_network", {"seed": 1.0}, OK),
    ("sizes as whole-number floats", "init_network", {"sizes": {"vector": [2.0, 3.0, 1.0]}}, OK),
    ("draws as a whole-number float", "rng_uniform", {"n": 3.0}, OK),
    ("a shuffle length as a whole-number float", "rng_shuffle", {"n": 3.0}, OK),
    ("digits as a whole-number float", "format_walkthrough", {"digits": 3.0}, OK),
    # integers beyond R's and memory bombs: refused before allocating
    ("epochs beyond R's integers", "fit", {"epochs": big}, A),
    ("record_every beyond R's integers", "fit", {"record_every": big}, A),
    ("a huge hidden layer", "init_network", {"sizes": {"vector": [2, 2**20, 2**20, 1]}}, A),
    ("a layer size beyond R's integers", "init_network", {"sizes": {"vector": [2, 2**40, 1]}}, A),
    ("epochs whose full trace does not fit", "fit", {"epochs": big - 1}, A),
    ("a billion draws", "rng_uniform", {"n": 10**9}, A),
    ("draws beyond R's integers", "rng_uniform", {"n": 3 * 10**9}, A),
    ("a shuffle beyond R's integers", "rng_shuffle", {"n": big}, A),
    ("an infinite seed", "rng_state", {"seed": {"float": "Inf"}}, A),
    # format_walkthrough's digits
    ("digits as text", "format_walkthrough", {"digits": "3"}, A),
    ("negative digits", "format_walkthrough", {"digits": -1}, A),
    ("fractional digits", "format_walkthrough", {"digits": 2.5}, A),
    ("digits beyond 15", "format_walkthrough", {"digits": 400}, A),
    # accuracy: labels are numbers, one per row
    ("text labels", "accuracy", {"labels": {"strings": ["0", "1", "1", "0"]}}, T),
    ("NaN labels", "accuracy", {"labels": {"vector": [0, 1, "NaN", 0]}}, V),
    ("labels in two columns", "accuracy", {"labels": M([[0, 0], [1, 1], [1, 1], [0, 0]])}, S),
    # data frames: empty ones, and pandas' nullable numbers
    ("X a data frame with no rows", "fit", {"X": {"dataframe": {"a": [], "b": []}}}, S),
    ("X a data frame with no columns", "predict", {"X": {"dataframe": {}}}, S),
    (
        "X a nullable Int64 data frame",
        "fit",
        {
            "X": {
                "nullable_dataframe": {
                    "dtype": "Int64",
                    "columns": {"a": [0, 0, 1, 1], "b": [0, 1, 0, 1]},
                }
            }
        },
        OK,
    ),
    (
        "X a nullable Float64 data frame with a missing value",
        "fit",
        {
            "X": {
                "nullable_dataframe": {
                    "dtype": "Float64",
                    "columns": {"a": [0, 0, 1, 1], "b": [0, None, 0, 1]},
                }
            }
        },
        V,
    ),
    # networks changed after init_network
    ("fit on a network with a short bias", "fit", {"network": net("short_bias")}, S),
    (
        "fit on a network with an activation missing",
        "fit",
        {"network": net("short_activations")},
        S,
    ),
    ("fit on a network with a transposed weight", "fit", {"network": net("transposed_weights")}, S),
    ("fit on a network with no weights", "fit", {"network": net("no_weights")}, S),
    ("fit on a network with text weights", "fit", {"network": net("text_weights")}, T),
    ("predict on a network with a short bias", "predict", {"network": net("short_bias")}, S),
    (
        "predict on a network with an activation missing",
        "predict",
        {"network": net("short_activations")},
        S,
    ),
    (
        "predict on a network with a transposed weight",
        "predict",
        {"network": net("transposed_weights")},
        S,
    ),
    ("labels from a network with no weights", "predict_labels", {"network": net("no_weights")}, S),
    (
        "walkthrough of a network with a short bias",
        "walkthrough",
        {"network": net("short_bias")},
        S,
    ),
    # finite extremes: refused, not NaN or zeros or warnings
    ("min-max over the whole double range", "fit_normalizer", {"X": M([[1e308], [-1e308]])}, V),
    (
        "standardising 1e200",
        "fit_normalizer",
        {"X": M([[1e200], [-1e200]]), "method": "standardize"},
        V,
    ),
    (
        "global min-max over the double range",
        "fit_normalizer",
        {"X": M([[1e308], [-1e308]]), "method": "global_minmax"},
        V,
    ),
    (
        "predict through an identity output on 1.7e308",
        "predict",
        {
            "network": {"net": {"sizes": [2, 3, 1], "activations": ["identity", "identity"]}},
            "X": M([[1.7e308, 1.7e308]]),
        },
        V,
    ),
    (
        "softmax of infinite logits",
        "predict",
        {
            "network": {"net": {"sizes": [2, 3, 2], "activations": ["identity", "softmax"]}},
            "X": M([[1e308, 1e308]]),
        },
        V,
    ),
    # case files: validated against the schema, the same way in both
    ("a case whose lr is a decimal string", "read_case_file", case_with(lr="0.5"), F),
    ("a case whose lr is a number", "read_case_file", case_with(lr=0.5), F),
    ("a case whose bias is 1", "read_case_file", case_with(bias=1), F),
    ("a case whose bias is the text false", "read_case_file", case_with(bias="false"), F),
    ("a case whose loss is null", "read_case_file", case_with(loss=None), F),
    (
        "a case with weights that are not hex",
        "read_case_file",
        case_with(weights=[{"shape": [2, 4], "hex": ["1"] * 8}, XOR_CASE["weights"][1]]),
        F,
    ),
    ("a case with a weight beyond the doubles", "read_case_file", case_with(lr="0x1p+2000"), F),
    ("a case with an unknown field", "read_case_file", case_with(extra=1), F),
    ("a case with weights that do not fit sizes", "read_case_file", case_with(sizes=[2, 5, 1]), F),
    ("a case with fractional epochs", "read_case_file", case_with(epochs=2.5), F),
    ("a case that is a list", "read_case_file", {"text": "[1, 2]"}, F),
    ("a case with NaN", "read_case_file", {"text": '{"lr": NaN}'}, F),
    ("a case with a repeated key", "read_case_file", {"text": '{"name": "a", "name": "b"}'}, F),
    ("a case nested 100 deep", "read_case_file", {"text": "[" * 100 + "]" * 100}, F),
    ("a case that is not UTF-8", "read_case_file", {"bytes": "7bff7d"}, F),
    ("a case with a NUL character", "read_case_file", case_with(description="a\u0000b"), F),
    ("a case that is valid after all", "read_case_file", case_with(), OK),
    (
        "a case whose epochs are a whole-number float",
        "read_case_file",
        case_with(epochs=3000.0),
        OK,
    ),
    # traces: whatever the file holds, a fixture error or the trace
    ("a trace file that does not exist", "load_trace", {"path": "no/such/trace.json"}, F),
    ("JSON text in place of a trace's path", "load_trace", {"path": json.dumps(TRACE)}, F),
    ("a URL in place of a trace's path", "load_trace", {"path": "https://example.com/t.json"}, F),
    ("a trace that is valid", "load_trace_file", trace_with(), OK),
    (
        "a trace with NaN spelt as Python does",
        "load_trace_file",
        trace_with(tensors={"loss": {"shape": [1], "hex": ["nan"]}}),
        OK,
    ),
    (
        "a trace with bad hex",
        "load_trace_file",
        trace_with(tensors={"loss": {"shape": [1], "hex": ["0xzz"]}}),
        F,
    ),
    (
        "a trace with a decimal",
        "load_trace_file",
        trace_with(tensors={"loss": {"shape": [1], "hex": ["0.5"]}}),
        F,
    ),
    (
        "a trace missing its outputs",
        "load_trace_file",
        {
            "text": json.dumps(
                TRACE
                | {
                    "tensors": {
                        "loss": TRACE["tensors"]["loss"],
                        "weights[0]": TRACE["tensors"]["weights[0]"],
                    }
                }
            )
        },
        F,
    ),
    (
        "a trace whose loss has the wrong shape",
        "load_trace_file",
        trace_with(tensors={"loss": {"shape": [2], "hex": ["0x1p-1", "0x1p-1"]}}),
        F,
    ),
    (
        "a trace whose shape does not fit its values",
        "load_trace_file",
        trace_with(tensors={"loss": {"shape": [1], "hex": []}}),
        F,
    ),
    (
        "a trace with an unknown tensor",
        "load_trace_file",
        trace_with(tensors={"gradients": {"shape": [1], "hex": ["0x1p-1"]}}),
        F,
    ),
    ("a trace with text epochs", "load_trace_file", trace_with(epochs=["0"]), F),
    ("a trace with a wrong format", "load_trace_file", trace_with(format="twinnet-trace/2"), F),
    (
        "a trace with a tensor that is not a block",
        "load_trace_file",
        trace_with(tensors={"loss": [1]}),
        F,
    ),
    ("a trace that is not UTF-8", "load_trace_file", {"bytes": "7b22666f726d6174223a22ff227d"}, F),
]
# the rest of the public API: cases, data sets, traces, plots, the front door
rows += [
    ("run a case that does not exist", "run_case", {"name": "no_such_case"}, F),
    ("run a case with a misspelt numerics", "run_case", {"numerics": "exactly"}, N),
    ("run a case with record_every zero", "run_case", {"record_every": 0}, A),
    ("run a case for zero epochs", "run_case", {"epochs": 0}, A),
    ("start a case that does not exist", "start_case", {"name": "no_such_case"}, F),
    ("start a case named by a number", "start_case", {"name": 7}, F),
    (
        "walk through a case that does not exist",
        "walkthrough_case",
        {"name": "no_such_case"},
        F,
    ),
    (
        "walk through a case with a misspelt numerics",
        "walkthrough_case",
        {"numerics": "exactly"},
        N,
    ),
    (
        "case names in a folder that does not exist",
        "case_names",
        {"root": "no/such/folder"},
        F,
    ),
    ("a data set that does not exist", "read_dataset", {"name": "no_such_dataset"}, F),
    ("a data set named by a number", "read_dataset", {"name": 7}, F),
    (
        "save a trace of something that is not a fit",
        "save_trace",
        {"result": "my fit"},
        A,
    ),
    ("save a trace of a digest-only fit", "save_trace", {"result": "digest"}, A),
    ("save a trace to a path that is a number", "save_trace", {"path": 7}, A),
    ("save a trace with a case label that is a number", "save_trace", {"case": 7}, A),
    ("first difference of text", "first_difference", {"a": "my trace"}, F),
    (
        "first difference against a list of text",
        "first_difference",
        {"b": {"strings": ["a"]}},
        F,
    ),
    ("drift of text", "epoch_drift", {"a": "my trace"}, F),
    ("drift against a list of text", "epoch_drift", {"b": {"strings": ["a"]}}, F),
    (
        "replay the article with a misspelt numerics",
        "replay_article",
        {"numerics": "exactly"},
        N,
    ),
    ("digest of text", "output_digest", {"output": {"text_matrix": [["a", "b"]]}}, T),
    ("an unknown loss's value", "loss_value", {"loss": "mse"}, N),
    ("plot losses given as text", "plot_loss", {"losses": {"strings": ["a", "b"]}}, T),
    ("plot losses with NaN", "plot_loss", {"losses": {"vector": [0.5, "NaN"]}}, V),
    (
        "plot the boundary of a network that is not one",
        "plot_decision_boundary",
        {"network": "my network"},
        T,
    ),
    (
        "plot the boundary with a misspelt numerics",
        "plot_decision_boundary",
        {"numerics": "exactly"},
        N,
    ),
    ("plot a drift that is text", "plot_drift", {"drift": "my drift"}, T),
    (
        "plot a drift without its ulps",
        "plot_drift",
        {"drift": {"dataframe": {"case": ["xor"], "epoch": [0]}}},
        S,
    ),
    ("predict a misspelt type", "predict", {"type": "probability"}, N),
    (
        "predict classes from an identity output",
        "predict",
        {
            "type": "class",
            "network": {"net": {"sizes": [2, 3, 1], "activations": ["sigmoid", "identity"]}},
        },
        C,
    ),
    ("the front door with no hidden units", "front_door", {"hidden": 0}, A),
    ("the front door with zero epochs", "front_door", {"epochs": 0}, A),
    ("the front door with a negative learning rate", "front_door", {"lr": -0.5}, A),
    ("the front door with a fractional seed", "front_door", {"seed": 1.5}, A),
    ("the front door with a batch size of zero", "front_door", {"batch_size": 0}, A),
    (
        "the front door with a misspelt activation",
        "front_door",
        {"activation": "tanhh"},
        N,
    ),
    (
        "the front door with a misspelt numerics",
        "front_door",
        {"numerics": "exactly"},
        N,
    ),
    (
        "the front door with whole-number floats",
        "front_door",
        {"hidden": 3.0, "epochs": 2.0},
        OK,
    ),
    (
        "a classifier with a zero hidden layer",
        "front_door_classifier",
        {"hidden": {"vector": [3, 0]}},
        A,
    ),
    ("a classifier with a NaN learning rate", "front_door_classifier", {"lr": {"float": "NaN"}}, A),
    (
        "a classifier with a misspelt activation",
        "front_door_classifier",
        {"activation": "relu6"},
        N,
    ),
    ("a classifier with whole-number floats", "front_door_classifier", {"seed": 2.0}, OK),
    # round three: compare, memory, CSV readers
    # compare: Python's compare() trains in both languages; R's runner calls R's half of
    # it, fit() with the same arguments (numpy numbers and Fractions arrive as numbers)
    (
        "compare with numpy whole numbers",
        "compare",
        {"epochs": {"numpy_int": 2}, "batch_size": {"numpy_int": 2}, "seed": {"numpy_int": 3}},
        OK,
    ),
    (
        "compare with a numpy boolean",
        "compare",
        {"shuffle": {"numpy_bool": False}, "batch_size": 2},
        OK,
    ),
    (
        "compare with Fractions",
        "compare",
        {"lr": {"fraction": [1, 2]}, "epochs": {"fraction": [4, 2]}, "record_every": 1.0},
        OK,
    ),
    ("compare with a fractional Fraction", "compare", {"epochs": {"fraction": [5, 2]}}, A),
    ("compare with mini-batches and no seed", "compare", {"batch_size": 1}, OK),
    ("compare with mini-batches and seed None", "compare", {"batch_size": 3, "seed": None}, OK),
    ("fit with a Fraction learning rate", "fit", {"lr": {"fraction": [1, 4]}}, OK),
    # memory: forward and backward's working arrays, n rows x every layer, are estimated too
    (
        "fit on a million rows through 1000 units",
        "fit",
        {
            "network": {"net": {"sizes": [2, 1000, 1]}},
            "X": {"zeros": [1000000, 2]},
            "y": {"zeros": [1000000, 1]},
        },
        A,
    ),
    (
        "fit through a layer of 50000 units on 5000 rows",
        "fit",
        {
            "network": {"net": {"sizes": [2, 50000, 1]}},
            "X": {"zeros": [5000, 2]},
            "y": {"zeros": [5000, 1]},
        },
        A,
    ),
    (
        "fit on 1000 rows through 1000 units, well within memory",
        "fit",
        {
            "epochs": 1,
            "network": {"net": {"sizes": [2, 1000, 1]}},
            "X": {"zeros": [1000, 2]},
            "y": {"zeros": [1000, 1]},
        },
        OK,
    ),
    (
        "walkthrough of a million rows through 1000 units",
        "walkthrough",
        {
            "network": {"net": {"sizes": [2, 1000, 1]}},
            "X": {"zeros": [1000000, 2]},
            "y": {"zeros": [1000000, 1]},
        },
        A,
    ),
    (
        "predict a million rows through 1000 units",
        "predict",
        {"network": {"net": {"sizes": [2, 1000, 1]}}, "X": {"zeros": [1000000, 2]}},
        A,
    ),
    (
        "a decision boundary of 4 million points through 1000 units",
        "plot_decision_boundary",
        {"network": {"net": {"sizes": [2, 1000, 1]}}, "resolution": 2000},
        A,
    ),
    (
        "compare on a million rows through 1000 units",
        "compare",
        {
            "network": {"net": {"sizes": [2, 1000, 1]}},
            "X": {"zeros": [1000000, 2]},
            "y": {"zeros": [1000000, 1]},
        },
        A,
    ),
    # CSV readers: tests/test_csv_both.py and the command-line table (make_bad_cli.py)
]


# round three: the front doors (issue 19, classes 1-9). "front_door_data"
# trains R's twinnet(y ~ ., data.frame(x1, x2, y)) or Python's
# TwinnetClassifier (TwinnetRegressor when y is numbers) on six rows; an
# entry's "expect" lists what the model must then report, as text, the same
# in both languages (see run_bad_input): its classes in order, the rows
# dropped and fitted, predict()'s rows and missing ones, the sd of the
# standardised inputs.
def front(name, category=OK, expect=None, **args):
    """One front-door entry: the data or arguments changed, and what must follow."""
    entry = {"name": name, "call": "front_door_data", "args": args, "category": category}
    return entry | ({"expect": expect} if expect else {})


TINY_X = M([[1e-200, 0], [-1e-200, 1], [3e-200, 0], [0, 1], [2e-200, 1], [-2e-200, 0]])
front_door_rows = [
    # 1. class order: a factor's levels as given, else by Unicode code point
    front("text classes b, A, a in code-point order", expect={"classes": "A|a|b"},
          y={"labels": ["b", "A", "a", "b", "A", "a"]}),
    front("accented classes come after z", expect={"classes": "e|z|é"},
          y={"labels": ["é", "z", "e", "é", "z", "e"]}),
    front("Yes before no: capitals first", expect={"classes": "Yes|no"},
          y={"labels": ["Yes", "no", "no", "Yes", "no", "Yes"]}),
    front("a factor keeps its levels' order, unused ones dropped", expect={"classes": "b|A|a"},
          y={"factor": {"levels": ["b", "A", "a", "zz"],
                        "values": ["a", "b", "A", "a", "b", "A"]}}),
    # 2. standardize is TRUE or FALSE
    front("standardize as the text no", A, standardize="no"),
    front("standardize as the text yes", A, standardize="yes"),
    front("standardize NaN", A, standardize={"float": "NaN"}),
    front("standardize FALSE keeps no normaliser", expect={"sd": "none"}, standardize=False),
    # 3. hidden and activation checked by the front door
    front("hidden TRUE", A, hidden=True),
    front("hidden as text", A, hidden="5"),
    front("hidden empty", A, hidden={"vector": []}),
    front("activation null", N, activation=None),
    # 4. the classifier's data errors are twinnet errors
    front("a classification of one class", V, y={"labels": ["a"] * 6}),
    front("labels mixing text and numbers", T, y={"mixed": ["a", 1, 1, "a", 1, "a"]}),
    # 5. rows with a missing value are left out; fitted() covers the same rows
    front("a missing label leaves its row out",
          expect={"dropped": "1", "fitted": "5", "classes": "a|b"},
          y={"labels": ["a", None, "b", "a", "b", "a"]}),
    front("a missing input leaves its row out", expect={"dropped": "1", "fitted": "5"},
          x=M([[1, 0], [2, "NaN"], [3, 0], [4, 1], [5, 1], [6, 0]])),
    front("missing numbers leave their rows out of a regression",
          expect={"dropped": "2", "fitted": "4"},
          y={"numbers": [0.5, None, 1.5, 2.5, None, 1.0]}),
    front("every row with a missing value", V, x=M([[1, "NaN"]] * 6)),
    # 6. predict keeps every row: NA (NaN) for a missing input
    front("predict on missing inputs keeps the rows", expect={"rows": "4", "missing": "2,4"},
          newdata=M([[1, 0], ["NaN", 1], [3, 0], [4, "NaN"]])),
    front("a regression predicts NA for missing inputs", expect={"rows": "3", "missing": "1"},
          y={"numbers": [0.5, 1.0, 1.5, 2.5, 2.0, 1.0]}, newdata=M([["NaN", 0], [2, 1], [3, 0]])),
    # 7. predict's type is checked, with or without newdata
    front("predict without newdata, a misspelt type", N, type="probability"),
    front("predict without newdata, a type that is a number", N, type=1),
    front("predict a regression's classes", C,
          y={"numbers": [0.5, 1, 1.5, 2.5, 2, 1]}, type="class"),
    # 8. plot() whatever way the formula was given (Python: the loss curve)
    front("plot a model whose formula was text", expect={"classes": "a|b"},
          formula_text="y ~ .", plot=True),
    # 9. a column of tiny spread is standardised, not left at 1e-200
    front("standardising columns of spread 1e-200", expect={"sd": "1.000,1.000"}, x=TINY_X),
    # and what the classes above left: memory before the weights, an infinite response
    front("a hidden layer too wide for memory", A, hidden=100000000),
    front("an infinite number in a regression's response", V,
          y={"numbers": [0.5, "Infinity", 1.5, 2.5, 2, 1]}),
]  # fmt: skip

table = {
    "format": "twinnet-bad-inputs/1",
    "description": (
        "Bad inputs, one public argument each, and the error category both "
        "languages must raise ('none': both must accept it). 'args' override a "
        "valid base call (see README). Every public function has entries except "
        "forward, backward and update: the unchecked building blocks, by design. "
        "'front_door' is R's twinnet(formula, data, ...) on a numeric response and "
        "Python's TwinnetRegressor(...).fit(X, y); 'front_door_classifier' the same "
        "on a factor response and TwinnetClassifier; 'front_door_data' either on "
        "the six rows its args give, and its optional 'expect' lists what the "
        "model must report (classes, rows dropped and fitted, predictions' rows "
        "and missing ones, the standardised inputs' sd), as text, in both "
        "languages. 'compare' is Python's compare() "
        "(which trains in both languages) and, in R, fit() with the same arguments; "
        "numpy_int, numpy_bool and fraction are numpy and Fraction values in Python, "
        "numbers in R; zeros is a matrix of zeros of that shape."
    ),
    "cases": [{"name": n, "call": c, "args": a, "category": k} for n, c, a, k in rows]
    + front_door_rows,
}
write_atomic(HERE / "bad_inputs.json", json.dumps(table, indent=1) + "\n")
