"""The side-by-side page, opened in headless Chromium.

The page checks itself when it loads (every step shows visible Python and
R code) and writes the verdict into <body data-check>; Chromium's
--dump-dom hands it back. The screenshot goes to .venv/reports/.
"""

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "page"))

import build  # noqa: E402

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--hide-scrollbars"]  # fmt: skip
STEPS = [
    "init",
    "forward",
    "activation",
    "sigmoid",
    "tree_sum",
    "loss",
    "backward",
    "update",
    "fit",
]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if shutil.which("chromium") is None:
        pytest.fail("chromium is missing: `make setup` installs it (apt-get install chromium)")
    return build.build(tmp_path_factory.mktemp("site") / "index.html")


def chromium(*args, cwd):
    out = subprocess.run(
        CHROMIUM + list(args), capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def png_pixels(path: Path):
    """Width, height and the decompressed scanlines of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, i = [], 8
    while i < len(data):
        (length,), kind = struct.unpack(">I", data[i : i + 4]), data[i + 4 : i + 8]
        if kind == b"IDAT":
            chunks.append(data[i + 8 : i + 8 + length])
        i += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def test_every_step_shows_both_languages(page):
    dom = chromium("--dump-dom", page.as_uri(), cwd=page.parent)
    assert 'data-check="ok 9 steps"' in dom
    assert re.findall(r'<section class="step" id="(\w+)"', dom) == STEPS
    for step in STEPS:
        section = dom.split(f'id="{step}"')[1].split("</section>")[0]
        assert 'class="code python"' in section and 'class="code r"' in section
        assert "<table>" in section  # the toy case's numbers


def test_the_code_is_the_package_source(page):
    text = page.read_text()
    assert "http://" not in text and "https://" not in text  # nothing fetched at view time
    for lang in ("python", "r"):
        for blocks in build.regions(lang).values():
            for _, _, code in blocks:
                assert build.highlight(code) in text


def test_screenshot(page):
    shot = ROOT / ".venv" / "reports" / "docs_page.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    chromium("--window-size=1400,2400", f"--screenshot={shot}", page.as_uri(), cwd=page.parent)
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1400, 2400)
    assert len(set(pixels)) > 100  # text, tables and code: far from a blank page
