"""The command line: ``twinnet JOB ...``, or ``python -m twinnet JOB ...``.

Twin: ``r/R/cli.R`` (``Rscript -e 'twinnet::cli_main()' JOB ...``). Each
job is one function here and one in R. A job in the other language runs as
a child process (``Rscript`` from Python, ``python -m twinnet`` from R);
traces cross as files of hex floats. Exit statuses, the same in both: 0
done, 1 a parity failure, 2 a user's mistake or a file that cannot be
written (one ``twinnet: error: ...`` line on stderr, never a traceback),
130 interrupted, 141 the reader of the output went away (``| head -1``).
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from twinnet.article import replay_article
from twinnet.bitwise import describe
from twinnet.cases import run_case, start_case, walkthrough_case
from twinnet.cli_options import parser
from twinnet.cli_output import (
    Progress,
    check_output_file,
    check_output_folder,
    drop_stdout,
    fail,
    save_output,
)
from twinnet.datafile import fit_data, read_data
from twinnet.errors import ArgumentError, TwinnetError
from twinnet.fixtures import case_names, read_case, trace_digest
from twinnet.plots import plot_decision_boundary, plot_drift, plot_loss
from twinnet.traces import epoch_drift, first_difference, load_trace, save_trace
from twinnet.validate import check_name
from twinnet.walkthrough import format_walkthrough

R_COMMAND = ["Rscript", "-e", "twinnet::cli_main()"]
BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell shows for `yes | head -1`


def main(argv: list[str] | None = None) -> int:
    """Run one job; return the exit status."""
    args = parser(JOBS).parse_args(argv)
    try:
        status = args.job(args)
        sys.stdout.flush()  # a full disk shows here, not at exit
        return status
    except (TwinnetError, ImportError) as err:  # ImportError: matplotlib, for the plots
        return fail(str(err))
    except MemoryError:  # past the estimate of validate.check_working_memory
        return fail("out of memory: try fewer rows, a smaller --hidden or fewer --epochs")
    except BrokenPipeError:
        drop_stdout()
        return BROKEN_PIPE
    except OSError as err:
        drop_stdout()
        return fail(f"cannot write to standard output: {err.strerror}")
    except KeyboardInterrupt:
        print("twinnet: interrupted", file=sys.stderr)
        return 130


def cases_job(args) -> int:
    """List the shared cases, one per line with its description."""
    for name in case_names():
        print(f"{name:18s} {read_case(name).get('description', '')}")
    return 0


def run_job(args) -> int:
    """Train a case (or a CSV file) in Python, in R, or in both and compare."""
    what = _what(args)
    if args.lang == "r":
        return run_r(["run", *what_options(args), *_run_options(args)])
    if args.lang == "both":
        return run_both(args)
    if args.save:
        check_output_file(args.save, "--save")
    start = time.perf_counter()
    result = train(args, None if args.quiet else Progress(_epochs(args), args.every))
    if args.save:
        save_output(result, args.save, what)
    if not args.quiet:
        print(_run_summary(what, result, time.perf_counter() - start))
    return 0


def train(args, progress=None):
    """Train what the options name: a shared case, or ``--data FILE --target COLUMN``."""
    try:
        if args.data:
            if args.target is None:
                raise ArgumentError("--data needs --target COLUMN, the column to predict")
            options = dict(vars(args), epochs=_epochs(args))
            return fit_data(read_data(args.data, args.target), options, progress)
        return run_case(args.case, args.numerics, epochs=args.epochs, progress=progress)
    finally:
        if progress:
            progress.done()


def run_both(args) -> int:
    """Run in both languages and compare the traces bit for bit.

    ``--save PATH`` keeps both traces: ``PATH`` less its ``.json``, then
    ``.python.json`` and ``.r.json``.
    """
    saved = both_paths(args.save) if args.save else {}
    for path in saved.values():
        check_output_file(str(path), "--save")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {lang: saved.get(lang, Path(tmp) / f"{lang}.json") for lang in ("python", "r")}
        for lang, path in paths.items():
            print(f"--- {lang} ---", flush=True)
            options = [*what_options(args), *_run_options(args, save=False)]
            status = _run_lang(lang, ["run", *options, "--save", str(path)])
            if status != 0:
                return status
        verdict = compare_line(load_trace(paths["python"]), load_trace(paths["r"]))
    print(f"--- parity ({args.numerics}) ---\n{verdict}")
    return 1 if args.numerics == "exact" and verdict.startswith("differ") else 0


def both_paths(path: str) -> dict[str, Path]:
    """Where ``run --lang both --save PATH`` writes each language's trace."""
    stem = path[:-5] if path.endswith(".json") else path
    return {lang: Path(f"{stem}.{lang}.json") for lang in ("python", "r")}


def parity_job(args) -> int:
    """Run cases (or a CSV file) in both languages; report where the bits first differ."""
    if args.data and args.cases:
        raise ArgumentError("give CASE names or --data, not both")
    names = [check_name(name, case_names(), "case") for name in args.cases]
    names = [args.data] if args.data else names or case_names()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            args.case = None if args.data else name
            py_path, r_path = Path(tmp) / "py.json", Path(tmp) / "r.json"
            save_trace(train(args), py_path, case=name)
            options = [*what_options(args), "--numerics", args.numerics, "--quiet"]
            options += ["--epochs", str(args.epochs)] if args.epochs else []
            if run_r(["run", *options, "--save", str(r_path)]):
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
    check_output_folder(args.out)
    if args.lang == "r":
        options = ["--out", args.out, "--numerics", args.numerics]
        return run_r(["plots", args.case, *options, *(["--drift"] if args.drift else [])])
    out = Path(args.out)
    case, result = start_case(args.case), run_case(args.case, args.numerics)
    named = {"case": args.case, "loss": case["loss"]}  # for the pictures' titles
    written = [plot_loss(result, out / f"{args.case}_loss.png", **named)]
    if case["network"].sizes[0] == 2:
        path = out / f"{args.case}_boundary.png"
        network = result.network
        written.append(plot_decision_boundary(network, case["X"], case["y"], path, **named))
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


JOBS = {
    "cases": cases_job,
    "run": run_job,
    "parity": parity_job,
    "walkthrough": walkthrough_job,
    "plots": plots_job,
    "article": article_job,
}


def compare_line(a: dict, b: dict) -> str:
    """One line: identical at every recorded epoch, or where the bits first differ."""
    found = first_difference(a, b)
    if found is None:
        return f"identical at all {len(a['epochs'])} recorded epochs (sha256 {a['digest'][:12]})"
    return f"differ from {describe(found, 'Python', 'R')}"


def run_r(argv: list[str]) -> int:
    """Run an R job (``Rscript -e 'twinnet::cli_main()'``); return its status."""
    try:
        return subprocess.run(R_COMMAND + argv, check=False).returncode
    except FileNotFoundError:
        raise ArgumentError("Rscript not found: install R and the R package twinnet") from None


def what_options(args) -> list[str]:
    """The words that name what to train: the case, or the CSV file and the network."""
    if not args.data:
        return [args.case]
    words = ["--data", args.data, "--target", args.target or ""]
    words += ["--hidden", ",".join(map(str, args.hidden)), "--activation", args.activation]
    words += ["--loss", args.loss] if args.loss else []
    # the learning rate as hex, so the other language reads the same bits
    return words + ["--normalize", args.normalize, "--lr", args.lr.hex(), "--seed", str(args.seed)]


def _what(args) -> str:
    if args.data is None and args.case is None:
        raise ArgumentError("expected a CASE (see twinnet cases) or --data FILE --target COLUMN")
    if args.data and args.case:
        raise ArgumentError("give a CASE or --data, not both")
    if args.data is not None:
        return Path(args.data).name
    return check_name(args.case, case_names(), "case")


def _epochs(args) -> int:
    return args.epochs or (200 if args.data else read_case(args.case)["epochs"])


def _run_lang(lang: str, argv: list[str]) -> int:
    if lang == "r":
        return run_r(argv)
    return main(argv + ["--lang", "python"])


def _run_options(args, save: bool = True) -> list[str]:
    options = ["--numerics", args.numerics]
    options += ["--epochs", str(args.epochs)] if args.epochs else []
    options += ["--every", str(args.every)] if args.every else []
    options += ["--save", args.save] if args.save and save else []
    return options + (["--quiet"] if args.quiet else [])


def _run_summary(what: str, result, seconds: float) -> str:
    return (
        f"{what}: {len(result.loss)} epochs in {seconds:.2f} s, last loss "
        f"{result.loss[-1]:.5f}, trace sha256 {trace_digest(result.trace)[:12]}"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
