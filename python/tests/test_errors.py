"""Bad input and failing training: the same kind of error as in R.

Twin: r/tests/testthat/test-errors.R. The table of bad inputs is shared
(shared_fixtures/bad_inputs.json); the harness also runs it in both
languages side by side.
"""

import json
import re
import stat
import sys
import warnings

import numpy as np
import pytest
from bad_inputs import python_stand_in_for_r, read_bad_inputs, run_bad_input

import twinnet
from twinnet.errors import (
    ArgumentError,
    ConfigError,
    DataTypeError,
    NameChoiceError,
    ShapeError,
    TrainingError,
    TwinnetError,
)
from twinnet.fixtures import FixtureError, fixture_dir, write_atomic
from twinnet.schema import schema_problem

BAD = read_bad_inputs()


@pytest.mark.parametrize("entry", BAD, ids=[e["name"] for e in BAD])
def test_bad_input_raises_its_category(entry, monkeypatch):
    if entry["call"] == "compare":  # no R here: R's half runs in Python, through JSON
        monkeypatch.setattr(sys.modules["twinnet.compare"], "_train_in_r", python_stand_in_for_r)
    assert run_bad_input(entry) == entry["category"]


def test_the_table_covers_every_category_and_public_call():
    assert {e["category"] for e in BAD} >= {
        "twinnet_argument_error", "twinnet_name_error", "twinnet_type_error",
        "twinnet_shape_error", "twinnet_value_error", "twinnet_config_error",
    }  # fmt: skip
    calls = {"init_network", "fit", "predict", "fit_normalizer", "normalize", "numerics_ops"}
    assert calls <= {e["call"] for e in BAD}


def test_messages_name_the_argument_and_suggest_a_name():
    with pytest.raises(NameChoiceError, match=r"did you mean 'sigmoid'"):
        twinnet.init_network([2, 3, 1], seed=1, activations="sigmoidd")
    net = twinnet.init_network([2, 3, 1], seed=1)
    with pytest.raises(ShapeError, match=r"X must have 2 columns.*got 3"):
        twinnet.fit(net, np.ones((4, 3)), np.ones(4), epochs=1, lr=0.1)
    with pytest.raises(ArgumentError, match=r"lr must be a finite number above 0; got -1"):
        twinnet.fit(net, np.ones((4, 2)), np.ones(4), epochs=1, lr=-1)


def test_error_classes_are_also_the_builtin_kinds():
    assert issubclass(ShapeError, ValueError) and issubclass(DataTypeError, TypeError)
    assert issubclass(ConfigError, TwinnetError) and issubclass(FixtureError, TwinnetError)


def exploding():
    """A linear network with a learning rate far too large: it overflows."""
    net = twinnet.init_network([2, 3, 1], seed=1, activations="identity")
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    return net, X, np.array([1.0, 2.0, 3.0])


def test_divergence_stops_with_the_epoch_the_tensor_and_the_partial_result():
    net, X, y = exploding()
    with pytest.raises(TrainingError, match=r"at epoch \d+") as err:
        twinnet.fit(net, X, y, epochs=500, lr=10.0, record_every=2)
    partial = err.value.partial
    epoch = len(partial.loss) - 1
    assert f"at epoch {epoch} " in str(err.value) and "is NaN or Inf" in str(err.value)
    assert np.isfinite(partial.loss[:-1]).all() and 0 < epoch < 500
    assert partial.trace.epochs[-1] <= epoch and len(partial.trace.loss) == len(
        partial.trace.epochs
    )


def test_divergence_can_be_trained_through():
    net, X, y = exploding()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # diverging is reported by fit, not by numpy
        result = twinnet.fit(net, X, y, epochs=50, lr=10.0, stop_on_nonfinite=False)
    assert len(result.loss) == 50 and not np.isfinite(result.loss[-1])
    assert [w.category for w in caught] == [twinnet.TrainingWarning]
    assert "training diverged" in str(caught[0].message)


def test_a_divergence_in_the_last_update_is_caught():
    net, X, y = exploding()
    with pytest.raises(TrainingError, match="after the last update") as err:
        twinnet.fit(net, X, y, epochs=1, lr=1e308)
    assert len(err.value.partial.loss) == 1


def test_extreme_inputs_give_answers_not_warnings():
    net = twinnet.init_network([1, 2, 1], seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for numerics in ("exact", "fast"):
            out = twinnet.predict(net, [[-1000.0], [1000.0]], numerics=numerics)
            assert np.isfinite(out).all()


PUBLIC_CALLS = {
    "init_network", "fit", "predict", "predict_labels", "accuracy", "fit_normalizer",
    "normalize", "numerics_ops", "rng_state", "rng_uniform", "rng_shuffle", "walkthrough",
    "format_walkthrough", "read_case", "read_case_file", "load_trace", "load_trace_file",
}  # fmt: skip


def test_the_table_covers_every_public_call_and_accepted_inputs():
    assert PUBLIC_CALLS <= {e["call"] for e in BAD}
    assert {"none", "twinnet_fixture_error"} <= {e["category"] for e in BAD}


def test_whole_number_floats_train_exactly_as_integers():
    net = twinnet.init_network([2, 3, 1], seed=1)
    X, y = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0.0, 1, 1, 0])
    as_int = twinnet.fit(net, X, y, epochs=3, lr=0.5, batch_size=2, seed=4)
    as_float = twinnet.fit(net, X, y, epochs=3.0, lr=0.5, batch_size=2.0, seed=4.0)
    assert np.array_equal(as_int.loss, as_float.loss)
    assert as_float.trace.epochs.dtype.kind == "i"


def test_memory_bombs_are_refused_naming_the_argument():
    with pytest.raises(ArgumentError, match=r"^sizes asks for .* GiB"):
        twinnet.init_network([2, 2**20, 2**20, 1], seed=1)
    with pytest.raises(ArgumentError, match=r"^n asks for"):
        twinnet.rng.rng_uniform(twinnet.rng.rng_state(1), 10**9)
    with pytest.raises(ArgumentError, match=r"^record_every must be .* at most 2147483647"):
        twinnet.fit(twinnet.init_network([2, 3, 1], seed=1), [[0, 1]], [1], epochs=1, lr=1,
                    record_every=2**31)  # fmt: skip


def test_a_suggestion_fires_for_a_name_two_edits_away():
    with pytest.raises(NameChoiceError, match=r"did you mean 'sigmoid'"):
        twinnet.init_network([2, 3, 1], seed=1, activations="Sigmod")


def test_the_schema_checker_agrees_with_jsonschema():
    jsonschema = pytest.importorskip("jsonschema")
    root = fixture_dir()
    schema = json.loads((root / "schema" / "case.schema.json").read_text())
    case = json.loads((root / "cases" / "xor.json").read_text())
    vector = {"shape": [2], "hex": ["0x1p+0", "0x1p+0"]}
    changes = [{}, {"lr": "0.5"}, {"bias": 1}, {"loss": None}, {"epochs": 2.0}, {"epochs": 2.5},
               {"extra": 1}, {"biases": None}, {"weights": [vector, vector]},
               {"lr": "0x1p+0\n"}, {"normalize": "zscore"}]  # fmt: skip
    for doc in [case | change for change in changes] + [[case], None]:
        expected = jsonschema.Draft202012Validator(schema).is_valid(doc)
        assert (schema_problem(doc, schema, schema) is None) == expected, doc


def test_overwriting_keeps_the_file_mode(tmp_path):
    target = tmp_path / "trace.json"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["trace.json"]  # no temporary file left


def test_saving_a_trace_fails_as_a_twinnet_error_and_leaves_nothing(tmp_path):
    net = twinnet.init_network([2, 3, 1], seed=1)
    result = twinnet.fit(net, np.eye(2), [0, 1], epochs=2, lr=0.5)
    digested = twinnet.fit(net, np.eye(2), [0, 1], epochs=2, lr=0.5, record_outputs="digest")
    with pytest.raises(ArgumentError, match="record_outputs='full'"):
        twinnet.traces.save_trace(digested, tmp_path / "t.json")
    with pytest.raises(FixtureError, match="cannot write"):
        twinnet.traces.save_trace(result, tmp_path / "missing" / "t.json")
    with pytest.raises(FixtureError, match="cannot write"):
        twinnet.traces.save_trace(result, tmp_path)  # a folder
    assert list(tmp_path.iterdir()) == []


def test_one_naming_scheme_in_both_languages_with_the_old_names_kept():
    classes = twinnet.errors.TwinnetError.__subclasses__()
    assert len(classes) == 8
    for cls in classes:
        words = re.findall(r"[A-Z][a-z]+", cls.__name__)
        assert words[0] == "Twinnet" and words[-1] == "Error"
        assert cls.category == "_".join(w.lower() for w in words)  # twinnet_shape_error
    assert ShapeError is twinnet.errors.TwinnetShapeError
    assert NameChoiceError is twinnet.errors.TwinnetNameError


def test_accuracy_of_targets_past_the_integers_has_no_warning():
    # R's twin cast these with as.integer: NA and a warning (found by the random walks)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert twinnet.accuracy(np.array([0, 1, 1]), np.array([2.0**31, 1, 0.7])) == 1 / 3
        assert twinnet.accuracy(np.array([0, 1]), np.array([1e308, 1.0])) == 0.5
