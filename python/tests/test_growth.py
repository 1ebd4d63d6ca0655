"""Fit's cost grows linearly in epochs: the time per epoch stays flat at 8x the epochs.

A ratio of two sizes timed in one run, not an absolute time. A trace copied
whole every recorded epoch (R's copy-on-modify did this) makes the cost
quadratic: the ratio was about 3 for the full trace here, and the per-epoch
cost grows with the epochs (8.6x at 2000 epochs of 1000 rows). make bench
prints the full growth table (docs/growth.md).

Twin: r/tests/testthat/test-growth.R.
"""

import time

import numpy as np
import pytest

import twinnet

pytestmark = pytest.mark.filterwarnings("ignore::twinnet.TrainingWarning")

# mode: (rows, epochs, fit's options)
MODES = {
    "full trace": (1000, 100, {}),
    "every 10th epoch, digests": (1000, 100, {"record_every": 10, "record_outputs": "digest"}),
    "mini-batches of 1": (10, 50, {"batch_size": 1, "seed": 1}),
}


def per_epoch(rows: int, epochs: int, options: dict) -> float:
    """The fastest of 3 fits' seconds of CPU time, per epoch (other processes on the
    machine do not inflate it, as they do elapsed time)."""
    i = np.arange(rows, dtype=float)
    X = np.column_stack([(i * 7 % 101) / 101, (i * 13 % 103) / 103])
    y = (X[:, :1] > X[:, 1:]).astype(float)
    net = twinnet.init_network([2, 10, 1], seed=1)
    best = np.inf
    for _ in range(3):
        start = time.process_time()
        twinnet.fit(net, X, y, epochs=epochs, lr=1e-3, numerics="fast", **options)
        best = min(best, time.process_time() - start)
    return best / epochs


def growth(rows: int, epochs: int, options: dict) -> float:
    """Time per epoch at 8x the epochs over that at the mode's epochs."""
    return per_epoch(rows, 8 * epochs, options) / per_epoch(rows, epochs, options)


@pytest.mark.parametrize("mode", MODES)
def test_fit_time_per_epoch_stays_flat(mode):
    assert growth(*MODES[mode]) < 2
