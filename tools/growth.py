"""make bench's growth table: does the cost per unit of work stay flat as the work grows?

Seconds per epoch at 100, 1000 and 10000 epochs and at 1e3, 1e4 and 1e5 rows,
both languages, both numerics, with the exponent fitted to log time against
log size (1: linear; 2: quadratic). Then every entry point at two sizes, 8x
apart. Python is timed in this process, R in ``Rscript tools/growth.R``,
each with the same probes under the same names on the same data. Writes
docs/growth.md and prints it. Run by ``make bench`` after tools/bench.py.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

import numpy as np

import twinnet

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "growth.md"
EPOCHS, ROWS = (100, 1000, 10000), (1000, 10000, 100000)
TARGET = 1.2  # per-epoch time at 10000 epochs / at 100, at most
# entry points: (probe, what grows, small size); the large size is 8x
AUDIT = [
    ("fit_full", "epochs", 250),
    ("fit_digest_every_10", "epochs", 250),
    ("fit_batch_1", "epochs", 100),
    ("fit_batch_32_mean", "epochs", 250),
    ("front_door", "epochs", 250),
    ("run_case", "epochs", 1000),
    ("trace_save_load", "epochs", 250),
    ("cli_run", "epochs", 2000),
    ("compare", "epochs", 250),
    ("predict", "rows", 10000),
    ("walkthrough", "rows", 10000),
]
PYTHON_ONLY = {"compare"}  # compare() trains in both languages from Python


def probe_data(rows: int):
    """Inputs that need no generator: the same numbers as growth.R's probe_data()."""
    i = np.arange(rows, dtype=float)
    X = np.column_stack([(i * 7 % 101) / 101, (i * 13 % 103) / 103])
    return X, (X[:, :1] > X[:, 1:]).astype(float)


def fit_probe(rows: int, **options):
    """A fit on ``rows`` rows, with fit's own defaults unless ``options`` say otherwise."""
    X, y = probe_data(rows)
    net = twinnet.init_network([2, 10, 1], seed=1)

    def probe(epochs, numerics):
        return lambda: twinnet.fit(net, X, y, epochs=epochs, lr=1e-3, numerics=numerics, **options)

    return probe


def front_door(epochs, numerics):
    from twinnet import TwinnetClassifier

    X, y = probe_data(200)
    model = TwinnetClassifier(epochs=epochs, numerics=numerics)
    return lambda: model.fit(X, y[:, 0] > 0)


def trace_save_load(epochs, numerics):
    result = fit_probe(200)(epochs, numerics)()
    path = Path(tempfile.mkdtemp()) / "trace.json"
    return lambda: (twinnet.save_trace(result, path), twinnet.load_trace(path))


def cli_run(epochs, numerics):
    argv = ["run", "xor", "--numerics", numerics, "--epochs", str(epochs), "--quiet"]
    return lambda: subprocess.run([sys.executable, "-m", "twinnet", *argv], check=True)


def compare(epochs, numerics):
    X, y = probe_data(200)
    net = twinnet.init_network([2, 10, 1], seed=1)
    return lambda: twinnet.compare(net, X, y, epochs=epochs, lr=1e-3, numerics=numerics)


def on_rows(function):
    def probe(rows, numerics):
        X, y = probe_data(rows)
        net = twinnet.init_network([2, 10, 1], seed=1)
        return lambda: function(net, X, y, numerics)

    return probe


PROBES = {
    "fit_full": fit_probe(1000),
    "fit_rows": lambda rows, numerics: fit_probe(rows)(100, numerics),
    "fit_digest_every_10": fit_probe(200, record_every=10, record_outputs="digest"),
    "fit_batch_1": fit_probe(50, batch_size=1, seed=1),
    "fit_batch_32_mean": fit_probe(200, batch_size=32, seed=1, reduction="mean"),
    "front_door": front_door,
    "run_case": lambda epochs, numerics: lambda: twinnet.run_case("xor", numerics, epochs=epochs),
    "trace_save_load": trace_save_load,
    "cli_run": cli_run,
    "compare": compare,
    "predict": on_rows(lambda net, X, y, numerics: twinnet.predict(net, X, numerics=numerics)),
    "walkthrough": on_rows(
        lambda net, X, y, numerics: twinnet.walkthrough(net, X, y, lr=1e-3, numerics=numerics)
    ),
}


def seconds(call, reps: int) -> float:
    """The fastest of ``reps`` runs of ``call``, in seconds."""
    best = math.inf
    for _ in range(reps):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def reps_for(probe: str, size: int) -> int:
    """One run of the long ones, the fastest of three of the others."""
    long = size >= 10000 and probe in ("fit_full", "fit_rows")
    return 1 if long else 3


def plan() -> list[dict]:
    """Every (probe, size, numerics) to time, the same list for both languages."""
    runs = []
    for numerics in ("fast", "exact"):
        runs += [dict(probe="fit_full", size=e, numerics=numerics) for e in EPOCHS]
        runs += [dict(probe="fit_rows", size=n, numerics=numerics) for n in ROWS]
    for probe, _, small in AUDIT:
        runs += [dict(probe=probe, size=s, numerics="fast") for s in (small, 8 * small)]
    return [dict(run, reps=reps_for(run["probe"], run["size"])) for run in runs]


def time_python(runs: list[dict]) -> list[float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "did not improve": lr is tiny on purpose
        return [seconds(PROBES[r["probe"]](r["size"], r["numerics"]), r["reps"]) for r in runs]


def time_r(runs: list[dict]) -> list[float | None]:
    """R's seconds for the same runs (None for the Python-only probes)."""
    ours = [r for r in runs if r["probe"] not in PYTHON_ONLY]
    with tempfile.TemporaryDirectory() as tmp:
        spec, out = Path(tmp) / "spec.json", Path(tmp) / "out.json"
        spec.write_text(json.dumps({"runs": ours}))
        subprocess.run(["Rscript", str(ROOT / "tools" / "growth.R"), spec, out], check=True)
        times = iter(json.loads(out.read_text()))
    return [None if r["probe"] in PYTHON_ONLY else next(times) for r in runs]


def exponent(sizes, secs) -> float:
    """The slope of log seconds against log size (least squares)."""
    return float(np.polyfit(np.log(sizes), np.log(secs), 1)[0])


def fmt(seconds_each: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e3), ("µs", 1e6)):
        value = seconds_each * scale
        if value >= 0.9995 or unit == "µs":
            return f"{value:.3g} {unit}" if value < 999.5 else f"{value:.0f} {unit}"
    raise AssertionError


def growth_rows(times: dict, probe: str, sizes, epochs=None) -> list[str]:
    """One table row per language and numerics: seconds per epoch, the ratio, the exponent.

    ``epochs``: the fixed number of epochs when the rows grow (else the sizes are epochs).
    """
    lines = []
    for lang in ("Python", "R"):
        for numerics in ("fast", "exact"):
            secs = [times[lang, probe, s, numerics] for s in sizes]
            cells = " | ".join(fmt(t / (epochs or s)) for t, s in zip(secs, sizes))
            ratio = (secs[-1] / sizes[-1]) / (secs[0] / sizes[0])
            lines.append(
                f"| {lang} {numerics} | {cells} | {ratio:.2f} | {exponent(sizes, secs):.2f} |"
            )
    return lines


def audit_rows(times: dict) -> list[str]:
    lines = []
    for probe, unit, small in AUDIT:
        cells = []
        for lang in ("Python", "R"):
            t1, t2 = times[lang, probe, small, "fast"], times[lang, probe, 8 * small, "fast"]
            grew = "-" if t1 is None else f"{math.log(t2 / t1, 8):.2f}"
            cells.append("- | - | -" if t1 is None else f"{fmt(t1)} | {fmt(t2)} | {grew}")
        lines.append(f"| `{probe}` | {unit} {small} -> {8 * small} | {' | '.join(cells)} |")
    return lines


def header(columns: list[str]) -> str:
    cells = ["", *columns, "ratio", "exponent"]
    return "| " + " | ".join(cells) + " |\n" + "|---" * len(cells) + "|"


def report(times: dict) -> str:
    per = "time per unit at the largest size / at the smallest"
    return "\n".join(
        [
            "# twinnet benchmark: growth",
            "",
            f"Written by `make bench` (tools/growth.py, tools/growth.R) on {date.today()}.",
            "One network 2-10-1, sigmoid, fit's defaults (every epoch recorded, full",
            "outputs, full batch); the fastest of 3 runs (1 for the 10000-size runs).",
            "Exponent: the slope of log seconds against log size (1 is linear, 2",
            f"quadratic). Ratio: {per}; target for epochs: at most {TARGET}, both languages.",
            "",
            "## Seconds per epoch, 1000 rows",
            "",
            header([f"{e} epochs" for e in EPOCHS]),
            *growth_rows(times, "fit_full", EPOCHS),
            "",
            "## Seconds per epoch, 100 epochs",
            "",
            "Linear in rows: the time per epoch grows 10x a column, exponent 1;",
            "the ratio is per epoch and row.",
            "",
            header([f"{n} rows" for n in ROWS]),
            *growth_rows(times, "fit_rows", ROWS, epochs=100),
            "",
            "## Every entry point, fast numerics, at two sizes 8x apart",
            "",
            "Seconds of one call; exponent from the two (start-up costs pull it below 1).",
            "",
            "| entry point | size | Python small | Python large | exponent "
            "| R small | R large | exponent |",
            "|---" * 8 + "|",
            *audit_rows(times),
            "",
        ]
    )


def main() -> None:
    runs = plan()
    py, rr = time_python(runs), time_r(runs)
    times = {}
    for run, tp, tr in zip(runs, py, rr):
        key = (run["probe"], run["size"], run["numerics"])
        times[("Python", *key)], times[("R", *key)] = tp, tr
    text = report(times)
    OUTPUT.write_text(text)
    print(text)


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
