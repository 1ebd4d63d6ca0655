"""twinnet: one multilayer perceptron, written twice (Python and R), bitwise identical.

The public API mirrors the R package ``twinnet``::

    net = twinnet.init_network([2, 10, 1], seed=42)
    result = twinnet.fit(net, X, y, epochs=1000, lr=0.1)
    twinnet.predict(result.network, X)
"""

from twinnet import (
    article,
    bitwise,
    cases,
    datasets,
    errors,
    exact,
    fast,
    fixtures,
    plots,
    rng,
    traces,
)
from twinnet.article import replay_article
from twinnet.backward import Gradients, backward
from twinnet.cases import run_case, start_case, walkthrough_case
from twinnet.compare import compare
from twinnet.fit import FitResult, Trace, TrainingWarning, fit, output_digest
from twinnet.fixtures import case_names, read_case, read_dataset
from twinnet.forward import forward
from twinnet.loss import loss_value
from twinnet.network import Network, init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.numerics import NUMERICS, numerics_ops
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss
from twinnet.predict import accuracy, predict, predict_labels
from twinnet.rng import rng_shuffle, rng_state, rng_uniform
from twinnet.traces import epoch_drift, first_difference, load_trace, save_trace
from twinnet.update import update
from twinnet.walkthrough import format_walkthrough, walkthrough

__version__ = "0.1.0"

# The estimators need scikit-learn, an optional extra: imported on first use.
_ESTIMATORS = ("TwinnetClassifier", "TwinnetRegressor")


def __getattr__(name: str):
    if name in _ESTIMATORS:
        try:
            from twinnet import estimators
        except ModuleNotFoundError as err:
            raise ImportError(f"twinnet.{name} needs scikit-learn: "
                              "pip install twinnet[sklearn]") from err  # fmt: skip
        return getattr(estimators, name)
    raise AttributeError(f"module 'twinnet' has no attribute {name!r}")


__all__ = [
    # submodules, so that twinnet.cases.run_case and the like work after import twinnet
    "article",
    "bitwise",
    "cases",
    "errors",
    "exact",
    "fast",
    "fixtures",
    "plots",
    "rng",
    "traces",
    "datasets",
    "TwinnetClassifier",
    "TwinnetRegressor",
    "TrainingWarning",
    "compare",
    "output_digest",
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
    # the shared cases, traces, the generator and the article (R exports these too)
    "case_names",
    "read_case",
    "read_dataset",
    "run_case",
    "start_case",
    "walkthrough_case",
    "save_trace",
    "load_trace",
    "first_difference",
    "epoch_drift",
    "rng_state",
    "rng_uniform",
    "rng_shuffle",
    "replay_article",
    "loss_value",
]
