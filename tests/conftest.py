"""The parity harness: Python and R, driven from one pytest session."""

import csv
import functools
import sys
from pathlib import Path

import numpy as np
import pytest

from rbridge import R

# (case, epochs compared, verdict) of each exact-mode parity run
EXACT_ROWS: list[tuple] = []
DRIFT_ROWS: list[str] = []
MARKS = (0, 1, 10, 100, 1000)  # epochs shown in the drift table, then the last
DRIFT_HEADER = (
    "Fast mode uses the BLAS and each language's own exp and sums, so Python and R\n"
    "drift apart; how far depends on the numpy build and the BLAS (measured here, not\n"
    "bounded). Each cell: the largest distance in ULPs (doubles between the two values)\n"
    "over all tensors (weights, biases, outputs, loss) at that epoch; 0 = same bits.\n"
    "first: the first recorded epoch whose bits differ (- = none).\n"
    + f"{'case':17s} {'first':>5s} "
    + " ".join(f"{f'epoch {e}':>13s}" for e in MARKS)
    + f" {'last epoch':>13s}"
)
# case -> (epochs, largest ULP distance at each epoch), for the drift plot
DRIFT_SERIES: dict = {}
# The fast-mode tests and the check that each has its row: under pytest-xdist
# they go to one worker, in file order (see pytest_xdist_make_scheduler).
DRIFT_TESTS = ("test_fast_mode_runs_and_its_drift_is_measured", "test_the_drift_table_is_complete")
# Files whose tests share a module-scoped fixture that costs seconds (the page
# built, the plots drawn): one worker runs each file, so it is made once.
WHOLE_FILES = ("tests/test_docs_page.py", "tests/test_plots_both.py")
# the cases the drift plot shows (all 39 lines would hide each other)
DRIFT_CASES = ["toy_article", "toy_simple", "xor", "moons_article", "moons_deep", "blobs"]
REPORTS = Path(__file__).resolve().parents[1] / ".venv" / "reports"
# The bad-input runners are test helpers of each language, not package code:
# Python's is imported from python/tests, R's sourced once into the embedded R.
PYTHON_TESTS = Path(__file__).resolve().parents[1] / "python" / "tests"
sys.path.append(str(PYTHON_TESTS))
R_HELPER = PYTHON_TESTS.parents[1] / "r" / "tests" / "testthat" / "helper-bad_inputs.R"
# an R expression: the helper's functions, in an environment inside twinnet's
R_BAD_HELPERS = f"""local({{
  if (!exists(".bad_inputs", globalenv())) {{
    helper <- new.env(parent = asNamespace("twinnet"))
    sys.source("{R_HELPER}", envir = helper)
    assign(".bad_inputs", helper, globalenv())
  }}
  get(".bad_inputs", globalenv())
}})"""
R_BAD_INPUT = f"function(entry) {R_BAD_HELPERS}$run_bad_input(entry)"


@functools.cache
def r_session() -> R:
    """The embedded R with twinnet loaded: one per process, as rpy2 allows."""
    return R()


@pytest.fixture(scope="session")
def r():
    """The embedded R, started once per session with twinnet loaded."""
    return r_session()


def drift_record(name: str, epochs, report: dict) -> tuple:
    """One case's fast-mode drift as plain values, to travel in a test report."""
    first = report["first"]
    return (
        name,
        [int(e) for e in epochs],
        [float(u) for u in report["by_epoch"]],
        None if first is None else int(first["epoch"]),
    )


def record_drift(name: str, epochs: list, by_epoch: list, first: int | None) -> None:
    """One case's fast-mode drift: a row of the table, a line of the plot."""
    DRIFT_SERIES[name] = (epochs, by_epoch)
    row = {e: i for i, e in enumerate(epochs)}  # a marked epoch may not be recorded
    cells = [f"{by_epoch[row[e]]:>13,.0f}" if e in row else f"{'-':>13s}" for e in MARKS]
    start = "-" if first is None else str(first)
    DRIFT_ROWS.append(f"{name:17s} {start:>5s} {' '.join(cells)} {by_epoch[-1]:>13,.0f}")


def pytest_runtest_logreport(report):
    """A test's rows (in its report's user_properties) join the tables.

    This runs where the test ran and, under pytest-xdist, again in the
    controller, which receives every worker's reports: so the controller's
    tables hold every worker's rows, and it prints them.
    """
    if report.when != "call":
        return
    for key, value in report.user_properties:
        if key == "twinnet_exact":
            EXACT_ROWS.append(tuple(value))
        elif key == "twinnet_drift":
            record_drift(*value)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup, with the drift tests (DRIFT_TESTS) as one group and
    each of WHOLE_FILES as one group.

    pytest-xdist 3.8 marks a group by renaming a test's nodeid, which
    pytest 9.2 no longer allows (the xdist_group marker has no effect);
    the scheduler's grouping is what matters, so the group is named here.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class Groups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path, test = nodeid.split("::")[0], nodeid.split("::")[-1].split("[")[0]
            if test in DRIFT_TESTS:
                return "drift"
            return path if path in WHOLE_FILES else super()._split_scope(nodeid)

    return Groups(config, log)


def pytest_terminal_summary(terminalreporter):
    if hasattr(terminalreporter.config, "workerinput"):
        return  # a pytest-xdist worker: the controller prints the tables
    if EXACT_ROWS:
        terminalreporter.section("exact mode, Python vs R: raw float64 bits at every epoch")
        terminalreporter.write_line(f"{'case':17s} {'epochs':>6s}  verdict")
        for name, epochs, verdict in sorted(EXACT_ROWS):  # xdist: rows come as tests end
            terminalreporter.write_line(f"{name:17s} {epochs:>6d}  {verdict}")
    if DRIFT_SERIES:
        terminalreporter.write_line(f"drift plot: {write_drift_plot()}")
    if DRIFT_ROWS:
        terminalreporter.section("fast mode, Python vs R: drift (reported, not asserted)")
        terminalreporter.write_line(DRIFT_HEADER)
        for row in sorted(DRIFT_ROWS):
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
