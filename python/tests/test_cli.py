"""The command line: every job, its help, and one-line errors.

Twin: r/tests/testthat/test-cli.R. Jobs in the other language are tested
by the harness (tests/test_cli_both.py); these run Python alone.
"""

import io
import re
import subprocess
import sys

import pytest

from twinnet.cli import Progress, main

JOBS = ["cases", "run", "parity", "walkthrough", "plots", "article"]


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_run_prints_the_articles_error_lines(capsys):
    status, out, err = run(capsys, "run", "toy_article", "--every", "100")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Error at epoch 0 is 0.11553"
    assert lines[9] == "Error at epoch 900 is 0.01190"
    assert lines[10].startswith("toy_article: 1000 epochs in ")
    assert "trace sha256 0ae9dbe95afd" in lines[10]
    assert err == ""  # no bar: stderr is not a terminal here


def test_run_saves_a_trace(capsys, tmp_path):
    path = tmp_path / "t.json"
    status, out, _ = run(capsys, "run", "xor", "--epochs", "7", "--quiet", "--save", str(path))
    assert (status, out) == (0, "")
    assert path.read_text().startswith('{"format": "twinnet-trace/1"')


def test_walkthrough_and_cases(capsys):
    status, out, _ = run(capsys, "walkthrough", "--digits", "3")
    assert status == 0
    assert "output = sigmoid(output_layer_input)\n       o1\ns1  0.683\n" in out
    status, out, _ = run(capsys, "cases")
    assert status == 0 and out.splitlines()[0].startswith("blobs ")


def test_article(capsys):
    status, out, _ = run(capsys, "article", "--numerics", "fast")
    assert status == 0
    assert out.splitlines()[0] == "untrained error per sample: 0.05013458 0.03727248 0.25388062"
    assert "Error at epoch 5000 is 0.02163" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["run", "toy_artcle"], "did you mean 'toy_article'?"),
        (["run", "xor", "--epochs", "0"], "--epochs: expected a whole number from 1 to"),
        (["run", "xor", "--lang", "perl"], "argument --lang: invalid choice: 'perl'"),
        (["walkthrough", "m13", "--numerics", "exactly"], "invalid choice: 'exactly'"),
        (["jump"], "invalid choice: 'jump'"),
        ([], "the following arguments are required: JOB"),
        (["parit"], "(did you mean 'parity'?)"),
        (["run", "xor", "--epochs=99999999999"], "from 1 to 2147483647"),
        (["run", "xor", "--epo", "3"], "unrecognized arguments: --epo"),
        (["run", "xor", "--save", "/no/such/folder/t.json"], "does not exist"),
        (["run", "xor", "--save", "/"], "is a folder"),
        (["plots", "xor", "--out", __file__], "is a file; give a folder"),
        (["run", "--data", "/no/such.csv", "--target", "y"], "--data: cannot read"),
        (["run", "xor", "--data", "x.csv", "--target", "y"], "not both"),
    ],
)
def test_mistakes_are_one_line_and_status_2(capsys, argv, message):
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse's own checks exit
        status = stop.code
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("job", JOBS)
def test_every_job_has_help(capsys, job):
    with pytest.raises(SystemExit) as stop:
        main([job, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: twinnet {job}")


def test_python_dash_m_and_the_script():
    out = subprocess.run(
        [sys.executable, "-m", "twinnet", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "walkthrough" in out.stdout
    out = subprocess.run([sys.executable, "-m", "twinnet", "run"], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("twinnet: error: ")


def test_progress_bar_counts_epochs_from_0_like_the_lines(capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(200, 100, stream=screen)
    progress.bar.mininterval, progress.bar.miniters = 0, 1  # draw every epoch
    for epoch in range(200):
        progress(epoch, 0.5)
    progress.done()
    assert capsys.readouterr().out == "Error at epoch 0 is 0.50000\nError at epoch 100 is 0.50000\n"
    bar = screen.getvalue()
    assert "epoch 0 (0-199) loss 0.50000" in bar and "epoch 200" not in bar
    assert "[##############################] epoch 199 (0-199) loss 0.50000" in bar


def test_both_option_forms_and_a_csv_file(capsys, tmp_path):
    glued = run(capsys, "run", "xor", "--epochs=3")[1].splitlines()
    assert glued[:3] == run(capsys, "run", "xor", "--epochs", "3")[1].splitlines()[:3]
    path = tmp_path / "d.csv"
    path.write_text("a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no")  # no newline at the end
    status, out, _ = run(capsys, "run", "--data", str(path), "--target", "label",
                         "--hidden", "3,2", "--epochs", "4", "--seed=-7")  # fmt: skip
    assert status == 0
    assert out.splitlines()[0].startswith("Error at epoch 0 is ")
    assert out.splitlines()[-1].startswith("d.csv: 4 epochs")


def test_run_both_saves_two_traces_next_to_path():
    from twinnet.cli import both_paths

    assert {k: str(v) for k, v in both_paths("a/t.json").items()} == {
        "python": "a/t.python.json",
        "r": "a/t.r.json",
    }


def test_plots_job_writes_the_pictures(capsys, tmp_path):
    status, out, _ = run(capsys, "plots", "xor", "--out", str(tmp_path))
    assert status == 0
    assert out.splitlines() == [f"wrote {tmp_path / 'xor_loss.png'}",
                                f"wrote {tmp_path / 'xor_boundary.png'}"]  # fmt: skip
    assert all(
        (tmp_path / f"xor_{kind}.png").stat().st_size > 5000 for kind in ("loss", "boundary")
    )


# --- round three: the CSV rule and the memory guard (twin: the same tests in test-cli.R) ---


def read_bytes(tmp_path, raw: bytes, target: str = "y"):
    from twinnet.datafile import read_data

    path = tmp_path / "d.csv"
    path.write_bytes(raw)
    return read_data(path, target)


def test_the_csv_rule_reads_ordinary_files(tmp_path):
    pandas = read_bytes(tmp_path, b",a,y\n0,0.5,no\n1,1.5,yes\n")  # DataFrame.to_csv's index
    assert pandas["X"].tolist() == [[0.5], [1.5]] and pandas["classes"] == ["no", "yes"]
    commas = read_bytes(tmp_path, b"a,y,\r\n0.5,no,\r\n1.5,yes,\r\n")  # a comma on every line
    assert commas["X"].tolist() == [[0.5], [1.5]] and commas["y"].tolist() == [[0.0], [1.0]]
    bom = read_bytes(tmp_path, b'\xef\xbb\xbf"a" , "y"\n 1 ,"x, y"\n2,z\n')
    assert bom["classes"] == ["x, y", "z"]
    labels = read_bytes(tmp_path, b"a,y\n1,TRUE\n2,true\n3,False\n")  # no booleans: labels
    assert labels["classes"] == ["False", "TRUE", "true"]
    assert labels["y"].shape == (3, 3)


@pytest.mark.parametrize(
    "raw, error, words",
    [
        (b"a,y\n1,caf\xe9\n2,x\n", "ArgumentError", "is not UTF-8 text"),
        (b"a,a,y\n1,2,x\n3,4,z\n", "ArgumentError", "the column name 'a' is repeated"),
        (b"a,,y\n1,2,x\n3,4,z\n", "ArgumentError", "column 2 has no name"),
        (b"a,y\n1,x\n2,z,3\n", "ArgumentError", "row 2 has 3 fields; the header has 2"),
        (b"a,y\n1,0.5\n2,inf\n", "DataValueError", "column 'y' holds an infinite value"),
        (b"a,y\n1e999,0.5\n2,1\n", "DataValueError", "column 'a' holds an infinite value"),
        (b"a,y\nNA,0.5\n2,1\n", "DataValueError", "column 'a' has missing values (row 1)"),
        (b"a,y\nnan,0.5\n2,1\n", "DataTypeError", "column 'a' is not numeric (row 1: 'nan')"),
        (b"a,y\n1,\n2,x\n3,z\n", "DataValueError", "--target: 'y' has missing values (row 1)"),
    ],
)
def test_the_csv_rule_refuses_other_files(tmp_path, raw, error, words):
    import twinnet.errors

    with pytest.raises(getattr(twinnet.errors, error), match=re.escape(words)):
        read_bytes(tmp_path, raw)


def test_working_arrays_are_estimated_before_training():
    import numpy as np

    import twinnet
    from twinnet.errors import ArgumentError

    net = twinnet.init_network([2, 1000, 1], seed=1)
    X, y = np.zeros((10**6, 2)), np.zeros((10**6, 1))
    words = r"network \(1000 units in its widest layer\) on X \(1000000 rows\) asks for"
    with pytest.raises(ArgumentError, match=words):
        twinnet.fit(net, X, y, epochs=1, lr=0.1)
    with pytest.raises(ArgumentError, match=words):
        twinnet.predict(net, X)
    assert twinnet.predict(net, X[:1000]).shape == (1000, 1)  # well within: no refusal


def test_a_layer_too_wide_for_the_rows_is_status_2(capsys, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b,y\n" + "".join(f"{i % 7},{i % 3},{i % 2}\n" for i in range(200)))
    status = main(["run", "--data", str(path), "--target", "y", "--hidden", "1000000"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert err.startswith("twinnet: error: --hidden (1000000 units in its widest layer) on --data")
