"""The two packages offer the same public functions, under the same names.

R exports what Python's ``twinnet.__all__`` names, and nothing else; the
differences are the front doors (an R function, Python estimator classes),
Python's classes and submodules, and the command line's entry point.
"""

import inspect

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
