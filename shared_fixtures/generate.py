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
import twinnet.rng
from twinnet.cases import run_case
from twinnet.fixtures import MANIFEST, from_hex, to_hex, trace_digest, write_atomic

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
    reg_x = (2.0 * twinnet.rng.rng_uniform(twinnet.rng.rng_state(99), 600)[0] - 1.0).reshape(200, 3)
    reg_y = 0.5 * np.sin(np.pi * reg_x[:, :1]) + reg_x[:, 1:2] * reg_x[:, 2:3]
    return {
        "moons_small": (
            "The first 200 samples of the moons data set (already normalised).",
            moons_x[:200],
            moons_y[:200].reshape(-1, 1).astype(float),
        ),
        "regression": (
            "200 x 3 inputs uniform on [-1, 1) (twinnet seed 99); y = sin(pi x1) / 2 + x2 x3.",
            reg_x,
            reg_y,
        ),
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


def seeded(sizes, seed, bias=True, init="uniform"):
    """Initial weights from twinnet's own MRG32k3a stream (same in R)."""
    net = twinnet.init_network(sizes, seed=seed, bias=bias, init=init)
    return net.weights, net.biases


def case(name, description, dataset, sizes, weights, biases, lr, epochs, **options):
    """One case record; options: activations, loss, batch_size, shuffle, seed, normalize."""
    n_layers = len(sizes) - 1
    return {
        "format": "twinnet-case/1",
        "name": name,
        "description": description,
        "dataset": dataset,
        "sizes": sizes,
        "activations": options.get("activations", ["sigmoid"] * n_layers),
        "loss": options.get("loss", "squared_error"),
        "bias": biases is not None,
        "lr": float(lr).hex(),
        "epochs": epochs,
        "batch_size": options.get("batch_size"),
        "shuffle": options.get("shuffle", True),
        "seed": options.get("seed"),
        "normalize": options.get("normalize"),
        # only the cases that name it: absent means "sum", the article's
        **({"reduction": options["reduction"]} if options.get("reduction") else {}),
        "weights": [to_hex(w) for w in weights],
        "biases": None if biases is None else [to_hex(b) for b in biases],
    }


def article_cases():
    """The article's runs, and a few plain sigmoid cases around them."""
    demo, toy, moons = article_draws()
    simple_w, simple_b = seeded([4, 3, 1], 1)
    xor_w, xor_b = seeded([2, 4, 1], 7)
    deep_w, deep_b = seeded([2, 8, 6, 1], 3)
    blobs_w, blobs_b = seeded([2, 6, 3], 5)
    return [
        case("toy_article_demo", "The article's single lr 0.01 update on its first draws.",
             "toy_article", [4, 3, 1], demo, None, 0.01, 1),
        case("toy_article", "The article's 1000-epoch toy run (seed-42 numpy draws, no bias).",
             "toy_article", [4, 3, 1], toy, None, 0.1, 1000),
        case("toy_simple", "The article's simple block with biases (twinnet seed 1).",
             "toy_simple", [4, 3, 1], simple_w, simple_b, 0.1, 5000),
        case("xor", "XOR with 4 hidden neurons (twinnet seed 7).",
             "xor", [2, 4, 1], xor_w, xor_b, 0.5, 3000),
        case("moons_article", "The article's moons run (seed-42 numpy draws, no bias).",
             "moons", [2, 10, 1], moons, None, 0.1, 5000),
        case("moons_deep", "Moons through two hidden layers (twinnet seed 3).",
             "moons", [2, 8, 6, 1], deep_w, deep_b, 0.01, 2000),
        case("blobs", "Three blobs, three sigmoid outputs (twinnet seed 5).",
             "blobs", [2, 6, 3], blobs_w, blobs_b, 0.01, 1000),
    ]  # fmt: skip


# The parity matrix: depth, activations, losses, batch modes, bias, seeds.
# name, data set, hidden sizes, hidden act., output act., loss, batch size,
# shuffle, bias, init, lr, epochs, normalize
SE, BCE, CCE = "squared_error", "binary_cross_entropy", "categorical_cross_entropy"
MATRIX = [
    ("m01", "xor", [3], "sigmoid", "sigmoid", SE, None, True, True, "uniform", 0.5, 300, None),
    ("m02", "xor", [3], "tanh", "sigmoid", BCE, None, True, True, "glorot", 0.5, 300, None),
    ("m03", "xor", [4], "relu", "sigmoid", BCE, 1, True, True, "he", 0.1, 100, None),
    ("m04", "xor", [4, 3], "tanh", "sigmoid", SE, 2, True, False, "glorot", 0.2, 200, None),
    ("m05", "moons_small", [6], "sigmoid", "sigmoid", SE, None, True, False, "uniform", 0.05, 300, None),
    ("m06", "moons_small", [6], "tanh", "sigmoid", BCE, 32, True, True, "glorot", 0.05, 60, None),
    ("m07", "moons_small", [8, 4], "relu", "sigmoid", BCE, 16, True, True, "he", 0.02, 40, None),
    ("m08", "moons_small", [5, 5, 5], "tanh", "sigmoid", SE, 50, False, True, "glorot", 0.1, 100, None),
    ("m09", "moons_small", [5, 5, 5], "sigmoid", "sigmoid", BCE, None, True, True, "uniform", 0.01, 200, None),
    ("m10", "blobs", [6], "sigmoid", "softmax", CCE, None, True, True, "uniform", 0.01, 200, None),
    ("m11", "blobs", [6], "relu", "softmax", CCE, 30, True, True, "he", 0.05, 30, None),
    ("m12", "blobs", [8, 6], "tanh", "softmax", CCE, 1, True, True, "glorot", 0.01, 5, None),
    ("m13", "blobs", [6, 6, 6], "relu", "softmax", CCE, 64, True, False, "he", 0.02, 40, None),
    ("m14", "blobs", [5], "sigmoid", "sigmoid", SE, None, True, True, "uniform", 0.02, 200, None),
    ("m15", "iris", [5], "tanh", "softmax", CCE, None, True, True, "glorot", 0.01, 200, "standardize"),
    ("m16", "iris", [8], "relu", "softmax", CCE, 16, True, True, "he", 0.02, 40, "minmax"),
    ("m17", "iris", [6, 4], "sigmoid", "softmax", CCE, 10, False, False, "uniform", 0.05, 40, "minmax"),
    ("m18", "iris", [4, 4, 4], "tanh", "softmax", CCE, 25, True, True, "glorot", 0.05, 60, "standardize"),
    ("m19", "regression", [8], "tanh", "identity", SE, None, True, True, "glorot", 0.005, 200, None),
    ("m20", "regression", [8], "relu", "identity", SE, 20, True, True, "he", 0.01, 40, None),
    ("m21", "regression", [6, 6], "sigmoid", "identity", SE, 1, True, False, "uniform", 0.01, 5, None),
    ("m22", "regression", [5, 5, 5], "relu", "identity", SE, None, True, True, "he", 0.002, 200, None),
    ("m23", "regression", [4], "identity", "identity", SE, None, True, True, "glorot", 0.002, 200, None),
    ("m24", "xor", [2], "sigmoid", "sigmoid", SE, 1, False, True, "uniform", 0.5, 200, None),
    ("m25", "moons_small", [10], "relu", "sigmoid", SE, None, True, True, "he", 0.05, 200, None),
    ("m26", "blobs", [4], "identity", "softmax", CCE, None, True, True, "glorot", 0.01, 100, None),
    ("m27", "iris", [3], "relu", "sigmoid", BCE, None, True, True, "he", 0.01, 200, "global_minmax"),
    ("m28", "regression", [10], "tanh", "identity", SE, 7, True, True, "glorot", 0.01, 30, None),
    ("m29", "moons_small", [3, 3], "tanh", "tanh", SE, None, True, True, "glorot", 0.01, 200, None),
    ("m30", "xor", [8], "relu", "sigmoid", SE, 3, True, False, "he", 0.1, 200, None),
    ("m31", "blobs", [6], "sigmoid", "sigmoid", BCE, 50, True, True, "uniform", 0.02, 40, None),
    ("m32", "iris", [6], "tanh", "identity", SE, None, True, True, "glorot", 0.002, 200, "minmax"),
    ("m33", "moons_small", [6], "tanh", "sigmoid", BCE, None, True, True, "glorot", 0.5, 200, None),
    ("m34", "iris", [5], "tanh", "softmax", CCE, 16, True, True, "glorot", 0.2, 40, "standardize"),
    ("m35", "regression", [6], "relu", "identity", SE, 32, True, True, "he", 0.01, 40, None),
]  # fmt: skip
# fit's reduction for the matrix's last rows (absent: "sum"): the mean
# gradient full batch and with a short last batch (150 = 9 x 16 + 6), and
# "sum" named explicitly (200 = 6 x 32 + 8).
REDUCTION = {"m33": "mean", "m34": "mean", "m35": "sum"}


def matrix_cases(data):
    """The parity matrix as case records, seeds 101, 102, ..."""
    records = []
    for k, row in enumerate(MATRIX):
        name, dataset, hidden, act, out, loss, batch, shuffle, bias, init, lr, epochs, norm = row
        X, y = data[dataset][1], data[dataset][2]
        sizes = [X.shape[1], *hidden, y.shape[1]]
        weights, biases = seeded(sizes, 101 + k, bias, init)
        mode = "full batch" if batch is None else f"batch {batch}"
        description = (
            f"{dataset}, {len(hidden)} hidden {act}, {out} output, {loss}, {mode}, "
            f"{init} init (twinnet seed {101 + k})"
        ) + (f", reduction {REDUCTION[name]}" if name in REDUCTION else "")
        records.append(
            case(
                name,
                description,
                dataset,
                sizes,
                weights,
                biases,
                lr,
                epochs,
                activations=[act] * len(hidden) + [out],
                loss=loss,
                batch_size=batch,
                shuffle=shuffle,
                seed=101 + k,
                normalize=norm,
                reduction=REDUCTION.get(name),
            )
        )
    return records


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(obj, indent=1) + "\n")


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
    data = datasets()
    for name, (description, X, y) in data.items():
        write_json(ROOT / "datasets" / f"{name}.json", {
            "format": "twinnet-dataset/1", "name": name, "description": description,
            "X": to_hex(X), "y": to_hex(y),
        })  # fmt: skip
    # iris comes from R (iris.R wrote it); read it back for the matrix
    iris = json.loads((ROOT / "datasets" / "iris.json").read_text())
    data["iris"] = (iris["description"], from_hex(iris["X"]), from_hex(iris["y"]))
    records = article_cases() + matrix_cases(data)
    for record in records:
        write_json(ROOT / "cases" / f"{record['name']}.json", record)
    write_manifest()  # the golden runs read cases through the manifest check
    for record in records:
        write_json(ROOT / "golden" / f"{record['name']}.json", golden(record["name"]))
    write_manifest()


def write_manifest() -> None:
    lines = []
    for folder in ("cases", "datasets", "golden"):
        for path in sorted((ROOT / folder).glob("*.json")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {folder}/{path.name}\n")
    write_atomic(ROOT / MANIFEST, "".join(lines))


if __name__ == "__main__":
    main()
