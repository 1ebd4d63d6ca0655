"""The article replayed: docs/examples/article.py and article.R print the same.

Each script prints the article's figures through its language's public API
(the untrained per-sample error, the toy table 0.11553 ... 0.01190, the
moons table 0.23478 ... 0.02163); both must print exactly the same text, in
exact and in fast numerics.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
ARTICLE = [
    "untrained error per sample: 0.05013458 0.03727248 0.25388062",
    "Error at epoch 0 is 0.11553",
    "Error at epoch 900 is 0.01190",
    "Error at epoch 0 is 0.23478",
    "Error at epoch 4000 is 0.05129",
    "Error at epoch 5000 is 0.02163",
]


def run(*command) -> list[str]:
    env = dict(os.environ, R_LIBS=str(ROOT / ".venv" / "r-lib"))
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return [line.rstrip() for line in out.stdout.splitlines()]


@pytest.mark.parametrize("numerics", ["exact", "fast"])
def test_the_article_replays_identically_in_both_languages(numerics):
    python = run(sys.executable, str(EXAMPLES / "article.py"), numerics)
    r = run("Rscript", str(EXAMPLES / "article.R"), numerics)
    assert python == r
    for line in ARTICLE:
        assert line in python
