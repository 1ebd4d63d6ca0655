"""make demo: the article reproduced, in Python and in R, and pictures of it.

1. The article's figures, printed by each language's replay, compared line by line.
2. The loss at the epochs the article prints, from both languages side by
   side, and whether the two runs agree bit for bit at every epoch: exact
   numerics first (they agree), then fast numerics (they drift apart).
3. Plots from both languages (loss curve, decision boundary, drift) in
   docs/site/plots/. Then `make docs` builds the side-by-side page.
"""

import sys
import time
from pathlib import Path

# the harness's bridge to R and its comparisons
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from parity import trace_difference, trace_drift  # noqa: E402
from rbridge import R  # noqa: E402
from twinnet.article import replay_article  # noqa: E402
from twinnet.bitwise import describe  # noqa: E402
from twinnet.cases import run_case, start_case  # noqa: E402
from twinnet.fixtures import fixture_dir  # noqa: E402
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss  # noqa: E402

RUNS = [("toy_article", 100), ("moons_article", 1000)]
PLOTS = Path(__file__).resolve().parents[1] / "docs" / "site" / "plots"
R_REPLAY = """function() {
  lines <- character()
  replay_article(write = function(line) lines <<- c(lines, line))
  lines
}"""
R_PLOTS = """function(out) {
  case <- start_case("moons_article")
  result <- run_case("moons_article")
  c(plot_loss(result, file.path(out, "moons_loss_r.png"), case = case$name,
              loss = case$loss),
    plot_decision_boundary(result, case$X, case$y,
                           file.path(out, "moons_boundary_r.png"),
                           case = case$name, loss = case$loss))
}"""


def article(r: R) -> None:
    print("The article's figures (twinnet article), Python and R:")
    lines = []
    replay_article(write=lines.append)
    same = lines == r.call(R_REPLAY)
    for line in lines:
        print(f"  {line}")
    print(f"  R printed {'the same' if same else 'DIFFERENT'} {len(lines)} lines")


def plots(r: R) -> None:
    PLOTS.mkdir(parents=True, exist_ok=True)
    case, result = start_case("moons_article"), run_case("moons_article")
    context = {"case": case["name"], "loss": case["loss"]}  # for the titles
    written = [plot_loss(result, PLOTS / "moons_loss_python.png", **context)]
    path = PLOTS / "moons_boundary_python.png"
    written.append(plot_decision_boundary(result, case["X"], case["y"], path, **context))
    written += [Path(p) for p in r.call(R_PLOTS, str(PLOTS))]
    fast_py, fast_r = run_case("moons_article", "fast"), r.call("run_case", "moons_article", "fast")
    epochs = [int(e) for e in fast_py.trace.epochs]
    drift = trace_drift(fast_py.trace, fast_r["trace"])["by_epoch"]
    table = {"case": ["moons_article"] * len(epochs), "epoch": epochs, "ulps": drift}
    written.append(plot_drift(table, PLOTS / "moons_drift.png"))
    print("\nPlots (Python, R):")
    for path in written:
        print(f"  {path.relative_to(PLOTS.parents[2])}")


def show(r: R, name: str, every: int, numerics: str) -> None:
    start = time.perf_counter()
    py = run_case(name, numerics)
    rr = r.call("run_case", name, numerics, root=str(fixture_dir()))
    seconds = time.perf_counter() - start
    print(f"\n{name}, numerics = {numerics!r} ({len(py.loss)} epochs, {seconds:.1f} s)")
    print(f"  {'epoch':>6s}  {'Python loss':>22s}  {'R loss':>22s}")
    for epoch in range(0, len(py.loss), every):
        a, b = py.loss[epoch], rr["loss"][epoch]
        mark = "" if a.hex() == float(b).hex() else "   <- differs"
        print(f"  {epoch:6d}  {a:22.17f}  {b:22.17f}{mark}")
    mismatch = trace_difference(py.trace, rr["trace"])
    if mismatch is None:
        print("  parity: IDENTICAL bits in weights, biases, outputs and loss at every epoch")
    else:
        print(f"  parity: DIFFERENT from {describe(mismatch, 'Python', 'R')}")


def main() -> None:
    r = R()
    article(r)
    for numerics in ("exact", "fast"):
        for name, every in RUNS:
            show(r, name, every, numerics)
    plots(r)
    print("\nNext: `make docs` builds the side-by-side page (docs/site/index.html);")
    print("`.venv/bin/twinnet --help` lists the command line's jobs.")


if __name__ == "__main__":
    main()
