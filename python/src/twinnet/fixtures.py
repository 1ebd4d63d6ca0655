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
import re
import stat
from pathlib import Path

import numpy as np

# from_hex and to_hex stay reachable as twinnet.fixtures.from_hex and .to_hex
from twinnet.bitwise import from_hex, to_hex, whole_numbers  # noqa: F401
from twinnet.errors import FixtureError
from twinnet.schema import schema_problem

MANIFEST = "MANIFEST.sha256"
# Deeper nesting is refused by both readers (the fixtures nest 3 levels).
MAX_DEPTH = 32
# An escaped NUL inside a JSON string: \u0000 after an even run of backslashes.
NUL_ESCAPE = re.compile(rb"(?<!\\)(\\\\)*\\u0000")


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
    return parse_json(raw, f"fixture {path}")


def parse_json(raw: bytes, what: str):
    r"""JSON as both languages read it: UTF-8, no NaN, no repeated keys, no NUL.

    R's parser rejects NaN and Infinity, keeps both copies of a repeated key
    and cuts a string at ``\u0000``; refusing all of them here and there
    makes a file read the same in both languages or fail in both.
    """
    if NUL_ESCAPE.search(raw):
        raise FixtureError(f"{what} holds a NUL character (\\u0000)")
    try:
        document = json.loads(
            raw.decode("utf-8"), parse_constant=_no_constant, object_pairs_hook=_unique_keys
        )
    except (ValueError, RecursionError) as err:
        raise FixtureError(f"{what} is not valid JSON: {err}") from None
    if _too_deep(document, MAX_DEPTH):
        raise FixtureError(f"{what} nests arrays and objects more than {MAX_DEPTH} deep")
    return document


def _too_deep(value, depth: int) -> bool:
    """Whether arrays and objects nest deeper than ``depth`` levels."""
    inner = value.values() if isinstance(value, dict) else value
    if not isinstance(value, (dict, list)):
        return False
    return depth == 0 or any(_too_deep(v, depth - 1) for v in inner)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _unique_keys(pairs: list) -> dict:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("an object repeats a key")
    return dict(pairs)


def read_dataset(name: str, root=None) -> dict:
    """Data set ``name`` as ``{"name", "X", "y", ...}`` with float64 matrices."""
    root, path = _fixture_path(name, root, "datasets")
    data = check_fixture(read_json(path), "dataset", root, path)
    try:
        return dict(data, X=from_hex(data["X"]), y=from_hex(data["y"]))
    except FixtureError as err:
        raise FixtureError(f"fixture {path}: {err}") from None


def read_case(name: str, root=None) -> dict:
    """Case ``name`` with its data set, lr and initial weights decoded.

    The file must fit ``schema/case.schema.json``, its weights and biases
    the layer sizes, and its data set the input and output sizes.
    """
    root, path = _fixture_path(name, root, "cases")
    case = check_fixture(read_json(path), "case", root, path)
    data = read_dataset(case["dataset"], root)
    try:
        return _check_case(_decode_case(case, data))
    except FixtureError as err:
        raise FixtureError(f"fixture {path}: {err}") from None


def _fixture_path(name, root, folder: str) -> tuple[Path, Path]:
    """The fixtures folder and the file of fixture ``name`` in ``folder``."""
    if not isinstance(name, str) or re.fullmatch(r"[a-z0-9_]+", name) is None:
        raise FixtureError(f"a fixture name is lower-case letters, digits and _; got {name!r}")
    if root is None:
        root = fixture_dir()
    if not isinstance(root, (str, os.PathLike)):
        raise FixtureError(f"root must be a folder; got {type(root).__name__}")
    return Path(root), Path(root) / folder / f"{name}.json"


def check_fixture(document, kind: str, root: Path, path) -> dict:
    """``document`` if it fits ``schema/<kind>.schema.json``; else a FixtureError."""
    schema_path = root / "schema" / f"{kind}.schema.json"
    try:
        schema = json.loads(schema_path.read_text())
    except (OSError, ValueError) as err:
        raise FixtureError(f"cannot read the schema {schema_path}: {err}") from None
    problem = schema_problem(document, schema, schema)
    if problem is not None:
        raise FixtureError(f"fixture {path} does not fit its schema: {problem}")
    return document


def _decode_case(case: dict, data: dict) -> dict:
    biases = case["biases"]
    return dict(
        case,
        X=data["X"],
        y=data["y"],
        lr=float(from_hex({"shape": [1], "hex": [case["lr"]]})[0]),
        sizes=[int(n) for n in case["sizes"]],
        epochs=int(case["epochs"]),
        weights=[from_hex(w) for w in case["weights"]],
        biases=None if biases is None else [from_hex(b) for b in biases],
    )


def _check_case(case: dict) -> dict:
    """Weights, biases, activations and data that fit the layer sizes."""
    sizes = case["sizes"]
    shapes = [w.shape for w in case["weights"]]
    if shapes != list(zip(sizes[:-1], sizes[1:])):
        raise FixtureError(f"weights of shapes {shapes} do not fit sizes {sizes}")
    lengths = [len(b) for b in case["biases"] or []]
    if case["biases"] is not None and lengths != sizes[1:]:
        raise FixtureError(f"biases of lengths {lengths} do not fit sizes {sizes}")
    if len(case["activations"]) != len(sizes) - 1 or "softmax" in case["activations"][:-1]:
        raise FixtureError("activations must be one per layer, softmax only last")
    if case["X"].shape[1] != sizes[0] or case["y"].shape[1] != sizes[-1]:
        raise FixtureError(f"the data set's columns do not fit sizes {sizes}")
    return case


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
    """Write ``text`` to ``path`` so a crash leaves the old file or none, never half.

    What a user expects of an overwrite is kept: a symbolic link is written
    through (its target changes, the link stays), and an existing file keeps
    its permission bits (a 0600 file stays 0600); a new file gets the usual
    mode, 0666 less the umask. Owner and group are the writer's, as for any
    new file. On failure the temporary file is removed and a FixtureError
    raised, as in R.
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(text)
        if path.is_file():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FixtureError(f"cannot write {path}: {err.strerror or err}") from err
    except BaseException:  # Ctrl-C included: no temporary file left behind
        tmp.unlink(missing_ok=True)
        raise


def case_names(root=None) -> list[str]:
    """Names of all cases, sorted."""
    folder = Path(root or fixture_dir()) / "cases"
    # a folder that is not there holds no cases: say so, not []
    if not folder.is_dir():
        raise FixtureError(f"no cases folder at {folder}")
    return sorted(p.stem for p in folder.glob("*.json"))


def _read_manifest(root: Path) -> dict:
    path = root / MANIFEST
    if not path.is_file():
        raise FixtureError(f"{path} is missing: fixtures are only read with their manifest")
    fields = [line.split() for line in path.read_text().splitlines() if line.strip()]
    if any(len(f) != 2 for f in fields):
        raise FixtureError(f"{path} has a line that is not 'sha256  folder/file.json'")
    return {name: digest for digest, name in fields}
