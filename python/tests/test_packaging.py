"""Each package carries the shared fixtures, identical to the repository's.

A one-language install (``pip install ./python``, ``R CMD INSTALL r``) finds
the cases in its own copy: ``twinnet/_fixtures`` and ``r/inst/fixtures``,
written by ``make setup`` from ``shared_fixtures/``. Here: both copies hold
exactly the repository's files, and every file matches its manifest entry
(the bad-input table and the schemas, outside the manifest, match the
repository's byte for byte).
"""

import hashlib
from pathlib import Path

import pytest

from twinnet.fixtures import MANIFEST

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / "shared_fixtures"
COPIES = [REPO / "python" / "src" / "twinnet" / "_fixtures", REPO / "r" / "inst" / "fixtures"]

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="only in the repository")


def listed(root: Path) -> dict:
    lines = (root / MANIFEST).read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


@pytest.mark.parametrize("copy", COPIES, ids=["python", "r"])
def test_the_packaged_copy_is_the_repository_s(copy):
    assert (copy / MANIFEST).read_bytes() == (SHARED / MANIFEST).read_bytes(), (
        f"{copy} is stale: run make setup"
    )
    for name, digest in listed(copy).items():
        assert hashlib.sha256((copy / name).read_bytes()).hexdigest() == digest, name
    files = {p.relative_to(copy).as_posix() for p in copy.rglob("*.json")}
    # beyond the manifest: the bad-input table and the schemas the readers check against
    unlisted = {"bad_inputs.json"} | {
        f"schema/{p.name}" for p in (SHARED / "schema").glob("*.json")
    }
    assert files == set(listed(SHARED)) | unlisted
    for name in unlisted:
        assert (copy / name).read_bytes() == (SHARED / name).read_bytes(), name
