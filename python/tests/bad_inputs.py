"""The shared table of bad inputs, and a runner that reports the error kind.

Twin: ``r/tests/testthat/helper-bad_inputs.R``. A test helper, not part of
the package: the tests of each language and the parity harness run it.
``shared_fixtures/bad_inputs.json`` lists bad inputs, one public argument
each, with the error category both languages must raise. Each entry names a
call and the arguments that override a valid base call; tagged values
(``{"matrix": ...}``, ``{"dataframe": ...}``) describe data that JSON cannot
hold directly.
"""

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

from twinnet.errors import TwinnetError
from twinnet.fit import fit
from twinnet.fixtures import MANIFEST, fixture_dir, read_case
from twinnet.network import Network, init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.numerics import numerics_ops
from twinnet.predict import accuracy, predict, predict_labels
from twinnet.rng import rng_shuffle, rng_state, rng_uniform
from twinnet.traces import load_trace
from twinnet.walkthrough import format_walkthrough, walkthrough

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


def read_bad_inputs(root=None) -> list[dict]:
    """The entries of ``bad_inputs.json``."""
    path = (root or fixture_dir()) / "bad_inputs.json"
    return json.loads(path.read_text())["cases"]


def run_bad_input(entry: dict) -> str:
    """Run one entry; return the twinnet error category it raised.

    ``"none"`` if it raised nothing, ``"crash: ..."`` for any other error.
    """
    args = {k: decode_value(v) for k, v in entry["args"].items()}
    try:
        result = _bad_input_call(entry["call"], args)
    except TwinnetError as err:
        return err.category
    except Exception as err:  # noqa: BLE001 - any other error is the finding
        return f"crash: {type(err).__name__}: {err}"
    return _as_expected(entry.get("expect", {}), result)


def _as_expected(expect: dict, result) -> str:
    """``"none"`` if the report ``result`` holds every value of ``expect``; else what differs."""
    for key, want in expect.items():
        got = result.get(key) if isinstance(result, dict) else None
        if got != want:
            return f"wrong {key}: {got!r}, expected {want!r}"
    return "none"


def decode_value(value):
    """A JSON value of the table as the Python value it stands for."""
    if not isinstance(value, dict):
        return value
    ((tag, body),) = value.items()
    if tag == "matrix" and not body:
        return np.zeros((0, 0))
    if tag == "matrix":
        return np.array([[float(v) for v in row] for row in body]).reshape(len(body), -1)
    if tag == "vector":
        return np.array(body, dtype=np.float64)
    if tag == "float":
        return float(body)
    if tag in ("strings", "text_matrix"):
        return np.array(body, dtype=str) if tag == "text_matrix" else list(body)
    if tag == "array3d":
        return np.zeros(body)
    if tag == "list":
        return [decode_value(v) for v in body]
    if tag == "dataframe":
        import pandas as pd  # only the table needs pandas

        return pd.DataFrame(body)
    if tag == "net":
        return body
    if tag == "numpy_int":
        return np.int64(body)
    if tag == "numpy_bool":
        return np.bool_(body)
    if tag == "fraction":
        from fractions import Fraction

        return Fraction(*body)
    if tag == "zeros":
        return np.zeros(body)
    if tag == "nullable_dataframe":
        import pandas as pd

        columns = {k: pd.array(v, dtype=body["dtype"]) for k, v in body["columns"].items()}
        return pd.DataFrame(columns)
    if tag in FRONT_DOOR_TAGS:
        return _decode_front_door(tag, body)
    raise ValueError(f"unknown tag {tag!r} in the bad-input table")


def _network(spec) -> Network:
    """The network an entry describes: sizes, activations, then one change."""
    if not isinstance(spec, dict):
        return spec
    net = init_network(spec["sizes"], seed=1, activations=spec.get("activations", "sigmoid"))
    change = spec.get("change")
    if change == "short_bias":
        net.biases[0] = net.biases[0][:2]
    elif change == "short_activations":
        net.activations = net.activations[:1]
    elif change == "transposed_weights":
        net.weights[1] = net.weights[1].T.copy()
    elif change == "no_weights":
        net.weights = []
    elif change == "text_weights":
        net.weights[0] = np.full(net.weights[0].shape, "a")
    return net


def _in_temporary_fixtures(args: dict, read):
    """``read`` on a copy of the fixtures holding one more file, cases/bad.json."""
    raw = bytes.fromhex(args["bytes"]) if "bytes" in args else args["text"].encode("utf-8")
    source = fixture_dir()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("schema", "datasets"):
            shutil.copytree(source / folder, root / folder)
        (root / "cases").mkdir()
        (root / "cases" / "bad.json").write_bytes(raw)
        kept = [
            line for line in (source / MANIFEST).read_text().splitlines() if "datasets/" in line
        ]
        kept.append(f"{hashlib.sha256(raw).hexdigest()}  cases/bad.json")
        (root / MANIFEST).write_text("\n".join(kept) + "\n")
        return read(root)


def _bad_input_call(call: str, args: dict):
    """Call ``call`` with a valid base call's arguments, overridden by ``args``."""
    if call == "init_network":
        base = {"sizes": [2, 3, 1], "seed": 1} | args
        return init_network(base.pop("sizes"), **base)
    if call == "compare":
        return _compare_call(args)
    if call in ("fit", "walkthrough"):
        network = _network(args.pop("network", {"sizes": [2, 3, 1]}))
        base = {"X": XOR_X, "y": XOR_Y, "lr": 0.5} | ({"epochs": 2} if call == "fit" else {})
        base |= args
        train = fit if call == "fit" else walkthrough
        return train(network, base.pop("X"), base.pop("y"), **base)
    if call in ("predict", "predict_labels"):
        network = _network(args.pop("network", {"sizes": [2, 3, 1]}))
        base = {"X": XOR_X} | args
        run = predict if call == "predict" else predict_labels
        return run(network, base.pop("X"), **base)
    return _other_call(call, args)


def _compare_call(args: dict):
    """``compare`` (Python and R), which must find both languages' bits identical."""
    from twinnet.compare import compare

    network = _network(args.pop("network", {"sizes": [2, 3, 1]}))
    base = {"X": XOR_X, "y": XOR_Y, "lr": 0.5, "epochs": 2} | args
    verdict = compare(network, base.pop("X"), base.pop("y"), **base)
    if not verdict.identical:
        raise AssertionError(f"compare found Python and R {verdict}")
    return verdict


def python_stand_in_for_r(network, X, y, options: dict, path) -> None:
    """What ``compare`` runs in R, run in Python: for the Python package's own tests.

    The options travel as JSON, as to R, and come back as R reads them
    (``lr`` from its hex bits), so a value JSON cannot carry, or a seed
    that only one side knows, fails here as it would with R.
    """
    from twinnet.bitwise import from_hex
    from twinnet.traces import save_trace

    options = json.loads(json.dumps(options))
    options["lr"] = float(from_hex(options["lr"]).reshape(-1)[0])
    save_trace(fit(network, X, y, **options), path, language="r")


def _other_call(call: str, args: dict):
    """The calls that take no network and no training data."""
    if call == "fit_normalizer":
        return fit_normalizer(**({"X": XOR_X, "method": "minmax"} | args))
    if call == "normalize":
        return normalize(fit_normalizer(XOR_X), args["X"])
    if call == "numerics_ops":
        return numerics_ops(args["numerics"])
    if call == "rng_state":
        return rng_state(args["seed"])
    if call == "accuracy":
        base = {"labels": [0, 1, 1, 0], "y": XOR_Y} | args
        return accuracy(base["labels"], base["y"])
    if call in ("rng_uniform", "rng_shuffle"):
        base = {"state": rng_state(1), "n": 3} | args
        draw = rng_uniform if call == "rng_uniform" else rng_shuffle
        return draw(base["state"], base["n"])
    if call == "format_walkthrough":
        steps = walkthrough(init_network([2, 3, 1], seed=1), XOR_X, XOR_Y, 0.5)
        return format_walkthrough(steps, **args)
    if call == "read_case":
        return read_case(args["name"])
    if call == "read_case_file":
        return _in_temporary_fixtures(args, lambda root: read_case("bad", root))
    if call == "load_trace":
        return load_trace(args["path"])
    if call == "load_trace_file":
        return _in_temporary_fixtures(args, lambda root: load_trace(root / "cases" / "bad.json"))
    return _api_call(call, args)


def _api_call(call: str, args: dict):
    """Cases, data sets, traces, digests and losses, called by name."""
    import twinnet  # the rest of the public API, by name, as the table spells it

    if call in ("run_case", "walkthrough_case"):
        base = {"name": "xor"} | ({"epochs": 2} if call == "run_case" else {}) | args
        return getattr(twinnet, call)(**base)
    if call in ("start_case", "read_dataset", "case_names", "replay_article"):
        quiet = {"write": lambda line: None} if call == "replay_article" else {}
        return getattr(twinnet, call)(**args, **quiet)
    if call == "save_trace":
        return _save_trace_call(args)
    if call in ("first_difference", "epoch_drift"):
        trace = _save_trace_call({"load": True})
        base = {"a": trace, "b": trace} | args
        return getattr(twinnet, call)(base["a"], base["b"])
    if call == "output_digest":
        return twinnet.output_digest(args["output"])
    if call == "loss_value":
        ops = numerics_ops("exact")
        return twinnet.loss_value(np.array(XOR_Y), np.array(XOR_Y), args["loss"], ops)
    return _plot_call(call, args)


def _save_trace_call(args: dict):
    """``save_trace`` of a two-epoch fit into a temporary folder."""
    from twinnet.traces import save_trace

    outputs = "digest" if args.get("result") == "digest" else "full"
    result = fit(init_network([2, 3, 1], seed=1), XOR_X, XOR_Y, epochs=2, lr=0.5,
                 record_outputs=outputs)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        base = {"result": result, "path": Path(tmp) / "t.json"} | args
        if base["result"] == "digest":
            base["result"] = result
        if base.pop("load", False):  # a trace as load_trace gives it
            save_trace(result, base["path"])
            return load_trace(base["path"])
        return save_trace(base.pop("result"), base.pop("path"), **base)


def _plot_call(call: str, args: dict):
    """The plots, drawn into a figure that is closed at once; the front door."""
    if call == "front_door":
        from twinnet.estimators import TwinnetRegressor

        base = {"hidden": 3, "epochs": 2} | args
        return TwinnetRegressor(**base).fit(np.array(XOR_X), np.array(XOR_Y)[:, 0])
    if call == "front_door_data":
        return _front_door_data_call(args)
    if call == "front_door_classifier":  # text labels: R's factor response
        from twinnet.estimators import TwinnetClassifier

        base = {"hidden": 3, "epochs": 2} | args
        return TwinnetClassifier(**base).fit(np.array(XOR_X), ["a", "b", "b", "a"])
    import matplotlib.pyplot as plt

    from twinnet import plots

    if call == "plot_loss":
        figure = plots.plot_loss(args["losses"])
    elif call == "plot_decision_boundary":
        network = _network(args.pop("network", {"sizes": [2, 3, 1]}))
        base = {"X": XOR_X, "y": XOR_Y, "resolution": 5} | args
        figure = plots.plot_decision_boundary(network, base.pop("X"), base.pop("y"), **base)
    elif call == "plot_drift":
        figure = plots.plot_drift(args["drift"])
    else:
        raise ValueError(f"unknown call {call!r} in the bad-input table")
    plt.close(figure)
    return figure


# round three: the front doors on data of their own ("front_door_data")
FRONT_DOOR_TAGS = ("labels", "numbers", "factor", "mixed")
FRONT_X = [[1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 1.0], [6.0, 0.0]]


def _decode_front_door(tag: str, body):
    """A response: text (None is missing), numbers (None: NaN), a categorical, a mix."""
    if tag == "numbers":
        return np.array([np.nan if v is None else v for v in body], dtype=np.float64)
    if tag == "factor":
        import pandas as pd

        return pd.Categorical(body["values"], categories=body["levels"])
    return list(body)  # labels and mixed: a plain list, as a user passes it


def _front_door_data_call(args: dict) -> dict:
    """Train a front door on ``x`` and ``y``; report what the table can check, as text."""
    from twinnet.estimators import TwinnetClassifier, TwinnetRegressor

    x = np.asarray(args.pop("x", FRONT_X), dtype=np.float64)
    y = args.pop("y", ["a", "b", "b", "a", "b", "a"])
    newdata, type_, plot = args.pop("newdata", None), args.pop("type", None), args.pop("plot", 0)
    args.pop("formula_text", None)  # R's formula as text: Python has no formula
    regression = isinstance(y, np.ndarray) and y.dtype.kind == "f"
    estimator = TwinnetRegressor if regression else TwinnetClassifier
    model = estimator(**({"hidden": 3, "epochs": 2} | args)).fit(x, y)
    if type_ is not None:  # R's predict(model, type=): the network's predict
        import twinnet

        twinnet.predict(model.network_, np.zeros((1, x.shape[1])), type=type_)
    if plot:
        _plot_call("plot_loss", {"losses": model.loss_curve_})
    predicted = model.predict(x if newdata is None else np.asarray(newdata, dtype=np.float64))
    return _front_door_report(model, x, predicted, regression)


def _front_door_report(model, x: np.ndarray, predicted: np.ndarray, regression: bool) -> dict:
    """What the table checks of a trained front door, as text (R: front_door_data_call)."""
    import pandas as pd

    complete = x[~np.isnan(x).any(axis=1)]
    z = None if model.normalizer_ is None else normalize(model.normalizer_, complete)
    return {
        "classes": "" if regression else "|".join(str(c) for c in model.classes_),
        "dropped": str(model.n_dropped_),
        "fitted": str(len(x) - model.n_dropped_),
        "rows": str(len(predicted)),
        "missing": ",".join(str(i + 1) for i in np.flatnonzero(pd.isna(predicted))),
        "sd": "none" if z is None else ",".join(f"{np.sqrt(np.mean((c - c.mean()) ** 2)):.3f}"
                                               for c in z.T),
    }  # fmt: skip
