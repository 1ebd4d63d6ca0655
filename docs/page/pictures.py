"""The page's pictures, drawn by both packages.

The moons case's loss curve and decision boundary from Python and from R,
and how far fast mode drifts.

R runs as an ``Rscript`` child process (the package installed by ``make
setup`` in .venv/r-lib, unless R_LIBS says otherwise) while Python draws.
"""

import html
import os
import subprocess
import tempfile
from pathlib import Path

from twinnet.cases import run_case, start_case
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss
from twinnet.traces import epoch_drift, load_trace, save_trace

ROOT = Path(__file__).resolve().parents[2]
CASE = "moons_article"
# the fast runs are recorded every 10th epoch: 500 points on the drift line
EVERY = 10
R_DRAW = """
library(twinnet)
args <- commandArgs(trailingOnly = TRUE)
case <- start_case(args[1])
result <- run_case(args[1])
plot_loss(result, file.path(args[2], paste0(args[1], "_loss_r.png")),
          case = args[1], loss = case$loss)
plot_decision_boundary(result, case$X, case$y,
                       file.path(args[2], paste0(args[1], "_boundary_r.png")),
                       case = args[1], loss = case$loss)
save_trace(run_case(args[1], "fast", record_every = as.integer(args[4])),
           args[3], case = args[1], language = "r")
"""
CAPTIONS = {
    "loss_python": "The loss at every epoch, drawn by Python (matplotlib).",
    "loss_r": "The same run in R, drawn by R's own graphics: the same numbers, to the bit.",
    "boundary_python": "The trained network's output over the plane (Python): blue 0, red 1, "
    "the black line where it crosses 0.5.",
    "boundary_r": "The same network from R's run: the same weights, the same boundary.",
    "drift": "Fast numerics (BLAS, the system's exp): the largest difference between the "
    "languages' weights, outputs and loss, in units in the last place, at each epoch.",
}


def draw_pictures(folder: Path) -> str:
    """Draw the pictures into ``folder``; return the HTML that shows them."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        r_trace = Path(tmp) / "r.json"
        env = dict(os.environ)
        env.setdefault("R_LIBS", str(ROOT / ".venv" / "r-lib"))
        args = [CASE, str(folder), str(r_trace), str(EVERY)]
        r = subprocess.Popen(  # R draws its pictures while Python draws
            ["Rscript", "-e", R_DRAW, *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        case, result = start_case(CASE), run_case(CASE)
        plot_loss(result, folder / f"{CASE}_loss_python.png", case=CASE, loss=case["loss"])
        path = folder / f"{CASE}_boundary_python.png"
        plot_decision_boundary(result, case["X"], case["y"], path, case=CASE, loss=case["loss"])
        py_trace = Path(tmp) / "python.json"
        save_trace(run_case(CASE, "fast", record_every=EVERY), py_trace, case=CASE)
        output, _ = r.communicate()
        if r.returncode:
            raise SystemExit(f"R could not draw the pictures:\n{output}")
        a, b = load_trace(py_trace), load_trace(r_trace)
    drift = {"case": [CASE] * len(a["epochs"]), "epoch": a["epochs"], "ulps": epoch_drift(a, b)}
    plot_drift(drift, folder / f"{CASE}_drift.png")
    return figures(folder.name)


def figures(folder: str) -> str:
    """One figure per picture, with its caption."""
    out = []
    for name, caption in CAPTIONS.items():
        src = f"{folder}/{CASE}_{name}.png"
        text = html.escape(caption)
        out.append(
            f'<figure class="picture"><img src="{src}" width="800" height="500" alt="{text}">'
            f"<figcaption>{text}</figcaption></figure>"
        )
    return '<div class="pictures">' + "".join(out) + "</div>"
