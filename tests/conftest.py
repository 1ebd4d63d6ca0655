"""The parity harness: Python and R, driven from one pytest session."""

import csv
import subprocess
from pathlib import Path

import pytest

from rbridge import R

DRIFT_ROWS: list[str] = []
# case -> (epochs, largest ULP distance at each epoch), for the drift plot
DRIFT_SERIES: dict = {}
REPORTS = Path(__file__).resolve().parents[1] / ".venv" / "reports"


@pytest.fixture(scope="session")
def r():
    """The embedded R, started once per session with twinnet loaded."""
    return R()


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
    """Write the drift series as CSV and draw them (R graphics) as a PNG."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    table, picture = REPORTS / "fast_drift.csv", REPORTS / "fast_drift.png"
    partial = table.with_suffix(".tmp")
    with open(partial, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["case", "epoch", "ulps"])
        for case, (epochs, ulps) in sorted(DRIFT_SERIES.items()):
            out.writerows([case, int(e), int(u)] for e, u in zip(epochs, ulps))
    partial.replace(table)  # atomically: the old file or the new one, never half
    script = Path(__file__).with_name("plot_drift.R")
    subprocess.run(["Rscript", str(script), str(table), str(picture)], check=True)
    return picture
