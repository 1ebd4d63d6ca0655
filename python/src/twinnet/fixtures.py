"""Shared fixtures: data sets and cases stored as JSON with hex floats.

Twin: ``r/R/fixtures.R``. Floats travel as hexadecimal strings
(``float.hex`` here, ``sprintf("%a")`` in R), which both languages parse
exactly; 17-digit decimals would not survive R's parser. Every file is
listed with its sha256 in ``MANIFEST.sha256`` and checked on reading.
The format is described in ``shared_fixtures/README.md`` and its schemas.
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from twinnet.errors import FixtureError

MANIFEST = "MANIFEST.sha256"


def fixture_dir() -> Path:
    """The shared fixtures: ``$TWINNET_FIXTURES``, else the repository's, else the package's copy.

    The package carries a copy (``twinnet/_fixtures``, checked against the
    manifest like any fixture) so that a plain ``pip install`` runs every case.
    """
    env = os.environ.get("TWINNET_FIXTURES")
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared_fixtures" / MANIFEST).is_file():
            return parent / "shared_fixtures"
    packaged = Path(__file__).resolve().parent / "_fixtures"
    if (packaged / MANIFEST).is_file():
        return packaged
    raise FixtureError("shared_fixtures not found: set TWINNET_FIXTURES")


def from_hex(block: dict) -> np.ndarray:
    """A ``{"shape": [...], "hex": [...]}`` block as a float64 array (row-major)."""
    values = np.array([float.fromhex(h) for h in block["hex"]], dtype=np.float64)
    if values.size != int(np.prod(block["shape"])):
        raise FixtureError(f"{values.size} values do not fill shape {block['shape']}")
    return values.reshape(block["shape"])


def to_hex(a) -> dict:
    """The inverse of :func:`from_hex`."""
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "hex": [float(v).hex() for v in a.reshape(-1)]}


def read_json(path) -> dict:
    """Read one fixture file after checking its sha256 against the manifest."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise FixtureError(f"cannot read fixture {path}: {err}") from None
    expected = _read_manifest(path.parent.parent).get(f"{path.parent.name}/{path.name}")
    if expected is None:
        raise FixtureError(f"fixture {path} is not listed in {MANIFEST}")
    if hashlib.sha256(raw).hexdigest() != expected:
        raise FixtureError(f"fixture {path} does not match its sha256 in {MANIFEST}")
    try:
        return json.loads(raw)
    except ValueError as err:
        raise FixtureError(f"fixture {path} is not valid JSON: {err}") from None


def read_dataset(name: str, root=None) -> dict:
    """Data set ``name`` as ``{"name", "X", "y", ...}`` with float64 matrices."""
    path = Path(root or fixture_dir()) / "datasets" / f"{name}.json"
    data = read_json(path)
    try:
        return dict(data, X=from_hex(data["X"]), y=from_hex(data["y"]))
    except (KeyError, TypeError, ValueError) as err:
        raise FixtureError(f"fixture {path}: {err}") from None


def read_case(name: str, root=None) -> dict:
    """Case ``name`` with its data set, lr and initial weights decoded."""
    root = Path(root or fixture_dir())
    path = root / "cases" / f"{name}.json"
    case = read_json(path)
    data = read_dataset(case["dataset"], root)
    try:
        return _decode_case(case, data)
    except (KeyError, TypeError, ValueError) as err:
        raise FixtureError(f"fixture {path}: {err}") from None


def _decode_case(case: dict, data: dict) -> dict:
    biases = case["biases"]
    return dict(
        case,
        X=data["X"],
        y=data["y"],
        lr=float.fromhex(case["lr"]),
        weights=[from_hex(w) for w in case["weights"]],
        biases=None if biases is None else [from_hex(b) for b in biases],
    )


def trace_digest(trace) -> str:
    """sha256 of a trace's float64 bytes, as the golden files store it.

    Little-endian, row-major, in the order: each layer's weights, each
    layer's biases, the outputs, the loss.
    """
    h = hashlib.sha256()
    for a in trace.weights + (trace.biases or []) + [trace.outputs, trace.loss]:
        h.update(np.ascontiguousarray(a, dtype="<f8").tobytes())
    return h.hexdigest()


def write_atomic(path, text: str) -> None:
    """Write ``text`` to ``path`` so a crash leaves the old file or none, never half."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text)
        os.replace(tmp, path)
    except BaseException:  # a full disk or Ctrl-C: leave no temporary file behind
        tmp.unlink(missing_ok=True)
        raise


def case_names(root=None) -> list[str]:
    """Names of all cases, sorted."""
    return sorted(p.stem for p in (Path(root or fixture_dir()) / "cases").glob("*.json"))


def _read_manifest(root: Path) -> dict:
    path = root / MANIFEST
    if not path.is_file():
        raise FixtureError(f"{path} is missing: fixtures are only read with their manifest")
    fields = [line.split() for line in path.read_text().splitlines() if line.strip()]
    if any(len(f) != 2 for f in fields):
        raise FixtureError(f"{path} has a line that is not 'sha256  folder/file.json'")
    return {name: digest for digest, name in fields}
