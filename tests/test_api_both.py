"""The two packages offer the same public functions, under the same names.

R exports what Python's ``twinnet.__all__`` names, and nothing else; the
differences are the front doors (an R function, Python estimator classes),
Python's classes and submodules, and the command line's entry point.
"""

import inspect
from pathlib import Path

import twinnet

# R's name -> what stands for it in Python
R_ONLY = {"twinnet": "TwinnetClassifier, TwinnetRegressor", "cli_main": "twinnet.cli.main"}
# Python functions with no R export: compare() drives R from Python
PYTHON_ONLY = {"compare"}


def python_functions() -> set[str]:
    return {
        name
        for name in twinnet.__all__
        if inspect.isfunction(getattr(twinnet, name)) and name not in PYTHON_ONLY
    }


def test_r_exports_the_functions_python_names(r):
    exports = set(r.call('function() getNamespaceExports("twinnet")'))
    # predict() and update() are S3 methods in R, plain functions in Python
    assert exports - set(R_ONLY) == python_functions() - {"predict", "update"}


def test_internals_stay_inside():
    internal = {"exact_matmul", "to_hex", "rng_seed", "twinnet_abort", "activate"}
    assert not internal & set(twinnet.__all__)


def step_lines(path) -> int:
    """Lines between a file's step markers (# --8<-- [start:...] / [end:...])."""
    inside, count = False, 0
    for line in path.read_text().splitlines():
        if "--8<-- [start:" in line:
            inside = True
        elif "--8<-- [end:" in line:
            inside = False
        elif inside:
            count += 1
    return count


def test_one_training_step_reads_in_four_files_per_language():
    root = Path(__file__).resolve().parents[1]
    steps = ("forward", "loss", "backward", "update")
    python = sum(step_lines(root / "python/src/twinnet" / f"{s}.py") for s in steps)
    r = sum(step_lines(root / "r/R" / f"{s}.R") for s in steps)
    assert python <= 100 and r <= 100, (python, r)
    readme = (root / "README.md").read_text()
    assert f"{python} lines of Python and {r} of R" in readme
