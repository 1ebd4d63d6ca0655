"""Errors across the language boundary: same categories, full messages.

Every entry of shared_fixtures/bad_inputs.json runs in both languages and
must raise the same category; R errors reach Python with R's whole message
and call; R warnings become Python warnings; a failure leaves R usable.
"""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from bad_inputs import read_bad_inputs, run_bad_input

import conftest
import twinnet
from rbridge import RError
from twinnet.errors import TrainingError

BAD = read_bad_inputs()


@pytest.mark.parametrize("entry", BAD, ids=[e["name"] for e in BAD])
def test_bad_input_gives_the_same_category_in_both(r, entry):
    in_r = r.call(conftest.R_BAD_INPUT, json.dumps(entry))[0]
    assert run_bad_input(entry) == in_r == entry["category"]


def test_r_errors_arrive_whole_with_their_call_and_category(r):
    with pytest.raises(RError) as err:
        r.call("function() init_network(c(2, 3, 1), seed = 1, activations = 'sigmoidd')")
    assert err.value.category == "twinnet_name_error"
    assert 'did you mean "sigmoid"' in err.value.r_message
    assert "init_network" in err.value.r_call
    with pytest.raises(RError) as err:
        r.call("function() stop('first line\\nsecond line')")
    assert err.value.r_message == "first line\nsecond line"


def test_r_warnings_arrive_as_python_warnings(r):
    with pytest.warns(RuntimeWarning, match="R: careful"):
        value = r.call("function() { warning('careful'); 42 }")
    assert value[0] == 42


def test_a_failure_leaves_r_usable(r):
    for _ in range(3):
        with pytest.raises(RError):
            r.call("function() stop('boom')")
        assert r.call("function(x) x + 1", 1.0)[0] == 2.0


def test_divergence_is_reported_at_the_same_epoch_in_both(r):
    net = twinnet.init_network([2, 3, 1], seed=1, activations="identity")
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = np.array([[1.0], [2.0], [3.0]])
    with pytest.raises(TrainingError) as py_err:
        twinnet.fit(net, X, y, epochs=500, lr=10.0)
    with pytest.raises(RError) as r_err:
        r.call(
            """function(X, y) fit(init_network(c(2, 3, 1), seed = 1,
                                               activations = "identity"),
                                  X, y, epochs = 500, lr = 10)""",
            X, y,
        )  # fmt: skip
    assert r_err.value.category == py_err.value.category == "twinnet_training_error"
    assert r_err.value.r_message.split(" (try")[0] == str(py_err.value).split(" (try")[0]


def test_an_r_training_error_is_a_training_error_with_its_partial_result(r):
    with pytest.raises(TrainingError) as err:
        r.call(
            """function() fit(init_network(c(2, 3, 1), seed = 1, activations = "identity"),
                              rbind(c(1, 2), c(3, 4)), c(1, 2), epochs = 500, lr = 10)"""
        )
    assert isinstance(err.value, RError)
    partial = err.value.partial
    assert set(partial) >= {"network", "loss", "trace"}
    assert 0 < len(partial["loss"]) < 500
    assert not np.isfinite(partial["loss"][-1])
    assert "epoch" in err.value.r_message


def test_a_stopped_condition_that_is_not_an_error_arrives_as_an_r_error(r):
    with pytest.raises(RError) as err:
        r.call(
            """function() stop(structure(class = c("odd", "condition"),
                                         list(message = "not an error", call = NULL)))"""
        )
    assert "not an error" in str(err.value)
    assert err.value.category == "r_error"
    assert r.call("function() 1 + 1")[0] == 2.0  # R still usable


def test_r_na_arrives_as_nan_not_as_the_smallest_integer(r):
    out = r.call("function() list(i = c(1L, NA), l = c(TRUE, NA), plain = c(3L, 4L))")
    assert out["i"][0] == 1.0 and np.isnan(out["i"][1])
    assert out["l"][0] == 1.0 and np.isnan(out["l"][1])
    assert out["plain"].tolist() == [3, 4]


INTERRUPTED_RUN = """
from rbridge import R
r = R()
print("started", flush=True)
try:
    r.call('''function() fit(init_network(c(2, 3, 1), seed = 1),
                             rbind(c(0, 0), c(0, 1), c(1, 0), c(1, 1)), c(0, 1, 1, 0),
                             epochs = 2e6, lr = 0.5)''')
    print("finished")
except KeyboardInterrupt:
    print("interrupted", r.call("function() 1 + 1")[0], flush=True)
"""


def test_ctrl_c_stops_a_long_r_run_and_leaves_r_usable():
    # rpy2 alone can lose the KeyboardInterrupt and let R run on; the bridge
    # asks R itself to stop. A 2,000,000-epoch run takes minutes, so output
    # "interrupted" (within the generous timeout) shows that Ctrl-C reached R.
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_RUN],
        cwd=Path(__file__).parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "started"
    time.sleep(2)  # well inside fit
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=60)
    assert out.split() == ["interrupted", "2.0"]
