"""Pictures: each PNG has the requested size, is not blank, and bad input is refused.

Twin: r/tests/testthat/test-plots.R. Pictures go to pytest's temporary
folders, never into the repository.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import twinnet
from twinnet.cases import run_case
from twinnet.errors import ArgumentError, DataValueError, NameChoiceError, ShapeError
from twinnet.fixtures import read_case

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR header (bytes 16-23)."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def assert_picture(path, width=800, height=500):
    """The PNG exists, has the size asked for, and shows something.

    Not blank: decoded, it has many distinct colours (a blank picture has
    one; lines, text and antialiasing give hundreds) and its pixels vary.
    """
    from matplotlib.image import imread

    assert Path(path).is_file()
    assert png_size(path) == (width, height)
    pixels = imread(path)
    assert pixels.shape[:2] == (height, width)
    colours = np.unique(pixels.reshape(-1, pixels.shape[2]), axis=0)
    assert len(colours) >= 50, f"{path}: only {len(colours)} colours"
    assert pixels.std() > 0.05, f"{path}: its pixels hardly vary"


@pytest.fixture
def mpl():
    """matplotlib, or skip: it is an optional dependency."""
    return pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def moons():
    """The moons case and its fast-mode run (the boundary bends after epoch 4000)."""
    return read_case("moons_article"), run_case("moons_article", "fast", record_every=5000)


def test_loss_plot_from_a_fit_or_a_vector(mpl, moons, tmp_path):
    _, result = moons
    path = twinnet.plot_loss(result, tmp_path / "loss.png")
    assert path == tmp_path / "loss.png"
    assert_picture(path)
    small = twinnet.plot_loss(list(result.loss), tmp_path / "small.png", width=640, height=400)
    assert_picture(small, 640, 400)
    assert_picture(twinnet.plot_loss(result.loss, str(tmp_path / "linear.png"), log=False))


def test_loss_plot_refuses_log_of_zero_and_matrices(tmp_path):
    with pytest.raises(DataValueError, match="log=False"):
        twinnet.plot_loss([0.25, 0.0], tmp_path / "loss.png")
    with pytest.raises(ShapeError, match="one value per epoch"):
        twinnet.plot_loss(np.ones((3, 2)), tmp_path / "loss.png")
    assert list(tmp_path.iterdir()) == []


def test_decision_boundary_over_the_moons(mpl, moons, tmp_path):
    case, result = moons
    path = twinnet.plot_decision_boundary(result.network, case["X"], case["y"], tmp_path / "b.png")
    assert_picture(path)


def test_decision_boundary_of_three_classes(mpl, tmp_path):
    case, result = read_case("blobs"), run_case("blobs", "fast", record_every=1000)
    path = tmp_path / "blobs.png"
    twinnet.plot_decision_boundary(result.network, case["X"], case["y"], path, resolution=50)
    assert_picture(path, 800, 500)


def test_decision_boundary_refuses_3d_input(tmp_path):
    net = twinnet.init_network([3, 4, 1], seed=1)
    X = np.random.default_rng(1).random((10, 3))
    with pytest.raises(ShapeError, match="needs 2 inputs; the network has 3"):
        twinnet.plot_decision_boundary(net, X, np.zeros(10), tmp_path / "b.png")
    net2 = twinnet.init_network([2, 4, 1], seed=1)
    with pytest.raises(ShapeError, match="X must have 2 columns"):
        twinnet.plot_decision_boundary(net2, X, np.zeros(10), tmp_path / "b.png")
    assert list(tmp_path.iterdir()) == []


def test_drift_plot_from_a_data_frame_or_a_dict(mpl, tmp_path):
    epochs = np.arange(100)
    drift = {
        "case": ["moons"] * 100 + ["xor"] * 100,
        "epoch": np.concatenate([epochs, epochs]),
        "ulps": np.concatenate([np.floor(1.2**epochs), np.zeros(100)]),
    }
    assert_picture(twinnet.plot_drift(drift, tmp_path / "dict.png"))
    frame = pd.DataFrame(drift)
    assert_picture(twinnet.plot_drift(frame, tmp_path / "frame.png", cases=["xor", "moons"]))
    with pytest.raises(NameChoiceError, match="did you mean 'moons'"):
        twinnet.plot_drift(frame, tmp_path / "bad.png", cases=["moon"])
    with pytest.raises(ShapeError, match="missing \\['ulps'\\]"):
        twinnet.plot_drift(frame.drop(columns="ulps"), tmp_path / "bad.png")
    with pytest.raises(DataValueError, match="at least 0"):
        twinnet.plot_drift(dict(drift, epoch=-epochs.repeat(2)), tmp_path / "bad.png")


def test_writes_atomically_and_checks_size_and_path(mpl, tmp_path):
    path = tmp_path / "loss.png"
    path.write_bytes(b"old")
    twinnet.plot_loss([0.3, 0.2, 0.1], path, width=300, height=200)
    assert png_size(path) == (300, 200)
    assert [p.name for p in tmp_path.iterdir()] == ["loss.png"]  # no temporary file left
    with pytest.raises(ArgumentError, match="width"):
        twinnet.plot_loss([0.3, 0.2], path, width=20)
    with pytest.raises(ArgumentError, match="existing folder"):
        twinnet.plot_loss([0.3, 0.2], tmp_path / "no" / "loss.png")


def test_without_matplotlib_the_error_says_how_to_install_it(monkeypatch, tmp_path):
    # None in sys.modules makes "import matplotlib..." fail as if not installed
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ImportError, match=r"pip install twinnet\[plots\]"):
        twinnet.plot_loss([0.3, 0.2], tmp_path / "loss.png")


def test_without_a_path_a_figure_is_returned_and_no_file_written(mpl, moons, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    case, result = moons
    monkeypatch.chdir(tmp_path)
    figures = [
        twinnet.plot_loss(result),
        twinnet.plot_decision_boundary(result, case["X"], case["y"], resolution=40),
        twinnet.plot_drift({"case": ["a"] * 3, "epoch": [0, 1, 2], "ulps": [0, 3, 9]}),
    ]
    assert all(isinstance(f, Figure) for f in figures)
    assert [tuple(f.get_size_inches() * f.dpi) for f in figures] == [(800, 500)] * 3
    assert list(tmp_path.iterdir()) == []


def test_titles_name_the_case_the_loss_and_the_language(mpl, moons):
    case, result = moons
    loss = twinnet.plot_loss(result, case="moons_article", loss="squared_error")
    assert loss.axes[0].get_title() == "Training loss: moons_article, squared_error (Python)"
    assert twinnet.plot_loss(result).axes[0].get_title() == "Training loss (Python)"
    boundary = twinnet.plot_decision_boundary(
        result.network, case["X"], case["y"], case="moons", resolution=20
    )
    assert boundary.axes[0].get_title() == "Decision boundary: moons (Python)"
    drift = twinnet.plot_drift({"case": ["xor"] * 2, "epoch": [0, 1], "ulps": [0, 1]})
    assert drift.axes[0].get_title() == "Fast-mode drift between Python and R: xor (Python)"
    own = twinnet.plot_loss(result, case="x", title="mine")
    assert own.axes[0].get_title() == "mine"


def legend_labels(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_legends_and_colour_bar_say_what_the_colours_mean(mpl, moons):
    case, result = moons
    loss = twinnet.plot_loss(result).axes[0]
    assert legend_labels(loss)[0].startswith("loss before each update; epoch 4999: ")
    one = twinnet.plot_decision_boundary(result, case["X"], case["y"], resolution=30)
    assert legend_labels(one.axes[0]) == ["y = 0", "y = 1"]
    # the second axes is the colour bar, labelled
    assert len(one.axes) == 2 and one.axes[1].get_ylabel().startswith("network output")
    blobs, fitted = read_case("blobs"), run_case("blobs", "fast", record_every=1000)
    three = twinnet.plot_decision_boundary(fitted, blobs["X"], blobs["y"], resolution=30)
    assert legend_labels(three.axes[0]) == ["class 0", "class 1", "class 2"]
    assert len(three.axes) == 1  # classes are named by the legend, no colour bar


def boundary_vertices(ax) -> np.ndarray:
    """The black boundary lines' vertices."""
    lines = [c for c in ax.collections if np.allclose(np.asarray(c.get_edgecolor())[:, :3], 0)]
    assert lines, "no black boundary line"
    return np.vstack([p.vertices for c in lines for p in c.get_paths() if len(p.vertices)])


def cell_offsets(vertices, case, resolution) -> set:
    """Where each vertex lies within its grid cell, in cells, rounded (0 to 1)."""
    offsets = set()
    for axis, column in enumerate(case["X"].T):
        points = twinnet.plots._grid_axis(column, resolution)  # the grid the plot predicts on
        offset = ((vertices[:, axis] - points[0]) / (points[1] - points[0])) % 1.0
        offsets |= set(np.round(offset, 4) % 1.0)
    return offsets


def test_three_class_boundaries_are_smooth_not_stair_steps(mpl):
    # Contours of the class index (a step function) cross each grid cell at
    # a handful of fixed fractions (1/2 between neighbouring classes, 1/4 and
    # 3/4 across one), so the line steps with the grid. The margin between
    # the two largest outputs is smooth: its crossings fall anywhere.
    case, result = read_case("blobs"), run_case("blobs", "fast", record_every=1000)
    fig = twinnet.plot_decision_boundary(result, case["X"], case["y"], resolution=25)
    vertices = boundary_vertices(fig.axes[0])
    assert len(vertices) > 20
    assert len(cell_offsets(vertices, case, 25)) > 20
