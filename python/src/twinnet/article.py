"""The article's detailed section, replayed through the public API.

Twin: ``r/R/article.R``; ``twinnet article`` on the command line runs it.
The article ("Understanding and coding Neural Networks From Scratch in
Python and R") trains a 4-3-1 sigmoid network without biases on three toy
samples, then a 2-10-1 network on the moons data. Its initial weights were
numpy's seed-42 draws; the shared fixtures store them, so R starts from the
same numbers. Epochs 7000 to 9000 of its moons table are not replayed: the
run is chaotic from about epoch 6000 (docs/numerics.md).
"""

from collections.abc import Callable

import numpy as np

from twinnet.fit import fit
from twinnet.fixtures import read_case
from twinnet.network import init_network
from twinnet.predict import accuracy, predict, predict_labels


def replay_article(numerics: str = "exact", write: Callable[[str], object] = print) -> None:
    """Print the article's figures, one line each, with ``write``."""
    # the untrained network: the error of each sample, (y - o)^2 / 2
    demo = read_case("toy_article_demo")
    untrained = init_network(demo["sizes"], weights=demo["weights"], bias=False)
    error = (demo["y"] - predict(untrained, demo["X"], numerics=numerics)) ** 2 / 2
    write("untrained error per sample: " + " ".join(f"{e:.8f}" for e in error[:, 0]))
    # 1000 epochs at lr 0.1 from fresh draws: the loss every 100 epochs
    toy = read_case("toy_article")
    net = init_network(toy["sizes"], weights=toy["weights"], bias=False)
    result = fit(net, toy["X"], toy["y"], epochs=1000, lr=0.1, numerics=numerics)
    for epoch in range(0, 1000, 100):
        write(f"Error at epoch {epoch} is {result.loss[epoch]:.5f}")
    output = predict(result.network, toy["X"], numerics=numerics)[:, 0]
    write("trained output: " + " ".join(f"{o:.5f}" for o in output))
    # moons, 10 hidden neurons, 5000 epochs: the loss every 1000 epochs
    moons = read_case("moons_article")
    net = init_network(moons["sizes"], weights=moons["weights"], bias=False)
    result = fit(
        net, moons["X"], moons["y"], epochs=5000, lr=0.1, numerics=numerics, record_every=1000
    )
    for epoch in range(0, 5000, 1000):
        write(f"Error at epoch {epoch} is {result.loss[epoch]:.5f}")
    after = np.mean((moons["y"] - predict(result.network, moons["X"], numerics=numerics)) ** 2 / 2)
    write(f"Error at epoch 5000 is {after:.5f}")
    labels = predict_labels(result.network, moons["X"], numerics=numerics)
    write(f"accuracy after 5000 epochs: {accuracy(labels, moons['y']):.3f}")
