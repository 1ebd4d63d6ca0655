"""Write shared_fixtures/bad_cli.json: the command line's table of bad inputs.

Each row: an id, the option it exercises (``JOB``, ``CASE`` or ``--name``),
the words after the program name, where standard output goes, the exit
status both command lines must give, and words their one error line must
hold. The harness (tests/test_cli_both.py) runs every row against
``twinnet`` and ``Rscript -e 'twinnet::cli_main()'``. Words in braces are
filled in there: ``{tmp}`` a fresh folder, ``{file}`` a file in it,
``{csv}`` a small CSV file (columns a, b, label, word), ``{binary}`` a file
that is not text, ``{data}`` a file holding the row's ``data`` (hex bytes).
Run by `make fixtures`.
"""

import json
from pathlib import Path

from twinnet.fixtures import write_atomic

CLOSED, FULL = "closed", "full"  # stdout: a pipe closed by its reader, /dev/full
TRAIN = ["--data", "{csv}", "--target", "label", "--epochs", "3"]


def row(id_, option, argv, words, status=2, stdout="pipe"):
    return {"id": id_, "option": option, "argv": argv, "stdout": stdout, "status": status,
            "stderr": words}  # fmt: skip


def training_rows(job: str, case: list[str]) -> list[dict]:
    """The options that `run` and `parity` share: --epochs and a CSV file's network."""
    j = f"{job}-"
    return [
        row(j + "epochs-zero", "--epochs", [job, *case, "--epochs", "0"], ["--epochs", "from 1 to 2147483647"]),
        row(j + "epochs-fraction", "--epochs", [job, *case, "--epochs=2.5"], ["--epochs", "'2.5'"]),
        row(j + "epochs-out-of-range", "--epochs", [job, *case, "--epochs", "99999999999"], ["from 1 to 2147483647", "'99999999999'"]),
        row(j + "epochs-negative", "--epochs", [job, *case, "--epochs", "-3"], ["--epochs"]),
        row(j + "epochs-no-value", "--epochs", [job, *case, "--epochs"], ["epochs"]),
        row(j + "data-missing-file", "--data", [job, "--data", "{tmp}/none.csv", "--target", "y"], ["--data: cannot read", "none.csv"]),
        row(j + "data-not-text", "--data", [job, "--data", "{binary}", "--target", "y"], ["--data"]),
        row(j + "data-text-column", "--data", [job, "--data", "{csv}", "--target", "a"], ["--data: column 'label' is not numeric"]),
        row(j + "data-and-case", "--data", [job, "xor", *TRAIN], ["not both"]),
        row(j + "target-missing", "--target", [job, "--data", "{csv}", "--epochs", "3"], ["--data needs --target COLUMN"]),
        row(j + "target-misspelt", "--target", [job, "--data", "{csv}", "--target", "lable"], ["--target must be one of", "did you mean 'label'?"]),
        row(j + "hidden-zero", "--hidden", [job, *TRAIN, "--hidden", "0"], ["--hidden", "'0'"]),
        row(j + "hidden-not-a-list", "--hidden", [job, *TRAIN, "--hidden", "5,x"], ["--hidden", "'x'"]),
        row(j + "activation-softmax", "--activation", [job, *TRAIN, "--activation", "softmax"], ["--activation", "'softmax'"]),
        row(j + "activation-misspelt", "--activation", [job, *TRAIN, "--activation", "tanhh"], ["did you mean 'tanh'?"]),
        row(j + "loss-misspelt", "--loss", [job, *TRAIN, "--loss", "squared_eror"], ["did you mean 'squared_error'?"]),
        row(j + "normalize-misspelt", "--normalize", [job, *TRAIN, "--normalize", "minmx"], ["did you mean 'minmax'?"]),
        row(j + "lr-zero", "--lr", [job, *TRAIN, "--lr", "0"], ["--lr", "expected a positive number, got '0'"]),
        row(j + "lr-negative", "--lr", [job, *TRAIN, "--lr", "-0.5"], ["--lr", "'-0.5'"]),
        row(j + "lr-infinite", "--lr", [job, *TRAIN, "--lr=inf"], ["--lr", "'inf'"]),
        row(j + "lr-text", "--lr", [job, *TRAIN, "--lr", "fast"], ["--lr", "'fast'"]),
        row(j + "seed-fraction", "--seed", [job, *TRAIN, "--seed", "1.5"], ["--seed", "'1.5'"]),
        row(j + "seed-out-of-range", "--seed", [job, *TRAIN, "--seed=-99999999999"], ["--seed", "'-99999999999'"]),
        row(j + "numerics-misspelt", "--numerics", [job, *case, "--numerics", "exactly"], ["--numerics", "'exactly'"]),
        row(j + "unknown-option", "--speed", [job, *case, "--speed", "3"], ["--speed"]),
    ]  # fmt: skip


ROWS = [
    row("no-job", "JOB", [], ["JOB"]),
    row("job-unknown", "JOB", ["jump"], ["'jump'"]),
    row("job-misspelt", "JOB", ["parit"], ["did you mean 'parity'?"]),
    row("cases-extra-option", "--lang", ["cases", "--lang", "r"], ["--lang"]),
    # run
    row("run-no-case", "CASE", ["run"], ["expected a CASE"]),
    row("run-case-misspelt", "CASE", ["run", "toy_artcle"], ["case must be one of", "did you mean 'toy_article'?"]),
    row("run-lang-unknown", "--lang", ["run", "xor", "--lang", "perl"], ["--lang", "'perl'"]),
    row("run-lang-misspelt", "--lang", ["run", "xor", "--lang", "bth"], ["did you mean 'both'?"]),
    row("run-every-zero", "--every", ["run", "xor", "--every", "0"], ["--every", "from 1 to 2147483647"]),
    row("run-quiet-with-value", "--quiet", ["run", "xor", "--quiet=yes"], ["quiet"]),
    row("run-save-missing-folder", "--save", ["run", "xor", "--epochs", "2", "--save", "{tmp}/no/t.json"], ["--save: the folder", "does not exist"]),
    row("run-save-onto-folder", "--save", ["run", "xor", "--epochs", "2", "--save", "{tmp}"], ["--save", "is a folder"]),
    row("run-save-full-disk", "--save", ["run", "xor", "--epochs", "2", "--quiet", "--save", "/dev/full"], ["--save: cannot write /dev/full: No space left on device"]),
    row("run-both-save-missing-folder", "--save", ["run", "xor", "--lang", "both", "--save", "{tmp}/no/t.json"], ["--save: the folder", "does not exist"]),
    row("run-stdout-full", "stdout", ["run", "xor", "--epochs", "3"], ["cannot write to standard output: No space left on device"], stdout=FULL),
    row("run-stdout-closed", "stdout", ["run", "xor", "--epochs", "3"], [], status=141, stdout=CLOSED),
    *training_rows("run", ["xor"]),
    # parity
    row("parity-case-misspelt", "CASE", ["parity", "xr"], ["did you mean 'xor'?"]),
    *training_rows("parity", ["xor"]),
    # walkthrough
    row("walkthrough-case-misspelt", "CASE", ["walkthrough", "toy_simpel"], ["did you mean 'toy_simple'?"]),
    row("walkthrough-two-cases", "CASE", ["walkthrough", "xor", "m01"], []),
    row("walkthrough-lang-both", "--lang", ["walkthrough", "--lang", "both"], ["--lang", "'both'"]),
    row("walkthrough-numerics-misspelt", "--numerics", ["walkthrough", "--numerics", "fst"], ["did you mean 'fast'?"]),
    row("walkthrough-digits-zero", "--digits", ["walkthrough", "--digits", "0"], ["--digits", "from 1 to 15"]),
    row("walkthrough-digits-too-many", "--digits", ["walkthrough", "--digits", "16"], ["--digits", "from 1 to 15"]),
    row("walkthrough-digits-text", "--digits", ["walkthrough", "--digits", "five"], ["--digits", "'five'"]),
    row("walkthrough-stdout-full", "stdout", ["walkthrough"], ["cannot write to standard output: No space left on device"], stdout=FULL),
    row("walkthrough-stdout-closed", "stdout", ["walkthrough"], [], status=141, stdout=CLOSED),
    # plots
    row("plots-no-case", "CASE", ["plots"], ["CASE"]),
    row("plots-case-misspelt", "CASE", ["plots", "xorr", "--out", "{tmp}"], ["did you mean 'xor'?"]),
    row("plots-out-onto-file", "--out", ["plots", "xor", "--out", "{file}"], ["--out", "is a file; give a folder"]),
    row("plots-lang-both", "--lang", ["plots", "xor", "--lang", "both"], ["--lang", "'both'"]),
    row("plots-numerics-unknown", "--numerics", ["plots", "xor", "--numerics", "slow"], ["--numerics", "'slow'"]),
    row("plots-drift-with-value", "--drift", ["plots", "xor", "--drift=yes"], ["drift"]),
    # article and cases
    row("article-lang-unknown", "--lang", ["article", "--lang", "perl"], ["--lang", "'perl'"]),
    row("article-numerics-misspelt", "--numerics", ["article", "--numerics", "exactt"], ["did you mean 'exact'?"]),
    row("cases-stdout-full", "stdout", ["cases"], ["cannot write to standard output: No space left on device"], stdout=FULL),
    row("cases-stdout-closed", "stdout", ["cases"], [], status=141, stdout=CLOSED),
]  # fmt: skip


# round three: compare, memory, CSV readers
# (each row's file travels in the table as hex bytes; the harness writes it as {data})
def data_row(id_, option, text, argv, words):
    raw = text if isinstance(text, bytes) else text.encode()
    return dict(row(id_, option, argv, words), data=raw.hex())


def csv_rows(job: str) -> list[dict]:
    """Files that break the CSV rule (README, "CSV files"), and a layer too wide to train."""
    j, data = f"{job}-", [job, "--data", "{data}", "--target", "y", "--epochs", "3"]
    many = "a,b,y\n" + "".join(f"{i % 7},{i % 3},{i % 2}\n" for i in range(200))
    return [
        data_row(j + "data-latin-1", "--data", b"a,b,y\n1,2,caf\xe9\n3,4,the\n", data, ["--data", "is not UTF-8 text"]),
        data_row(j + "data-nul-byte", "--data", b"a,b,y\n1,2\x00,0\n", data, ["--data", "NUL byte"]),
        data_row(j + "data-repeated-name", "--data", "a,a,y\n1,2,0\n3,4,1\n", data, ["the column name 'a' is repeated (columns 1 and 2)"]),
        data_row(j + "data-empty-name", "--data", "a,,y\n1,2,0\n3,4,1\n", data, ["--data: column 2 has no name"]),
        data_row(j + "data-row-too-long", "--data", "a,b,y\n1,2,0\n3,4,1,5\n", data, ["--data: row 2 has 4 fields; the header has 3"]),
        data_row(j + "data-missing-input", "--data", "a,b,y\n1,NA,0\n3,4,1\n", data, ["--data: column 'b' has missing values (row 1)"]),
        data_row(j + "data-nan-is-text", "--data", "a,b,y\n1,nan,0\n3,4,1\n", data, ["--data: column 'b' is not numeric (row 1: 'nan')"]),
        data_row(j + "data-infinite-target", "--data", "a,b,y\n1,2,0.5\n3,4,inf\n", data, ["--data: column 'y' holds an infinite value (row 2: 'inf')"]),
        data_row(j + "data-missing-label", "--data", "a,b,y\n1,2,yes\n3,4,\n5,6,no\n", data, ["--target: 'y' has missing values (row 2)"]),
        data_row(j + "data-boolean-input", "--data", "a,b,y\nTRUE,2,0\nFALSE,4,1\n", data, ["--data: column 'a' is not numeric"]),
        data_row(j + "hidden-million-units", "--hidden", many, [*data, "--hidden", "1000000"], ["--hidden (1000000 units in its widest layer) on --data (200 rows) asks for", "GiB"]),
        data_row(j + "hidden-too-wide", "--hidden", "a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n", [*data, "--hidden", "100000000"], ["--hidden (100000000 units in its widest layer) on --data (4 rows)", "GiB"]),
    ]  # fmt: skip


ROWS += [*csv_rows("run"), *csv_rows("parity")]


def main() -> None:
    """Write the table next to this script."""
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)), "row ids must be unique"
    document = {
        "format": "twinnet-bad-cli/1",
        "description": "Bad command lines and I/O failures, and what both command lines "
        "must answer: the exit status and words of their one error line.",
        "cases": ROWS,
    }
    path = Path(__file__).with_name("bad_cli.json")
    write_atomic(path, json.dumps(document, indent=1) + "\n")
    print(f"wrote {path}: {len(ROWS)} rows")


if __name__ == "__main__":
    main()
