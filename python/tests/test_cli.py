"""The command line: every job, its help, and one-line errors.

Twin: r/tests/testthat/test-cli.R. Jobs in the other language are tested
by the harness (tests/test_cli_both.py); these run Python alone.
"""

import io
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
        (["run", "xor", "--epochs", "0"], "--epochs: expected a positive whole number"),
        (["run", "xor", "--lang", "perl"], "argument --lang: invalid choice: 'perl'"),
        (["walkthrough", "m13", "--numerics", "exactly"], "invalid choice: 'exactly'"),
        (["jump"], "invalid choice: 'jump'"),
        ([], "the following arguments are required: JOB"),
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


def test_progress_draws_a_bar_on_a_terminal(capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(200, 100, stream=screen)
    for epoch in range(200):
        progress(epoch, 0.5)
    progress.done()
    assert capsys.readouterr().out == "Error at epoch 0 is 0.50000\nError at epoch 100 is 0.50000\n"
    assert "[###############...............] epoch 101/200 loss 0.50000" in screen.getvalue()
    assert "[##############################] epoch 200/200" in screen.getvalue()


def test_plots_job_writes_the_pictures(capsys, tmp_path):
    status, out, _ = run(capsys, "plots", "xor", "--out", str(tmp_path))
    assert status == 0
    assert out.splitlines() == [f"wrote {tmp_path / 'xor_loss.png'}",
                                f"wrote {tmp_path / 'xor_boundary.png'}"]  # fmt: skip
    assert all(
        (tmp_path / f"xor_{kind}.png").stat().st_size > 5000 for kind in ("loss", "boundary")
    )
