"""The walkthrough, step by step: the same tables in Python and R.

For each case, every table of one training iteration must have the same
name, row and column labels and formula in both languages, and bitwise the
same values in exact mode; the printed text must be the same characters.
"""

import numpy as np
import pytest

from parity import first_array_difference
from twinnet.cases import walkthrough_case
from twinnet.walkthrough import format_walkthrough

# the article's toy (no bias), one hidden layer with bias, two hidden layers,
# binary and categorical cross-entropy, tanh, relu, identity, standardised iris
CASES = ["toy_article_demo", "toy_simple", "moons_deep", "m02", "m07", "m13", "m15", "m21"]

R_WALKTHROUGH = """
function(name, numerics) {
  steps <- walkthrough_case(name, numerics)
  list(names = names(steps), text = format_walkthrough(steps),
       values = lapply(steps, as.matrix),
       rows = lapply(steps, row.names), cols = lapply(steps, names),
       formulas = lapply(steps, attr, "formula"))
}
"""


def first_step_mismatch(py_steps, r_out):
    """The first table (in the article's order) whose bits differ, or None."""
    pairs = ((name, frame.to_numpy(), r_out["values"][name]) for name, frame in py_steps.items())
    return first_array_difference(pairs)


@pytest.mark.parametrize("name", CASES)
def test_walkthrough_is_identical_step_by_step(r, name):
    py = walkthrough_case(name, "exact")
    rr = r.call(R_WALKTHROUGH, name, "exact")
    assert list(py) == rr["names"]
    for step, frame in py.items():
        assert list(frame.index) == list(np.atleast_1d(rr["rows"][step])), step
        assert list(frame.columns) == list(np.atleast_1d(rr["cols"][step])), step
        assert frame.attrs["formula"] == rr["formulas"][step][0], step
    assert first_step_mismatch(py, rr) is None
    assert format_walkthrough(py) == rr["text"][0]


def test_a_one_ulp_change_is_caught_and_named(r):
    py = walkthrough_case("toy_simple", "exact")
    rr = r.call(R_WALKTHROUGH, "toy_simple", "exact")
    d_hidden = rr["values"]["d_hidden_layer"]
    d_hidden[1, 2] = np.nextafter(d_hidden[1, 2], np.inf)
    assert first_step_mismatch(py, rr).startswith("d_hidden_layer[1, 2]: ")
    assert first_step_mismatch(py, rr).endswith("(1 ULPs)")
