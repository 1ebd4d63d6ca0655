# Exact kernels: arithmetic that rounds the same way in R and in Python.
#
# Twin file: python/src/twinnet/exact.py. Every function here uses only
# + - * /, floor, comparisons and exact scaling by powers of two, applied
# element by element, and every sum runs in one fixed order: the pairwise
# tree, or a BLAS product whose every partial sum is exact (error-free
# splitting, see exact_matmul), so that no order can change a bit. IEEE 754
# rounds each of these operations identically on every platform, so the
# Python twin produces the same bits. No BLAS on arbitrary numbers (%*%,
# crossprod, outer), no exp, no sum/colSums/mean: each of those picks its
# own order, precision (long double) or approximation.

# Cody-Waite constants, as hex so that no decimal parser is involved.
# LN2_HI has 21 trailing zero bits, so k * LN2_HI is exact for |k| < 2^11.
LOG2_E <- 0x1.71547652b82fep+0
LN2_HI <- 0x1.62e42fee00000p-1
LN2_LO <- 0x1.a39ef35793c76p-33
# exp(x) is finite up to EXP_MAX and rounds to zero below EXP_MIN.
EXP_MAX <- 0x1.62e42fefa39efp+9
EXP_MIN <- -0x1.74910d52d3051p+9
# exp: x = (32 k + j) ln2 / 32 + r with |r| <= ln2 / 64, so exp(x) =
# 2^k 2^(j/32) exp(r). ln2 / 32 and 32 / ln2 are the constants above scaled
# by a power of two (exact); n ln2_hi / 32 is exact for |n| < 2^21.
INV_LN2_32 <- LOG2_E * 32
LN2_32_HI <- LN2_HI / 32
LN2_32_LO <- LN2_LO / 32
# Taylor coefficients 1/j!, j = 0..6: j! is an exact integer, so each
# coefficient is one correctly rounded division; r^7 / 7! < 2^-57.
EXP_COEF <- 1 / cumprod(c(1, as.double(1:6)))
# 2^(j/32) = EXP_T_HI[j + 1] + EXP_T_LO[j + 1] to about 107 bits (hex: exact
# constants, computed once with 60-digit decimals).
EXP_T_HI <- c(
  0x1.0000000000000p+0, 0x1.059b0d3158574p+0, 0x1.0b5586cf9890fp+0,
  0x1.11301d0125b51p+0, 0x1.172b83c7d517bp+0, 0x1.1d4873168b9aap+0,
  0x1.2387a6e756238p+0, 0x1.29e9df51fdee1p+0, 0x1.306fe0a31b715p+0,
  0x1.371a7373aa9cbp+0, 0x1.3dea64c123422p+0, 0x1.44e086061892dp+0,
  0x1.4bfdad5362a27p+0, 0x1.5342b569d4f82p+0, 0x1.5ab07dd485429p+0,
  0x1.6247eb03a5585p+0, 0x1.6a09e667f3bcdp+0, 0x1.71f75e8ec5f74p+0,
  0x1.7a11473eb0187p+0, 0x1.82589994cce13p+0, 0x1.8ace5422aa0dbp+0,
  0x1.93737b0cdc5e5p+0, 0x1.9c49182a3f090p+0, 0x1.a5503b23e255dp+0,
  0x1.ae89f995ad3adp+0, 0x1.b7f76f2fb5e47p+0, 0x1.c199bdd85529cp+0,
  0x1.cb720dcef9069p+0, 0x1.d5818dcfba487p+0, 0x1.dfc97337b9b5fp+0,
  0x1.ea4afa2a490dap+0, 0x1.f50765b6e4540p+0
)
EXP_T_LO <- c(
  0, 0x1.d73e2a475b465p-55, 0x1.8a62e4adc610bp-54,
  -0x1.6c51039449b3ap-54, -0x1.19041b9d78a76p-55, 0x1.e016e00a2643cp-54,
  0x1.9b07eb6c70573p-54, 0x1.612e8afad1255p-55, 0x1.6f46ad23182e4p-55,
  -0x1.63aeabf42eae2p-54, 0x1.ada0911f09ebcp-55, 0x1.89b7a04ef80d0p-59,
  0x1.d4397afec42e2p-56, -0x1.07abe1db13cadp-55, 0x1.6324c054647adp-54,
  -0x1.383c17e40b497p-54, -0x1.bdd3413b26456p-54, -0x1.16e4786887a99p-55,
  -0x1.41577ee04992fp-55, -0x1.d4c1dd41532d8p-54, 0x1.6e9f156864b27p-54,
  -0x1.75fc781b57ebcp-57, 0x1.c7c46b071f2bep-56, -0x1.d2f6edb8d41e1p-54,
  0x1.7a1cd345dcc81p-54, -0x1.5584f7e54ac3bp-56, 0x1.11065895048ddp-55,
  0x1.503cbd1e949dbp-56, 0x1.2ed02d75b3707p-55, -0x1.1a5cd4f184b5cp-54,
  -0x1.e9c23179c2893p-54, 0x1.9d3e12dd8a18bp-54
)
# 2^e for e = -1074..1023, built by exact doubling and halving.
POW2_MIN <- -1074
POW2 <- local({
  table <- numeric(2098)
  table[1075] <- 1
  for (e in 1:1023) table[1075 + e] <- table[1074 + e] * 2
  for (e in 1:1074) table[1075 - e] <- table[1076 - e] / 2
  table
})
# 2^k for k = SCALE_K_MIN..1024 (every k that exp's reduction can give) as
# two exact factors: 2^k_half with k_half = floor(k / 2), then
# 2^(k - k_half). Both are normal numbers, and one index k finds both.
SCALE_K_MIN <- -1075
SCALE_HALF <- POW2[floor(SCALE_K_MIN:1024 / 2) - POW2_MIN + 1]
SCALE_REST <- POW2[SCALE_K_MIN:1024 - floor(SCALE_K_MIN:1024 / 2) -
                     POW2_MIN + 1]
# For x in [NORMAL_MIN, NORMAL_MAX], -940 <= k <= 1022: then 2^k 2^(j/32)
# is normal in both parts, so one table indexed by n = 32 k + j holds it
# exactly, and the result is normal: no scaling step.
NORMAL_MIN <- -650
NORMAL_MAX <- 709
EXP_N_MIN <- -940 * 32
EXP_N_HI <- rep(POW2[-940:1022 - POW2_MIN + 1], each = 32) * EXP_T_HI
EXP_N_LO <- rep(POW2[-940:1022 - POW2_MIN + 1], each = 32) * EXP_T_LO
# log: the mantissa is kept in [sqrt(1/2), sqrt(2)); SQRT2 is sqrt(2)
# rounded down, and the atanh series 2 (s + s^3/3 + ...) needs 1/(2j+1).
SQRT2 <- 0x1.6a09e667f3bccp+0
LOG_COEF <- 1 / (2 * (0:11) + 1)
# Largest number of products a tree product holds in memory at once.
MAX_TERMS <- 2^20
# Products with fewer terms per sum, rows of a or columns of b than this
# take the pairwise tree: splitting pays only when the BLAS does many
# operations per entry it reads (a column sum, ones %*% a, never splits).
SPLIT_MIN <- 16
# The splits of the last few large inputs (entries between the bounds).
SPLIT_CACHE_SIZE <- 4
SPLIT_CACHE_MIN <- 2^16
SPLIT_CACHE_MAX <- 2^24

#' Exact kernels
#'
#' The operations behind `numerics = "exact"`: bitwise the same results in
#' R and Python. `exact_tree_sum()` sums the columns of a matrix by the
#' pairwise tree (adjacent pairs in index order, level after level, an odd
#' last column carried up); `tree_matmul()` is `a %*% b` with every entry
#' summed that way; `exact_matmul()` is `a %*% b` through the BLAS on
#' error-free slices (the same bits on every BLAS; the tree for short sums,
#' NaN, Inf and extreme exponents); `exact_col_sums()`, `exact_row_sums()`,
#' `exact_total()` and `exact_mean()` sum over samples, over a sample's
#' outputs and over all entries; `exact_exp()` is within 1 ULP of `exp()`,
#' `exact_log()` within 2 ULP of `log()`; `exact_sigmoid()` is
#' `1 / (1 + exp(-x))` and `exact_tanh()` is `sign(x) (1 - t) / (1 + t)`
#' with `t = exp(-2 |x|)`.
#'
#' @param terms A matrix whose columns are summed.
#' @param a,b Numeric matrices.
#' @param x A numeric vector or matrix.
#' @return A vector or matrix of doubles.
#' @name exact_kernels
#' @examples
#' twinnet:::exact_matmul(matrix(1:4 / 3, 2), diag(2))
#' twinnet:::exact_exp(c(-1, 0, 1)) - exp(c(-1, 0, 1))
NULL

#' @rdname exact_kernels
#' @keywords internal
# --8<-- [start:tree_sum]
exact_tree_sum <- function(terms) {
  # the columns in tree order, as the row blocks of one column
  ordered <- terms[, tree_order(ncol(terms)), drop = FALSE]
  drop(tree_sum(matrix(ordered), nrow(terms), list()))
}
# --8<-- [end:tree_sum]

#' @rdname exact_kernels
#' @keywords internal
exact_matmul <- function(a, b) {
  # each row of a and each column of b is split into slices so short that
  # every slice product a_p %*% b_q is exact, whatever order the BLAS sums
  # in; the slice products are then added in one fixed order (error-free
  # splitting, the Ozaki scheme; docs/numerics.md). Thin products (k, rows
  # of a or columns of b below SPLIT_MIN), NaN or Inf, and values whose
  # slices could under- or overflow take the tree instead.
  n_k <- ncol(a)
  if (n_k == 1L) {
    # one term per entry: the product is the sum (an outer product)
    return(products(a, b, 1L))
  }
  if (min(n_k, nrow(a), ncol(b)) >= SPLIT_MIN) {
    split <- split_both(a, b)
    if (!is.null(split)) {
      return(sum_slice_products(split))
    }
  }
  tree_matmul(a, b)
}

# Slices of the rows of x (x = sum of slices + a tiny rest). Per row, for
# each slice: mu = max |x| of what is left, 2^tau >= mu, sigma = 0.75 *
# 2^(tau + rho); hi = (x + sigma) - sigma keeps the bits of x down to
# 2^(tau + rho - 53), so every hi has at most 53 - rho bits and the rest
# x - hi is exact. Returns the slices, each slice's lowest exponent
# tau + rho (to check for underflow) and the largest tau, or NULL on
# overflow. Rows are independent: numpy's twin works through blocks of rows
# that stay in the cache, R takes the whole matrix at once.
# (margin 2: the columns, with no t() copy; numpy's twin splits the rows
# of b.T, a view.)
split_rows <- function(x, rho, margin = 1L) {
  slices <- list()
  low <- numeric(0)
  top <- POW2_MIN
  for (s in seq_len(n_slices(rho))) {
    mu <- if (margin == 1L) row_max(abs(x)) else col_max(abs(x))
    mu[mu == 0] <- 1 # a zero row: any sigma leaves it zero
    e <- findInterval(mu, POW2, left.open = TRUE) + (POW2_MIN + rho)
    if (max(e) > 1023) {
      return(NULL)
    }
    sigma <- 0.75 * POW2[pmax(e, POW2_MIN) - POW2_MIN + 1]
    if (margin == 2L) sigma <- rep(sigma, each = nrow(x))
    hi <- (x + sigma) - sigma
    x <- x - hi
    slices[[s]] <- hi
    low[s] <- min(e)
    if (s == 1L) top <- max(e) - rho
  }
  list(slices = slices, low = low, top = top)
}

# split_rows(), remembered for inputs that come back bit for bit (the data
# X, once per epoch). A hit is checked against the kept input, bit for bit:
# it changes no result.
split_cached <- local({
  cache <- list()
  function(x, rho, margin = 1L) {
    same <- function(hit) {
      hit$rho == rho && hit$margin == margin &&
        identical(hit$x, x, num.eq = FALSE)
    }
    i <- Position(same, cache)
    if (!is.na(i)) {
      cache <<- c(cache[i], cache[-i])
      return(cache[[1L]]$split)
    }
    split <- split_rows(x, rho, margin)
    if (length(x) >= SPLIT_CACHE_MIN && length(x) <= SPLIT_CACHE_MAX) {
      entry <- list(x = x, rho = rho, margin = margin, split = split)
      cache <<- utils::head(c(list(entry), cache), SPLIT_CACHE_SIZE)
    }
    split
  }
})

# Slices of a's rows and b's columns, or NULL if a split could not be exact.
split_both <- function(a, b) {
  if (!all(is.finite(a)) || !all(is.finite(b))) {
    return(NULL)
  }
  log2_k <- ceiling_log2(ncol(a))
  rho <- (53 + log2_k + 1) %/% 2
  # only a's split is remembered: the data X comes back as the left
  # operand (X %*% W, t(X) %*% delta); b is a new weight or delta every epoch
  split_a <- split_cached(a, rho)
  split_b <- split_rows(b, rho, 2L)
  if (is.null(split_a) || is.null(split_b)) {
    return(NULL)
  }
  pairs <- slice_pairs(length(split_a$slices))
  if (!products_are_exact(split_a, split_b, pairs, log2_k)) {
    return(NULL)
  }
  list(a = split_a$slices, b = split_b$slices, pairs = pairs)
}

# The sum of k products of first slices stays below 2^1023; every sigma is
# a normal number; every product's last bit stays above 2^-1074 (no
# subnormal rounding).
products_are_exact <- function(split_a, split_b, pairs, log2_k) {
  low <- split_a$low[pairs[, 1L]] + split_b$low[pairs[, 2L]]
  split_a$top + split_b$top + log2_k <= 1022 &&
    min(split_a$low, split_b$low) >= -1021 && min(low) >= 106 - 1074
}

# Add the exact slice products, smallest first, in one fixed order.
sum_slice_products <- function(split) {
  pairs <- split$pairs
  total <- split$a[[pairs[1L, 1L]]] %*% split$b[[pairs[1L, 2L]]]
  for (i in seq_len(nrow(pairs))[-1L]) {
    total <- total + split$a[[pairs[i, 1L]]] %*% split$b[[pairs[i, 2L]]]
  }
  # an exact zero is +0: BLAS libraries differ in the sign of a zero sum
  total + 0
}

#' @rdname exact_kernels
#' @keywords internal
tree_matmul <- function(a, b) {
  n_k <- ncol(a)
  block <- block_size(nrow(a) * ncol(b), n_k)
  partial <- list()
  for (start in seq.int(1L, n_k, by = block)) {
    ks <- start:min(start + block - 1L, n_k)
    partial <- push_block(partial, length(ks), product_tree(a, b, ks))
  }
  fold_right(lapply(partial, `[[`, "total"))
}

# Slice pairs (p, q) with p + q < n_slices (counting from 0), one row per
# pair, smallest products first.
slice_pairs <- function(n_slices) {
  pairs <- NULL
  for (s in (n_slices - 1):0) {
    pairs <- rbind(pairs, cbind(0:s, s - 0:s) + 1L)
  }
  unname(pairs)
}

# Slices of 54 - rho bits or more that together reach 60 bits: slice p + 1
# starts at least 54 - rho bits below slice p, so the pairs left out
# (p + q >= n_slices, and the rest after the last slice) are below 2^-60 of
# the largest product, under the tree's error bound.
n_slices <- function(rho) {
  (60 + (54 - rho) - 1) %/% (54 - rho)
}

# Smallest e with 2^e >= n (n >= 1), by exact doubling.
ceiling_log2 <- function(n) {
  e <- 0
  while (2^e < n) e <- e + 1
  e
}

# Row maxima without apply() (its aperm() copy is slow): a pmax() over the
# columns of a tall matrix, one max() per row of a wide one.
row_max <- function(x) {
  if (nrow(x) <= ncol(x)) {
    return(vapply(seq_len(nrow(x)), function(i) max(x[i, ]), 0))
  }
  m <- x[, 1L]
  for (j in seq_len(ncol(x))[-1L]) m <- pmax(m, x[, j])
  m
}

# Column maxima: one max() per column of a tall matrix, a pmax() over the
# rows of a wide one.
col_max <- function(x) {
  if (nrow(x) >= ncol(x)) {
    return(vapply(seq_len(ncol(x)), function(j) max(x[, j]), 0))
  }
  m <- x[1L, ]
  for (i in seq_len(nrow(x))[-1L]) m <- pmax(m, x[i, ])
  m
}

#' @rdname exact_kernels
#' @keywords internal
exact_col_sums <- function(a) {
  # a sum over samples by the tree: the same bits as ones %*% a, which is
  # too thin to split (and 1 * x == x)
  a <- as.matrix(a)
  drop(tree_sum(a[tree_order(nrow(a)), , drop = FALSE], 1L, list()))
}

#' @rdname exact_kernels
#' @keywords internal
exact_mean <- function(a) {
  exact_total(a) / length(a)
}

#' @rdname exact_kernels
#' @keywords internal
exact_exp <- function(x) {
  # two cheap passes tell whether the clamp and the masks are needed, and
  # whether every 2^k t and result is normal (then one table holds 2^k t)
  low <- if (length(x) > 0L) min(x) else NaN
  high <- if (length(x) > 0L) max(x) else NaN
  inside <- isTRUE(EXP_MIN <= low && high <= EXP_MAX)
  if (!isTRUE(NORMAL_MIN <= low && high <= NORMAL_MAX)) {
    return(exp_scaled(if (inside) x else clamp(x), x, inside))
  }
  # reduce: n = round(32 x / ln 2), r = x - n ln 2 / 32 in two parts
  n <- floor(x * INV_LN2_32 + 0.5)
  r <- (x - n * LN2_32_HI) - n * LN2_32_LO
  # 2^(n/32) exp(r) = t_hi + (t_hi q + t_lo): the small part first
  # (R indexes by doubles, and n is a whole number: no as.integer pass)
  i <- n - (EXP_N_MIN - 1)
  t_hi <- EXP_N_HI[i]
  y <- exp_m1(r) * t_hi + EXP_N_LO[i] + t_hi
  dim(y) <- dim(x)
  y
}

#' @rdname exact_kernels
#' @keywords internal
# --8<-- [start:sigmoid]
exact_sigmoid <- function(x) {
  1 / (1 + exact_exp(-x))
}
# --8<-- [end:sigmoid]

#' @rdname exact_kernels
#' @keywords internal
exact_row_sums <- function(a) {
  # by the tree: the same bits as a %*% ones, which is too thin to split
  exact_tree_sum(as.matrix(a))
}

#' @rdname exact_kernels
#' @keywords internal
exact_total <- function(a) {
  exact_tree_sum(matrix(exact_col_sums(a), nrow = 1L))
}

#' @rdname exact_kernels
#' @keywords internal
exact_log <- function(x) {
  ok <- !is.na(x) & x > 0 & x < Inf
  x_c <- x
  x_c[!ok] <- 1
  # split off the exponent: POW2[i] <= x < POW2[i + 1]
  e <- findInterval(x_c, POW2)
  m <- x_c / POW2[e]
  e <- e - 1 + POW2_MIN
  # move m into [sqrt(1/2), sqrt(2))
  high <- m > SQRT2
  m[high] <- m[high] / 2
  e <- e + high
  # log m = 2 s (1 + s^2/3 + s^4/5 + ...), Horner in w = s^2
  s <- (m - 1) / (m + 1)
  w <- s * s
  p <- rep(LOG_COEF[12L], length(s))
  for (j in 11:1) {
    p <- p * w + LOG_COEF[j]
  }
  # log x = e ln 2 + log m, ln 2 in two parts, the exact part last
  y <- e * LN2_HI + (e * LN2_LO + 2 * s * p)
  # outside (0, Inf): log 0 = -Inf, log Inf = Inf, NaN below 0, NaN stays
  y[which(x == 0)] <- -Inf
  y[which(x == Inf)] <- Inf
  y[which(x < 0)] <- NaN
  y[is.na(x)] <- x[is.na(x)]
  dim(y) <- dim(x)
  y
}

#' @rdname exact_kernels
#' @keywords internal
exact_tanh <- function(x) {
  t <- exact_exp(-2 * abs(x))
  y <- (1 - t) / (1 + t)
  negative <- which(x < 0)
  y[negative] <- -y[negative]
  y
}

# The pairwise tree over the n-row blocks of `terms`, in tree order. In
# tree order (see tree_order()) every level adds the first half of the
# blocks to the second half: two row ranges, no index vectors. An odd last
# block is set aside rather than carried up: it is the sum of a
# power-of-two run of terms, and folding the set-aside sums from the right
# (`aside` holds those of earlier levels) adds it to the same left partner
# at the same point, as the binary counter of exact_matmul does: the same
# bits, and no rbind() copy.
tree_sum <- function(terms, n, aside) {
  n_k <- nrow(terms) %/% n
  while (n_k > 1L) {
    half <- n_k %/% 2L
    rows <- seq_len(half * n)
    if (n_k %% 2L == 1L) {
      aside <- c(list(terms[2L * half * n + seq_len(n), , drop = FALSE]), aside)
    }
    terms <- terms[rows, , drop = FALSE] +
      terms[half * n + rows, , drop = FALSE]
    n_k <- half
  }
  fold_right(c(list(terms), aside))
}

# The tree over the products a[i, k] * b[k, j] for the k in ks. Its first
# level comes straight from two products, one of the left and one of the
# right terms of all pairs (in tree order), so no copy of the products is
# made: in R every subset is a copy.
product_tree <- function(a, b, ks) {
  ks <- ks[tree_order(length(ks))]
  half <- length(ks) %/% 2L
  if (half == 0L) {
    return(products(a, b, ks))
  }
  aside <- list()
  if (length(ks) %% 2L == 1L) {
    aside <- list(products(a, b, ks[length(ks)]))
  }
  pairs <- products(a, b, ks[seq_len(half)]) +
    products(a, b, ks[half + seq_len(half)])
  tree_sum(pairs, nrow(a), aside)
}

# The order of n_k terms in which every level of the tree is two halves:
# at every level, the left terms of all pairs first, then the right terms
# in the same order, then an odd last term. Cached: it depends on n_k only.
tree_order <- local({
  cache <- new.env(parent = emptyenv())
  function(n_k) {
    key <- as.character(n_k)
    if (is.null(cache[[key]])) {
      up <- if (n_k > 1L) tree_order(n_k %/% 2L) else integer(0)
      cache[[key]] <- c(2L * up - 1L, 2L * up, if (n_k %% 2L == 1L) n_k)
    }
    cache[[key]]
  }
})

# Products a[i, k] * b[k, j] for the k in ks, as n-row blocks k with one
# column per j: the columns ks of a, as a plain vector, recycle over j, and
# a byrow matrix (much faster than rep(each = n)) repeats each b[k, j] n
# times.
products <- function(a, b, ks) {
  n <- nrow(a)
  a_k <- a[, ks, drop = FALSE]
  dim(a_k) <- NULL
  terms <- matrix(b[ks, , drop = FALSE], n, length(ks) * ncol(b),
                  byrow = TRUE) * a_k
  dim(terms) <- c(n * length(ks), ncol(b))
  terms
}

# exact_exp where 2^k t or the result may be subnormal or overflow: the
# same steps with the 32-entry table, then the scaling by 2^k in two exact
# factors, so a subnormal result rounds once; where both apply, exact_exp's
# one table gives the same bits.
exp_scaled <- function(x_c, x, inside) {
  n <- floor(x_c * INV_LN2_32 + 0.5)
  r <- (x_c - n * LN2_32_HI) - n * LN2_32_LO
  k <- floor(n * (1 / 32))
  j <- n - 32 * k + 1
  i <- k - (SCALE_K_MIN - 1)
  y <- exp_m1(r) * EXP_T_HI[j] + EXP_T_LO[j] + EXP_T_HI[j]
  y <- y * SCALE_HALF[i]
  y <- y * SCALE_REST[i]
  dim(y) <- dim(x)
  if (inside) y else saturate(y, x)
}

# exp(r) - 1 = r (1 + r (1/2 + r (1/6 + ...))) to degree 6, by Horner's rule.
exp_m1 <- function(r) {
  q <- r * EXP_COEF[7L]
  for (j in 6:2) {
    q <- (q + EXP_COEF[j]) * r
  }
  q
}

# x with 0 for NA, NaN and x outside [EXP_MIN, EXP_MAX]: saturate()
# overwrites those entries, and 0 computes without overflow or underflow.
clamp <- function(x) {
  x[which(is.na(x) | x < EXP_MIN | x > EXP_MAX)] <- 0
  x
}

# Saturate outside the finite range, pass NaN and NA through.
saturate <- function(y, x) {
  y[which(x > EXP_MAX)] <- Inf
  y[which(x < EXP_MIN)] <- 0
  nan <- is.na(x)
  y[nan] <- x[nan]
  y
}

# Largest power of two with block * n_entries <= MAX_TERMS (at least 1).
block_size <- function(n_entries, n_k) {
  block <- 1L
  while (block < n_k && 2 * block * n_entries <= MAX_TERMS) {
    block <- 2L * block
  }
  block
}

# Add one block sum; merge equal-sized neighbours like a binary counter.
push_block <- function(partial, size, total) {
  partial[[length(partial) + 1L]] <- list(size = size, total = total)
  while (length(partial) > 1L &&
           partial[[length(partial) - 1L]]$size ==
             partial[[length(partial)]]$size) {
    last <- length(partial)
    merged <- list(
      size = 2L * partial[[last]]$size,
      total = partial[[last - 1L]]$total + partial[[last]]$total
    )
    partial <- c(partial[seq_len(last - 2L)], list(merged))
  }
  partial
}

# Finish the tree: fold the sums (in index order) from the right.
fold_right <- function(sums) {
  total <- sums[[length(sums)]]
  for (i in rev(seq_len(length(sums) - 1L))) {
    total <- sums[[i]] + total
  }
  total
}
