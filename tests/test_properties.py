"""Property-based parity: random networks, data, seeds and batch sizes.

Exact mode must give the same bits in Python and R for any architecture;
random bad inputs must give the same error category in both, never a
crash. The default run is short; set TWINNET_HYPOTHESIS_EXAMPLES (for
example 500) for a longer one.
"""

import json
import os

import numpy as np
from bad_inputs import run_bad_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conftest
import twinnet
from parity import trace_difference
from twinnet.bitwise import describe

EXAMPLES = int(os.environ.get("TWINNET_HYPOTHESIS_EXAMPLES", "12"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OUTPUTS = [
    ("sigmoid", "squared_error"),
    ("identity", "squared_error"),
    ("tanh", "squared_error"),
    ("relu", "squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
]
FIT_R = """function(sizes, seed, bias, activations, init, X, y, epochs, lr, loss,
                    batch_size, shuffle) {
  net <- init_network(sizes, seed = seed, bias = bias, activations = activations,
                      init = init)
  fit(net, X, y, epochs = epochs, lr = lr, loss = loss, batch_size = batch_size,
      shuffle = shuffle, seed = seed, stop_on_nonfinite = FALSE)
}"""


@st.composite
def runs(draw):
    """A random architecture, data set and training setup."""
    hidden = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    n_in, n_out, n = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 12))
    out, loss = draw(st.sampled_from(OUTPUTS))
    acts = st.sampled_from(["sigmoid", "tanh", "relu", "identity"])
    hidden_acts = draw(st.lists(acts, min_size=len(hidden), max_size=len(hidden)))
    seed = draw(st.integers(0, 10**6))
    gen = np.random.default_rng(seed)
    X = gen.uniform(-2, 2, (n, n_in))
    if loss == "categorical_cross_entropy":
        y = np.eye(n_out)[gen.integers(0, n_out, n)]
    else:
        y = (
            gen.integers(0, 2, (n, n_out)).astype(float)
            if loss != "squared_error"
            else gen.uniform(-1, 1, (n, n_out))
        )
    return {
        "sizes": [n_in, *hidden, n_out], "seed": seed, "bias": draw(st.booleans()),
        "activations": [*hidden_acts, out], "init": draw(st.sampled_from(
            ["uniform", "glorot", "he"])), "X": X, "y": y, "epochs": draw(st.integers(1, 4)),
        "lr": draw(st.sampled_from([0.01, 0.1, 0.5])), "loss": loss,
        "batch_size": draw(st.none() | st.integers(1, n)), "shuffle": draw(st.booleans()),
    }  # fmt: skip


@SETTINGS
@given(run=runs())
def test_random_runs_are_bitwise_identical(r, run):
    net = twinnet.init_network(
        run["sizes"],
        seed=run["seed"],
        bias=run["bias"],
        activations=run["activations"],
        init=run["init"],
    )
    py = twinnet.fit(
        net,
        run["X"],
        run["y"],
        epochs=run["epochs"],
        lr=run["lr"],
        loss=run["loss"],
        batch_size=run["batch_size"],
        shuffle=run["shuffle"],
        seed=run["seed"],
        stop_on_nonfinite=False,
    )
    args = dict(run, sizes=np.array(run["sizes"], float), activations=np.array(run["activations"]))
    rr = r.call(FIT_R, **args)
    found = trace_difference(py.trace, rr["trace"])
    assert found is None, f"{run}: {describe(found, 'Python', 'R')}"


BAD_VALUES = {
    "epochs": st.sampled_from([0, -1, 2.5, "10", True]),
    "lr": st.sampled_from([0, -0.5, {"float": "NaN"}, {"float": "Inf"}, "0.1"]),
    "batch_size": st.integers(-3, 0) | st.integers(5, 50),
    "record_every": st.integers(-3, 0),
    "loss": st.text(min_size=1, max_size=8),
    "numerics": st.text(max_size=8),
    "shuffle": st.sampled_from(["yes", 1, 0]),
    "seed": st.floats(0.1, 0.9),
    "X": st.integers(0, 7).map(
        lambda i: {"matrix": [["NaN" if i == k else 0.5 for k in (2 * j, 2 * j + 1)]
                              for j in range(4)]}),
    "y": st.sampled_from([{"matrix": [[0.0], [1.0]]}, {"matrix": [[1.0, 0.0]] * 4}]),
}  # fmt: skip


@SETTINGS
@given(arg=st.sampled_from(sorted(BAD_VALUES)), data=st.data())
def test_random_bad_inputs_give_the_same_category(r, arg, data):
    value = data.draw(BAD_VALUES[arg])
    if arg in ("loss", "numerics") and value in ("squared_error", "exact", "fast"):
        return  # a valid name by chance
    entry = {"call": "fit", "args": {arg: value}}
    if arg == "shuffle":
        entry["args"]["batch_size"] = 2
    in_python = run_bad_input(entry)
    in_r = r.call(conftest.R_BAD_INPUT, json.dumps(entry))[0]
    assert in_python == in_r and in_python.startswith("twinnet_"), (entry, in_python, in_r)
