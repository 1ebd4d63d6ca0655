"""Running a shared case: the network it starts from, trained as it says.

Twin: ``r/R/cases.R``.
"""

from twinnet.fit import FitResult, fit
from twinnet.fixtures import fixture_dir, read_case
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.walkthrough import walkthrough


def run_case(
    name: str,
    numerics: str = "exact",
    record_every: int = 1,
    root=None,
    epochs: int | None = None,
    progress=None,
) -> FitResult:
    """Train the network of fixture case ``name``; return what :func:`fit` returns.

    ``epochs`` replaces the case's number of epochs; ``progress`` is passed
    to :func:`fit`.
    """
    case = start_case(name, root)
    return fit(
        case["network"],
        case["X"],
        case["y"],
        epochs=case["epochs"] if epochs is None else epochs,
        lr=case["lr"],
        numerics=numerics,
        record_every=record_every,
        loss=case.get("loss", "squared_error"),
        batch_size=case.get("batch_size"),
        shuffle=case.get("shuffle", True),
        seed=case.get("seed"),
        progress=progress,
        reduction=case.get("reduction", "sum"),
    )


def walkthrough_case(name: str, numerics: str = "exact", root=None):
    """The first training iteration of case ``name``, as :func:`walkthrough` tables.

    The iteration is full batch whatever the case's ``batch_size``.
    """
    case = start_case(name, root)
    loss = case.get("loss", "squared_error")
    return walkthrough(case["network"], case["X"], case["y"], case["lr"], numerics, loss)


def start_case(name: str, root=None) -> dict:
    """The case as :func:`read_case` reads it, ready to train.

    Its ``network`` is built, and its inputs ``X`` normalised as the case says.
    """
    case = read_case(name, root or fixture_dir())
    if case.get("normalize"):
        case["X"] = normalize(fit_normalizer(case["X"], case["normalize"]), case["X"])
    case["network"] = init_network(
        case["sizes"],
        weights=case["weights"],
        biases=case["biases"],
        bias=bool(case["bias"]),
        activations=case.get("activations", "sigmoid"),
    )
    return case
