"""The three pictures from both languages, for the moons case.

Python draws with matplotlib, R (embedded, one call per picture) with its own
graphics; every PNG must have the default size and show something. R's PNGs
are decoded here with matplotlib, so their pixels are checked as Python's.
"""

from pathlib import Path

import numpy as np
import pytest

import twinnet
from parity import trace_drift
from twinnet.cases import run_case
from twinnet.fixtures import fixture_dir, read_case

ROOT = str(fixture_dir())
WIDTH, HEIGHT = 800, 500
# the fast-mode runs are recorded every 10th epoch: 500 points per line
EVERY = 10


def png_size(path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR header (bytes 16-23)."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def picture_facts(path) -> dict:
    """Size from the header and from the pixels, distinct colours, pixel spread."""
    from matplotlib.image import imread

    pixels = imread(path)
    rgb = pixels[:, :, :3]  # cairo writes RGB, Agg RGBA: compare the colours alone
    return {
        "header": png_size(path),
        "pixels": (pixels.shape[1], pixels.shape[0]),
        "colours": len(np.unique(rgb.reshape(-1, 3), axis=0)),
        "spread": float(rgb.std()),
        "bytes": Path(path).stat().st_size,
    }


def assert_both(py_path, r_path, r_returned):
    """Both pictures exist, are 800 x 500 pixels and are not blank."""
    assert r_returned == [str(r_path)]  # R's function returns the path
    for path in (py_path, r_path):
        facts = picture_facts(path)
        assert facts["header"] == facts["pixels"] == (WIDTH, HEIGHT), (path, facts)
        assert facts["colours"] >= 50, (path, facts)
        assert facts["spread"] > 0.05, (path, facts)


@pytest.fixture(scope="module")
def moons(r):
    """The moons case, and its fast-mode runs in Python and R (one R call)."""
    py = run_case("moons_article", "fast", record_every=EVERY)
    rr = r.call("run_case", "moons_article", "fast", record_every=EVERY, root=ROOT)
    return read_case("moons_article"), py, rr


def test_loss_plot_from_both_languages(r, moons, tmp_path):
    _, py, _ = moons
    py_path, r_path = tmp_path / "loss_py.png", tmp_path / "loss_r.png"
    assert twinnet.plot_loss(py, py_path) == py_path
    draw = """function(root, path) {
      plot_loss(run_case("moons_article", "fast", record_every = 5000L, root = root), path)
    }"""
    assert_both(py_path, r_path, r.call(draw, ROOT, str(r_path)))


def test_decision_boundary_from_both_languages(r, moons, tmp_path):
    case, py, _ = moons
    py_path, r_path = tmp_path / "boundary_py.png", tmp_path / "boundary_r.png"
    twinnet.plot_decision_boundary(py.network, case["X"], case["y"], py_path)
    draw = """function(root, path) {
      case <- read_case("moons_article", root)
      result <- run_case("moons_article", "fast", record_every = 5000L, root = root)
      plot_decision_boundary(result$network, case$X, case$y, path)
    }"""
    assert_both(py_path, r_path, r.call(draw, ROOT, str(r_path)))


def test_drift_plot_from_both_languages(r, moons, tmp_path):
    _, py, rr = moons
    # the same table in both languages: case, epoch, ulps
    ulps = trace_drift(py.trace, rr["trace"])["by_epoch"]
    table = {"case": ["moons_article"] * len(ulps), "epoch": py.trace.epochs, "ulps": ulps}
    assert ulps.max() > 2**20  # moons drifts far apart in fast mode: a line to see
    py_path, r_path = tmp_path / "drift_py.png", tmp_path / "drift_r.png"
    twinnet.plot_drift(table, py_path)
    draw = """function(case, epoch, ulps, path) {
      plot_drift(data.frame(case = case, epoch = epoch, ulps = ulps), path)
    }"""
    columns = np.array(table["case"]), table["epoch"].astype(float), ulps
    assert_both(py_path, r_path, r.call(draw, *columns, str(r_path)))


def test_titles_and_legends_are_twins_but_for_the_language(r, moons):
    # R draws on a null PDF device (no path); its display list holds the text drawn
    case, py, _ = moons
    figure = twinnet.plot_decision_boundary(
        py, case["X"], case["y"], case="moons_article", loss="squared_error", resolution=20
    )
    ax = figure.axes[0]
    py_text = [ax.get_title(), *[t.get_text() for t in ax.get_legend().get_texts()]]
    draw = """function(root) {
      case <- read_case("moons_article", root)
      result <- run_case("moons_article", "fast", record_every = 5000L, root = root)
      grDevices::pdf(NULL)
      on.exit(grDevices::dev.off())
      grDevices::dev.control("enable")
      plot_decision_boundary(result, case$X, case$y, case = "moons_article",
                             loss = "squared_error", resolution = 20L)
      calls <- grDevices::recordPlot()[[1L]]
      unname(unlist(lapply(calls, function(call) {
        Filter(is.character, unlist(call[[2L]], recursive = TRUE))
      })))
    }"""
    r_text = list(r.call(draw, ROOT))
    assert py_text[0] == "Decision boundary: moons_article, squared_error (Python)"
    assert "Decision boundary: moons_article, squared_error (R)" in r_text
    assert all(label in r_text for label in py_text[1:])  # y = 0, y = 1
    assert figure.axes[1].get_ylabel() in r_text  # the colour bar's label
