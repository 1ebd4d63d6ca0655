import numpy as np
import pytest


@pytest.fixture
def rng():
    """numpy's generator, for test inputs only (never for the model)."""
    return np.random.default_rng(20261129)
