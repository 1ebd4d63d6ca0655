"""Python and R, bit for bit: fixtures, generator, kernels, every epoch.

Exact mode must give identical raw float64 bits at every recorded epoch of
every case in shared_fixtures/; each case's verdict is printed as a table.
Fast mode is measured, not asserted away: its drift is printed as a table,
and only what holds on any BLAS and numpy build is asserted (the runs
finish, outputs are finite where exact mode's are, every case is measured).
"""

import numpy as np
import pytest

import conftest
import twinnet
from parity import assert_bitwise, first_array_difference, trace_difference, trace_drift
from twinnet import exact
from twinnet.bitwise import describe
from twinnet.cases import run_case
from twinnet.fit import output_digest
from twinnet.fixtures import case_names, fixture_dir, read_case
from twinnet.normalize import fit_normalizer, normalize
from twinnet.numerics import numerics_ops
from twinnet.rng import rng_shuffle, rng_state, rng_uniform

CASES = case_names()
ROOT = str(fixture_dir())

STEP_R = """function(weights, biases, X, y, lr, numerics, activations, loss) {
  sizes <- c(nrow(weights[[1]]), vapply(weights, ncol, 1L))
  net <- init_network(sizes, weights = weights, biases = biases,
                      bias = !is.null(biases), activations = activations)
  ops <- numerics_ops(numerics)
  layers <- forward(net, X, ops)
  grads <- backward(net, layers, y, ops, loss)
  list(layers = layers, grads = grads, network = update(net, grads, lr))
}"""

DIGEST_R = """function(weights, X, y, epochs, lr) {
  net <- init_network(c(nrow(weights[[1]]), vapply(weights, ncol, 1L)),
                      weights = weights, bias = FALSE)
  res <- fit(net, X, y, epochs = epochs, lr = lr, record_outputs = "digest")
  list(loss = res$loss, outputs = res$trace$outputs, weights = res$network$weights)
}"""


@pytest.mark.parametrize("name", CASES)
def test_fixtures_read_identically(r, name):
    py, rr = read_case(name), r.call("read_case", name, ROOT)
    for key in ("X", "y", "lr"):
        assert_bitwise(py[key], rr[key], f"{name}: {key}")
    for i, w in enumerate(py["weights"]):
        assert_bitwise(w, rr["weights"][i], f"{name}: weights[{i}]")
    for i, b in enumerate(py["biases"] or []):
        assert_bitwise(b, rr["biases"][i], f"{name}: biases[{i}]")


def test_generator_matches_base_r(r):
    base_r = """function(seed, n) withr::with_seed(seed, stats::runif(n),
                                                .rng_kind = "L'Ecuyer-CMRG")"""
    for seed in list(range(-3, 40)) + [2**31 - 1, 123456789]:
        values, _ = rng_uniform(rng_state(seed), 25)
        assert_bitwise(values, r.call(base_r, seed, 25), f"seed {seed}")


@pytest.mark.parametrize("init", ["uniform", "glorot", "he"])
@pytest.mark.parametrize("sizes", [[2, 3, 1], [4, 8, 6, 3], [1, 1, 1]])
def test_seeded_networks_are_identical(r, sizes, init):
    for seed in (0, 1, 42):
        py = twinnet.init_network(sizes, seed=seed, init=init)
        rr = r.call("init_network", np.array(sizes, float), seed=seed, init=init)
        for i in range(len(sizes) - 1):
            assert_bitwise(py.weights[i], rr["weights"][i], f"seed {seed} weights[{i}]")
            assert_bitwise(py.biases[i], rr["biases"][i], f"seed {seed} biases[{i}]")


def split_cases(gen) -> dict:
    """Products that split (or fall back to the tree): scaled rows, zeros, NaN, extremes."""
    scaled = gen.standard_normal((300, 64)) * 10.0 ** gen.uniform(-8, 8, (300, 1))
    zeros = gen.standard_normal((50, 40))
    zeros[3], zeros[:, 7] = 0.0, 0.0
    nan = gen.standard_normal((20, 30))
    nan[1, 2], nan[4, 5] = np.nan, -np.inf
    return {
        "scaled rows": (scaled, gen.standard_normal((64, 128))),
        "k = 3000": (gen.standard_normal((64, 3000)), gen.standard_normal((3000, 20))),
        "k = 100000": (gen.standard_normal((16, 100_000)), gen.standard_normal((100_000, 16))),
        "zero rows and columns": (zeros, zeros.T.copy()),
        "NaN and Inf": (nan, gen.standard_normal((30, 16))),
        "near overflow": (gen.standard_normal((20, 20)) * 1e300, gen.standard_normal((20, 16))),
        "subnormal products": (
            gen.standard_normal((20, 20)) * 1e-160,
            gen.standard_normal((20, 16)) * 1e-160,
        ),
        "thin: a column sum": (np.ones((1, 5000)), gen.standard_normal((5000, 9))),
    }


def test_exact_products_and_sums_are_identical(r):
    gen = np.random.default_rng(7)
    for n, k, m in [(5, 1, 3), (7, 3, 2), (40, 37, 5), (3, 1000, 2), (1100, 1, 1000)]:
        a, b = gen.standard_normal((n, k)), gen.standard_normal((k, m))
        a[0, 0] = -0.0
        product = r.call("exact_matmul", a, b)
        assert_bitwise(exact.exact_matmul(a, b), product, f"matmul {n}x{k}x{m}")
        assert_bitwise(exact.exact_col_sums(a), r.call("exact_col_sums", a), "col_sums")
        assert_bitwise(exact.exact_mean(a), r.call("exact_mean", a), "mean")
    for what, (a, b) in split_cases(gen).items():
        assert_bitwise(exact.exact_matmul(a, b), r.call("exact_matmul", a, b), f"matmul, {what}")
    m = gen.standard_normal((37, 5))
    # the tree runs along each language's contiguous axis: rows in numpy, columns in R
    assert_bitwise(exact.exact_tree_sum(m), r.call("exact_tree_sum", m.T.copy()), "tree_sum")
    assert_bitwise(exact.exact_row_sums(m), r.call("exact_row_sums", m), "row_sums")
    assert_bitwise(exact.exact_total(m), r.call("exact_total", m), "total")


def kernel_inputs(gen) -> tuple[np.ndarray, np.ndarray]:
    """Arguments for exp, sigmoid and tanh (the whole range, and the edges),
    and positive ones for log."""
    x = np.concatenate(
        [
            gen.uniform(-750, 712, 20000),
            gen.uniform(-30, 30, 20000),
            [-np.inf, np.inf, 0.0, -0.0, 709.78, 709.79, -745.13, -745.14, 1e-300],
        ]
    )
    positive = np.concatenate(
        [
            np.exp(gen.uniform(-744, 709, 20000)),
            gen.uniform(0, 2, 20000),
            [0.0, np.inf, 2.0**-1074, 2.0**-1022, 1.0, np.sqrt(2)],
        ]
    )
    return x, positive


def test_exact_elementwise_kernels_are_identical(r):
    x, positive = kernel_inputs(np.random.default_rng(7))
    assert_bitwise(exact.exact_exp(x), r.call("exact_exp", x), "exp")
    normal = x[(x >= -707) & (x <= 709)]  # all normal results: the one-step scaling
    assert_bitwise(exact.exact_exp(normal), r.call("exact_exp", normal), "exp, one step")
    assert_bitwise(exact.exact_sigmoid(x), r.call("exact_sigmoid", x), "sigmoid")
    assert_bitwise(exact.exact_tanh(x), r.call("exact_tanh", x), "tanh")
    assert_bitwise(exact.exact_log(positive), r.call("exact_log", positive), "log")
    assert np.isnan(r.call("exact_exp", np.array([np.nan]))[0])


def test_shuffles_are_identical(r):
    for seed, n in [(1, 1), (2, 2), (3, 10), (4, 1000), (2**31 - 1, 57)]:
        order, _ = rng_shuffle(rng_state(seed), n)
        rr = r.call("function(seed, n) rng_shuffle(rng_state(seed), n)$order", seed, n)
        assert order.tolist() == (np.asarray(rr) - 1).astype(int).tolist(), f"seed {seed}"


@pytest.mark.parametrize("method", ["global_minmax", "minmax", "standardize"])
def test_normalisers_are_identical(r, method):
    X = read_case("m15")["X"]
    py = fit_normalizer(X, method)
    rr = r.call("fit_normalizer", X, method)
    assert_bitwise(py["shift"], rr["shift"], f"{method} shift")
    assert_bitwise(py["scale"], rr["scale"], f"{method} scale")
    scaled = r.call("function(X, method) normalize(fit_normalizer(X, method), X)", X, method)
    assert_bitwise(normalize(py, X), scaled, f"{method} normalize")


def replay_network(case, weights, biases):
    """The case's network, started from the given parameters."""
    return twinnet.init_network(
        case["sizes"],
        weights=weights,
        biases=biases,
        bias=biases is not None,
        activations=case["activations"],
    )


def replay_python(case, net, X, numerics) -> list:
    """One full-batch step in Python: forward, backward and update, named."""
    ops = numerics_ops(numerics)
    layers = twinnet.forward(net, X, ops)
    grads = twinnet.backward(net, layers, case["y"], ops, case["loss"])
    after = twinnet.update(net, grads, case["lr"])
    return [layers, grads.weights, grads.biases or [], after.weights, after.biases or []]


def replay_r(r, case, net, X, numerics) -> list:
    """The same step in R, its tensors in the same order as replay_python's."""
    r_biases = None if net.biases is None else r.list(*net.biases)
    activations = np.array(case["activations"])
    rr = r.call(STEP_R, r.list(*net.weights), r_biases, X, case["y"], case["lr"], numerics,
                activations, case["loss"])  # fmt: skip
    grads, after = rr["grads"], rr["network"]
    return [rr["layers"], grads["weights"], grads["biases"] or [], after["weights"],
            after["biases"] or []]  # fmt: skip


STEPS = ["forward: layers", "backward: grad weights", "backward: grad biases",
         "update: weights", "update: biases"]  # fmt: skip


def step_mismatch(r, case, weights, biases, numerics="exact") -> str | None:
    """Replay one epoch from the same parameters in both languages; name the
    first step (forward, backward, update) whose result differs, or None.

    The replay is one full-batch step: for a mini-batch case it pinpoints
    the kernels that differ, not the batch in which they first did."""
    net = replay_network(case, weights, biases)
    X = case["X"]
    if case["normalize"]:
        X = normalize(fit_normalizer(X, case["normalize"]), X)
    python, other = replay_python(case, net, X, numerics), replay_r(r, case, net, X, numerics)
    return first_array_difference(
        (f"{step}[{i}]", a, b)
        for step, py_tensors, r_tensors in zip(STEPS, python, other, strict=True)
        for i, (a, b) in enumerate(zip(py_tensors, r_tensors, strict=True))
    )


@pytest.mark.parametrize("name", CASES)
def test_one_epoch_is_identical_step_by_step(r, name):
    case = read_case(name)
    assert step_mismatch(r, case, case["weights"], case["biases"]) is None


def test_step_replay_names_the_first_differing_step(r):
    # fast mode differs within one epoch on moons: the replay must say where
    case = read_case("moons_article")
    found = step_mismatch(r, case, case["weights"], case["biases"], "fast")
    assert found is not None and found.startswith("forward: layers[")


@pytest.mark.parametrize("name", CASES)
def test_exact_mode_is_bitwise_identical_at_every_epoch(r, name, request):
    py = run_case(name, "exact")
    rr = r.call("run_case", name, "exact", root=ROOT)
    found = trace_difference(py.trace, rr["trace"])
    # the verdict's row, in the test's report (conftest: it reaches the table under xdist too)
    row = (name, len(py.trace.epochs), describe(found, "Python", "R"))
    request.node.user_properties.append(("twinnet_exact", row))
    if found is not None:
        pytest.fail(f"{name}: first difference at {describe(found, 'Python', 'R')}; "
                    f"replayed: {replay_first_difference(r, name, py.trace, found)}")  # fmt: skip
    for i, w in enumerate(py.network.weights):
        assert_bitwise(w, rr["network"]["weights"][i], f"{name} final weights[{i}]")
    for i, b in enumerate(py.network.biases or []):
        assert_bitwise(b, rr["network"]["biases"][i], f"{name} final biases[{i}]")


def replay_first_difference(r, name, trace, found) -> str | None:
    """Replay, step by step, the epoch that produced the first difference."""
    row = int(np.searchsorted(trace.epochs, found["epoch"]))
    row = row - 1 if found["tensor"].startswith(("weights", "biases")) else row
    biases = None if trace.biases is None else [b[row] for b in trace.biases]
    return step_mismatch(r, read_case(name), [w[row] for w in trace.weights], biases)


# Under pytest-xdist this test and the completeness check below run in one
# worker, in file order (conftest.DRIFT_TESTS).
@pytest.mark.parametrize("name", CASES)
def test_fast_mode_runs_and_its_drift_is_measured(r, name, request):
    # fast mode's drift depends on the BLAS and the numpy build: it is
    # reported (the table after the run), not bounded; what is asserted
    # holds on any build
    exact_run = run_case(name, "exact")
    py = run_case(name, "fast")
    rr = r.call("run_case", name, "fast", root=ROOT)
    report = trace_drift(py.trace, rr["trace"])
    request.node.user_properties.append(
        ("twinnet_drift", conftest.drift_record(name, py.trace.epochs, report))
    )
    finite = np.isfinite(exact_run.trace.outputs)
    assert len(rr["trace"]["loss"]) == len(py.trace.epochs) == len(exact_run.trace.epochs)
    assert np.isfinite(py.trace.outputs[finite]).all(), f"{name}: Python fast output not finite"
    r_outputs = np.asarray(rr["trace"]["outputs"]).reshape(py.trace.outputs.shape)
    assert np.isfinite(r_outputs[finite]).all(), f"{name}: R fast output not finite"
    assert len(report["by_epoch"]) == len(py.trace.epochs) and (report["by_epoch"] >= 0).all()


def test_the_drift_table_is_complete(request):
    # runs after the fast-mode tests (file order): every one of them that
    # this session selected has its row, with a cell for every column
    selected = {
        item.callspec.params["name"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_fast_mode_runs_and_its_drift_is_measured"
    }
    ran = [row.split()[0] for row in conftest.DRIFT_ROWS]
    assert sorted(ran) == sorted(selected), f"no drift row for {sorted(selected - set(ran))}"
    # case, first differing epoch, one cell per marked epoch, the last epoch
    assert all(len(row.split()) == 3 + len(conftest.MARKS) for row in conftest.DRIFT_ROWS)


def test_output_digests_are_identical_over_10000_moons_epochs(r):
    # record_outputs="digest": one sha256 per epoch instead of 1000 outputs;
    # the same strings in both languages, and those of the full outputs
    case, epochs = read_case("moons_article"), 10000
    net = twinnet.init_network(case["sizes"], weights=case["weights"], bias=False)
    X, y, lr = case["X"], case["y"], case["lr"]
    py = twinnet.fit(net, X, y, epochs=epochs, lr=lr, record_outputs="digest")
    rr = r.call(DIGEST_R, r.list(*case["weights"]), X, y, epochs, lr)
    assert_bitwise(py.loss, rr["loss"], "moons loss")
    for i, w in enumerate(py.network.weights):
        assert_bitwise(w, rr["weights"][i], f"moons final weights[{i}]")
    differ = [e for e, (a, b) in enumerate(zip(py.trace.outputs, rr["outputs"])) if a != b]
    assert len(rr["outputs"]) == epochs and not differ, f"digests differ from epoch {differ[:1]}"
    full = twinnet.fit(net, X, y, epochs=3, lr=lr)
    assert list(py.trace.outputs[:3]) == [output_digest(o) for o in full.trace.outputs]
