"""The article's first, simple Python block, ported faithfully (numpy, fast).

One bias per hidden neuron (a 1 x 3 row added to every sample), biases
updated with the sum over samples (axis=0): the correct model. Twin of the
article's R block in article_buggy.R; the harness runs both from the same
starting numbers and shows where they part.
"""

import numpy as np


def sigmoid(x):
    """The article's sigmoid, with numpy's exp."""
    return 1 / (1 + np.exp(-x))


def derivatives_sigmoid(x):
    """The sigmoid's slope from its output."""
    return x * (1 - x)


def article_simple(X, y, wh, bias_in, wout, bias_out, epochs, lr=0.1):
    """Train as the article's Python block does; trace the effective biases."""
    wh, wout = wh.copy(), wout.copy()
    bh, bout = bias_in.reshape(1, -1).copy(), bias_out.reshape(1, -1).copy()
    trace = {"hidden bias": [], "output bias": [], "wh": [], "wout": [], "output": []}
    for _ in range(epochs):
        hidden_layer_input = np.dot(X, wh) + bh
        hiddenlayer_activations = sigmoid(hidden_layer_input)
        output = sigmoid(np.dot(hiddenlayer_activations, wout) + bout)
        # the bias each sample actually gets, as an n x h matrix
        trace["hidden bias"].append(np.broadcast_to(bh, hidden_layer_input.shape).copy())
        trace["output bias"].append(np.broadcast_to(bout, output.shape).copy())
        trace["wh"].append(wh.copy())
        trace["wout"].append(wout.copy())
        trace["output"].append(output)
        E = y - output
        d_output = E * derivatives_sigmoid(output)
        d_hiddenlayer = d_output.dot(wout.T) * derivatives_sigmoid(hiddenlayer_activations)
        wout += hiddenlayer_activations.T.dot(d_output) * lr
        bout += np.sum(d_output, axis=0, keepdims=True) * lr
        wh += X.T.dot(d_hiddenlayer) * lr
        bh += np.sum(d_hiddenlayer, axis=0, keepdims=True) * lr
    return {name: np.array(values) for name, values in trace.items()}
