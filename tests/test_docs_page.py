"""The side-by-side page, opened in headless Chromium.

The page checks itself when it loads (every step shows visible Python and
R code, row beside row; every in-page link resolves; every picture loads;
nothing is wider than the 1400-pixel window) and writes the verdict into
<body data-check>; Chromium's --dump-dom hands it back. The screenshot
goes to .venv/reports/.
"""

import html
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
SECTIONS = STEPS + ["pictures", "next"]


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


def check(page: Path) -> str:
    """The page's verdict on itself, in a 1400-pixel-wide window."""
    dom = chromium("--window-size=1400,2400", "--dump-dom", page.as_uri(), cwd=page.parent)
    return re.search(r'data-check="([^"]*)"', dom)[1], dom


def test_every_step_shows_both_languages_and_the_page_checks_out(page):
    verdict, dom = check(page)
    assert re.fullmatch(r"ok 9 steps, \d+ rows, 12 links, 5 images, width 1400", verdict), verdict
    assert re.findall(r'<section class="step" id="(\w+)"', dom) == SECTIONS
    toc = dom.split('<nav class="toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#(\w+)"', toc) == SECTIONS  # the contents list every section
    for step in STEPS:
        section = dom.split(f'id="{step}"')[1].split("</section>")[0]
        assert 'class="hl python' in section and 'class="hl r' in section
        assert "<table>" in section  # the toy case's numbers


def test_the_check_catches_broken_links_images_and_wide_lines(page, tmp_path):
    broken = tmp_path / "index.html"
    text = page.read_text().replace("moons_article_drift.png", "missing.png")
    text = text.replace("<main>", '<main><a href="#nowhere">x</a><pre style="white-space: pre">'
                        + "x" * 400 + "</pre>")  # fmt: skip
    broken.write_text(text)
    (tmp_path / "plots").symlink_to(page.parent / "plots")
    verdict, _ = check(broken)
    assert verdict.startswith("problems ")
    assert "link:#nowhere" in verdict and "image:plots/missing.png" in verdict
    assert "page-wider:" in verdict and "scrolls:" in verdict  # 400 characters unwrapped


def pre_texts(text: str, step: str, lang: str) -> str:
    """The code a step's column shows, without the highlighting's tags."""
    pair = text.split(f'data-step="{step}"')[1].split('<section class="step"')[0]
    pres = re.findall(rf'<pre class="hl {lang}[^"]*">(.*?)</pre>', pair, flags=re.S)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in pres if p)


def test_the_code_is_the_package_source_highlighted(page):
    text = page.read_text()
    assert "http://" not in text and "https://" not in text  # nothing fetched at view time
    for lang in ("python", "r"):
        for step, blocks in build.regions(lang).items():
            assert pre_texts(text, step, lang) == "\n".join(code for _, _, code in blocks)
    # Pygments coloured keywords in both languages, with its styles inline
    assert '<span class="k">def</span>' in text and '<span class="kr">function</span>' in text
    assert ".hl .k {" in text


def test_rows_start_with_the_same_step_comment(page):
    text = page.read_text()
    rows = 0
    for step in STEPS:
        pair = text.split(f'data-step="{step}"')[1].split('<section class="step"')[0]
        pres = re.findall(r'<pre class="hl (python|r)[^"]*">(.*?)</pre>', pair, flags=re.S)
        firsts = [html.unescape(re.sub(r"<[^>]+>", "", p)).split("\n")[0].strip() for _, p in pres]
        for py, r in zip(firsts[::2], firsts[1::2]):
            if py.startswith("#") and r.startswith("#"):
                assert py == r, (step, py, r)
                rows += 1
    assert rows >= 10  # forward, backward, update, loss and fit have shared comments


def test_alignment_whatever_the_regions_hold():
    # a comment only one language has joins the row above; rows still pair up
    py = ["def f(x):", "  # one", "  a = 1", "  # only here", "  b = 2", "  # two", "  c"]
    r = ["f <- function(x) {", "  # one", "  a <- 1", "  # two", "  c", "}"]
    rows = build.align(py, r)
    assert [(left[0], right[0]) for left, right in rows] == [(0, 0), (1, 1), (5, 3)]
    assert rows[1] == ([1, 2, 3, 4], [1, 2])
    # no comments at all, or different ones: one row each, nothing lost
    assert build.align(["x = 1", "y = 2"], ["x <- 1"]) == [([0, 1], [0])]
    assert build.align(["# a", "x"], ["# b", "y"]) == [([0, 1], [0, 1])]
    lines = build.highlight('s = """two\nlines"""\n# c', "python")
    assert len(lines) == 3  # one HTML string per source line, even inside a string


def test_screenshot(page):
    shot = ROOT / ".venv" / "reports" / "docs_page.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    chromium("--window-size=1400,2400", f"--screenshot={shot}", page.as_uri(), cwd=page.parent)
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1400, 2400)
    assert len(set(pixels)) > 100  # text, tables and code: far from a blank page
