"""Running a shared case: the network it starts from, trained as it says.

Twin: ``r/R/cases.R``.
"""

from twinnet.fit import FitResult, fit
from twinnet.fixtures import fixture_dir, read_case
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize


def run_case(name: str, numerics: str = "exact", record_every: int = 1, root=None) -> FitResult:
    """Train the network of fixture case ``name``; return what :func:`fit` returns."""
    case = read_case(name, root or fixture_dir())
    X = case["X"]
    if case.get("normalize"):
        X = normalize(fit_normalizer(X, case["normalize"]), X)
    network = init_network(
        case["sizes"],
        weights=case["weights"],
        biases=case["biases"],
        bias=bool(case["bias"]),
        activations=case.get("activations", "sigmoid"),
    )
    return fit(
        network,
        X,
        case["y"],
        epochs=case["epochs"],
        lr=case["lr"],
        numerics=numerics,
        record_every=record_every,
        loss=case.get("loss", "squared_error"),
        batch_size=case.get("batch_size"),
        shuffle=case.get("shuffle", True),
        seed=case.get("seed"),
    )
