"""Random inputs, both languages: every failure is a twinnet error, never a raw one.

Two property tests. The first walks the public API of each language with
arguments of random types (the same values spelt in Python and in R) and
requires every call to succeed or fail with a twinnet error: a
``TwinnetError`` in Python, a ``twinnet_error`` condition in R. The second
writes arbitrary JSON, alone or inside a valid case, as a case file and
requires the same outcome from both case readers: the same error category,
or the same decoded values, bit for bit.
"""

import inspect
import json
import math
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bad_inputs import _in_temporary_fixtures, run_bad_input
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import conftest
import twinnet
from twinnet.errors import TwinnetError
from twinnet.fixtures import fixture_dir, from_hex, read_case, read_dataset, read_json
from twinnet.traces import epoch_drift, first_difference, load_trace

XOR = "rbind(c(0, 0), c(0, 1), c(1, 0), c(1, 1))"
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

# The same value in Python and in R: (python, R code).
VALUES = [
    (None, "NULL"),
    (True, "TRUE"),
    ("text", '"text"'),
    ("sigmoid", '"sigmoid"'),
    ("", '""'),
    (0, "0L"),
    (3, "3L"),
    (-1, "-1L"),
    (2.0, "2"),
    (2.5, "2.5"),
    (math.nan, "NaN"),
    (math.inf, "Inf"),
    (1e308, "1e308"),
    (2**31, "2^31"),
    (10**9, "1e9"),
    ([1.0, 2.0], "c(1, 2)"),
    ([2, 3, 1], "c(2L, 3L, 1L)"),
    ([], "integer(0)"),
    (["relu", "sigmoid"], 'c("relu", "sigmoid")'),
    ({"a": 1.0}, "list(a = 1)"),
    (XOR_X, XOR),
    (XOR_X[:, :1], "matrix(c(0, 1, 1, 0))"),
    (np.zeros((2, 2, 2)), "array(0, c(2, 2, 2))"),
    (np.array([["a", "b"]]), 'matrix(c("a", "b"), 1)'),
    (pd.DataFrame({"a": ["x", "y"]}), 'data.frame(a = c("x", "y"))'),
    ("net", "init_network(c(2, 3, 1), seed = 1)"),
    ("state", "rng_state(1)"),
    ("block", 'list(shape = list(1L), hex = list("0x1p+0"))'),
    ("trace", "load_trace(TRACE)"),
    ("function", "function(...) NULL"),
]
# Python values that must be made fresh for every call (they can be changed).
FRESH = {
    "net": lambda: twinnet.init_network([2, 3, 1], seed=1),
    "state": lambda: twinnet.rng.rng_state(1),
    "block": lambda: {"shape": [1], "hex": ["0x1p+0"]},
    "trace": lambda: load_trace(TRACE),
    "function": lambda: lambda *a, **k: None,
}

# The public functions walked, with the names of the arguments each takes.
PUBLIC = {
    "init_network": ["sizes", "seed", "weights", "biases", "bias", "activations", "init"],
    "fit": ["network", "X", "y", "epochs", "lr", "numerics", "record_every", "loss",
            "batch_size", "shuffle", "seed", "stop_on_nonfinite", "record_outputs", "progress"],
    "predict": ["network", "X", "numerics"],
    "predict_labels": ["network", "X", "numerics"],
    "accuracy": ["labels", "y"],
    "fit_normalizer": ["X", "method"],
    "normalize": ["normalizer", "X"],
    "numerics_ops": ["numerics"],
    "walkthrough": ["network", "X", "y", "lr", "numerics", "loss"],
    "format_walkthrough": ["steps", "digits"],
    "rng_state": ["seed"],
    "rng_uniform": ["state", "n"],
    "rng_shuffle": ["state", "n"],
    "read_case": ["name", "root"],
    "read_dataset": ["name", "root"],
    "load_trace": ["path"],
    "first_difference": ["a", "b"],
    "epoch_drift": ["a", "b"],
    "from_hex": ["block", "finite"],
}  # fmt: skip
PYTHON = {
    **{name: getattr(twinnet, name, None) for name in PUBLIC},
    "rng_state": twinnet.rng.rng_state,
    "rng_uniform": twinnet.rng.rng_uniform,
    "rng_shuffle": twinnet.rng.rng_shuffle,
    "read_case": read_case,
    "read_dataset": read_dataset,
    "load_trace": load_trace,
    "first_difference": first_difference,
    "epoch_drift": epoch_drift,
    "from_hex": from_hex,
}
# R's predict is a generic: call twinnet's method, not another package's.
R_NAMES = {"predict": "twinnet:::predict.twinnet_network"}
R_ARG_NAMES = {("predict", "X"): "newdata", ("predict", "network"): "object"}

R_OUTCOME = """function(code) {
  TRACE <- %s
  tryCatch({ eval(parse(text = code)); "ok" },
           twinnet_error = function(e) "twinnet_error",
           error = function(e) paste("raw:", conditionMessage(e)))
}"""


def small_trace() -> str:
    """A small trace both languages can load, for the arguments that take one."""
    path = Path(tempfile.mkdtemp(prefix="twinnet-walk-")) / "trace.json"
    net = twinnet.init_network([2, 3, 1], seed=1)
    twinnet.traces.save_trace(twinnet.fit(net, XOR_X, [0, 1, 1, 0], epochs=2, lr=0.5), path)
    return str(path)


TRACE = small_trace()


def python_value(value):
    """A fresh copy of a pool value (networks and states can be changed by a call)."""
    return FRESH[value]() if isinstance(value, str) and value in FRESH else value


def required(name: str) -> list[str]:
    """The arguments of ``name`` without a default (the same in both languages)."""
    params = inspect.signature(PYTHON[name]).parameters.values()
    return [p.name for p in params if p.default is inspect.Parameter.empty]


value_index = st.sampled_from(range(len(VALUES)))
calls = st.sampled_from(sorted(PUBLIC)).flatmap(
    lambda name: st.tuples(
        st.just(name),
        st.fixed_dictionaries(
            {k: value_index for k in required(name)},
            optional={k: value_index for k in PUBLIC[name] if k not in required(name)},
        ),
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(call=calls)
def test_random_types_give_twinnet_errors_in_both_languages(r, call):
    name, chosen = call
    kwargs = {k: python_value(VALUES[i][0]) for k, i in chosen.items()}
    try:
        PYTHON[name](**kwargs)
    except TwinnetError:
        pass
    except Exception as err:  # noqa: BLE001 - the finding
        pytest.fail(f"Python {name}(**{kwargs!r}) raised {type(err).__name__}: {err}")
    r_args = [f"{R_ARG_NAMES.get((name, k), k)} = {VALUES[i][1]}" for k, i in chosen.items()]
    code = f"{R_NAMES.get(name, name)}({', '.join(r_args)})"
    outcome = r.call(R_OUTCOME % json.dumps(TRACE), code)[0]
    event(f"{name}: {outcome}")
    assert not outcome.startswith("raw:"), f"R {code}: {outcome}"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip
XOR_CASE = read_json(fixture_dir() / "cases" / "xor.json")
# Any double in hex, as Python writes it (subnormals and -0 too), or as R does.
hex_floats = st.floats(allow_nan=False, allow_infinity=False).flatmap(
    lambda x: st.sampled_from([x.hex(), x.hex().replace("0000000000000p", "p")])
)
# Values of the right type, so that many cases read: the outcome then holds bits.
PLAUSIBLE = {
    "lr": hex_floats,
    "epochs": st.integers(-3, 10**6) | st.floats(0, 10, allow_nan=False),
    "seed": st.none() | st.integers(-(2**40), 2**40),
    "shuffle": st.booleans() | st.none(),
    "batch_size": st.none() | st.integers(-1, 10),
    "description": st.text(max_size=5),
    "normalize": st.sampled_from([None, "minmax", "standardize", "zscore"]),
}
FIELDS = sorted(XOR_CASE)


@st.composite
def case_texts(draw):
    """A case file: a valid case with one field (or one weight block) replaced, or any JSON."""
    how = draw(st.sampled_from(["plausible", "hex", "field", "block", "extra", "whole"]))
    case = json.loads(json.dumps(XOR_CASE))
    value = draw(json_values)
    if how == "plausible":
        field = draw(st.sampled_from(sorted(PLAUSIBLE)))
        case[field] = draw(PLAUSIBLE[field])
    elif how == "hex":
        block = case["weights"][draw(st.integers(0, 1))]
        block["hex"][draw(st.integers(0, 1))] = draw(hex_floats)
    elif how == "field":
        case[draw(st.sampled_from(FIELDS))] = value
    elif how == "block":
        block = case["weights"][draw(st.integers(0, 1))]
        block[draw(st.sampled_from(["shape", "hex"]))] = value
    elif how == "extra":
        case[draw(st.text(max_size=6))] = value
    else:
        case = value
    return json.dumps(case)


R_READ = """function(text) {
  helpers <- HELPERS
  out <- tryCatch(helpers$in_temporary_fixtures(list(text = text), function(root) {
    case <- read_case("bad", root)
    c(case$lr, unlist(lapply(case$weights, function(w) as.vector(t(w)))),
      unlist(case$biases))
  }), twinnet_error = function(e) class(e)[1L],
      error = function(e) paste("raw:", conditionMessage(e)))
  out
}""".replace("HELPERS", conftest.R_BAD_HELPERS)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=case_texts())
def test_any_case_file_reads_the_same_in_both_languages(r, text):
    in_python = run_bad_input({"call": "read_case_file", "args": {"text": text}})
    in_r = r.call(R_READ, text)
    event(f"outcome: {in_python}")
    if in_python == "none":
        case = _in_temporary_fixtures({"text": text}, lambda root: read_case("bad", root))
        values = [case["lr"]] + [v for w in case["weights"] for v in w.reshape(-1)]
        values += [v for b in case["biases"] or [] for v in b]
        assert np.array_equal(np.asarray(values).view(np.uint64), np.asarray(in_r).view(np.uint64))
    else:
        assert [in_python] == list(in_r), text
