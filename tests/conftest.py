"""The parity harness: Python and R, driven from one pytest session."""

import csv
import functools
from pathlib import Path

import numpy as np
import pytest

from rbridge import R

DRIFT_ROWS: list[str] = []
# case -> (epochs, largest ULP distance at each epoch), for the drift plot
DRIFT_SERIES: dict = {}
# the cases the drift plot shows (all 39 lines would hide each other)
DRIFT_CASES = ["toy_article", "toy_simple", "xor", "moons_article", "moons_deep", "blobs"]
REPORTS = Path(__file__).resolve().parents[1] / ".venv" / "reports"


@functools.cache
def r_session() -> R:
    """The embedded R with twinnet loaded: one per process, as rpy2 allows."""
    return R()


@pytest.fixture(scope="session")
def r():
    """The embedded R, started once per session with twinnet loaded."""
    return r_session()


def pytest_terminal_summary(terminalreporter):
    if DRIFT_SERIES:
        terminalreporter.write_line(f"drift plot: {write_drift_plot()}")
    if DRIFT_ROWS:
        terminalreporter.section("fast-mode drift, Python vs R")
        terminalreporter.write_line(
            "largest distance in ULPs over all tensors (weights, biases, outputs, loss)\n"
            "case          1st diff   epoch 0       epoch 1      epoch 10     epoch 100"
            "    epoch 1000    last epoch"
        )
        for row in DRIFT_ROWS:
            terminalreporter.write_line(row)


def write_drift_plot() -> Path:
    """Write the drift series as CSV and draw them with R's plot_drift as a PNG."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    table, picture = REPORTS / "fast_drift.csv", REPORTS / "fast_drift.png"
    partial = table.with_suffix(".tmp")
    with open(partial, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["case", "epoch", "ulps"])
        for case, (epochs, ulps) in sorted(DRIFT_SERIES.items()):
            out.writerows([case, int(e), int(u)] for e, u in zip(epochs, ulps))
    partial.replace(table)  # atomically: the old file or the new one, never half
    # the chosen cases that ran (a run with -k may have fewer), else all that ran
    cases = [c for c in DRIFT_CASES if c in DRIFT_SERIES] or sorted(DRIFT_SERIES)
    draw = "function(table, path, cases) plot_drift(utils::read.csv(table), path, cases = cases)"
    r_session().call(draw, str(table), str(picture), np.array(cases))
    return picture
