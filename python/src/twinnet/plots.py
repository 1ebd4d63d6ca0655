"""Pictures of training: the loss curve, the decision boundary, the fast-mode drift.

Twin: ``r/R/plots.R``, which draws the same pictures with R's own graphics.
Given a path, every function writes one PNG file of ``width`` x ``height``
pixels (800 x 500 by default, in both languages) and returns its path;
without one it returns the matplotlib Figure (R draws on the current
graphics device). Titles name what was trained, the loss and the language.

matplotlib is optional (``pip install twinnet[plots]``): it is imported
inside the functions, so ``import twinnet`` and training work without it.
"""

import os
from pathlib import Path

import numpy as np

from twinnet.errors import ArgumentError, DataTypeError, DataValueError, ShapeError
from twinnet.fit import FitResult
from twinnet.predict import predict
from twinnet.validate import (
    check_data,
    check_flag,
    check_int,
    check_name,
    check_network,
    check_rows,
)

WIDTH, HEIGHT = 800, 500
# One colour per class: the first blue, the second red, then ColorBrewer's
# Dark2; the same hex codes in R. Drift lines cycle through them too.
CLASS_COLOURS = ("#2166AC", "#B2182B", "#1B9E77", "#D95F02", "#7570B3", "#E7298A", "#66A61E")
# Pixels = inches * DPI: the figure size in inches is chosen for exact pixels.
DPI = 100


def plot_loss(
    losses,
    path=None,
    *,
    case=None,
    loss=None,
    width=WIDTH,
    height=HEIGHT,
    log=True,
    title=None,
):
    """Draw the loss of every epoch as a line.

    Parameters
    ----------
    losses : FitResult or array_like
        A result of :func:`~twinnet.fit` (its ``loss`` is drawn), or one
        loss per epoch, epoch 0 first.
    path : str or os.PathLike, optional
        The PNG file to write; its folder must exist. ``None`` writes no
        file and returns the matplotlib Figure (Jupyter shows it).
    case, loss : str, optional
        What was trained (a case or data set's name) and the loss's name,
        for the title: ``"Training loss: moons_article, squared_error, Python"``.
    width, height : int
        Size of the picture in pixels.
    log : bool
        Log scale on the loss axis (the default), where a loss falling from
        0.25 to 0.002 stays readable; needs every loss above 0.
    title : str, optional
        The picture's title, instead of the one made from ``case`` and ``loss``.

    Returns
    -------
    pathlib.Path or matplotlib.figure.Figure
        ``path``, or the Figure when ``path`` is None.

    Examples
    --------
    >>> import os, tempfile, twinnet
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    >>> result = twinnet.fit(twinnet.init_network([2, 3, 1], seed=1), X, y, epochs=100, lr=0.5)
    >>> path = os.path.join(tempfile.mkdtemp(), "loss.png")
    >>> twinnet.plot_loss(result, path, case="xor", loss="squared_error").name
    'loss.png'
    >>> type(twinnet.plot_loss(result)).__name__
    'Figure'
    """
    # a fit result carries its losses; anything else is the losses themselves
    losses = losses.loss if isinstance(losses, FitResult) else losses
    losses = check_data(losses, "losses")
    if losses.shape[1] != 1:
        raise ShapeError(f"losses must be one value per epoch; got shape {losses.shape}")
    check_flag(log, "log")
    if log and not (losses > 0).all():
        raise DataValueError("losses must be above 0 for a log scale; use log=False")
    title = _title("Training loss", case, loss) if title is None else title

    def draw(ax):
        epochs = np.arange(len(losses))
        ax.plot(epochs, losses[:, 0], color=CLASS_COLOURS[0], linewidth=2, label="loss")
        ax.set(yscale="log" if log else "linear", title=title)
        ax.set(xlabel="epoch", ylabel="loss (log scale)" if log else "loss")
        # the legend names the line and its last value, in a band kept free
        # above the line's highest point
        ax.set_ylim(*_headroom(losses[:, 0], log))
        final = f"loss before each update; epoch {len(losses) - 1}: {losses[-1, 0]:.5g}"
        ax.legend([final], loc="upper right", fontsize="small", framealpha=0.85)

    return _write_png(path, width, height, draw)


def plot_decision_boundary(
    network,
    X,
    y,
    path=None,
    *,
    case=None,
    loss=None,
    width=WIDTH,
    height=HEIGHT,
    resolution=200,
    numerics="exact",
    title=None,
):
    """Draw a 2-input network's output over the plane, and the data on top.

    One output is drawn as its value, shaded blue (0) to red (1) with a
    colour bar and the 0.5 threshold as a black line; several outputs as
    the predicted class, each class its colour, with smooth boundaries
    (where the two largest outputs are equal).

    Parameters
    ----------
    network : Network or FitResult
        A network with 2 inputs, from :func:`~twinnet.init_network` or a
        fit (a fit's result stands for its trained network).
    X : array_like, shape (n, 2)
        The data, one sample per row; the grid covers it with a margin.
    y : array_like, shape (n, sizes[-1])
        Targets as for :func:`~twinnet.fit`; a sample's class is 1 when its
        one target is at least 0.5, else the column of its largest target.
    path : str or os.PathLike, optional
        The PNG file to write; its folder must exist. ``None`` writes no
        file and returns the matplotlib Figure.
    case, loss : str, optional
        What was trained and the loss's name, for the title.
    width, height : int
        Size of the picture in pixels.
    resolution : int
        Grid points along each axis.
    numerics : {"exact", "fast"}
        How the grid is predicted, see :func:`~twinnet.numerics_ops`.
    title : str, optional
        The picture's title, instead of the one made from ``case`` and ``loss``.

    Returns
    -------
    pathlib.Path or matplotlib.figure.Figure
        ``path``, or the Figure when ``path`` is None.

    Raises
    ------
    ShapeError
        If the network does not have 2 inputs, or X and y do not fit it.

    Examples
    --------
    >>> import os, tempfile, twinnet
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    >>> net = twinnet.init_network([2, 3, 1], seed=1)
    >>> path = os.path.join(tempfile.mkdtemp(), "boundary.png")
    >>> twinnet.plot_decision_boundary(net, X, y, path, case="xor").name
    'boundary.png'
    """
    network = network.network if isinstance(network, FitResult) else network
    check_network(network)
    if network.sizes[0] != 2:
        raise ShapeError(f"a decision boundary needs 2 inputs; the network has {network.sizes[0]}")
    X, y = check_data(X, "X"), check_data(y, "y")
    check_rows(X, y, network.sizes)
    resolution = check_int(resolution, "resolution", 2, 2000)
    title = _title("Decision boundary", case, loss) if title is None else title
    # the network's output on a grid over the data, x1 varying fastest
    x1, x2 = _grid_axis(X[:, 0], resolution), _grid_axis(X[:, 1], resolution)
    grid = np.column_stack([np.tile(x1, len(x2)), np.repeat(x2, len(x1))])
    output = predict(network, grid, numerics=numerics)
    # each sample's class, for its colour: 0.5 threshold or largest target
    classes = (y[:, 0] >= 0.5).astype(int) if y.shape[1] == 1 else y.argmax(axis=1)

    def draw(ax):
        shape = (len(x2), len(x1))
        if output.shape[1] == 1:
            _draw_output(ax, x1, x2, output[:, 0].reshape(shape))
        else:
            _draw_classes(
                ax, x1, x2, [_margin(output, k).reshape(shape) for k in range(output.shape[1])]
            )
        _draw_samples(ax, X, classes, output.shape[1])
        ax.set(xlabel="x1", ylabel="x2", title=title)

    return _write_png(path, width, height, draw)


def plot_drift(drift, path=None, *, width=WIDTH, height=HEIGHT, cases=None, title=None):
    """Draw the fast-mode drift between Python and R, one line per case.

    Parameters
    ----------
    drift : pandas.DataFrame or dict of array_like
        A table with the columns ``case`` (names), ``epoch`` (from 0) and
        ``ulps`` (the largest distance in ULPs over all tensors at that
        epoch), as the parity harness writes it; the same table in R.
    path : str or os.PathLike, optional
        The PNG file to write; its folder must exist. ``None`` writes no
        file and returns the matplotlib Figure.
    width, height : int
        Size of the picture in pixels.
    cases : sequence of str, optional
        The cases to draw, in this order; ``None`` draws every case of the
        table, in the order they first appear.
    title : str, optional
        The picture's title, instead of one naming the cases drawn.

    Returns
    -------
    pathlib.Path or matplotlib.figure.Figure
        ``path``, or the Figure when ``path`` is None.

    Examples
    --------
    >>> import os, tempfile, twinnet
    >>> drift = {"case": ["a"] * 3 + ["b"] * 3, "epoch": [0, 1, 2] * 2, "ulps": [0, 2, 40, 1, 1, 3]}
    >>> path = os.path.join(tempfile.mkdtemp(), "drift.png")
    >>> twinnet.plot_drift(drift, path).name
    'drift.png'
    """
    case, epoch, ulps = _check_drift(drift)
    known = [str(c) for c in dict.fromkeys(case)]
    cases = known if cases is None else [check_name(c, known, "each of cases") for c in cases]
    # the axes cover the cases drawn, not the whole table
    keep = np.isin(case, cases)
    case, epoch, ulps = case[keep], epoch[keep], ulps[keep]
    what = "Fast-mode drift between Python and R"
    title = _title(what, ", ".join(cases) if len(cases) < 4 else None) if title is None else title

    def draw(ax):
        for i, name in enumerate(cases):
            rows = case == name
            # + 1 on both axes: log scales cannot show epoch 0 or 0 ULPs
            colour, style = CLASS_COLOURS[i % len(CLASS_COLOURS)], ("-", "--", ":")[i // 7 % 3]
            ax.plot(epoch[rows] + 1, ulps[rows] + 1, color=colour, linestyle=style, linewidth=2)
        ax.set(xscale="log", yscale="log", xlabel="epoch + 1", title=title)
        ax.set(ylabel="largest difference + 1 (ULPs)")
        ax.legend(cases, loc="upper left", frameon=False, title="case")

    return _write_png(path, width, height, draw)


def _title(what: str, *context) -> str:
    """``what: context, ... (Python)``: the title names what and where it was drawn."""
    parts = ", ".join(str(c) for c in context if c is not None)
    return f"{what}: {parts} (Python)" if parts else f"{what} (Python)"


def _write_png(path, width, height, draw):
    """Draw on a new width x height picture; write it atomically, or return it."""
    width, height = check_int(width, "width", 100, 10000), check_int(height, "height", 100, 10000)
    if path is not None and (
        not isinstance(path, (str, os.PathLike)) or not Path(path).parent.is_dir()
    ):
        raise ArgumentError(f"path must be a file name in an existing folder; got {path!r}")
    figure, canvas = _matplotlib()
    # Agg draws to memory: no window, no display, no global pyplot state
    fig = figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    canvas(fig)
    draw(fig.subplots())
    if path is None:
        return fig
    path = Path(path)
    # atomically: a crash leaves the old picture or none, never half of one
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fig.savefig(tmp, format="png", dpi=DPI)  # no bbox_inches: it would change the size
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _matplotlib():
    """matplotlib's Figure and Agg canvas, or an error saying how to install them."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as err:
        raise ImportError("twinnet's plots need matplotlib: pip install twinnet[plots]") from err
    return Figure, FigureCanvasAgg


def _headroom(values: np.ndarray, log: bool) -> tuple[float, float]:
    """The axis limits: the values' range and 15% more above (in log units on a log scale)."""
    low, high = float(values.min()), float(values.max())
    if log:
        top = high * (high / low) ** 0.15 if high > low else high * 2.0
        return low / (high / low) ** 0.04 if high > low else low / 2.0, top
    span = high - low if high > low else 1.0
    return low - 0.04 * span, high + 0.15 * span


def _grid_axis(values: np.ndarray, resolution: int) -> np.ndarray:
    """Points along one axis: the data's range and 5% more on each side."""
    low, high = values.min(), values.max()
    margin = 0.05 * (high - low) if high > low else 0.5
    return np.linspace(low - margin, high + margin, resolution)


def _margin(output: np.ndarray, k: int) -> np.ndarray:
    """Output k minus the largest other output: above 0 where k is predicted.

    A smooth field, so its 0 contour is a smooth boundary (the predicted
    class itself is a step function: its contours follow the grid).
    """
    others = np.delete(output, k, axis=1)
    return output[:, k] - others.max(axis=1)


def _draw_output(ax, x1, x2, z) -> None:
    """One output: 10 bands from blue (0) to red (1), a colour bar, the 0.5 line."""
    from matplotlib.colors import LinearSegmentedColormap

    ramp = [CLASS_COLOURS[0], "#FFFFFF", CLASS_COLOURS[1]]
    ramp = LinearSegmentedColormap.from_list("twinnet", ramp)
    levels = np.linspace(min(z.min(), 0.0), max(z.max(), 1.0), 11)
    bands = ax.contourf(x1, x2, z, levels=levels, cmap=ramp, alpha=0.6)
    ax.figure.colorbar(bands, ax=ax, label="network output (black line: 0.5)")
    if z.min() < 0.5 < z.max():
        ax.contour(x1, x2, z, levels=[0.5], colors="black", linewidths=2)


def _draw_classes(ax, x1, x2, margins) -> None:
    """Several outputs: each class's region in its colour, black boundaries."""
    for k, margin in enumerate(margins):
        top = max(margin.max(), 0.0) + 1.0
        colour = CLASS_COLOURS[k % len(CLASS_COLOURS)]
        ax.contourf(x1, x2, margin, levels=[0.0, top], colors=[colour], alpha=0.35)
        if margin.min() < 0.0 < margin.max():
            ax.contour(x1, x2, margin, levels=[0.0], colors="black", linewidths=1.5)


def _draw_samples(ax, X, classes, n_outputs: int) -> None:
    """The samples on top, one colour per class, and a legend naming them."""
    from matplotlib.lines import Line2D

    points = [CLASS_COLOURS[k % len(CLASS_COLOURS)] for k in classes]
    ax.scatter(X[:, 0], X[:, 1], c=points, edgecolors="black", linewidths=0.5, s=25)
    labels = ["y = 0", "y = 1"] if n_outputs == 1 else [f"class {k}" for k in range(n_outputs)]
    handles = [
        Line2D([], [], marker="o", linestyle="", markeredgecolor="black",
               markerfacecolor=CLASS_COLOURS[k % len(CLASS_COLOURS)], label=label)
        for k, label in enumerate(labels)
    ]  # fmt: skip
    ax.legend(handles=handles, title="samples", loc="upper right", framealpha=0.85)


def _check_drift(drift):
    """The drift table's columns: case names, and epochs and ULPs of at least 0."""
    if not hasattr(drift, "keys"):
        raise DataTypeError(f"drift must be a DataFrame or a dict of columns; got {drift!r}")
    missing = [c for c in ("case", "epoch", "ulps") if c not in drift.keys()]
    if missing:
        raise ShapeError(f"drift must have the columns case, epoch and ulps; missing {missing}")
    case = np.asarray(drift["case"]).astype(str).reshape(-1)
    epoch = check_data(drift["epoch"], "drift['epoch']").reshape(-1)
    ulps = check_data(drift["ulps"], "drift['ulps']").reshape(-1)
    if not len(case) == len(epoch) == len(ulps):
        raise ShapeError(
            f"drift's columns must be as long; got {len(case)}, {len(epoch)} and {len(ulps)}"
        )
    if (epoch < 0).any() or (ulps < 0).any():
        raise DataValueError("drift's epochs and ulps must be at least 0")
    return case, epoch, ulps
