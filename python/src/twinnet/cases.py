"""Running a shared case: the network it starts from, trained as it says.

Twin: ``r/R/cases.R``.
"""

from twinnet.fit import FitResult, fit
from twinnet.fixtures import fixture_dir, read_case
from twinnet.network import init_network


def run_case(name: str, numerics: str = "exact", record_every: int = 1, root=None) -> FitResult:
    """Train the network of fixture case ``name``; return what :func:`fit` returns."""
    case = read_case(name, root or fixture_dir())
    network = init_network(
        case["sizes"], weights=case["weights"], biases=case["biases"], bias=bool(case["bias"])
    )
    return fit(
        network,
        case["X"],
        case["y"],
        epochs=case["epochs"],
        lr=case["lr"],
        numerics=numerics,
        record_every=record_every,
    )
