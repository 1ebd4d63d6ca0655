"""Saving a training trace to a file, and finding where two traces differ.

Twin: ``r/R/traces.R``. The command line runs a case in one language,
saves the trace, and compares it with the other language's trace, so each
language only needs to read the files the other writes. Floats travel as
hex strings, which both languages parse exactly. Tensors are named as in
Python (``weights[0]`` is the first layer's) and flattened row-major.
"""

import json
import os
import re
from pathlib import Path

import numpy as np

from twinnet.bitwise import (
    drift_in,
    first_difference_in,
    from_hex,
    to_hex,
    trace_tensors,
    whole_numbers,
)
from twinnet.errors import ArgumentError, FixtureError
from twinnet.fit import FitResult
from twinnet.fixtures import parse_json, trace_digest, write_atomic

FORMAT = "twinnet-trace/1"
# Dimensions of each tensor of a trace, the recorded epochs first.
TENSOR_DIMS = {"loss": 1, "outputs": 3, "weights": 3, "biases": 2}


def save_trace(result: FitResult, path, case: str = "", language: str = "python") -> None:
    """Write ``result.trace`` (all recorded epochs) to ``path`` as JSON.

    The trace must hold its outputs in full (``record_outputs="full"``);
    ``case`` and ``language`` are labels, strings.
    """
    if not isinstance(result, FitResult) or result.trace.outputs.dtype != np.float64:
        raise ArgumentError("result must come from fit with record_outputs='full'")
    if not isinstance(case, str) or not isinstance(language, str):
        raise ArgumentError("case and language must be strings")
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(f"path must be a file name; got {type(path).__name__}")
    trace = result.trace
    document = {
        "format": FORMAT,
        "case": case,
        "language": language,
        "digest": trace_digest(trace),
        "epochs": [int(e) for e in trace.epochs],
        "tensors": {name: to_hex(a) for name, a in trace_tensors(trace).items()},
    }
    write_atomic(path, json.dumps(document))


def load_trace(path) -> dict:
    """Read what :func:`save_trace` (in either language) wrote.

    Anything else (no such file, not UTF-8 JSON, a value that is not a
    finite double in hex, missing tensors, shapes that do not fit the
    recorded epochs) is a :class:`~twinnet.errors.FixtureError`, as in R.
    """
    try:
        raw = Path(path).read_bytes()
    except (OSError, TypeError, ValueError) as err:
        raise FixtureError(f"cannot read trace {path}: {err}") from None
    document = parse_json(raw, f"trace {path}")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FixtureError(f"{path} is not a {FORMAT} file")
    try:
        return _check_trace(document)
    except FixtureError as err:
        raise FixtureError(f"trace {path}: {err}") from None


def _check_trace(document: dict) -> dict:
    """The document with its tensors decoded, after checking every field."""
    epochs = document.get("epochs")
    if not whole_numbers(epochs) or not epochs or sorted(set(epochs)) != epochs:
        raise FixtureError("epochs must be increasing whole numbers")
    epochs = [int(e) for e in epochs]
    tensors = document.get("tensors")
    if not isinstance(tensors, dict) or not {"loss", "outputs", "weights[0]"} <= tensors.keys():
        raise FixtureError("tensors must hold loss, outputs and weights[0] at least")
    decoded = {name: _trace_tensor(name, block, len(epochs)) for name, block in tensors.items()}
    return dict(document, epochs=epochs, tensors=decoded)


def _trace_tensor(name: str, block, n_epochs: int) -> np.ndarray:
    """One tensor of a trace, decoded: a known name, and one row per epoch."""
    kind = re.fullmatch(r"(loss|outputs)|(weights|biases)\[[0-9]+\]", name)
    value = from_hex(block, finite=False)
    ndim = TENSOR_DIMS[kind.group(1) or kind.group(2)] if kind else None
    if ndim is None or value.ndim != ndim or value.shape[0] != n_epochs:
        raise FixtureError(f"tensor {name!r} is unknown or does not fit the epochs")
    return value


def first_difference(a: dict, b: dict) -> dict | None:
    """The earliest epoch, then the first tensor and entry, whose bits differ.

    ``a`` and ``b`` are loaded traces of the same case. Returns ``None``
    when they agree everywhere, else a dict with ``epoch``, ``tensor``,
    ``index`` (0-based, row-major), the two values ``a`` and ``b``, and
    ``ulps``. A NaN equals any NaN; +0 and -0 differ.
    """
    _check_pair(a, b)
    return first_difference_in(a["epochs"], a["tensors"], b["tensors"])


def epoch_drift(a: dict, b: dict) -> np.ndarray:
    """The largest distance in ULPs between a and b over all tensors, per epoch.

    What the fast-mode drift plot draws; 0 where the bits agree.
    """
    _check_pair(a, b)
    return drift_in(a["epochs"], a["tensors"], b["tensors"])["by_epoch"]


def _check_pair(a: dict, b: dict) -> None:
    """Two loaded traces that record the same epochs and tensors."""
    check_loaded(a, "a"), check_loaded(b, "b")
    if list(a["epochs"]) != list(b["epochs"]) or list(a["tensors"]) != list(b["tensors"]):
        raise FixtureError("the two traces record different epochs or tensors")


def check_loaded(trace, what: str) -> None:
    """A trace as :func:`load_trace` returns it: epochs, and tensors that fit them."""
    ok = isinstance(trace, dict) and isinstance(trace.get("tensors"), dict)
    epochs = trace.get("epochs") if ok else None
    ok = ok and isinstance(epochs, (list, np.ndarray)) and all(
        isinstance(t, np.ndarray) and t.dtype == np.float64 and t.ndim >= 1
        and t.shape[0] == len(epochs)
        for t in trace["tensors"].values()
    )  # fmt: skip
    if not ok:
        raise FixtureError(f"{what} must be a trace from load_trace")
