"""twinnet: one multilayer perceptron, written twice (Python and R), bitwise identical.

The public API mirrors the R package ``twinnet``::

    net = twinnet.init_network([2, 10, 1], seed=42)
    result = twinnet.fit(net, X, y, epochs=1000, lr=0.1)
    twinnet.predict(result.network, X)
"""

from twinnet import bad_inputs, cases, errors, exact, fast, fixtures, plots, rng
from twinnet.backward import Gradients, backward
from twinnet.fit import FitResult, Trace, fit
from twinnet.forward import forward
from twinnet.network import Network, init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.numerics import NUMERICS, numerics_ops
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss
from twinnet.predict import accuracy, predict, predict_labels
from twinnet.update import update
from twinnet.walkthrough import format_walkthrough, walkthrough

__version__ = "0.1.0"

__all__ = [
    # submodules, so that twinnet.cases.run_case and the like work after import twinnet
    "bad_inputs",
    "cases",
    "errors",
    "exact",
    "fast",
    "fixtures",
    "plots",
    "rng",
    "NUMERICS",
    "accuracy",
    "fit_normalizer",
    "normalize",
    "predict_labels",
    "FitResult",
    "Gradients",
    "Network",
    "Trace",
    "backward",
    "fit",
    "forward",
    "init_network",
    "numerics_ops",
    "plot_decision_boundary",
    "plot_drift",
    "plot_loss",
    "predict",
    "update",
    "walkthrough",
    "format_walkthrough",
]
