"""A user's CSV file, ready to train: the command line's ``--data FILE --target COLUMN``.

Twin: ``r/R/datafile.R``. Both languages read the file by one rule, make
the same matrices and the same network, so ``run --lang both`` and
``parity`` can compare the traces bit for bit. The rule (README, "CSV
files"):

- UTF-8 text (a byte-order mark is skipped); any other bytes (Latin-1, a
  NUL) are refused, never guessed.
- Fields are split at commas, ``"..."`` quotes (anywhere in a field, as R's
  ``scan()`` reads them; ``""`` inside is a quote); blank lines are
  skipped; spaces and tabs around names and values are dropped; every row
  has as many fields as the header (a quote never closed is refused).
- A first column with an empty name is a row index (pandas' ``to_csv``,
  R's ``write.csv``) and is dropped; so is a last column with an empty name
  and no values (a comma at the end of every line). Any other empty name,
  and a repeated name, is refused.
- Missing values are exactly ``""``, ``"NA"`` and ``"NaN"``; they are
  refused in every column used. Numbers are decimals (``CSV_NUMBER``),
  read correctly rounded; an infinity (``inf``, ``-Infinity`` ...) or a
  number beyond the doubles is refused. No spelling is a boolean:
  ``TRUE``, ``true`` and ``False`` are text (labels, as written).
"""

import math
import re

import numpy as np

from twinnet.errors import ArgumentError, DataTypeError, DataValueError
from twinnet.fit import FitResult, fit
from twinnet.network import init_network
from twinnet.normalize import fit_normalizer, normalize
from twinnet.validate import check_name, check_working_memory, working_what

# the output layer each loss trains through
OUTPUT_ACTIVATION = {
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
}
# the CSV rule: what is missing, a number, an infinity
CSV_NA = ("", "NA", "NaN")
CSV_NUMBER = re.compile(r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?")
CSV_INFINITY = re.compile(r"[+-]?(inf|infinity)", re.IGNORECASE)
# a quoted piece, an unquoted piece, a comma, the end of a line, a quote never closed
CSV_TOKEN = re.compile(r'"((?:[^"]|"")*)"|([^,"\r\n]+)|(,)|(\r\n|\n|\r)|(")')


def read_data(path, target: str) -> dict:
    """Read a CSV file: ``X`` (every column but ``target``), ``y`` and the ``classes``.

    A numeric target is one output column (``classes`` empty). A text
    target's classes are sorted by code point: two classes are one 0/1
    column (the second class is 1), more are one-hot columns.
    """
    columns = read_columns(path)
    check_name(target, list(columns), "--target")
    inputs = [name for name in columns if name != target]
    if not inputs:
        raise ArgumentError(f"--data: {path} has no column besides {target!r}")
    X = np.column_stack([input_column(columns[name], name) for name in inputs])
    y, classes = encode_target(columns[target], target)
    return {"X": X, "y": y, "classes": classes}


def read_columns(path) -> dict:
    """The file's columns by name, each a list of texts, after the header rules."""
    records = split_records(read_text(path))
    if not records:
        raise ArgumentError(f"--data: {path} is empty; expected a header row")
    if len(records) == 1:
        raise ArgumentError(f"--data: {path} has a header and no rows")
    columns = [[row[j].strip(" \t") for row in records[1:]] for j in range(len(records[0]))]
    return named_columns([name.strip(" \t") for name in records[0]], columns)


def read_text(path) -> str:
    """The file's text: UTF-8 (less a byte-order mark), no NUL, or an argument error."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as err:
        raise ArgumentError(f"--data: cannot read {path}: {err.strerror}") from None
    if b"\x00" in raw:
        raise ArgumentError(f"--data: {path} holds a NUL byte; it is not a CSV text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArgumentError(
            f"--data: {path} is not UTF-8 text (Latin-1, for instance); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def split_records(text: str) -> list[list[str]]:
    """Records of fields: split at commas, ``"..."`` quoted, blank lines skipped.

    As R's ``scan()``: a quote opens anywhere in a field (``x"y"z`` is
    ``xyz``), and ``""`` inside quotes is a quote. The header is the first
    record; every row must have as many fields.
    """
    records, fields, field = [], [], []
    for token in CSV_TOKEN.finditer(text + "\n"):
        kind = token.lastindex
        if kind == 5:
            raise ArgumentError("--data: not a CSV file: a quote is not closed")
        if kind in (1, 2):
            field.append(token.group(1).replace('""', '"') if kind == 1 else token.group(2))
        elif kind == 3:
            fields.append("".join(field))
            field = []
        elif fields or field:  # the end of a line that is not blank
            records.append([*fields, "".join(field)])
            fields, field = [], []
    for i, row in enumerate(records[1:], start=1):
        if len(row) != len(records[0]):
            raise ArgumentError(
                f"--data: row {i} has {len(row)} fields; the header has {len(records[0])}"
            )
    return records


def named_columns(names: list[str], columns: list[list[str]]) -> dict:
    """Drop a leading index column and a trailing empty one; refuse empty or repeated names."""
    keep = list(range(len(names)))
    if len(keep) > 1 and names[0] == "":  # a row index (pandas' to_csv, R's write.csv)
        keep = keep[1:]
    if len(keep) > 1 and names[-1] == "" and all(v == "" for v in columns[-1]):
        keep = keep[:-1]  # a comma at the end of every line
    seen = {}
    for j in keep:
        if names[j] == "":
            raise ArgumentError(f"--data: column {j + 1} has no name")
        if names[j] in seen:
            raise ArgumentError(
                f"--data: the column name {names[j]!r} is repeated (columns "
                f"{seen[names[j]] + 1} and {j + 1})"
            )
        seen[names[j]] = j
    return {names[j]: columns[j] for j in keep}


def input_column(values: list[str], name: str) -> np.ndarray:
    """An input column's numbers; text, a missing value or an infinity is refused."""
    numbers = parse_numbers(values, name)
    if numbers is None:
        bad = next(i for i, v in enumerate(values) if is_text(v))
        raise DataTypeError(
            f"--data: column {name!r} is not numeric (row {bad + 1}: {values[bad]!r})"
        )
    return numbers


def parse_numbers(values: list[str], name: str):
    """Decimal numbers, correctly rounded (Python's float); None if one is text.

    A missing value, an infinity or a number beyond the doubles is a value
    error naming the column and the row.
    """
    missing = [i for i, v in enumerate(values) if v in CSV_NA]
    if any(is_text(v) for v in values):
        return None
    if missing:
        raise DataValueError(f"--data: column {name!r} has missing values (row {missing[0] + 1})")
    numbers = np.array([float(v) if is_number(v) else math.inf for v in values])
    if not np.isfinite(numbers).all():
        bad = int(np.argmin(np.isfinite(numbers)))
        raise DataValueError(
            f"--data: column {name!r} holds an infinite value (row {bad + 1}: {values[bad]!r})"
        )
    return numbers


def is_number(text: str) -> bool:
    """A decimal number as the rule writes it (CSV_NUMBER), not an infinity."""
    return CSV_NUMBER.fullmatch(text) is not None


def is_text(text: str) -> bool:
    """Neither a number, nor missing, nor an infinity: text."""
    return not (is_number(text) or text in CSV_NA or CSV_INFINITY.fullmatch(text))


def encode_target(values: list[str], name: str):
    """The target as y: numbers as one column, else its labels' classes (0/1 or one-hot)."""
    numbers = parse_numbers(values, name)
    if numbers is not None:
        return numbers.reshape(-1, 1), []
    missing = [i for i, v in enumerate(values) if v in CSV_NA]
    if missing:
        raise DataValueError(f"--target: {name!r} has missing values (row {missing[0] + 1})")
    labels = np.array(values, dtype=object)
    classes = sorted(set(values))
    if len(classes) < 2:
        raise ArgumentError(f"--target: {name!r} has fewer than two classes")
    onehot = (labels[:, None] == np.array(classes, dtype=object)[None, :]).astype(np.float64)
    return (onehot[:, 1:] if len(classes) == 2 else onehot), classes


def default_loss(data: dict) -> str:
    """Squared error for a numeric target, else the cross-entropy for the classes."""
    if not data["classes"]:
        return "squared_error"
    return "binary_cross_entropy" if len(data["classes"]) == 2 else "categorical_cross_entropy"


def fit_data(data: dict, options: dict, progress=None) -> FitResult:
    """Normalise, build the network and train it, as ``options`` say.

    ``options``: hidden (list of sizes), activation, loss (None: the
    default for the target), normalize ("none" keeps the data), lr,
    epochs, seed, numerics.
    """
    X = data["X"]
    if options["normalize"] != "none":
        X = normalize(fit_normalizer(X, options["normalize"]), X)
    loss = options["loss"] or default_loss(data)
    output = OUTPUT_ACTIVATION.get(loss, "sigmoid" if data["classes"] else "identity")
    hidden = options["hidden"]
    sizes = [X.shape[1], *hidden, data["y"].shape[1]]
    # before the weights are drawn: a layer too wide for the rows is refused at once
    check_working_memory(sizes, X.shape[0], working_what(sizes, X.shape[0], "--hidden", "--data"))
    network = init_network(
        sizes,
        seed=options["seed"],
        activations=[options["activation"]] * len(hidden) + [output],
    )
    return fit(
        network, X, data["y"], epochs=options["epochs"], lr=options["lr"],
        numerics=options["numerics"], loss=loss, progress=progress,
    )  # fmt: skip
