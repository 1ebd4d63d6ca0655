"""The exact kernels: the summation order, accuracy, and edge cases.

Twin: r/tests/testthat/test-exact.R.
"""

import math
import operator
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest

from twinnet import exact
from twinnet.bitwise import ulps


def test_tree_sum_of_three_terms_is_left_to_right():
    terms = np.array([1.0, 2.0**-53, 2.0**-53])
    assert exact.exact_tree_sum(terms) == (1.0 + 2.0**-53) + 2.0**-53


def test_tree_sum_pairs_adjacent_terms_and_carries_the_odd_one():
    # five terms: ((t0 + t1) + (t2 + t3)) + t4
    t = np.array([1.0, 2.0**-53, 2.0**-53, 2.0**-53, 2.0**-53])
    assert exact.exact_tree_sum(t) == ((t[0] + t[1]) + (t[2] + t[3])) + t[4]
    # the left-to-right sum loses every 2^-53; the tree keeps two of them
    assert exact.exact_tree_sum(t) == 1.0 + 2.0**-51
    assert (((t[0] + t[1]) + t[2]) + t[3]) + t[4] == 1.0


@pytest.mark.parametrize("n_k", [1, 2, 3, 5, 8, 13, 37, 64, 100])
def test_blocked_tree_matmul_gives_the_same_bits(monkeypatch, rng, n_k):
    a = rng.standard_normal((7, n_k))
    b = rng.standard_normal((n_k, 3))
    whole = exact.tree_matmul(a, b)
    monkeypatch.setattr(exact, "MAX_TERMS", 21)  # blocks of one to two k
    assert np.array_equal(exact.tree_matmul(a, b).view(np.uint64), whole.view(np.uint64))


@pytest.mark.parametrize("n_k", [16, 17, 37, 128, 300])
def test_matrix_vector_tree_sums_rows_in_place_with_the_same_bits(monkeypatch, rng, n_k):
    # a in row order with one output column takes the strided row tree;
    # the same a in column order takes the tree over gathered products
    a = rng.standard_normal((50, n_k)) * 2.0 ** rng.integers(-40, 40, (50, n_k))
    a[0] = -0.0
    b = np.abs(rng.standard_normal((n_k, 1)))  # -0 * b = -0: a sum that keeps its sign
    rows, cols = exact.tree_matmul(a, b), exact.tree_matmul(np.asfortranarray(a), b)
    assert np.array_equal(rows.view(np.uint64), cols.view(np.uint64))
    assert np.signbit(rows[0, 0])
    monkeypatch.setattr(exact, "MAX_TERMS", 50 * 16)  # blocks of 16 k
    assert np.array_equal(exact.tree_matmul(a, b).view(np.uint64), rows.view(np.uint64))


def test_slice_products_are_summed_in_row_blocks_with_the_same_bits(monkeypatch, rng):
    a, b = rng.standard_normal((101, 64)), rng.standard_normal((64, 40))
    whole = exact.exact_matmul(a, b)
    monkeypatch.setattr(exact, "SPLIT_BLOCK", 7 * 40)  # blocks of 7 rows
    assert np.array_equal(exact.exact_matmul(a, b).view(np.uint64), whole.view(np.uint64))


def correctly_rounded(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b with every entry summed in exact rational arithmetic, then rounded once."""
    return np.array(
        [
            [float(sum(map(operator.mul, map(Fraction, row), map(Fraction, col)))) for col in b.T]
            for row in a
        ]
    )


@pytest.mark.parametrize("kind", ["random", "scaled rows", "cancelling"])
def test_matmul_is_at_least_as_accurate_as_the_tree(rng, kind):
    a = rng.standard_normal((20, 300))
    b = rng.standard_normal((300, 16))
    if kind == "scaled rows":
        a *= 10.0 ** rng.uniform(-6, 6, (20, 1))
    if kind == "cancelling":
        b[:, 0] = -b[:, 1] + 2.0**-40 * b[:, 2]  # column 0 nearly cancels column 1
    truth = correctly_rounded(a, b)
    bound = np.abs(a) @ np.abs(b)
    err, err_tree = (
        np.abs(f(a, b) - truth) / bound for f in (exact.exact_matmul, exact.tree_matmul)
    )
    # the tree's error bound is depth ceil(log2 300) = 9 roundings of |a| |b|
    assert err_tree.max() < 10 * 2.0**-53
    assert err.max() <= err_tree.max() and err.max() < 2.0**-53


def test_split_matmul_is_the_same_whatever_the_order_of_k(rng):
    # every slice product is exact, so no summation order can change a bit
    a = rng.standard_normal((30, 500)) * 10.0 ** rng.uniform(-3, 3, (30, 1))
    b = rng.standard_normal((500, 20))
    perm = rng.permutation(500)
    got, permuted = exact.exact_matmul(a, b), exact.exact_matmul(a[:, perm], b[perm])
    assert np.array_equal(got.view(np.uint64), permuted.view(np.uint64))
    assert not np.array_equal(exact.tree_matmul(a, b), exact.tree_matmul(a[:, perm], b[perm]))


@pytest.mark.parametrize("n_k", [16, 1000, 100_000])
def test_split_matmul_is_nearly_correctly_rounded(rng, n_k):
    a, b = rng.standard_normal((16, n_k)), rng.standard_normal((n_k, 16))
    got, truth = exact.exact_matmul(a, b)[:3, :2], correctly_rounded(a[:3], b[:, :2])
    assert ulps(got, truth).max() <= 2


def test_zero_rows_and_columns_split_to_zero(rng):
    a, b = -np.abs(rng.standard_normal((20, 40))), rng.standard_normal((40, 16))
    a[1], b[:, 2] = -0.0, 0.0
    got = exact.exact_matmul(a, b)
    assert exact._split_both(a, b) is not None
    assert (got[1] == 0).all() and (got[:, 2] == 0).all()
    # sums of -0 products: +0 whatever the BLAS does with the sign of zero
    assert not np.signbit(got[:, 2]).any() and not np.signbit(got[1]).any()


def with_entry(a: np.ndarray, value: float) -> np.ndarray:
    a = a.copy()
    a[2, 5] = value
    return a


SPOILERS = {
    "nan": lambda a, b: (with_entry(a, np.nan), b),
    "inf": lambda a, b: (with_entry(a, -np.inf), b),
    "near overflow": lambda a, b: (a * 1e300, b),
    "subnormal row": lambda a, b: (a * np.where(np.arange(20) == 2, 2.0**-1060, 1.0)[:, None], b),
    "subnormal products": lambda a, b: (a * 1e-160, b * 1e-160),
}


@pytest.mark.parametrize("spoil", SPOILERS.values(), ids=SPOILERS.keys())
def test_matmul_falls_back_to_the_tree_where_a_split_is_not_exact(rng, spoil):
    a, b = rng.standard_normal((20, 32)), rng.standard_normal((32, 16))
    assert exact._split_both(a, b) is not None  # unspoiled, they split
    a, b = spoil(a, b)
    assert exact._split_both(a, b) is None
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        got, tree = exact.exact_matmul(a, b), exact.tree_matmul(a, b)
    assert np.array_equal(got.view(np.uint64), tree.view(np.uint64))


def test_nan_and_inf_propagate_as_ieee_would(rng):
    a, b = rng.standard_normal((3, 20)), rng.standard_normal((20, 2))
    a[0, 3], a[1, 4] = np.nan, np.inf
    got = exact.exact_matmul(a, b)
    assert np.isnan(got[0]).all() and np.isinf(got[1]).all() and np.isfinite(got[2]).all()


def test_large_k_takes_more_slices():
    # the grid narrows with log2 k: 3 slices of 20 bits up to k = 2^15, then 4
    assert exact._n_slices(-(-(53 + 15) // 2)) == 3
    assert exact._n_slices(-(-(53 + 16) // 2)) == 4
    assert len(exact._slice_pairs(3)) == 6 and exact._slice_pairs(3)[-1] == (0, 0)
    assert len(exact._slice_pairs(4)) == 10


def test_a_cached_split_is_checked_bit_for_bit(rng):
    a, rho = rng.standard_normal((300, 256)), 35
    first = exact._split_cached(a, rho)
    assert exact._split_cached(a.copy(), rho) is first
    # one bit of a row's largest entry: the cached split must not be reused
    j = np.abs(a[7]).argmax()
    a[7, j] = np.nextafter(a[7, j], np.inf)
    again, fresh = exact._split_cached(a, rho), exact._split(a, rho)
    assert again is not first and not np.array_equal(again[0][2], first[0][2])
    assert all(np.array_equal(x, y) for x, y in zip(again[0], fresh[0]))


def test_matmul_keeps_negative_zero():
    got = exact.exact_matmul(np.array([[-0.0]]), np.array([[1.0, 2.0]]))
    assert np.signbit(got).all()


def test_thin_products_use_the_tree(rng):
    a, b = rng.standard_normal((15, 300)), rng.standard_normal((300, 40))
    tree = exact.tree_matmul(a, b)
    assert np.array_equal(exact.exact_matmul(a, b).view(np.uint64), tree.view(np.uint64))
    col_sums = exact.tree_matmul(np.ones((1, 300)), b)[0]
    assert np.array_equal(exact.exact_col_sums(b).view(np.uint64), col_sums.view(np.uint64))


def test_short_col_sums_and_mean_use_the_tree():
    a = np.array([[1.0, 3.0], [2.0**-53, 0.0], [2.0**-53, 0.0], [2.0**-53, 0.0]])
    sums = exact.exact_col_sums(a)
    assert sums[0] == (1.0 + 2.0**-53) + (2.0**-53 + 2.0**-53)
    assert exact.exact_mean(a) == (sums[0] + sums[1]) / 8


def test_matmul_of_one_term_is_the_plain_product(rng):
    a, b = rng.standard_normal((7, 1)), rng.standard_normal((1, 5))
    a[0, 0] = -0.0
    got = exact.exact_matmul(a, b)
    assert got.shape == (7, 5) and np.array_equal(got.view(np.int64), (a * b).view(np.int64))


def test_exp_scales_in_one_step_with_the_same_bits(rng):
    # every 2^k t normal: one table holds it; one input out of that range
    # (-800) switches the whole call to the two-step scaling
    x = np.concatenate([rng.uniform(-650, 709, 20000), [-650.0, 709.0, 0.0, -0.0]])
    one_step = exact.exact_exp(x)
    two_step = exact.exact_exp(np.append(x, -800.0))[:-1]
    assert np.array_equal(one_step.view(np.int64), two_step.view(np.int64))


def correctly_rounded_exp(x: float) -> float:
    getcontext().prec = 60
    return float(Decimal(x).exp())


def test_exp_is_within_one_ulp(rng):
    xs = np.concatenate([rng.uniform(-745, 709.7, 4000), rng.uniform(-20, 20, 4000)])
    got = exact.exact_exp(xs)
    worst = ulps(got, [correctly_rounded_exp(x) for x in xs]).max()
    assert worst <= 1


def test_exp_saturates_and_passes_nan():
    x = np.array([-np.inf, -1000.0, 1000.0, np.inf, np.nan, 0.0, -0.0])
    with np.errstate(all="raise"):
        y = exact.exact_exp(x[:4])
        tiny = np.array([1e-200, 1e-320, -740.0])
        exact.exact_exp(tiny), exact.exact_sigmoid(tiny), exact.exact_tanh(tiny)
        exact.exact_log(np.array([1.0 + 2.0**-52, 2.0**-1074, 1e300]))
    assert list(y) == [0.0, 0.0, np.inf, np.inf]
    y = exact.exact_exp(x)
    assert np.isnan(y[4]) and y[5] == 1.0 and y[6] == 1.0


def test_exp_rounds_subnormal_results_once():
    xs = np.linspace(-745.0, -708.5, 2001)
    got = exact.exact_exp(xs)
    assert ulps(got, [correctly_rounded_exp(x) for x in xs]).max() <= 1


def test_sigmoid_of_extremes_has_no_warnings():
    with np.errstate(all="raise"):
        y = exact.exact_sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert list(y) == [0.0, 0.5, 1.0]


def test_exp_table_holds_two_to_the_j_over_32_to_107_bits():
    getcontext().prec = 60
    for j in range(32):
        exact_value = Decimal(2) ** (Decimal(j) / 32)
        hi, lo = exact.EXP_T_HI[j], exact.EXP_T_LO[j]
        assert hi == float(exact_value)
        assert abs(Decimal(hi) + Decimal(lo) - exact_value) < Decimal(2) ** -105


def test_exp_works_in_blocks_with_the_same_bits(monkeypatch, rng):
    x = rng.uniform(-30, 30, (37, 11))
    whole = exact.exact_exp(x)
    monkeypatch.setattr(exact, "EXP_BLOCK", 5)
    assert np.array_equal(exact.exact_exp(x).view(np.int64), whole.view(np.int64))
    assert np.array_equal(exact.exact_exp(x.T).view(np.int64), whole.T.view(np.int64))


def test_constants_are_the_documented_bits():
    assert exact.LN2_HI + exact.LN2_LO == math.log(2)
    assert exact.EXP_COEF[6] == 1 / 720 and exact.EXP_T_HI[16] == math.sqrt(2)
    assert exact.POW2[0] == 2.0**-1074 and exact.POW2[-1] == 2.0**1023


def test_no_flush_to_zero():
    # canary: a library built with fast-math can switch on flush-to-zero for
    # the whole process, and then subnormals silently become 0
    tiny = np.array([2.0**-1022])
    assert (tiny / 4)[0] == 2.0**-1024
    assert (np.array([2.0**-1074]) * 1.0)[0] > 0
