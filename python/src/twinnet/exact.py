"""Exact kernels: arithmetic that rounds the same way in Python and in R.

Twin: ``r/R/exact.R``. Every function here uses only ``+ - * /``,
``floor``, comparisons and exact scaling by powers of two, applied element
by element, and every sum runs in one fixed order: the pairwise tree.
IEEE 754 rounds each of these operations identically on every platform,
so the R twin produces the same bits. No BLAS, no ``np.exp``, no
``np.sum``: each of those picks its own order or its own approximation.
"""

import math

import numpy as np

# Cody-Waite constants, as hex so that no decimal parser is involved.
# LN2_HI has 21 trailing zero bits, so k * LN2_HI is exact for |k| < 2^11.
LOG2_E = float.fromhex("0x1.71547652b82fep+0")
LN2_HI = float.fromhex("0x1.62e42fee00000p-1")
LN2_LO = float.fromhex("0x1.a39ef35793c76p-33")
# exp(x) is finite up to EXP_MAX and rounds to zero below EXP_MIN.
EXP_MAX = float.fromhex("0x1.62e42fefa39efp+9")
EXP_MIN = float.fromhex("-0x1.74910d52d3051p+9")
# Taylor coefficients 1/j!, j = 0..13: j! is an exact integer, so each
# coefficient is one correctly rounded division.
EXP_COEF = [1.0 / math.factorial(j) for j in range(14)]
# 2^e for e = -1074..1023, built by exact doubling and halving.
POW2_MIN = -1074
POW2 = np.array([math.ldexp(1.0, e) for e in range(POW2_MIN, 1024)])
# Largest number of products a matrix product holds in memory at once.
MAX_TERMS = 2**20


def exact_tree_sum(terms: np.ndarray) -> np.ndarray:
    """Sum ``terms`` over its first axis by the pairwise tree.

    Adjacent pairs are added in index order, level after level; an odd
    last term is carried up to the next level unchanged. For up to three
    terms this is the plain left-to-right sum.
    """
    # An odd last term is set aside instead of copied up: it is the sum of
    # a power-of-two run of terms, and folding the set-aside sums from the
    # right adds it to the same left partner at the same point (the binary
    # counter of exact_matmul), so the bits are the same without a copy.
    aside = []
    while terms.shape[0] > 1:
        half = terms.shape[0] // 2
        if terms.shape[0] % 2 == 1:
            aside.append(terms[-1])
        terms = terms[0 : 2 * half : 2] + terms[1 : 2 * half : 2]
    return _fold_right([terms[0]] + aside[::-1])


def exact_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Matrix product ``a @ b`` with each entry summed by the pairwise tree.

    The products over k are formed in blocks of a power-of-two size, so
    memory stays bounded; block sums are merged like a binary counter,
    which gives the same bits as one tree over all k.
    """
    n_k = a.shape[1]
    block = _block_size(a.shape[0] * b.shape[1], n_k)
    partial: list[tuple[int, np.ndarray]] = []
    for start in range(0, n_k, block):
        stop = min(start + block, n_k)
        terms = _products(a[:, start:stop], b[start:stop])
        partial = _push_block(partial, stop - start, exact_tree_sum(terms))
    return _fold_right([total for _, total in partial])


def exact_col_sums(a: np.ndarray) -> np.ndarray:
    """Column sums of ``a`` (a sum over samples), by the pairwise tree."""
    return exact_tree_sum(a)


def exact_mean(a: np.ndarray) -> float:
    """Mean of all entries: column sums, their tree sum, one division."""
    return float(exact_tree_sum(exact_col_sums(a)) / a.size)


def exact_exp(x: np.ndarray) -> np.ndarray:
    """exp(x), the same to the last bit in Python and R (within 1 ULP of exp).

    Cody-Waite reduction x = k ln 2 + r, a degree-13 Taylor polynomial for
    exp(r), then exact scaling by 2^k. Saturates to inf and 0 without
    warnings; NaN passes through.
    """
    # two cheap passes tell whether the clamp and the masks are needed
    inside = x.size > 0 and EXP_MIN <= x.min() and x.max() <= EXP_MAX
    x_c = x if inside else _clamp(x)
    # reduce: k = round(x / ln 2), r = x - k ln 2 with ln 2 in two parts
    k = x_c * LOG2_E
    k += 0.5
    np.floor(k, out=k)
    r = np.subtract(x_c, k * LN2_HI)
    r -= k * LN2_LO
    # exp(r) by Horner's rule on the Taylor coefficients
    y = _horner(r)
    # scale by 2^k in two exact steps, so a subnormal result rounds once
    k_half = k * 0.5
    np.floor(k_half, out=k_half)
    y *= POW2[(k_half - POW2_MIN).astype(np.intp)]
    y *= POW2[(k - k_half - POW2_MIN).astype(np.intp)]
    return y if inside else _saturate(y, x)


def exact_sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid 1 / (1 + exp(-x)) with the exact exp."""
    # in place: exact_exp returns a new array
    y = exact_exp(-x)
    y += 1.0
    return np.divide(1.0, y, out=y)


def _products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Products a[i, k] * b[k, j], k first, the longer of i, j last.

    numpy loops fastest over the last axis, so that axis is made the long
    one; the layout changes no bit, the caller gets an (i, j) view.
    """
    if a.shape[0] >= b.shape[1]:
        return (a.T[:, None, :] * b[:, :, None]).transpose(0, 2, 1)
    return a.T[:, :, None] * b[:, None, :]


def _horner(r: np.ndarray, j: int = 0) -> np.ndarray:
    """sum_j r^j / j! from j = 13 down, by Horner's rule, in place."""
    if j == 12:
        p = r * EXP_COEF[13]
    else:
        p = _horner(r, j + 1)
        p *= r
    p += EXP_COEF[j]
    return p


def _clamp(x: np.ndarray) -> np.ndarray:
    """x clamped to [EXP_MIN, EXP_MAX], NaN as 0: no overflow, no warning."""
    return np.minimum(np.maximum(np.where(np.isnan(x), 0.0, x), EXP_MIN), EXP_MAX)


def _saturate(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Saturate outside the finite range, pass NaN through."""
    y[x > EXP_MAX] = np.inf
    y[x < EXP_MIN] = 0.0
    nan = np.isnan(x)
    y[nan] = x[nan]
    return y


def _block_size(n_entries: int, n_k: int) -> int:
    """Largest power of two with block * n_entries <= MAX_TERMS (at least 1)."""
    block = 1
    while block < n_k and 2 * block * n_entries <= MAX_TERMS:
        block *= 2
    return block


def _push_block(partial, size, total):
    """Add one block sum; merge equal-sized neighbours like a binary counter."""
    partial = partial + [(size, total)]
    while len(partial) > 1 and partial[-2][0] == partial[-1][0]:
        (n_a, s_a), (n_b, s_b) = partial[-2], partial[-1]
        partial = partial[:-2] + [(n_a + n_b, s_a + s_b)]
    return partial


def _fold_right(sums):
    """Finish the tree: fold the remaining sums (in index order) from the right."""
    total = sums[-1]
    for s in reversed(sums[:-1]):
        total = s + total
    return total
