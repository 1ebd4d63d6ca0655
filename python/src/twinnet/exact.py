"""Exact kernels: arithmetic that rounds the same way in Python and in R.

Twin: ``r/R/exact.R``. Every function here uses only ``+ - * /``,
``floor``, comparisons and exact scaling by powers of two, applied element
by element, and every sum runs in one fixed order: the pairwise tree, or
a BLAS product whose every partial sum is exact (error-free splitting, see
exact_matmul), so that no order can change a bit. IEEE 754 rounds each of
these operations identically on every platform, so the R twin produces the
same bits. No BLAS on arbitrary numbers, no ``np.exp``, no ``np.sum``: each
of those picks its own order or its own approximation.
"""

import functools
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
# exp: x = (32 k + j) ln2 / 32 + r with |r| <= ln2 / 64, so exp(x) =
# 2^k 2^(j/32) exp(r). ln2 / 32 and 32 / ln2 are the constants above scaled
# by a power of two (exact); n ln2_hi / 32 is exact for |n| < 2^21.
INV_LN2_32 = LOG2_E * 32.0
LN2_32_HI, LN2_32_LO = LN2_HI / 32.0, LN2_LO / 32.0
# Taylor coefficients 1/j!, j = 0..6: j! is an exact integer, so each
# coefficient is one correctly rounded division; r^7 / 7! < 2^-57.
EXP_COEF = [1.0 / math.factorial(j) for j in range(7)]
# 2^(j/32) = EXP_T_HI[j] + EXP_T_LO[j] to about 107 bits (hex: exact
# constants, computed once with 60-digit decimals).
EXP_T_HI = np.array(
    [
        float.fromhex(h)
        for h in (
            "0x1.0000000000000p+0",
            "0x1.059b0d3158574p+0",
            "0x1.0b5586cf9890fp+0",
            "0x1.11301d0125b51p+0",
            "0x1.172b83c7d517bp+0",
            "0x1.1d4873168b9aap+0",
            "0x1.2387a6e756238p+0",
            "0x1.29e9df51fdee1p+0",
            "0x1.306fe0a31b715p+0",
            "0x1.371a7373aa9cbp+0",
            "0x1.3dea64c123422p+0",
            "0x1.44e086061892dp+0",
            "0x1.4bfdad5362a27p+0",
            "0x1.5342b569d4f82p+0",
            "0x1.5ab07dd485429p+0",
            "0x1.6247eb03a5585p+0",
            "0x1.6a09e667f3bcdp+0",
            "0x1.71f75e8ec5f74p+0",
            "0x1.7a11473eb0187p+0",
            "0x1.82589994cce13p+0",
            "0x1.8ace5422aa0dbp+0",
            "0x1.93737b0cdc5e5p+0",
            "0x1.9c49182a3f090p+0",
            "0x1.a5503b23e255dp+0",
            "0x1.ae89f995ad3adp+0",
            "0x1.b7f76f2fb5e47p+0",
            "0x1.c199bdd85529cp+0",
            "0x1.cb720dcef9069p+0",
            "0x1.d5818dcfba487p+0",
            "0x1.dfc97337b9b5fp+0",
            "0x1.ea4afa2a490dap+0",
            "0x1.f50765b6e4540p+0",
        )
    ]
)
EXP_T_LO = np.array(
    [
        float.fromhex(h)
        for h in (
            "0x0p+0",
            "0x1.d73e2a475b465p-55",
            "0x1.8a62e4adc610bp-54",
            "-0x1.6c51039449b3ap-54",
            "-0x1.19041b9d78a76p-55",
            "0x1.e016e00a2643cp-54",
            "0x1.9b07eb6c70573p-54",
            "0x1.612e8afad1255p-55",
            "0x1.6f46ad23182e4p-55",
            "-0x1.63aeabf42eae2p-54",
            "0x1.ada0911f09ebcp-55",
            "0x1.89b7a04ef80d0p-59",
            "0x1.d4397afec42e2p-56",
            "-0x1.07abe1db13cadp-55",
            "0x1.6324c054647adp-54",
            "-0x1.383c17e40b497p-54",
            "-0x1.bdd3413b26456p-54",
            "-0x1.16e4786887a99p-55",
            "-0x1.41577ee04992fp-55",
            "-0x1.d4c1dd41532d8p-54",
            "0x1.6e9f156864b27p-54",
            "-0x1.75fc781b57ebcp-57",
            "0x1.c7c46b071f2bep-56",
            "-0x1.d2f6edb8d41e1p-54",
            "0x1.7a1cd345dcc81p-54",
            "-0x1.5584f7e54ac3bp-56",
            "0x1.11065895048ddp-55",
            "0x1.503cbd1e949dbp-56",
            "0x1.2ed02d75b3707p-55",
            "-0x1.1a5cd4f184b5cp-54",
            "-0x1.e9c23179c2893p-54",
            "0x1.9d3e12dd8a18bp-54",
        )
    ]
)
# 2^e for e = -1074..1023, built by exact doubling and halving.
POW2_MIN = -1074
POW2 = np.array([math.ldexp(1.0, e) for e in range(POW2_MIN, 1024)])
# 2^k for k = SCALE_K_MIN..1024 (every k that exp's reduction can give) as
# two exact factors: 2^k_half with k_half = floor(k / 2), then
# 2^(k - k_half). Both are normal numbers, and one index k finds both.
SCALE_K_MIN = -1075
_SCALE_K = np.arange(SCALE_K_MIN, 1025)
SCALE_HALF = POW2[np.floor(_SCALE_K / 2).astype(np.intp) - POW2_MIN]
SCALE_REST = POW2[_SCALE_K - np.floor(_SCALE_K / 2).astype(np.intp) - POW2_MIN]
# For x in [NORMAL_MIN, NORMAL_MAX], -940 <= k <= 1022: then 2^k 2^(j/32)
# is normal in both parts, so one table indexed by n = 32 k + j holds it
# exactly, and the result is normal: no scaling step.
NORMAL_MIN, NORMAL_MAX = -650.0, 709.0
# exp works through blocks of this many entries (3 buffers of 256 KiB)
EXP_BLOCK = 2**15
EXP_N_MIN = -940 * 32
_SCALE_N = POW2[np.repeat(np.arange(-940, 1023), 32) - POW2_MIN]
EXP_N_HI = _SCALE_N * np.tile(EXP_T_HI, 1963)
EXP_N_LO = _SCALE_N * np.tile(EXP_T_LO, 1963)
# log: the mantissa is kept in [sqrt(1/2), sqrt(2)); SQRT2 is sqrt(2)
# rounded down, and the atanh series 2 (s + s^3/3 + ...) needs 1/(2j+1).
SQRT2 = float.fromhex("0x1.6a09e667f3bccp+0")
LOG_COEF = [1.0 / (2 * j + 1) for j in range(12)]
# Largest number of products a tree product holds in memory at once.
MAX_TERMS = 2**20
# Products with fewer terms per sum, rows of a or columns of b than this
# take the pairwise tree: splitting pays only when the BLAS does many
# operations per entry it reads (a column sum, ones @ a, never splits).
SPLIT_MIN = 16
# Splitting works through blocks of about this many entries (in the cache).
SPLIT_BLOCK = 2**15
# The splits of the last few large inputs (entries between the bounds).
SPLIT_CACHE_SIZE, SPLIT_CACHE_MIN, SPLIT_CACHE_MAX = 4, 2**16, 2**24
_SPLIT_CACHE: list = []


# --8<-- [start:tree_sum]
def exact_tree_sum(terms: np.ndarray) -> np.ndarray:
    """Sum ``terms`` over its first axis by the pairwise tree.

    Adjacent pairs are added in index order, level after level; an odd
    last term is carried up to the next level unchanged. For up to three
    terms this is the plain left-to-right sum.
    """
    return _tree_sum(terms.take(_tree_order(terms.shape[0]), axis=0), [])


# --8<-- [end:tree_sum]


def exact_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Matrix product ``a @ b``, the same bits on every BLAS and in R.

    Each row of ``a`` and each column of ``b`` is split into slices so
    short that every slice product ``a_p @ b_q`` is exact, whatever order
    the BLAS sums in; the slice products are then added in one fixed order
    (error-free splitting, the Ozaki scheme; docs/numerics.md). Thin
    products (k, rows of a or columns of b below SPLIT_MIN), NaN or Inf,
    and values whose slices could under- or overflow take the pairwise tree
    instead, as IEEE arithmetic would.
    """
    n_k = a.shape[1]
    if n_k == 1:
        # one term per entry: the product is the sum (an outer product)
        return a * b
    if min(n_k, a.shape[0], b.shape[1]) >= SPLIT_MIN:
        split = _split_both(a, b)
        if split is not None:
            return _sum_slice_products(*split)
    return tree_matmul(a, b)


def _split(x: np.ndarray, rho: int) -> tuple[list[np.ndarray], list[int]] | None:
    """Slices of the rows of x (x = sum of slices + a tiny rest).

    Per row, for each slice: mu = max |x| of what is left, 2^tau >= mu,
    sigma = 0.75 * 2^(tau + rho); hi = (x + sigma) - sigma keeps the bits of
    x down to 2^(tau + rho - 53), so every hi has at most 53 - rho bits
    and the rest x - hi is exact. Returns the slices, each slice's lowest
    exponent tau + rho (to check for underflow) and the largest tau, or
    None on overflow.
    Rows are independent: numpy works through blocks of rows that stay in
    the cache (R's twin takes the whole matrix at once).
    """
    x = np.ascontiguousarray(x)
    n_slices = _n_slices(rho)
    slices = [np.empty_like(x) for _ in range(n_slices)]
    low, top = [1024] * n_slices, POW2_MIN
    step = max(1, SPLIT_BLOCK // max(1, x.shape[1]))
    rest, size = np.empty((step, x.shape[1])), np.empty((step, x.shape[1]))
    for start in range(0, x.shape[0], step):
        rows = slice(start, min(start + step, x.shape[0]))
        r, m = rest[: rows.stop - start], size[: rows.stop - start]
        np.copyto(r, x[rows])
        for s in range(n_slices):
            e = _slice_rows(r, m, slices[s][rows], rho)
            if e is None:
                return None
            low[s] = min(low[s], e[0])
            top = max(top, e[1] - rho) if s == 0 else top
    return slices, low, top


def _slice_rows(rest: np.ndarray, size: np.ndarray, hi: np.ndarray, rho: int):
    """One slice of a block of rows into hi, rest reduced in place.

    Returns the slice's lowest and highest exponent tau + rho, or None.
    """
    mu = np.abs(rest, out=size).max(axis=1)
    mu[mu == 0] = 1.0  # a zero row: any sigma leaves it zero
    e = np.searchsorted(POW2, mu) + (POW2_MIN + rho)
    if e.max() > 1023:
        return None
    sigma = 0.75 * POW2[np.maximum(e, POW2_MIN) - POW2_MIN][:, None]
    np.add(rest, sigma, out=hi)
    hi -= sigma
    rest -= hi
    return int(e.min()), int(e.max())


def _split_cached(x: np.ndarray, rho: int):
    """_split, remembered for inputs that come back bit for bit.

    The data X comes back every epoch. A hit is checked against a copy,
    bit for bit: it changes no result.
    """
    key = (x.shape, rho)
    bits = x.view(np.uint64) if x.dtype == np.float64 else None
    for i, (k, kept, split) in enumerate(_SPLIT_CACHE):
        if k == key and bits is not None and np.array_equal(kept, bits):
            _SPLIT_CACHE.insert(0, _SPLIT_CACHE.pop(i))
            return split
    split = _split(x, rho)
    if bits is not None and SPLIT_CACHE_MIN <= x.size <= SPLIT_CACHE_MAX:
        _SPLIT_CACHE.insert(0, (key, bits.copy(), split))
        del _SPLIT_CACHE[SPLIT_CACHE_SIZE:]
    return split


def _split_both(a: np.ndarray, b: np.ndarray):
    """Slices of a's rows and b's columns, or None if a split could not be exact."""
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        return None
    log2_k = (a.shape[1] - 1).bit_length()
    rho = -(-(53 + log2_k) // 2)
    # only a's split is remembered: the data X comes back as the left
    # operand (X @ W, X.T @ delta); b is a new weight or delta every epoch
    split_a, split_b = _split_cached(a, rho), _split(b.T, rho)
    if split_a is None or split_b is None:
        return None
    (sa, low_a, top_a), (sb, low_b, top_b) = split_a, split_b
    # the sum of k products of first slices stays below 2^1023; every
    # product's last bit stays above 2^-1074 (no subnormal rounding)
    top = top_a + top_b + log2_k
    pairs = _slice_pairs(len(sa))
    if top > 1022 or min(low_a + low_b) < -1021:
        return None
    if min(low_a[p] + low_b[q] for p, q in pairs) < 106 - 1074:
        return None
    return sa, [s.T for s in sb], pairs


def _sum_slice_products(sa, sb, pairs) -> np.ndarray:
    """Add the exact slice products, smallest first, in one fixed order.

    numpy works through blocks of rows whose products stay in the cache
    (every entry is exact, so the blocks change no bit); R's twin takes
    the whole matrix at once.
    """
    total = np.empty((sa[0].shape[0], sb[0].shape[1]))
    step = max(1, SPLIT_BLOCK // max(1, total.shape[1]))
    product = np.empty((min(step, total.shape[0]), total.shape[1]))
    for start in range(0, total.shape[0], step):
        rows = slice(start, min(start + step, total.shape[0]))
        block, buffer = total[rows], product[: rows.stop - start]
        np.matmul(sa[pairs[0][0]][rows], sb[pairs[0][1]], out=block)
        for p, q in pairs[1:]:
            block += np.matmul(sa[p][rows], sb[q], out=buffer)
        # an exact zero is +0: BLAS libraries differ in the sign of a zero sum
        block += 0.0
    return total


def tree_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Matrix product ``a @ b`` with each entry summed by the pairwise tree.

    The products over k are formed in blocks of a power-of-two size, so
    memory stays bounded; block sums are merged like a binary counter,
    which gives the same bits as one tree over all k.
    """
    n_k = a.shape[1]
    block = _block_size(a.shape[0] * b.shape[1], n_k)
    partial: list[tuple[int, np.ndarray]] = []
    for start in range(0, n_k, block):
        ks = np.arange(start, min(start + block, n_k))
        partial = _push_block(partial, len(ks), _product_tree(a, b, ks))
    # row-major, as numpy's @ gives: the next kernels read it faster
    return np.ascontiguousarray(_fold_right([total for _, total in partial]))


@functools.lru_cache(maxsize=64)
def _slice_pairs(n_slices: int) -> list[tuple[int, int]]:
    """Slice pairs (p, q) with p + q < n_slices, smallest products first."""
    return [(p, s - p) for s in range(n_slices - 1, -1, -1) for p in range(s + 1)]


def _n_slices(rho: int) -> int:
    """Slices of 54 - rho bits or more that together reach 60 bits.

    Slice p + 1 starts at least 54 - rho bits below slice p, so the pairs
    left out (p + q >= n_slices, and the rest after the last slice) are
    below 2^-60 of the largest product, under the tree's error bound.
    """
    return -(-60 // (54 - rho))


def exact_col_sums(a: np.ndarray) -> np.ndarray:
    """Column sums of ``a`` (a sum over samples), by the pairwise tree.

    The product ones @ a gives the same bits: one row is too thin to split,
    so exact_matmul would take the tree, and 1 * x == x.
    """
    return exact_tree_sum(a)


def exact_mean(a: np.ndarray) -> float:
    """Mean of all entries: their exact total, one division."""
    return exact_total(a) / a.size


@np.errstate(under="ignore")  # tiny intermediates are meant to round, not to raise
def exact_exp(x: np.ndarray) -> np.ndarray:
    """exp(x), the same to the last bit in Python and R (within 1 ULP of exp).

    Table-driven: x = n ln 2 / 32 + r with n = 32 k + j, exp(r) - 1 = q by a
    degree-6 Taylor polynomial, and exp(x) = t_hi + (t_hi q + t_lo) with
    t_hi + t_lo = 2^k 2^(j/32) from a two-part table. Saturates to inf and
    0 without warnings; NaN passes through.
    """
    # two cheap passes tell whether the clamp and the masks are needed, and
    # whether every 2^k t and result is normal (then one table holds 2^k t)
    low, high = (x.min(), x.max()) if x.size > 0 else (np.nan, np.nan)
    inside = EXP_MIN <= low and high <= EXP_MAX
    if not (NORMAL_MIN <= low and high <= NORMAL_MAX):
        return _exp_scaled(x if inside else _clamp(x), x, inside)
    # in blocks that stay in the cache: a pass over the whole array would
    # cost a trip to memory per operation
    x_flat = np.ascontiguousarray(x).reshape(-1)
    y = np.empty(x_flat.shape)
    buffers = np.empty((2, min(EXP_BLOCK, x.size))), np.empty(min(EXP_BLOCK, x.size), np.intp)
    for start in range(0, x.size, EXP_BLOCK):
        stop = min(start + EXP_BLOCK, x.size)
        _exp_block(x_flat[start:stop], y[start:stop], buffers, stop - start)
    return y.reshape(x.shape)


def _exp_block(x: np.ndarray, y: np.ndarray, buffers, size: int) -> None:
    """exact_exp on one block, every operation in place, into y."""
    n, r, i = buffers[0][0, :size], buffers[0][1, :size], buffers[1][:size]
    # reduce: n = round(32 x / ln 2), r = x - n ln 2 / 32 in two parts
    np.multiply(x, INV_LN2_32, out=n)
    n += 0.5
    np.floor(n, out=n)
    np.multiply(n, LN2_32_HI, out=r)
    np.subtract(x, r, out=r)
    np.copyto(i, n, casting="unsafe")
    np.multiply(n, LN2_32_LO, out=n)
    r -= n
    i -= EXP_N_MIN
    # 2^(n/32) exp(r) = t_hi + (t_hi q + t_lo): the small part first
    _exp_m1(r, out=y)
    t_hi = EXP_N_HI.take(i, out=r, mode="clip")
    y *= t_hi
    y += EXP_N_LO.take(i, out=n, mode="clip")
    y += t_hi


# --8<-- [start:sigmoid]
def exact_sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid 1 / (1 + exp(-x)) with the exact exp."""
    # in place: exact_exp returns a new array that nobody else holds
    y = exact_exp(-x)
    y += 1.0
    return np.divide(1.0, y, out=y)


# --8<-- [end:sigmoid]


def exact_row_sums(a: np.ndarray) -> np.ndarray:
    """Row sums of ``a`` (a sum over the outputs of one sample), by the tree.

    The same bits as a @ ones, which is too thin to split.
    """
    return exact_tree_sum(np.ascontiguousarray(a.T))


def exact_total(a: np.ndarray) -> float:
    """Sum of all entries: column sums, then their tree sum."""
    return float(exact_tree_sum(exact_col_sums(a)))


@np.errstate(under="ignore")  # s^2 of a tiny s is meant to round, not to raise
def exact_log(x: np.ndarray) -> np.ndarray:
    """Natural log of positive x, the same bits in Python and R (within 2 ULP).

    x = m 2^e with m in [sqrt(1/2), sqrt(2)), e found by comparisons with the
    table of powers of two; log m = 2 atanh(s), s = (m - 1) / (m + 1), by its
    odd series; log x = e ln 2 + log m. 0 gives -inf, negatives and NaN NaN.
    """
    ok = (x > 0) & (x < np.inf)
    x_c = np.where(ok, x, 1.0)
    # split off the exponent: POW2[i] <= x < POW2[i + 1]
    e = np.searchsorted(POW2, x_c, side="right") - 1
    m = x_c / POW2[e]
    e = (e + POW2_MIN).astype(np.float64)
    # move m into [sqrt(1/2), sqrt(2))
    high = m > SQRT2
    m = np.where(high, m / 2.0, m)
    e = e + high
    # log m = 2 s (1 + s^2/3 + s^4/5 + ...), Horner in w = s^2
    s = (m - 1.0) / (m + 1.0)
    w = s * s
    p = np.full_like(s, LOG_COEF[11])
    for j in range(10, -1, -1):
        p = p * w + LOG_COEF[j]
    # log x = e ln 2 + log m, ln 2 in two parts, the exact part last
    y = e * LN2_HI + (e * LN2_LO + 2.0 * s * p)
    # outside (0, inf): log 0 = -inf, log inf = inf, NaN below 0, NaN stays
    y[x == 0] = -np.inf
    y[x == np.inf] = np.inf
    y[x < 0] = np.nan
    y[np.isnan(x)] = x[np.isnan(x)]
    return y


def exact_tanh(x: np.ndarray) -> np.ndarray:
    """tanh(x) = sign(x) (1 - t) / (1 + t), t = exp(-2 |x|), with the exact exp."""
    t = exact_exp(-2.0 * np.abs(x))
    y = (1.0 - t) / (1.0 + t)
    return np.where(x < 0, -y, y)


def _tree_sum(terms: np.ndarray, aside: list[np.ndarray]) -> np.ndarray:
    """The pairwise tree over the first axis of ``terms``, in tree order.

    In tree order (see _tree_order) every level adds the first half of the
    terms to the second half: two slices, no copy. An odd last term is set
    aside rather than carried up: it is the sum of a power-of-two run of
    terms, and folding the set-aside sums from the right (``aside`` holds
    those of earlier levels) adds it to the same left partner at the same
    point, as the binary counter of exact_matmul does: the same bits.
    """
    aside = list(aside)
    while terms.shape[0] > 1:
        half = terms.shape[0] // 2
        if terms.shape[0] % 2 == 1:
            aside.insert(0, terms[2 * half])
        terms = terms[:half] + terms[half : 2 * half]
    return _fold_right([terms[0]] + aside)


def _row_tree(terms: np.ndarray) -> np.ndarray:
    """The pairwise tree along each row of ``terms``, adjacent pairs as written.

    The same sums as _tree_sum over the columns, without putting them in
    tree order first: in a row held in memory, the even and the odd terms
    are two strided views, and a gather would cost more than the sums.
    """
    aside = []
    while terms.shape[1] > 1:
        half = terms.shape[1] // 2
        if terms.shape[1] % 2 == 1:
            aside.insert(0, terms[:, 2 * half])
        terms = terms[:, 0 : 2 * half : 2] + terms[:, 1 : 2 * half : 2]
    return _fold_right([terms[:, 0]] + aside)


def _product_tree(a: np.ndarray, b: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """The tree over the products a[i, k] * b[k, j] for the k in ks.

    numpy slices without copying, so the products are formed at once, in
    tree order; R's twin forms the first level from two products instead.
    A matrix times a vector (rows of a in memory) keeps the products of a
    row together, k last: no transposing copy of a (the same sums; for
    short sums the copy costs less than the strided views). ks is always a
    run of consecutive k.
    """
    if b.shape[1] == 1 and a.flags.c_contiguous and len(ks) >= SPLIT_MIN:
        cols = slice(ks[0], ks[-1] + 1)
        return _row_tree(a[:, cols] * b[cols, 0])[:, None]
    return _tree_sum(_products(a, b, ks[_tree_order(len(ks))]), [])


@functools.lru_cache(maxsize=64)
def _tree_order(n_k: int) -> np.ndarray:
    """The order of n_k terms in which every level of the tree is two halves.

    At every level: the left terms of all pairs first, then the right terms
    in the same order, then an odd last term. Cached: it depends on n_k only.
    """
    up = _tree_order(n_k // 2) if n_k > 1 else np.zeros(0, np.intp)
    order = np.concatenate([2 * up, 2 * up + 1, [n_k - 1] * (n_k % 2)]).astype(np.intp)
    order.setflags(write=False)
    return order


def _products(a: np.ndarray, b: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """Products a[i, k] * b[k, j] for the k in ks, indexed (k, i, j).

    numpy's innermost loop runs over the last axis in memory, so the longer
    of i and j is laid out last; the layout changes no bit.
    """
    a_k = a.T.take(ks, axis=0)
    b_k = b.take(ks, axis=0)
    if a_k.shape[1] >= b_k.shape[1]:
        return (a_k[:, None, :] * b_k[:, :, None]).transpose(0, 2, 1)
    return a_k[:, :, None] * b_k[:, None, :]


@np.errstate(under="ignore")
def _exp_scaled(x_c: np.ndarray, x: np.ndarray, inside: bool) -> np.ndarray:
    """exact_exp where 2^k t or the result may be subnormal or overflow.

    The same steps with the 32-entry table, then the scaling by 2^k in two
    exact factors, so a subnormal result rounds once (it is the intended
    answer, not an error to raise); where both apply, exact_exp's one table
    gives the same bits.
    """
    n = np.floor(x_c * INV_LN2_32 + 0.5)
    r = (x_c - n * LN2_32_HI) - n * LN2_32_LO
    k = np.floor(n * (1.0 / 32.0))
    j = (n - 32.0 * k).astype(np.intp)
    i = (k - SCALE_K_MIN).astype(np.intp)
    y = _exp_m1(r, out=n)
    y *= EXP_T_HI[j]
    y += EXP_T_LO[j]
    y += EXP_T_HI[j]
    y *= SCALE_HALF.take(i, mode="clip")
    y *= SCALE_REST.take(i, mode="clip")
    return y if inside else _saturate(y, x)


def _exp_m1(r: np.ndarray, out: np.ndarray) -> np.ndarray:
    """exp(r) - 1 = r (1 + r (1/2 + r (1/6 + ...))) to degree 6, in place."""
    q = np.multiply(r, EXP_COEF[6], out=out)
    for j in range(5, 0, -1):
        q += EXP_COEF[j]
        q *= r
    return q


def _clamp(x: np.ndarray) -> np.ndarray:
    """x with 0 for NaN and for x outside [EXP_MIN, EXP_MAX].

    _saturate overwrites those entries, and 0 computes without the overflow
    or underflow (and warnings) that the range's ends would give.
    """
    return np.where((x >= EXP_MIN) & (x <= EXP_MAX), x, 0.0)


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
    """Finish the tree: fold the sums (in index order) from the right."""
    total = sums[-1]
    for s in reversed(sums[:-1]):
        total = s + total
    return total
