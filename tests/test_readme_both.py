"""The README's examples run as written, so they cannot go stale.

Every fenced ```python block of README.md and python/README.md runs in a
fresh Python, every ```r block in a fresh Rscript, each as its own test,
from a temporary directory. A block
preceded by the line ``<!-- not run -->`` is skipped (and shown as such).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```(\w+)[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
NOT_RUN = "<!-- not run -->"


def readme_blocks(text: str) -> list:
    """(language, index, code, not_run) for every ```python and ```r block."""
    blocks = []
    for match in FENCE.finditer(text):
        lang = match.group(1).lower()
        if lang not in ("python", "r"):
            continue
        before = text[: match.start()].rstrip("\n").splitlines()
        not_run = bool(before) and before[-1].strip() == NOT_RUN
        blocks.append((lang, sum(b[0] == lang for b in blocks) + 1, match.group(2), not_run))
    return blocks


READMES = ("README.md", "python/README.md")
BLOCKS = [
    (f"{readme}:{lang}", i, code, not_run)
    for readme in READMES
    for lang, i, code, not_run in readme_blocks((ROOT / readme).read_text())
]


def test_the_readme_has_examples_in_both_languages():
    langs = {lang for lang, _, _, not_run in BLOCKS if not not_run}
    assert langs == {"README.md:python", "README.md:r", "python/README.md:python"}


def test_the_parser_skips_blocks_marked_not_run():
    text = "```python\nprint(1)\n```\n\n<!-- not run -->\n```r\nstop()\n```\n```sh\nx\n```\n"
    assert readme_blocks(text) == [("python", 1, "print(1)\n", False), ("r", 1, "stop()\n", True)]


@pytest.mark.parametrize(
    "lang, code, not_run",
    [pytest.param(lang, code, nr, id=f"{lang}-{i}") for lang, i, code, nr in BLOCKS],
)
def test_readme_block_runs(lang, code, not_run, tmp_path):
    if not_run:
        pytest.skip("marked <!-- not run --> in the README")
    python = lang.endswith(":python")
    command = [sys.executable, "-c", code] if python else ["Rscript", "-e", code]
    env = dict(os.environ, R_LIBS=str(ROOT / ".venv" / "r-lib"), MPLBACKEND="Agg")
    out = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, f"{lang} block failed:\n{code}\n--- stderr ---\n{out.stderr}"
