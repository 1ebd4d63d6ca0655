"""The command line: ``twinnet JOB ...``, or ``python -m twinnet JOB ...``.

Twin: ``r/R/cli.R`` (``Rscript -e 'twinnet::cli_main()' JOB ...``). Each
job is one function here and one in R. A job in the other language runs as
a child process (``Rscript`` from Python, ``python -m twinnet`` from R);
traces cross as files of hex floats. A user's mistake ends in one line on
stderr and exit status 2, never a traceback; a parity failure exits with 1.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from twinnet.article import replay_article
from twinnet.cases import run_case, start_case, walkthrough_case
from twinnet.errors import ArgumentError, TwinnetError
from twinnet.fixtures import case_names, read_case, trace_digest
from twinnet.numerics import NUMERICS
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss
from twinnet.traces import epoch_drift, first_difference, load_trace, save_trace
from twinnet.validate import check_name
from twinnet.walkthrough import format_walkthrough

R_COMMAND = ["Rscript", "-e", "twinnet::cli_main()"]


class Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line and exit status 2."""

    def error(self, message):  # noqa: D102
        self.exit(2, f"twinnet: error: {message} (see {self.prog} --help)\n")


def main(argv: list[str] | None = None) -> int:
    """Run one job; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.job(args)
    except TwinnetError as err:
        print(f"twinnet: error: {err}", file=sys.stderr)
        return 2
    except ImportError as err:  # matplotlib, for the plots
        print(f"twinnet: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("twinnet: interrupted", file=sys.stderr)
        return 130


def cases_job(args) -> int:
    """List the shared cases, one per line with its description."""
    for name in case_names():
        print(f"{name:18s} {read_case(name).get('description', '')}")
    return 0


def run_job(args) -> int:
    """Train one case in Python, in R, or in both and compare."""
    check_name(args.case, case_names(), "case")
    if args.lang == "r":
        return run_r(["run", args.case, *_run_options(args)])
    if args.lang == "both":
        return run_both(args)
    epochs = args.epochs or read_case(args.case)["epochs"]
    start = time.perf_counter()
    progress = None if args.quiet else Progress(epochs, args.every)
    result = run_case(args.case, args.numerics, epochs=epochs, progress=progress)
    if args.save:
        save_trace(result, args.save, case=args.case, language="python")
    if not args.quiet:
        progress.done()
        print(_run_summary(args.case, result, time.perf_counter() - start))
    return 0


def run_both(args) -> int:
    """Run the case in both languages and compare their traces bit for bit."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {lang: Path(tmp) / f"{lang}.json" for lang in ("python", "r")}
        for lang, path in paths.items():
            print(f"--- {lang} ---", flush=True)
            options = [o for o in _run_options(args) if o != "--quiet"]
            status = _run_lang(lang, ["run", args.case, *options, "--save", str(path)])
            if status != 0:
                return status
        verdict = compare_line(load_trace(paths["python"]), load_trace(paths["r"]))
    print(f"--- parity ({args.numerics}) ---\n{verdict}")
    return 1 if args.numerics == "exact" and verdict.startswith("differ") else 0


def parity_job(args) -> int:
    """Run cases in both languages; report, per case, where the bits first differ."""
    names = [check_name(name, case_names(), "case") for name in args.cases] or case_names()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            r_path, py_path = Path(tmp) / f"{name}.r.json", Path(tmp) / f"{name}.py.json"
            save_trace(run_case(name, args.numerics), py_path, case=name)
            if run_r(["run", name, "--numerics", args.numerics, "--quiet", "--save", str(r_path)]):
                return 2
            verdict = compare_line(load_trace(py_path), load_trace(r_path))
            failed += verdict.startswith("differ")
            print(f"{name:18s} {verdict}", flush=True)
    print(f"{len(names) - failed} of {len(names)} cases bitwise identical ({args.numerics})")
    return 1 if failed and args.numerics == "exact" else 0


def walkthrough_job(args) -> int:
    """Print one training iteration of a case, every matrix, rounded."""
    check_name(args.case, case_names(), "case")
    if args.lang == "r":
        options = ["--numerics", args.numerics, "--digits", str(args.digits)]
        return run_r(["walkthrough", args.case, *options])
    print(format_walkthrough(walkthrough_case(args.case, args.numerics), args.digits), end="")
    return 0


def plots_job(args) -> int:
    """Draw a case's loss curve, its decision boundary (2 inputs) and, with --drift, the drift."""
    check_name(args.case, case_names(), "case")
    if args.lang == "r":
        options = ["--out", args.out, "--numerics", args.numerics]
        return run_r(["plots", args.case, *options, *(["--drift"] if args.drift else [])])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    case, result = start_case(args.case), run_case(args.case, args.numerics)
    written = [plot_loss(result, out / f"{args.case}_loss.png")]
    if case["network"].sizes[0] == 2:
        path = out / f"{args.case}_boundary.png"
        written.append(plot_decision_boundary(result.network, case["X"], case["y"], path))
    if args.drift:
        written.append(drift_plot(args.case, out / f"{args.case}_drift.png"))
    for path in written:
        print(f"wrote {path}")
    return 0


def drift_plot(case: str, path: Path) -> Path:
    """Run the case in fast mode in both languages; draw how far they drift apart."""
    with tempfile.TemporaryDirectory() as tmp:
        py_path, r_path = Path(tmp) / "python.json", Path(tmp) / "r.json"
        save_trace(run_case(case, "fast"), py_path, case=case)
        if run_r(["run", case, "--numerics", "fast", "--quiet", "--save", str(r_path)]):
            raise ArgumentError(f"R could not run {case}")
        a, b = load_trace(py_path), load_trace(r_path)
    drift = {"case": [case] * len(a["epochs"]), "epoch": a["epochs"], "ulps": epoch_drift(a, b)}
    return plot_drift(drift, path)


def article_job(args) -> int:
    """Replay the article's figures."""
    if args.lang == "r":
        return run_r(["article", "--numerics", args.numerics])
    replay_article(args.numerics)
    return 0


def compare_line(a: dict, b: dict) -> str:
    """One line: identical at every recorded epoch, or where the bits first differ."""
    found = first_difference(a, b)
    if found is None:
        return f"identical at all {len(a['epochs'])} recorded epochs (sha256 {a['digest'][:12]})"
    return (
        f"differ from epoch {found['epoch']}: {found['tensor']}{found['index']} "
        f"Python {float(found['a']).hex()} vs R {float(found['b']).hex()} "
        f"({found['ulps']:.0f} ULPs)"
    )


class Progress:
    """Error lines every ``every`` epochs (the article's), and a bar on a terminal."""

    def __init__(self, epochs: int, every: int | None, stream=sys.stderr):
        self.epochs, self.every = epochs, every or max(1, epochs // 10)
        self.bar = stream if stream.isatty() else None

    def __call__(self, epoch: int, loss: float) -> None:  # noqa: D102
        if epoch % self.every == 0:
            self._clear()
            print(f"Error at epoch {epoch} is {loss:.5f}", flush=True)
        if self.bar and (epoch % max(1, self.epochs // 100) == 0 or epoch == self.epochs - 1):
            done = (epoch + 1) * 30 // self.epochs
            bar = "#" * done + "." * (30 - done)
            self.bar.write(f"\r[{bar}] epoch {epoch + 1}/{self.epochs} loss {loss:.5f}")
            self.bar.flush()

    def done(self) -> None:  # noqa: D102
        self._clear()

    def _clear(self) -> None:
        if self.bar:
            self.bar.write("\r" + " " * 70 + "\r")


def run_r(argv: list[str]) -> int:
    """Run an R job (``Rscript -e 'twinnet::cli_main()'``); return its status."""
    try:
        return subprocess.run(R_COMMAND + argv, check=False).returncode
    except FileNotFoundError:
        raise ArgumentError("Rscript not found: install R and the R package twinnet") from None


def _run_lang(lang: str, argv: list[str]) -> int:
    if lang == "r":
        return run_r(argv)
    return main(argv + ["--lang", "python"])


def _run_options(args) -> list[str]:
    options = ["--numerics", args.numerics]
    options += ["--epochs", str(args.epochs)] if args.epochs else []
    options += ["--every", str(args.every)] if args.every else []
    options += ["--save", args.save] if args.save and args.lang != "both" else []
    return options + (["--quiet"] if args.quiet else [])


def _run_summary(case: str, result, seconds: float) -> str:
    return (
        f"{case}: {len(result.loss)} epochs in {seconds:.2f} s, last loss "
        f"{result.loss[-1]:.5f}, trace sha256 {trace_digest(result.trace)[:12]}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="twinnet", description="The twinnet command line: jobs in Python and R.")
    jobs = parser.add_subparsers(title="jobs", metavar="JOB", required=True, parser_class=Parser)
    add = _job_adder(jobs)
    add("cases", cases_job)
    run = add("run", run_job, case=True, lang=("python", "r", "both"))
    run.add_argument(
        "--epochs", type=_positive, help="train this many epochs (default: the case's)"
    )
    run.add_argument("--every", type=_positive, help="print the error every N epochs")
    run.add_argument("--save", metavar="PATH", help="write the trace as JSON (hex floats)")
    run.add_argument("--quiet", action="store_true", help="print nothing while training")
    parity = add("parity", parity_job)
    parity.add_argument("cases", nargs="*", metavar="CASE", help="cases (default: all)")
    walk = add("walkthrough", walkthrough_job, case="toy_article_demo", lang=("python", "r"))
    walk.add_argument("--digits", type=_positive, default=5, help="decimals (default: 5)")
    plots = add("plots", plots_job, case=True, lang=("python", "r"))
    plots.add_argument("--out", default="twinnet-plots", help="folder (default: twinnet-plots)")
    plots.add_argument("--drift", action="store_true", help="also run fast mode in both languages")
    add("article", article_job, lang=("python", "r"))
    return parser


def _job_adder(jobs):
    def add(name, job, case=None, lang=None):
        sub = jobs.add_parser(name, help=job.__doc__, description=job.__doc__)
        sub.set_defaults(job=job)
        if case is True:
            sub.add_argument("case", metavar="CASE", help="a shared case (twinnet cases)")
        elif case:
            sub.add_argument(
                "case", metavar="CASE", nargs="?", default=case, help=f"(default {case})"
            )
        if lang:
            sub.add_argument("--lang", choices=lang, default="python", help="(default: python)")
        if name != "cases":
            sub.add_argument("--numerics", choices=NUMERICS, default="exact")
        return sub

    return add


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return int(text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
