"""Benchmark behind ``make bench``: seconds per training epoch, twinnet and peers.

What it measures: for three cases (the article's 3x4 toy, moons 1000x2 with
sizes [2, 10, 1], and a synthetic 10000x64 case with 128 hidden neurons and
biases) the time of one full-batch epoch of

* twinnet in Python, "fast" and "exact" numerics;
* twinnet in R, both numerics, timed inside ``Rscript tools/bench.R``;
* twinnet in R, both numerics, called from Python through rpy2 (the time
  includes passing the arrays in and the loss and weights back);
* PyTorch (float64, one thread, autograd + SGD), scikit-learn's
  MLPRegressor (plain full-batch SGD) and R's nnet (BFGS, for reference).

How: each figure is the median of 5 timed calls, each of a fixed number of
epochs, divided by the epochs. Warm-up calls pick that number, growing it
from 2 until one call takes at least 0.2 s, aiming at about 0.4 s; slow
columns (exact on the large case) so run only 2 epochs per call. In the
Python process the timed calls take turns (one call of each tool, then
the next round), so the machine's load weighs on every column alike; in
Rscript, twinnet's fast and exact calls take turns the same way.

How to read it: the first table is seconds per epoch, the second divides
each by PyTorch's time on the same case (2.0 = twice as slow as PyTorch),
then come the key ratios (each with issue 12's target and whether it is
met), where one exact epoch of the large case spends its time (each kernel
in both numerics, both languages) and the peak memory of a 10000-epoch
moons fit with a full trace, a thinned one and one that keeps output
digests (record_outputs="digest").
Everything is printed and also written to docs/bench.md. Extras (torch,
scikit-learn, R's nnet) are installed on first use; they are never runtime
dependencies of twinnet.
"""

import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "tools" / "bench-requirements.txt"
OUTPUT = ROOT / "docs" / "bench.md"
THREAD_VARS = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
# unset in this process, kept (as JSON in KEPT_VARS) for Rscript
KERNEL_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
KEPT_VARS = "TWINNET_BENCH_KEPT_ENV"
RUNS, MIN_TIME, TARGET = 5, 0.2, 0.4
MEMORY_EPOCHS = 10000
COLUMNS = {
    "py_fast": "Python fast",
    "py_exact": "Python exact",
    "r_fast": "R fast (Rscript)",
    "r_exact": "R exact (Rscript)",
    "rpy2_fast": "R fast (rpy2)",
    "rpy2_exact": "R exact (rpy2)",
    "torch": "PyTorch",
    "sklearn": "sklearn [1]",
    "nnet": "R nnet [2]",
}
NOTES = f"""\
Each cell: median of {RUNS} calls of `fit` (or the peer's equivalent) after
a warm-up, divided by the epochs per call (last table, at least 2). The
Python-process columns are timed in interleaved rounds (each tool once per
round), and so are R's fast and exact in Rscript, so a busy spell of the
machine slows them alike.
twinnet runs with its default `record_every=1`, so the time includes
filling the trace; the rpy2 columns include converting the arrays into R
and the loss and weights back. PyTorch: float64, `torch.set_num_threads(1)`,
manual forward with `torch.sigmoid`, autograd on `loss = sum((y - o)^2) / 2`
(so the gradient is the summed one) and `torch.optim.SGD(lr)`.

[1] scikit-learn `MLPRegressor(solver="sgd", batch_size=n, momentum=0,
alpha=0, shuffle=False, learning_rate="constant")`: one update per epoch
like twinnet, but its output layer is the identity (regression), it always
has biases, and its loss is divided by n (mean over samples), so the same
lr takes n times smaller steps; only the time per epoch is comparable.

[2] R `nnet::nnet(size=h, linout=FALSE)` optimises with BFGS, always with
biases; the time is per BFGS iteration (which may evaluate the loss and
gradient more than once), for reference only.

[3] nnet converged before the iterations asked for, so it was started
again until they were done; the time includes those restarts, and the
iterations of a converged fit are read from its trace (printed every 10),
so this figure is rough.
"""

KERNEL_NOTE = """\
Median of 5 calls of each kernel on the large case's shapes (delta: 10000 x
128), the split cache cleared before each call (in training X is split
once). R's times come from system.time(), to 1 ms.
"""

R_FIT = """
function(sizes, w1, w2, b1, b2, X, y, epochs, lr, numerics) {
  bias <- !is.null(b1)
  biases <- if (bias) list(b1, b2)
  net <- twinnet::init_network(sizes, weights = list(w1, w2),
                               biases = biases, bias = bias)
  res <- twinnet::fit(net, X, y, epochs = epochs, lr = lr, numerics = numerics)
  list(loss = res$loss, weights = res$network$weights)
}
"""

MEMORY_CHILD = f"""
import sys, tracemalloc
import twinnet
from twinnet.fixtures import read_case
case = read_case("moons_article")
net = twinnet.init_network(case["sizes"], weights=case["weights"], bias=False)
tracemalloc.start()
twinnet.fit(net, case["X"], case["y"], epochs={MEMORY_EPOCHS}, lr=0.1,
            numerics="fast", record_every=int(sys.argv[1]), record_outputs=sys.argv[2])
peak = tracemalloc.get_traced_memory()[1]
status = open("/proc/self/status").read().split("VmHWM:")[1]
print(peak, status.split()[0])
"""


# --- setup -----------------------------------------------------------------


def ensure_environment():
    """Re-run this script with one BLAS thread and R_LIBS set, if needed.

    This process (only) also runs without OPENBLAS_CORETYPE and
    OPENBLAS_L2_SIZE: set, they make numpy's OpenBLAS use an older kernel
    than a user's machine would choose. Rscript gets them back (KEPT_VARS).
    """
    env = dict(os.environ)
    missing = [v for v in THREAD_VARS if env.get(v) != "1"]
    forced = [v for v in KERNEL_VARS if v in env]
    if not missing and not forced and env.get("R_LIBS"):
        return
    env.update(dict.fromkeys(THREAD_VARS, "1"))
    env.setdefault("R_LIBS", str(ROOT / ".venv" / "r-lib"))
    kept = json.loads(env.get(KEPT_VARS, "{}")) | {v: env.pop(v) for v in forced}
    env[KEPT_VARS] = json.dumps(kept)
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


def ensure_extras():
    """Install torch, scikit-learn (pip) and R's nnet (apt) when missing."""
    try:
        import sklearn  # noqa: F401
        import threadpoolctl  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        print("installing", REQUIREMENTS.name, flush=True)
        pip = [sys.executable, "-m", "pip", "install", "-q", "-r"]
        subprocess.run([*pip, str(REQUIREMENTS)], check=True)
    check = ["Rscript", "-e", 'quit(status = !requireNamespace("nnet"))']
    if subprocess.run(check, check=False, capture_output=True).returncode != 0:
        print("installing r-cran-nnet", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
        apt = [*sudo, "apt-get", "install", "-y", "-qq", "r-cran-nnet"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(apt, check=True, env=env, stdout=subprocess.DEVNULL)


# --- cases -----------------------------------------------------------------


def article_case(name, label):
    """A fixture case (the article's toy and moons runs), no biases."""
    from twinnet.fixtures import read_case

    case = read_case(name)
    return {
        "name": name,
        "label": label,
        "sizes": case["sizes"],
        "bias": False,
        "lr": case["lr"],
        "X": case["X"],
        "y": case["y"],
        "weights": case["weights"],
        "biases": None,
    }


def large_case():
    """10000x64 inputs, 128 hidden, 1 output, biases; seeded numpy draws."""
    rng = np.random.default_rng(20240611)
    X = rng.uniform(-1.0, 1.0, (10000, 64))
    y = (X @ rng.normal(size=(64, 1)) > 0).astype(np.float64)
    return {
        "name": "large",
        "label": "large 10000x64, [64, 128, 1], bias",
        "sizes": [64, 128, 1],
        "bias": True,
        "lr": 1e-4,
        "X": X,
        "y": y,
        "weights": [rng.uniform(-0.1, 0.1, s) for s in [(64, 128), (128, 1)]],
        "biases": [rng.uniform(-0.1, 0.1, s) for s in [128, 1]],
    }


def make_cases():
    return [
        article_case("toy_article", "toy 3x4, [4, 3, 1]"),
        article_case("moons_article", "moons 1000x2, [2, 10, 1]"),
        large_case(),
    ]


# --- timing ----------------------------------------------------------------


def elapsed(run, epochs):
    start = time.perf_counter()
    run(epochs)
    return time.perf_counter() - start


def choose_epochs(run):
    """After one warm-up call, grow the epochs from 2 until a call takes MIN_TIME."""
    run(2)
    epochs = 2
    while True:
        seconds = elapsed(run, epochs)
        if seconds >= MIN_TIME:
            return epochs
        grow = int(np.ceil(epochs * TARGET / max(seconds, 1e-6)))
        epochs = min(max(2 * epochs, grow), 10 * epochs)


def twinnet_run(case, numerics):
    import twinnet

    net = twinnet.init_network(
        case["sizes"], weights=case["weights"], biases=case["biases"], bias=case["bias"]
    )

    X, y, lr = case["X"], case["y"], case["lr"]

    def run(epochs):
        twinnet.fit(net, X, y, epochs=epochs, lr=lr, numerics=numerics)

    return run


def rpy2_run(case, numerics):
    """R's fit through rpy2, arrays crossing in and results out every call."""
    import rpy2.robjects as ro
    from rpy2.robjects import default_converter, numpy2ri
    from rpy2.robjects.conversion import localconverter

    converter = default_converter + numpy2ri.converter
    with localconverter(converter):
        ro.r("suppressPackageStartupMessages(library(twinnet))")
        r_fit = ro.r(R_FIT)
    b1, b2 = case["biases"] or (ro.NULL, ro.NULL)
    fixed = (ro.IntVector(case["sizes"]), *case["weights"], b1, b2)

    def run(epochs):
        with localconverter(converter):
            out = r_fit(*fixed, case["X"], case["y"], epochs, case["lr"], numerics)
            return out["loss"], [w for _, w in out["weights"].items()]

    return run


def torch_run(case):
    """Same network in PyTorch: float64, autograd on sum((y - o)^2) / 2, SGD."""
    import torch

    torch.set_num_threads(1)
    X, y = torch.from_numpy(case["X"]), torch.from_numpy(case["y"])
    arrays = case["weights"] + (case["biases"] or [])

    def run(epochs):
        params = [torch.tensor(a, requires_grad=True) for a in arrays]
        optimizer = torch.optim.SGD(params, lr=case["lr"])
        for _ in range(epochs):
            optimizer.zero_grad()
            loss = ((y - torch_forward(params, X)) ** 2).sum() / 2
            loss.backward()
            optimizer.step()

    return run


def torch_forward(params, X):
    import torch

    w1, w2, *biases = params
    b1, b2 = biases or (0.0, 0.0)
    hidden = torch.sigmoid(X @ w1 + b1)
    return torch.sigmoid(hidden @ w2 + b2)


def sklearn_run(case):
    """MLPRegressor as plain full-batch gradient descent, one update per epoch."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPRegressor

    X, y = case["X"], case["y"].ravel()

    def run(epochs):
        model = MLPRegressor(
            hidden_layer_sizes=(case["sizes"][1],),
            activation="logistic",
            solver="sgd",
            batch_size=X.shape[0],
            learning_rate="constant",
            learning_rate_init=case["lr"],
            momentum=0.0,
            nesterovs_momentum=False,
            alpha=0.0,
            shuffle=False,
            max_iter=epochs,
            tol=0.0,
            n_iter_no_change=epochs + 1,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, y)

    return run


def time_python(case):
    runs = {
        "py_fast": twinnet_run(case, "fast"),
        "py_exact": twinnet_run(case, "exact"),
        "rpy2_fast": rpy2_run(case, "fast"),
        "rpy2_exact": rpy2_run(case, "exact"),
        "torch": torch_run(case),
        "sklearn": sklearn_run(case),
    }
    # rounds interleave the tools, so a busy spell of the machine slows all of
    # them alike instead of one column: the ratios are what the targets read
    epochs = {key: choose_epochs(run) for key, run in runs.items()}
    calls = {key: [] for key in runs}
    for _ in range(RUNS):
        for key, run in runs.items():
            calls[key].append(elapsed(run, epochs[key]))
    times = {}
    for key in runs:
        times[key] = {"seconds": statistics.median(calls[key]) / epochs[key], "epochs": epochs[key]}
        shown = fmt_time(times[key]["seconds"])
        print(f"  {case['name']:14} {COLUMNS[key]:18} {shown}", flush=True)
    return times


# --- where the time goes ---------------------------------------------------

KERNELS_R = """
function(X, W1, D, W2, reps) {
  clear <- function() assign("cache", list(), environment(twinnet:::split_cached))
  Z <- X %*% W1
  calls <- list(
    "X @ W1" = function(ops) ops$matmul(X, W1),
    "X.T @ delta" = function(ops) ops$matmul(t(X), D),
    "H @ W2" = function(ops) ops$matmul(Z, W2),
    "col sums of delta" = function(ops) ops$col_sums(D),
    "sigmoid of H" = function(ops) ops$sigmoid(Z)
  )
  one <- function(f, ops) {
    stats::median(vapply(seq_len(reps), function(i) {
      clear()
      system.time(f(ops))[["elapsed"]]
    }, 0))
  }
  exact <- twinnet::numerics_ops("exact")
  fast <- twinnet::numerics_ops("fast")
  lapply(calls, function(f) c(one(f, exact), one(f, fast)))
}
"""


def kernel_lines(case):
    """Each kernel of one large-case epoch, exact and fast, in both languages.

    The split cache is cleared before every call, so the exact times include
    splitting both operands; in training, X's splits are made once.
    """
    import rpy2.robjects as ro
    from rpy2.robjects import default_converter, numpy2ri
    from rpy2.robjects.conversion import localconverter

    from twinnet import exact
    from twinnet.numerics import numerics_ops

    X, W1, W2 = case["X"], case["weights"][0], case["weights"][1]
    D = np.random.default_rng(1).standard_normal((X.shape[0], W1.shape[1])) * 1e-3
    Z = X @ W1
    calls = {
        "X @ W1": lambda ops: ops.matmul(X, W1),
        "X.T @ delta": lambda ops: ops.matmul(X.T, D),
        "H @ W2": lambda ops: ops.matmul(Z, W2),
        "col sums of delta": lambda ops: ops.col_sums(D),
        "sigmoid of H": lambda ops: ops.sigmoid(Z),
    }

    def one(f, ops):
        seconds = []
        for _ in range(RUNS):
            exact._SPLIT_CACHE.clear()
            seconds.append(elapsed(lambda _: f(ops), 1))
        return statistics.median(seconds)

    with localconverter(default_converter + numpy2ri.converter):
        r_times = ro.r(KERNELS_R)(X, W1, D, W2, RUNS)
        r_times = {k: list(v) for k, v in r_times.items()}
    lines = [
        "| kernel | Python exact | Python fast | ratio | R exact | R fast | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, f in calls.items():
        py = one(f, numerics_ops("exact")), one(f, numerics_ops("fast"))
        r = r_times[name]
        cells = [fmt_time(py[0]), fmt_time(py[1]), f"{py[0] / py[1]:.1f}"]
        r_ratio = f"{r[0] / r[1]:.1f}" if r[1] >= 1e-3 else "n/a (fast < 1 ms)"
        cells += [fmt_time(r[0]), fmt_time(r[1]), r_ratio]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


# --- R side (Rscript) ------------------------------------------------------


def write_array(a, path):
    """Little-endian float64, column-major, as bench.R's readBin expects."""
    np.asarray(a, dtype="<f8").T.tofile(path)
    return {"file": str(path), "shape": list(np.shape(a))}


def r_spec(cases, folder):
    spec = {"runs": RUNS, "min_time": MIN_TIME, "target": TARGET, "cases": []}
    for case in cases:
        named = {"X": case["X"], "y": case["y"], "w1": case["weights"][0]}
        named["w2"] = case["weights"][1]
        if case["biases"] is not None:
            named.update(b1=case["biases"][0], b2=case["biases"][1])
        prefix = folder / case["name"]
        arrays = {k: write_array(a, f"{prefix}_{k}.bin") for k, a in named.items()}
        entry = {k: case[k] for k in ("name", "sizes", "bias")}
        spec["cases"].append(dict(entry, lr=float(case["lr"]).hex(), arrays=arrays))
    return spec


def time_rscript(cases):
    """Run tools/bench.R on the same cases; its timings and R's info."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "spec.json").write_text(json.dumps(r_spec(cases, folder)))
        script = str(ROOT / "tools" / "bench.R")
        command = [
            "Rscript",
            script,
            str(folder / "spec.json"),
            str(folder / "out.json"),
        ]
        env = dict(os.environ) | json.loads(os.environ.get(KEPT_VARS, "{}"))
        subprocess.run(command, check=True, env=env)
        return json.loads((folder / "out.json").read_text())


# --- memory ----------------------------------------------------------------


def peak_memory(record_every, record_outputs):
    """tracemalloc peak of fit and the child's peak RSS (VmHWM), in MiB.

    Not ru_maxrss: Linux carries it over from this (large) parent process
    through fork and exec.
    """
    command = [sys.executable, "-c", MEMORY_CHILD, str(record_every), record_outputs]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    traced, rss_kib = out.stdout.split()
    return int(traced) / 2**20, int(rss_kib) / 2**10


def memory_lines():
    lines = []
    for every, outputs in ((1, "full"), (100, "full"), (1, "digest")):
        traced, rss = peak_memory(every, outputs)
        lines.append(
            f"- moons, {MEMORY_EPOCHS} epochs, fast, `record_every={every}`, "
            f'`record_outputs="{outputs}"`: '
            f"peak allocated during fit {traced:.1f} MiB (tracemalloc), "
            f"peak RSS of the process {rss:.1f} MiB (VmHWM)"
        )
    return lines


# --- report ----------------------------------------------------------------


def fmt_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def table(cases, times, cell):
    """A Markdown table, one row per case, one column per timing."""
    lines = [
        "| case | " + " | ".join(COLUMNS.values()) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for case in cases:
        row = times[case["name"]]
        cells = [cell(row, key) for key in COLUMNS]
        lines.append(f"| {case['label']} | " + " | ".join(cells) + " |")
    return lines


def time_cell(row, key):
    restarted = key == "nnet" and row[key].get("restarted")
    return fmt_time(row[key]["seconds"]) + (" [3]" if restarted else "")


def ratio_cell(row, key):
    return f"{row[key]['seconds'] / row['torch']['seconds']:.2f}"


def epochs_cell(row, key):
    return str(row[key]["epochs"])


def key_ratios(times):
    def ratio(case, a, b):
        return times[case][a]["seconds"] / times[case][b]["seconds"]

    moons, large = "moons_article", "large"
    # (what, ratio, the target of issue 12: at most this)
    items = [
        ("Python exact / Python fast, moons", ratio(moons, "py_exact", "py_fast"), 2.0),
        ("Python exact / Python fast, large", ratio(large, "py_exact", "py_fast"), 3.0),
        ("R exact / R fast (Rscript), moons", ratio(moons, "r_exact", "r_fast"), 2.5),
        ("R exact / R fast (Rscript), large", ratio(large, "r_exact", "r_fast"), 3.0),
        ("Python fast / PyTorch, large", ratio(large, "py_fast", "torch"), 1.0),
        ("R fast (Rscript) / Python fast, large", ratio(large, "r_fast", "py_fast"), 1.5),
    ]
    return [
        f"- {name}: {value:.2f} (target: at most {target:.1f}, "
        f"{'met' if value <= target else 'NOT met'})"
        for name, value, target in items
    ]


def cpu_model():
    out = subprocess.run(["lscpu"], check=False, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def blas_info():
    from threadpoolctl import threadpool_info

    found = [
        f"{i['internal_api']} {i.get('version')} ({Path(i['filepath']).name}, "
        f"{i['num_threads']} thread, kernel {i.get('architecture')})"
        for i in threadpool_info()
        if i["user_api"] == "blas"
    ]
    return "; ".join(found) or "not detected"


def kept_vars() -> dict:
    return json.loads(os.environ.get(KEPT_VARS, "{}"))


def rpy2_blas():
    """The BLAS and LAPACK that the R embedded in this process loaded."""
    import rpy2.robjects as ro

    blas, lapack = ro.r("sessionInfo()$BLAS")[0], ro.r("La_library()")[0]
    return f"{blas}; LAPACK: {lapack}"


def header(r_info):
    import sklearn
    import torch

    today = datetime.date.today().isoformat()
    return [
        "# twinnet benchmark: seconds per epoch",
        "",
        f"Written by `make bench` (tools/bench.py, tools/bench.R) on {today}.",
        "",
        f"- machine: {cpu_model()}, {os.cpu_count()} cores, {platform.platform()}",
        (
            f"- Python {platform.python_version()}, numpy {np.__version__}, "
            f"torch {torch.__version__}, scikit-learn {sklearn.__version__}"
        ),
        f"- {r_info['r_version']}, nnet {r_info['nnet_version']}",
        f"- BLAS in the Python process (threadpoolctl): {blas_info()}",
        (
            "- unset in the Python process only (numpy's OpenBLAS picks its own "
            "kernel): " + ", ".join(f"{k}={v}" for k, v in kept_vars().items())
            if kept_vars()
            else "- OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE were not set"
        ),
        f"- R's BLAS (Rscript): {r_info['r_blas']}; LAPACK: {r_info['r_lapack']}",
        f"- R's BLAS (embedded by rpy2 in the Python process): {rpy2_blas()}",
        "- threads: " + ", ".join(f"{v}=1" for v in THREAD_VARS),
    ]


def render(cases, times, r_info, memory, kernels):
    ratio_title = "## Ratio to PyTorch (time / PyTorch time)"
    epochs_title = "## Epochs (iterations) per timed call"
    sections = [
        header(r_info),
        ["## Time per epoch", ""] + table(cases, times, time_cell),
        [ratio_title, ""] + table(cases, times, ratio_cell),
        ["## Key ratios", ""] + key_ratios(times),
        ["## Where an exact epoch of the large case goes", "", KERNEL_NOTE] + kernels,
        ["## Peak memory", ""] + memory,
        ["## Notes", "", NOTES.rstrip()],
        [epochs_title, ""] + table(cases, times, epochs_cell),
    ]
    return "\n\n".join("\n".join(s) for s in sections) + "\n"


def main():
    ensure_environment()
    ensure_extras()
    if shutil.which("Rscript") is None:
        sys.exit("bench: Rscript not found (run `make setup`)")
    cases = make_cases()
    print("timing in Python (twinnet, rpy2, torch, sklearn):", flush=True)
    times = {case["name"]: time_python(case) for case in cases}
    print("timing in Rscript (twinnet, nnet) ...", flush=True)
    r_out = time_rscript(cases)
    for name, r_times in r_out["times"].items():
        times[name].update(r_times)
    print("timing the kernels of the large case ...", flush=True)
    kernels = kernel_lines(cases[-1])
    report = render(cases, times, r_out["info"], memory_lines(), kernels)
    print(report)
    from twinnet.fixtures import write_atomic

    write_atomic(OUTPUT, report)
    print(f"written to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
