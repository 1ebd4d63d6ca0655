"""Replay the article's detailed section with twinnet's Python API.

Run: .venv/bin/python docs/examples/article.py   (twin: article.R)

The article ("Understanding and coding Neural Networks From Scratch in
Python and R") trains a 4-3-1 sigmoid network without biases on three toy
samples, then a 2-10-1 network on the moons data. Its initial weights were
numpy's seed-42 draws; shared_fixtures/ stores them, so R uses the same.
"""

import numpy as np

import twinnet
from twinnet.fixtures import read_case

# the untrained network: the error of each sample, (y - o)^2 / 2
demo = read_case("toy_article_demo")
untrained = twinnet.init_network(demo["sizes"], weights=demo["weights"], bias=False)
error = (demo["y"] - twinnet.predict(untrained, demo["X"])) ** 2 / 2
print("untrained error per sample:", " ".join(f"{e:.8f}" for e in error[:, 0]))

# 1000 epochs at lr 0.1 from fresh draws: the loss every 100 epochs
toy = read_case("toy_article")
net = twinnet.init_network(toy["sizes"], weights=toy["weights"], bias=False)
result = twinnet.fit(net, toy["X"], toy["y"], epochs=1000, lr=0.1)
for epoch in range(0, 1000, 100):
    print(f"Error at epoch {epoch} is {result.loss[epoch]:.5f}")
output = twinnet.predict(result.network, toy["X"])[:, 0]
print("trained output:", " ".join(f"{o:.5f}" for o in output))

# moons, 10 hidden neurons, 5000 epochs: the loss every 1000 epochs
moons = read_case("moons_article")
net = twinnet.init_network(moons["sizes"], weights=moons["weights"], bias=False)
result = twinnet.fit(net, moons["X"], moons["y"], epochs=5000, lr=0.1, record_every=1000)
for epoch in range(0, 5000, 1000):
    print(f"Error at epoch {epoch} is {result.loss[epoch]:.5f}")
after = np.mean((moons["y"] - twinnet.predict(result.network, moons["X"])) ** 2 / 2)
print(f"Error at epoch 5000 is {after:.5f}")
labels = twinnet.predict_labels(result.network, moons["X"])
print(f"accuracy after 5000 epochs: {twinnet.accuracy(labels, moons['y']):.3f}")
