"""The command line's options: argparse, with one-line errors that suggest a name.

Twin: the option tables at the top of ``r/R/cli.R`` (read there by
optparse). Both accept ``--epochs 3`` and ``--epochs=3``, no abbreviations,
and the same limits: whole numbers up to 2^31 - 1, R's largest integer.
"""

import argparse
import difflib
import math
import re

from twinnet.loss import LOSSES
from twinnet.numerics import NUMERICS

INT_MAX = 2**31 - 1
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
NORMALIZERS = ("standardize", "minmax", "global_minmax", "none")
CHOICE = re.compile(r"invalid choice: '(.*)' \(choose from (.*)\)$")


class Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line, the nearest valid name, and exit status 2."""

    def error(self, message):  # noqa: D102
        found = CHOICE.search(message)
        if found:
            choices = [c.strip(" '") for c in found.group(2).split(",")]
            near = difflib.get_close_matches(found.group(1), choices, n=1)
            message += f" (did you mean {near[0]!r}?)" if near else ""
        self.exit(2, f"twinnet: error: {message} (see {self.prog} --help)\n")


def parser(jobs: dict) -> argparse.ArgumentParser:
    """The parser of every job in ``jobs`` (name -> function; its docstring is its help)."""
    top = Parser(
        prog="twinnet", description="The twinnet command line: jobs in Python and R.",
        allow_abbrev=False,
    )  # fmt: skip
    subs = top.add_subparsers(title="jobs", metavar="JOB", required=True, parser_class=Parser)
    add = _job_adder(subs, jobs)
    add("cases")
    run = add("run", case="optional", lang=("python", "r", "both"))
    _training_options(run)
    run.add_argument("--every", type=count, help="print the error every N epochs")
    run.add_argument(
        "--save", metavar="PATH",
        help="write the trace as JSON (hex floats); with --lang both, two files: "
        "PATH less .json, then .python.json and .r.json",
    )  # fmt: skip
    run.add_argument("--quiet", action="store_true", help="print nothing while training")
    parity = add("parity")
    parity.add_argument("cases", nargs="*", metavar="CASE", help="cases (default: all)")
    _training_options(parity)
    walk = add("walkthrough", case="toy_article_demo", lang=("python", "r"))
    walk.add_argument("--digits", type=digits, default=5, help="decimals, 1 to 15 (default: 5)")
    plots = add("plots", case="required", lang=("python", "r"))
    plots.add_argument(
        "--out", default="twinnet-plots", help="folder, made if missing (default: twinnet-plots)"
    )
    plots.add_argument("--drift", action="store_true", help="also run fast mode in both languages")
    add("article", lang=("python", "r"))
    return top


def _job_adder(subs, jobs: dict):
    def add(name, case=None, lang=None):
        job = jobs[name]
        sub = subs.add_parser(
            name, help=job.__doc__.splitlines()[0], description=job.__doc__, allow_abbrev=False
        )
        sub.set_defaults(job=job, case=None)
        if case == "required":
            sub.add_argument("case", metavar="CASE", help="a shared case (twinnet cases)")
        elif case:
            default = None if case == "optional" else case
            shown = default or "none: give --data"
            sub.add_argument("case", metavar="CASE", nargs="?", default=default,
                             help=f"a shared case (default: {shown})")  # fmt: skip
        if lang:
            sub.add_argument("--lang", choices=lang, default="python", help="(default: python)")
        if name != "cases":
            sub.add_argument("--numerics", choices=NUMERICS, default="exact")
        return sub

    return add


def _training_options(sub) -> None:
    """--epochs, and a user's CSV file with the network to train on it."""
    sub.add_argument("--epochs", type=count, help="train this many epochs (default: the "
                     "case's; 200 for --data)")  # fmt: skip
    sub.add_argument("--data", metavar="FILE.csv", help="train on this CSV file (with a header)")
    sub.add_argument("--target", metavar="COLUMN", help="--data's column to predict")
    sub.add_argument("--hidden", type=sizes, default=[5], metavar="N[,N...]",
                     help="hidden layer sizes (default: 5)")  # fmt: skip
    sub.add_argument("--activation", choices=HIDDEN_ACTIVATIONS, default="sigmoid",
                     help="the hidden layers' activation (default: sigmoid)")  # fmt: skip
    sub.add_argument("--loss", choices=LOSSES, help="default: squared_error for a numeric "
                     "target, else the cross-entropy for its classes")  # fmt: skip
    sub.add_argument("--normalize", choices=NORMALIZERS, default="standardize",
                     help="how inputs are scaled (default: standardize)")  # fmt: skip
    sub.add_argument("--lr", type=rate, default=0.1, help="learning rate (default: 0.1)")
    sub.add_argument("--seed", type=seed, default=1, help="the weights' seed (default: 1)")


def count(text: str) -> int:
    """A whole number from 1 to 2^31 - 1."""
    return _whole(text, 1, INT_MAX)


def digits(text: str) -> int:
    """A number of decimals, 1 to 15."""
    return _whole(text, 1, 15)


def seed(text: str) -> int:
    """A seed: a whole number from -(2^31 - 1) to 2^31 - 1."""
    return _whole(text, -INT_MAX, INT_MAX)


def sizes(text: str) -> list[int]:
    """Layer sizes as ``5`` or ``8,4``."""
    return [_whole(word, 1, INT_MAX) for word in text.split(",")]


def rate(text: str) -> float:
    """A positive finite number (decimal, or hex as ``float.hex`` writes it)."""
    try:
        value = float.fromhex(text) if "0x" in text.lower() else float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _whole(text: str, low: int, high: int) -> int:
    if not re.fullmatch(r"-?[0-9]+", text) or not low <= int(text) <= high:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {low} to {high}, got {text!r}"
        )
    return int(text)
