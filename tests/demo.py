"""make demo: the article's toy run and its moons run, in Python and in R.

Prints the loss at the epochs the article prints, from both languages side
by side, and whether the two runs agree bit for bit at every epoch. Exact
numerics first (they agree), then fast numerics (they drift apart).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parity import first_mismatch  # noqa: E402
from rbridge import R  # noqa: E402
from twinnet.cases import run_case  # noqa: E402
from twinnet.fixtures import fixture_dir  # noqa: E402

RUNS = [("toy_article", 100), ("moons_article", 1000)]


def show(r: R, name: str, every: int, numerics: str) -> None:
    start = time.perf_counter()
    py = run_case(name, numerics)
    rr = r.call("run_case", name, numerics, root=str(fixture_dir()))
    seconds = time.perf_counter() - start
    print(f"\n{name}, numerics = {numerics!r} ({len(py.loss)} epochs, {seconds:.1f} s)")
    print(f"  {'epoch':>6s}  {'Python loss':>22s}  {'R loss':>22s}")
    for epoch in range(0, len(py.loss), every):
        a, b = py.loss[epoch], rr["loss"][epoch]
        mark = "" if a.hex() == float(b).hex() else "   <- differs"
        print(f"  {epoch:6d}  {a:22.17f}  {b:22.17f}{mark}")
    mismatch = first_mismatch(py.trace, rr["trace"])
    if mismatch is None:
        print("  parity: IDENTICAL bits in weights, biases, outputs and loss at every epoch")
    else:
        print(f"  parity: DIFFERENT from {mismatch}")


def main() -> None:
    r = R()
    for numerics in ("exact", "fast"):
        for name, every in RUNS:
            show(r, name, every, numerics)


if __name__ == "__main__":
    main()
