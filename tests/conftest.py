"""The parity harness: Python and R, driven from one pytest session."""

import pytest

from rbridge import R

DRIFT_ROWS: list[str] = []


@pytest.fixture(scope="session")
def r():
    """The embedded R, started once per session with twinnet loaded."""
    return R()


def pytest_terminal_summary(terminalreporter):
    if DRIFT_ROWS:
        terminalreporter.section("fast-mode drift, Python vs R")
        terminalreporter.write_line(
            "largest distance in ULPs over all tensors (weights, biases, outputs, loss)\n"
            "case          1st diff   epoch 0       epoch 1      epoch 10     epoch 100"
            "    epoch 1000    last epoch"
        )
        for row in DRIFT_ROWS:
            terminalreporter.write_line(row)
