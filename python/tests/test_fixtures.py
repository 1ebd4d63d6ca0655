"""The shared fixtures are well formed: schemas, shapes, hex floats, manifest.

Twin: ``r/tests/testthat/test-fixtures.R`` (the same checks without the
schemas). Every test is parametrised by file, so a failure names the file.
"""

import copy
import hashlib
import json
import math
import re
import shutil
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from jsonschema import Draft202012Validator

from twinnet.fixtures import MANIFEST, FixtureError, from_hex, read_case, read_json

ROOT = Path(__file__).resolve().parents[2] / "shared_fixtures"
KINDS = {"datasets": "dataset", "cases": "case", "golden": "golden"}
SCHEMAS = {
    kind: json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
    for kind in KINDS.values()
}
HEX = re.compile(SCHEMAS["dataset"]["$defs"]["hexFloat"]["pattern"])
FILES = [f"{folder}/{p.name}" for folder in KINDS for p in sorted((ROOT / folder).glob("*.json"))]
DATASETS = [f for f in FILES if f.startswith("datasets/")]
CASES = [f for f in FILES if f.startswith("cases/")]
GOLDEN = [f for f in FILES if f.startswith("golden/")]


def load(rel: str) -> dict:
    """A fixture through the package's own reader (so the manifest is checked)."""
    return read_json(ROOT / rel)


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(SCHEMAS[kind])


def blocks(doc, where="$"):
    """Every ``{"shape", "hex"}`` block in ``doc``, with its JSON path."""
    if isinstance(doc, dict):
        if "shape" in doc and "hex" in doc:
            yield where, doc
        for key, value in doc.items():
            yield from blocks(value, f"{where}.{key}")
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from blocks(value, f"{where}[{i}]")


def exact_value(h: str) -> Fraction:
    """The exact rational a hex float string denotes (no rounding at all)."""
    m = re.fullmatch(r"(-?)0x([01])(?:\.([0-9a-f]+))?p([+-][0-9]+)", h)
    assert m, f"not a hex float: {h!r}"
    sign, lead, frac, exp = m.groups()
    frac = frac or ""
    value = Fraction(int(lead + frac, 16), 16 ** len(frac)) * Fraction(2) ** int(exp)
    return -value if sign else value


def check_hex(h: str, where: str) -> float:
    """``h`` is a strict hex float that names one finite double exactly."""
    assert isinstance(h, str) and HEX.fullmatch(h), f"{where}: bad hex float {h!r}"
    v = float.fromhex(h)
    assert math.isfinite(v), f"{where}: {h} is not finite"
    # the string is exactly this double: nothing was rounded away in parsing
    assert exact_value(h) == Fraction(v), f"{where}: {h} is not exactly a double"
    # and it round-trips (values, not strings: R writes 0x1.8p+1, Python 0x1.8000...p+1)
    back = float.fromhex(v.hex())
    assert back == v and math.copysign(1, back) == math.copysign(1, v), where
    return v


def shape(block: dict) -> tuple:
    return tuple(block["shape"])


# --- the schemas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid(kind):
    Draft202012Validator.check_schema(SCHEMAS[kind])
    assert SCHEMAS[kind]["properties"]["format"]["const"] == f"twinnet-{kind}/1"


def test_schemas_share_their_definitions():
    defs = [SCHEMAS[kind]["$defs"] for kind in sorted(SCHEMAS)]
    assert defs[0] == defs[1] == defs[2], "the $defs of the three schemas have drifted apart"


@pytest.mark.parametrize("rel", FILES)
def test_file_matches_its_schema(rel):
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(KINDS[rel.split("/")[0]]).iter_errors(load(rel))
    ]
    assert not errors, f"{rel}:\n" + "\n".join(errors[:10])


# Like JSON-Schema-Test-Suite: each schema meets a few documents whose verdict is known,
# built from a real fixture by one change. A schema that accepts everything fails here.


def _set(doc, path, value):
    for key in path[:-1]:
        doc = doc[key]
    if value is _DELETE:
        del doc[path[-1]]
    else:
        doc[path[-1]] = value


_DELETE = object()
SUITE = {
    "dataset": (
        "datasets/xor.json",
        [
            ("unchanged", [], True),
            ("wrong format string", [(("format",), "twinnet-dataset/2")], False),
            ("case format string", [(("format",), "twinnet-case/1")], False),
            ("decimal instead of hex", [(("X", "hex", 0), "0.5")], False),
            ("JSON number instead of hex", [(("X", "hex", 0), 0.5)], False),
            ("upper-case hex", [(("X", "hex", 3), "0X1P+0")], False),
            ("14 hex digits", [(("X", "hex", 3), "0x1.00000000000008p+0")], False),
            ("hex without exponent", [(("X", "hex", 3), "0x1.8")], False),
            ("leading zero in exponent", [(("X", "hex", 3), "0x1p+01")], False),
            ("trailing newline", [(("X", "hex", 3), "0x1p+0\n")], False),
            ("inf", [(("X", "hex", 3), "inf")], False),
            ("R's Inf", [(("X", "hex", 3), "Inf")], False),
            ("nan", [(("X", "hex", 3), "nan")], False),
            ("missing shape", [(("X", "shape"), _DELETE)], False),
            ("missing hex", [(("y", "hex"), _DELETE)], False),
            ("vector where a matrix is needed", [(("y", "shape"), [4])], False),
            ("zero rows", [(("y", "shape"), [0, 1])], False),
            ("extra key in a block", [(("X", "dtype"), "float64")], False),
            ("extra key at the top", [(("note",), "hi")], False),
            ("missing y", [(("y",), _DELETE)], False),
            ("name with a dot", [(("name",), "xor.json")], False),
            (
                "R's sprintf('%a') forms",
                [(("X", "hex", 3), "0x1p+0"), (("X", "hex", 0), "0x0p+0")],
                True,
            ),
            ("negative zero", [(("X", "hex", 0), "-0x0.0p+0"), (("X", "hex", 1), "-0x0p+0")], True),
            (
                "subnormal and largest",
                [
                    (("X", "hex", 0), "0x0.0000000000001p-1022"),
                    (("X", "hex", 1), "-0x1.fffffffffffffp+1023"),
                ],
                True,
            ),
        ],
    ),
    "case": (
        "cases/xor.json",
        [
            ("unchanged", [], True),
            ("wrong format string", [(("format",), "twinnet-dataset/1")], False),
            ("decimal learning rate", [(("lr",), "0.5")], False),
            ("number learning rate", [(("lr",), 0.5)], False),
            ("missing shape", [(("weights", 0, "shape"), _DELETE)], False),
            ("decimal weight", [(("weights", 1, "hex", 0), "-0.25")], False),
            ("bias true but biases null", [(("biases",), None)], False),
            ("bias false but biases given", [(("bias",), False)], False),
            ("bias false and biases null", [(("bias",), False), (("biases",), None)], True),
            ("matrix bias", [(("biases", 1, "shape"), [1, 1])], False),
            ("unknown activation", [(("activations", 0), "swish")], False),
            ("activations not a list", [(("activations",), "relu")], False),
            ("zero batch size", [(("batch_size",), 0)], False),
            ("unknown normalisation", [(("normalize",), "zscore")], False),
            ("other loss", [(("loss",), "cross_entropy")], False),
            ("epochs as a string", [(("epochs",), "3000")], False),
            ("zero epochs", [(("epochs",), 0)], False),
            ("no hidden layer", [(("sizes",), [2, 1])], False),
            ("missing dataset", [(("dataset",), _DELETE)], False),
        ],
    ),
    "golden": (
        "golden/xor.json",
        [
            ("unchanged", [], True),
            ("wrong format string", [(("format",), "twinnet-golden/0")], False),
            ("fast numerics", [(("numerics",), "fast")], False),
            ("decimal loss", [(("loss", "hex", 0), "1.25e-1")], False),
            ("missing shape", [(("loss", "shape"), _DELETE)], False),
            ("matrix loss", [(("loss", "shape"), [3000, 1])], False),
            ("upper-case digest", [(("trace_sha256",), "AB" * 32)], False),
            ("short digest", [(("trace_sha256",), "ab" * 31)], False),
            ("no biases is allowed", [(("final_biases",), None)], True),
            ("missing final_weights", [(("final_weights",), _DELETE)], False),
        ],
    ),
}
SUITE_PARAMS = [
    pytest.param(kind, rel, changes, valid, id=f"{kind}: {what}")
    for kind, (rel, tests) in SUITE.items()
    for what, changes, valid in tests
]


@pytest.mark.parametrize(("kind", "rel", "changes", "valid"), SUITE_PARAMS)
def test_schema_verdicts(kind, rel, changes, valid):
    doc = copy.deepcopy(load(rel))
    for path, value in changes:
        _set(doc, path, value)
    assert validator(kind).is_valid(doc) == valid


# --- sanity beyond what a schema can say ---------------------------------------------------------


@pytest.mark.parametrize("rel", FILES)
def test_blocks_and_hex_floats(rel):
    doc = load(rel)
    found = list(blocks(doc))
    assert found, f"{rel}: no blocks"
    for where, block in found:
        n = math.prod(block["shape"])
        assert len(block["hex"]) == n, f"{rel} {where}: {len(block['hex'])} values for {n}"
        values = [check_hex(h, f"{rel} {where}[{i}]") for i, h in enumerate(block["hex"])]
        # the package's reader gives the same numbers, row-major
        decoded = from_hex(block)
        assert decoded.shape == shape(block)
        assert np.array_equal(decoded.reshape(-1), np.array(values)), f"{rel} {where}"
    if "lr" in doc:
        assert check_hex(doc["lr"], f"{rel} $.lr") > 0


@pytest.mark.parametrize("rel", DATASETS)
def test_dataset(rel):
    data = load(rel)
    assert data["name"] == Path(rel).stem
    assert len(shape(data["X"])) == 2 and len(shape(data["y"])) == 2
    assert shape(data["X"])[0] == shape(data["y"])[0], f"{rel}: X and y differ in rows"


@pytest.mark.parametrize("rel", CASES)
def test_case(rel):
    case = load(rel)
    sizes = case["sizes"]
    assert case["name"] == Path(rel).stem
    assert (ROOT / "datasets" / f"{case['dataset']}.json").is_file(), f"{rel}: no data set"
    data = load(f"datasets/{case['dataset']}.json")
    assert shape(data["X"])[1] == sizes[0], f"{rel}: X columns != sizes[0]"
    assert shape(data["y"])[1] == sizes[-1], f"{rel}: y columns != sizes[-1]"
    layers = list(pairwise(sizes))
    assert [shape(w) for w in case["weights"]] == layers
    assert (case["biases"] is not None) == case["bias"], f"{rel}: biases present iff bias"
    if case["bias"]:
        assert [shape(b) for b in case["biases"]] == [(n_out,) for _, n_out in layers]
    # and the package reads it into the same shapes
    decoded = read_case(case["name"], ROOT)
    assert [w.shape for w in decoded["weights"]] == layers
    assert decoded["X"].shape[0] == decoded["y"].shape[0]


@pytest.mark.parametrize("rel", GOLDEN)
def test_golden(rel):
    gold = load(rel)
    assert gold["case"] == Path(rel).stem
    assert (ROOT / "cases" / f"{gold['case']}.json").is_file(), f"{rel}: no case"
    case = load(f"cases/{gold['case']}.json")
    assert shape(gold["loss"]) == (case["epochs"],), f"{rel}: one loss per epoch"
    assert all(v >= 0 for v in from_hex(gold["loss"])), f"{rel}: negative loss"
    assert [shape(w) for w in gold["final_weights"]] == [shape(w) for w in case["weights"]]
    assert (gold["final_biases"] is None) == (case["biases"] is None)
    if case["biases"] is not None:
        assert [shape(b) for b in gold["final_biases"]] == [shape(b) for b in case["biases"]]


def test_every_case_has_a_golden_file():
    assert {Path(f).stem for f in CASES} == {Path(f).stem for f in GOLDEN}
    assert CASES and DATASETS


# --- the manifest --------------------------------------------------------------------------------


def manifest() -> list[tuple[str, str]]:
    lines = (ROOT / MANIFEST).read_text().splitlines()
    for line in lines:
        assert re.fullmatch(r"[0-9a-f]{64}  (cases|datasets|golden)/[a-z0-9_]+\.json", line), line
    return [(line[66:], line[:64]) for line in lines]


def test_manifest_lists_every_file_once():
    names = [name for name, _ in manifest()]
    assert len(names) == len(set(names)), "a file is listed twice"
    assert sorted(names) == sorted(FILES)


@pytest.mark.parametrize("rel", FILES)
def test_manifest_digest(rel):
    digest = dict(manifest())[rel]
    assert hashlib.sha256((ROOT / rel).read_bytes()).hexdigest() == digest, rel


def copy_fixtures(dest: Path) -> Path:
    for folder in KINDS:
        shutil.copytree(ROOT / folder, dest / folder)
    shutil.copytree(ROOT / "schema", dest / "schema")
    shutil.copy(ROOT / MANIFEST, dest / MANIFEST)
    return dest


CORRUPTIONS = {
    "one hex digit": lambda s: s.replace("0x1.0000000000000p-1", "0x1.0000000000001p-1", 1),
    "a trailing space": lambda s: s + " ",
    "a different but valid number": lambda s: s.replace('"epochs": 3000', '"epochs": 300'),
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_corrupted_copy_is_refused(tmp_path, how):
    root = copy_fixtures(tmp_path)
    target = root / "cases" / "xor.json"
    assert read_json(target)["name"] == "xor"  # the intact copy reads
    text = target.read_text()
    changed = CORRUPTIONS[how](text)
    assert changed != text
    target.write_text(changed)
    json.loads(changed)  # still valid JSON: only the manifest can catch it
    with pytest.raises(FixtureError, match=re.escape(str(target))):
        read_json(target)
    with pytest.raises(FixtureError, match=r"xor\.json"):
        read_case("xor", root)


def test_corrupted_dataset_is_refused_through_its_case(tmp_path):
    root = copy_fixtures(tmp_path)
    target = root / "datasets" / "toy_article.json"
    target.write_text(target.read_text().replace("0x0.0p+0", "-0x0.0p+0", 1))
    with pytest.raises(FixtureError, match=r"datasets.toy_article\.json"):
        read_case("toy_article_demo", root)
