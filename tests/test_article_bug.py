"""The article's own Python and R code disagree, and the harness says where.

docs/examples/article_simple.py is the article's Python block, and
docs/examples/article_buggy.R a faithful port of its R block, whose hidden
bias matrix holds one bias per sample (byrow = FALSE) and whose bias updates
use rowSums. Run from the same starting numbers, the comparison must flag
the divergence and name the bias tensor and the first epoch.
"""

import importlib.util
from pathlib import Path

import numpy as np

from twinnet.bitwise import same_bits, ulps
from twinnet.fixtures import read_case

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
ORDER = ["hidden bias", "output bias", "wh", "wout", "output"]


def first_difference(py: dict, rr: dict, atol: float = 0.0):
    """The first epoch and tensor that differ by more than atol (ULPs as well)."""
    for epoch in range(len(py["output"])):
        for name in ORDER:
            a, b = py[name][epoch], np.asarray(rr[name.replace(" ", "_")][epoch])
            bad = ~same_bits(a, b) & (np.abs(a - b) > atol)
            if bad.any():
                i = tuple(int(k) for k in np.argwhere(bad)[0])
                return epoch, name, i, int(ulps(a[i], b[i]))
    return None


def test_the_harness_flags_the_articles_bias_bug(r):
    spec = importlib.util.spec_from_file_location("article_simple", EXAMPLES / "article_simple.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    case = read_case("toy_simple")
    start = (case["weights"][0], case["biases"][0], case["weights"][1], case["biases"][1])
    py = module.article_simple(case["X"], case["y"], *start, epochs=50)
    r.call(f'function() sys.source("{EXAMPLES / "article_buggy.R"}", envir = globalenv())')
    rr = r.call("article_buggy", case["X"], case["y"], *start, epochs=50)
    # differences far beyond rounding (1e-9): the models are not the same
    epoch, tensor, index, distance = first_difference(py, rr, atol=1e-9)
    assert (epoch, tensor) == (0, "hidden bias"), (epoch, tensor, index)
    later = first_difference(
        {k: v[1:] for k, v in py.items()}, {k: np.asarray(v)[1:] for k, v in rr.items()}, atol=1e-9
    )
    assert later is not None and later[1] in ("hidden bias", "output bias")
    print(
        f"article: Python and R first differ at epoch {epoch} in the {tensor} "
        f"{list(index)} by {distance:,} ULPs"
    )
