"""The command line across languages: Python's jobs in R and R's in Python.

`twinnet ... --lang r` runs Rscript, and R's `parity` runs `python -m
twinnet`; both must find each other here, agree, and fail in one line.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, R_LIBS=str(ROOT / ".venv" / "r-lib"), TWINNET_PYTHON=sys.executable)
PYTHON = [sys.executable, "-m", "twinnet"]
R = ["Rscript", "-e", "twinnet::cli_main()"]


def run(command, *argv):
    out = subprocess.run(command + list(argv), capture_output=True, text=True, env=ENV)
    return out.returncode, out.stdout, out.stderr


@pytest.mark.parametrize("command", [PYTHON, R], ids=["python", "r"])
def test_run_in_both_languages_agrees(command):
    status, out, _ = run(command, "run", "moons_deep", "--lang", "both", "--epochs", "30")
    assert status == 0
    assert out.endswith("--- parity (exact) ---\nidentical at all 30 recorded epochs "
                        f"(sha256 {out.split('trace sha256 ')[1][:12]})\n")  # fmt: skip
    assert out.count("Error at epoch 0 is ") == 2


@pytest.mark.parametrize("command", [PYTHON, R], ids=["python", "r"])
def test_parity_job_reports_every_case(command):
    status, out, _ = run(command, "parity", "toy_simple", "m02", "m13")
    assert status == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["toy_simple", "m02", "m13"]
    assert all(" identical at all " in line for line in lines[:3])
    assert lines[3] == "3 of 3 cases bitwise identical (exact)"


def test_fast_parity_reports_where_bits_first_differ():
    status, out, _ = run(PYTHON, "parity", "toy_simple", "--numerics", "fast")
    assert status == 0  # fast mode may differ: reported, not a failure
    verdict = r"toy_simple +differ from epoch \d+: .+ Python 0x\S+ vs R 0x\S+ \(\d+ ULPs\)\n"
    assert re.match(verdict, out)
    assert out.endswith("0 of 1 cases bitwise identical (fast)\n")


def test_each_language_prints_the_same_walkthrough():
    # (the article job runs the code tests/test_examples.py checks)
    from_python = run(PYTHON, "walkthrough", "toy_simple", "--lang", "python")
    from_r = run(PYTHON, "walkthrough", "toy_simple", "--lang", "r")
    assert from_python[0] == from_r[0] == 0
    assert from_python[1] == from_r[1]
    assert run(R, "walkthrough", "toy_simple", "--lang", "python")[1] == from_python[1]


@pytest.mark.parametrize("command", [PYTHON, R], ids=["python", "r"])
def test_a_mistake_in_the_other_language_is_one_line(command):
    status, out, err = run(command, "run", "xor", "--lang", "both", "--epochs", "0")
    assert status == 2
    assert err.startswith("twinnet: error: ") and err.count("\n") == 1


@pytest.mark.parametrize("command", [PYTHON, R], ids=["python", "r"])
def test_drift_plot_runs_both_languages(command, tmp_path):
    status, out, err = run(command, "plots", "xor", "--drift", "--out", str(tmp_path))
    assert status == 0, err
    assert f"wrote {tmp_path / 'xor_drift.png'}" in out.splitlines()
    assert (tmp_path / "xor_drift.png").stat().st_size > 5000


def test_the_installed_r_script():
    script = ROOT / ".venv" / "r-lib" / "twinnet" / "exec" / "twinnet"
    status, out, _ = run(["Rscript", str(script)], "walkthrough", "--digits", "2")
    assert status == 0 and "d_output = E * slope_output_layer" in out
