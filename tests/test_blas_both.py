"""Exact mode gives the same bits on every BLAS: R on reference BLAS and on
OpenBLAS, and Python on numpy's own OpenBLAS.

Each R runs in a fresh process whose library path selects one BLAS (as the
Makefile selects OpenBLAS for R), so the machine's BLAS alternative plays
no part.
"""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

import twinnet
from parity import same_bits
from twinnet import exact

HERE = Path(__file__).resolve().parent
LIB = Path("/usr/lib/x86_64-linux-gnu")
BLAS = {"reference": LIB / "blas", "openblas": LIB / "openblas-pthread"}
EPOCHS, LR, SIZES, SEED = 3, 0.5, [64, 32, 1], 11


def hex_list(x) -> list[str]:
    return [float(v).hex() for v in np.asarray(x, np.float64).ravel(order="F")]


def from_r(values, shape=None) -> np.ndarray:
    x = np.array([float.fromhex(v) for v in values])
    return x if shape is None else x.reshape(shape, order="F")


@pytest.fixture(scope="module")
def inputs():
    gen = np.random.default_rng(12)
    a = gen.standard_normal((300, 64)) * 10.0 ** gen.uniform(-4, 4, (300, 1))
    b = gen.standard_normal((64, 40))
    X = gen.uniform(-1, 1, (500, 64))
    y = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    return a, b, X, y


def run_r(blas: Path, inputs, tmp_path) -> dict:
    a, b, X, y = inputs
    spec = {"a": hex_list(a), "a_rows": a.shape[0], "b": hex_list(b), "b_rows": b.shape[0]}
    spec |= {"X": hex_list(X), "X_rows": X.shape[0], "y": hex_list(y)}
    spec |= {"sizes": SIZES, "seed": SEED, "epochs": EPOCHS, "lr": LR.hex()}
    src, dst = tmp_path / f"in-{blas.name}.json", tmp_path / f"out-{blas.name}.json"
    src.write_text(json.dumps(spec))
    r_home = subprocess.run(["R", "RHOME"], capture_output=True, text=True).stdout.strip()
    env = os.environ | {
        "LD_LIBRARY_PATH": str(blas),
        "R_LD_LIBRARY_PATH": f"{r_home}/lib:{blas}:{LIB}",
    }
    subprocess.run(["Rscript", str(HERE / "blas_run.R"), str(src), str(dst)], env=env, check=True)
    return json.loads(dst.read_text())


@pytest.mark.skipif(
    not all((d / "libblas.so.3").exists() for d in BLAS.values()),
    reason="needs Debian's libblas3 and libopenblas0-pthread",
)
def test_exact_mode_has_the_same_bits_on_every_blas(inputs, tmp_path):
    a, b, X, y = inputs
    net = twinnet.init_network(SIZES, seed=SEED)
    fit = twinnet.fit(net, X, y, epochs=EPOCHS, lr=LR)
    moons = twinnet.cases.run_case("moons_article", epochs=EPOCHS)
    want = {
        "matmul": exact.exact_matmul(a, b),
        "loss": np.asarray(fit.loss),
        "moons_loss": np.asarray(moons.loss),
    }
    for name, blas in BLAS.items():
        got = run_r(blas, inputs, tmp_path)
        # the BLAS R reports is the one asked for: the test switched it
        assert ("openblas" in got["blas"]) == (name == "openblas"), got["blas"]
        for key, value in want.items():
            assert same_bits(value, from_r(got[key], value.shape)).all(), f"{name}: {key}"
        for i, w in enumerate(fit.network.weights):
            assert same_bits(w, from_r(got["weights"][i], w.shape)).all(), f"{name}: W{i}"
        for i, w in enumerate(moons.network.weights):
            assert same_bits(w, from_r(got["moons_weights"][i], w.shape)).all(), (
                f"{name}: moons W{i}"
            )
