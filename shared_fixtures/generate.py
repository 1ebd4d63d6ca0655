"""Write the shared fixtures: data sets, cases, golden traces, manifest.

Run ``make fixtures`` (or ``python shared_fixtures/generate.py``) after
changing anything here. scikit-learn is needed only by this script, for
``make_moons`` and ``make_blobs``; the files it writes are committed, so
neither the tests nor R ever need it. Golden traces are the Python
package's exact-mode results; the R tests check their own against them.
"""

import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.datasets import make_blobs, make_moons

import twinnet
from twinnet.cases import run_case
from twinnet.fixtures import MANIFEST, to_hex, trace_digest

ROOT = Path(__file__).resolve().parent


def article_draws():
    """The article's numpy draws after np.random.seed(42), in its order."""
    rs = np.random.RandomState(42)
    demo = [rs.uniform(size=(4, 3)), rs.uniform(size=(3, 1))]
    toy = [rs.uniform(size=(4, 3)), rs.uniform(size=(3, 1))]
    moons = [rs.uniform(size=(2, 10)), rs.uniform(size=(10, 1))]
    return demo, toy, moons


def datasets():
    """Every data set, as name -> (description, X, y)."""
    toy_x = np.array([[1, 0, 0, 0], [1, 0, 1, 1], [0, 1, 0, 1]], float)
    simple_x = np.array([[1, 0, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1]], float)
    toy_y = np.array([[1], [1], [0]], float)
    xor_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    xor_y = np.array([[0], [1], [1], [0]], float)
    moons_x, moons_y = make_moons(n_samples=1000, random_state=42, noise=0.1)
    # the article's normalisation: ONE global min-max over all columns
    moons_x = moons_x - moons_x.min()
    moons_x = moons_x / moons_x.max()
    blobs_x, blobs_label = make_blobs(n_samples=300, centers=3, random_state=42)
    blobs_x = (blobs_x - blobs_x.min()) / (blobs_x.max() - blobs_x.min())
    return {
        "toy_article": (
            "The article's detailed-section toy data (rows are samples).",
            toy_x,
            toy_y,
        ),
        "toy_simple": ("The article's first, simple code block data.", simple_x, toy_y),
        "xor": ("XOR of two bits.", xor_x, xor_y),
        "moons": (
            "make_moons(n_samples=1000, random_state=42, noise=0.1), one global "
            "min-max normalisation, as in the article.",
            moons_x,
            moons_y.reshape(-1, 1).astype(float),
        ),
        "blobs": (
            "make_blobs(n_samples=300, centers=3, random_state=42), global min-max, "
            "one-hot targets (the article's exercise).",
            blobs_x,
            np.eye(3)[blobs_label],
        ),
    }


def seeded(sizes, seed, bias=True):
    """Initial weights from twinnet's own MRG32k3a stream (same in R)."""
    net = twinnet.init_network(sizes, seed=seed, bias=bias)
    return net.weights, net.biases


def cases():
    """Every case: data set, architecture, hyperparameters, initial weights."""
    demo, toy, moons = article_draws()
    simple_w, simple_b = seeded([4, 3, 1], 1)
    xor_w, xor_b = seeded([2, 4, 1], 7)
    deep_w, deep_b = seeded([2, 8, 6, 1], 3)
    blobs_w, blobs_b = seeded([2, 6, 3], 5)
    return [
        (
            "toy_article_demo",
            "The article's single lr 0.01 update on its first draws.",
            "toy_article",
            [4, 3, 1],
            demo,
            None,
            0.01,
            1,
        ),
        (
            "toy_article",
            "The article's 1000-epoch toy run (seed-42 numpy draws, no bias).",
            "toy_article",
            [4, 3, 1],
            toy,
            None,
            0.1,
            1000,
        ),
        (
            "toy_simple",
            "The article's simple block with biases (twinnet seed 1).",
            "toy_simple",
            [4, 3, 1],
            simple_w,
            simple_b,
            0.1,
            5000,
        ),
        (
            "xor",
            "XOR with 4 hidden neurons (twinnet seed 7).",
            "xor",
            [2, 4, 1],
            xor_w,
            xor_b,
            0.5,
            3000,
        ),
        (
            "moons_article",
            "The article's moons run (seed-42 numpy draws, no bias).",
            "moons",
            [2, 10, 1],
            moons,
            None,
            0.1,
            5000,
        ),
        (
            "moons_deep",
            "Moons through two hidden layers (twinnet seed 3).",
            "moons",
            [2, 8, 6, 1],
            deep_w,
            deep_b,
            0.01,
            2000,
        ),
        (
            "blobs",
            "Three blobs, three sigmoid outputs (twinnet seed 5).",
            "blobs",
            [2, 6, 3],
            blobs_w,
            blobs_b,
            0.01,
            1000,
        ),
    ]


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1) + "\n")


def golden(name: str) -> dict:
    result = run_case(name, "exact", root=ROOT)
    net = result.network
    return {
        "format": "twinnet-golden/1",
        "case": name,
        "numerics": "exact",
        "loss": to_hex(result.loss),
        "final_weights": [to_hex(w) for w in net.weights],
        "final_biases": None if net.biases is None else [to_hex(b) for b in net.biases],
        "trace_sha256": trace_digest(result.trace),
    }


def main() -> None:
    for name, (description, X, y) in datasets().items():
        write_json(
            ROOT / "datasets" / f"{name}.json",
            {
                "format": "twinnet-dataset/1",
                "name": name,
                "description": description,
                "X": to_hex(X),
                "y": to_hex(y),
            },
        )
    for name, description, data, sizes, weights, biases, lr, epochs in cases():
        write_json(
            ROOT / "cases" / f"{name}.json",
            {
                "format": "twinnet-case/1",
                "name": name,
                "description": description,
                "dataset": data,
                "sizes": sizes,
                "activation": "sigmoid",
                "loss": "squared_error",
                "bias": biases is not None,
                "lr": float(lr).hex(),
                "epochs": epochs,
                "weights": [to_hex(w) for w in weights],
                "biases": None if biases is None else [to_hex(b) for b in biases],
            },
        )
    write_manifest()  # the golden runs read cases through the manifest check
    for name, *_ in cases():
        write_json(ROOT / "golden" / f"{name}.json", golden(name))
    write_manifest()


def write_manifest() -> None:
    lines = []
    for folder in ("cases", "datasets", "golden"):
        for path in sorted((ROOT / folder).glob("*.json")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {folder}/{path.name}\n")
    (ROOT / MANIFEST).write_text("".join(lines))


if __name__ == "__main__":
    main()
