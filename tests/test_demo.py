"""make demo's parts, run the way `make demo` runs them (shorter cases)."""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "tools"))

import demo  # noqa: E402  (tools/demo.py, once tools/ is on the path)


def test_demo_article_and_parity(r, capsys):
    demo.article(r)
    demo.show(r, "toy_article", 100, "exact")
    out = capsys.readouterr().out
    assert "  untrained error per sample: 0.05013458 0.03727248 0.25388062\n" in out
    assert "  R printed the same 19 lines\n" in out
    assert "parity: IDENTICAL bits in weights, biases, outputs and loss at every epoch" in out


def test_demo_plots(r, capsys):
    demo.plots(r)
    out = capsys.readouterr().out
    for name in ("loss_python", "boundary_python", "loss_r", "boundary_r", "drift"):
        path = demo.PLOTS / f"moons_{name}.png"
        assert f"docs/site/plots/moons_{name}.png" in out
        assert path.stat().st_size > 10000
