# Exact kernels: arithmetic that rounds the same way in R and in Python.
#
# Twin file: python/src/twinnet/exact.py. Every function here uses only
# + - * /, floor, comparisons and exact scaling by powers of two, applied
# element by element, and every sum runs in one fixed order: the pairwise
# tree. IEEE 754 rounds each of these operations identically on every
# platform, so the Python twin produces the same bits. No BLAS (%*%,
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
# Taylor coefficients 1/j!, j = 0..13: j! is an exact integer, so each
# coefficient is one correctly rounded division.
EXP_COEF <- 1 / cumprod(c(1, as.double(1:13)))
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
# For x in [NORMAL_MIN, NORMAL_MAX], -1020 <= k <= 1023 and exp(x) is normal:
# then 2^k itself is a normal number and y * 2^k is exact, in one step.
NORMAL_MIN <- -707
NORMAL_MAX <- 709
SCALE_ONE <- POW2[pmin(pmax(SCALE_K_MIN:1024, POW2_MIN), 1023) - POW2_MIN + 1]
# log: the mantissa is kept in [sqrt(1/2), sqrt(2)); SQRT2 is sqrt(2)
# rounded down, and the atanh series 2 (s + s^3/3 + ...) needs 1/(2j+1).
SQRT2 <- 0x1.6a09e667f3bccp+0
LOG_COEF <- 1 / (2 * (0:11) + 1)
# Largest number of products a tree product holds in memory at once.
MAX_TERMS <- 2^20
# Sums over fewer terms than this take the pairwise tree: splitting pays
# only when the BLAS has enough work.
SPLIT_K_MIN <- 16

#' Exact kernels
#'
#' The operations behind `numerics = "exact"`: bitwise the same results in
#' R and Python. `exact_tree_sum()` sums the columns of a matrix by the
#' pairwise tree (adjacent pairs in index order, level after level, an odd
#' last column carried up); `tree_matmul()` is `a %*% b` with every entry
#' summed that way; `exact_matmul()` is `a %*% b` through the BLAS on
#' error-free slices (the same bits on every BLAS; the tree for short sums,
#' NaN, Inf and extreme exponents); `exact_col_sums()`, `exact_row_sums()`, `exact_total()`
#' and `exact_mean()` sum over samples, over a sample's outputs and over all
#' entries; `exact_exp()` is within 1 ULP of `exp()`, `exact_log()` within 2
#' ULP of `log()`; `exact_sigmoid()` is `1 / (1 + exp(-x))` and
#' `exact_tanh()` is `sign(x) (1 - t) / (1 + t)` with `t = exp(-2 |x|)`.
#'
#' @param terms A matrix whose columns are summed.
#' @param a,b Numeric matrices.
#' @param x A numeric vector or matrix.
#' @return A vector or matrix of doubles.
#' @name exact_kernels
#' @examples
#' exact_matmul(matrix(1:4 / 3, 2), diag(2))
#' exact_exp(c(-1, 0, 1)) - exp(c(-1, 0, 1))
NULL

#' @rdname exact_kernels
#' @export
# --8<-- [start:tree_sum]
exact_tree_sum <- function(terms) {
  # the columns in tree order, as the row blocks of one column
  ordered <- terms[, tree_order(ncol(terms)), drop = FALSE]
  drop(tree_sum(matrix(ordered), nrow(terms), list()))
}
# --8<-- [end:tree_sum]

#' @rdname exact_kernels
#' @export
# --8<-- [start:matmul]
exact_matmul <- function(a, b) {
  # each row of a and each column of b is split into slices so short that
  # every slice product a_p %*% b_q is exact, whatever order the BLAS sums
  # in; the slice products are then added in one fixed order (error-free
  # splitting, the Ozaki scheme; docs/numerics.md). Short sums, NaN or Inf,
  # and values whose slices could under- or overflow take the tree instead.
  n_k <- ncol(a)
  if (n_k == 1L) {
    # one term per entry: the product is the sum (an outer product)
    return(products(a, b, 1L))
  }
  if (n_k >= SPLIT_K_MIN) {
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
# x - hi is exact. Returns the slices and each slice's lowest exponent
# tau + rho (to check for underflow), or NULL on overflow.
split_rows <- function(x, rho) {
  slices <- list()
  low <- numeric(0)
  for (s in seq_len(n_slices(rho))) {
    mu <- row_max(abs(x))
    mu[mu == 0] <- 1 # a zero row: any sigma leaves it zero
    e <- findInterval(mu, POW2, left.open = TRUE) + (POW2_MIN + rho)
    if (max(e) > 1023) {
      return(NULL)
    }
    sigma <- 0.75 * POW2[pmax(e, POW2_MIN) - POW2_MIN + 1]
    hi <- (x + sigma) - sigma
    x <- x - hi
    slices[[s]] <- hi
    low[s] <- min(e)
  }
  list(slices = slices, low = low)
}

# Slices of a's rows and b's columns, or NULL if a split could not be exact.
split_both <- function(a, b) {
  if (!all(is.finite(a)) || !all(is.finite(b))) {
    return(NULL)
  }
  log2_k <- ceiling_log2(ncol(a))
  rho <- (53 + log2_k + 1) %/% 2
  split_a <- split_rows(a, rho)
  split_b <- split_rows(t(b), rho)
  if (is.null(split_a) || is.null(split_b)) {
    return(NULL)
  }
  # the sum of k products of first slices stays below 2^1023; every
  # product's last bit stays above 2^-1074 (no subnormal rounding)
  top <- top_exponent(a) + top_exponent(b) + log2_k
  pairs <- slice_pairs(length(split_a$slices))
  low <- split_a$low[pairs[, 1L]] + split_b$low[pairs[, 2L]]
  if (top > 1022 || min(split_a$low, split_b$low) < -1021 ||
        min(low) < 106 - 1074) {
    return(NULL)
  }
  list(a = split_a$slices, b = lapply(split_b$slices, t), pairs = pairs)
}

# Add the exact slice products, smallest first, in one fixed order.
sum_slice_products <- function(split) {
  pairs <- split$pairs
  total <- split$a[[pairs[1L, 1L]]] %*% split$b[[pairs[1L, 2L]]]
  for (i in seq_len(nrow(pairs))[-1L]) {
    total <- total + split$a[[pairs[i, 1L]]] %*% split$b[[pairs[i, 2L]]]
  }
  total
}
# --8<-- [end:matmul]

#' @rdname exact_kernels
#' @export
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

# Slice pairs (p, q) with p + q <= n_slices (counting from 0), one row per
# pair, smallest products first. The pairs with p + q = n_slices hold bits
# below the 53 that the slices keep, but their sums over k carry into them:
# with them the product is more accurate than the tree (docs/numerics.md).
slice_pairs <- function(n_slices) {
  pairs <- NULL
  for (s in n_slices:0) {
    p <- max(0, s - n_slices + 1):min(s, n_slices - 1)
    pairs <- rbind(pairs, cbind(p, s - p) + 1L)
  }
  unname(pairs)
}

# Slices of 53 - rho bits each that together hold all 53 bits.
n_slices <- function(rho) {
  (53 + (53 - rho) - 1) %/% (53 - rho)
}

# Smallest e with 2^e >= n (n >= 1), by exact doubling.
ceiling_log2 <- function(n) {
  e <- 0
  while (2^e < n) e <- e + 1
  e
}

# Smallest e with max |x| <= 2^e (0 for an all-zero x).
top_exponent <- function(x) {
  mu <- if (length(x) > 0L) max(abs(x)) else 0
  if (mu > 0) findInterval(mu, POW2, left.open = TRUE) + POW2_MIN else 0
}

# Row maxima without apply() over many rows: a pmax() over the columns of
# a tall matrix, one max() per row of a wide one.
row_max <- function(x) {
  if (nrow(x) <= ncol(x)) {
    return(apply(x, 1L, max))
  }
  m <- x[, 1L]
  for (j in seq_len(ncol(x))[-1L]) m <- pmax(m, x[, j])
  m
}

#' @rdname exact_kernels
#' @export
exact_col_sums <- function(a) {
  # a sum over samples: the product ones %*% a
  a <- as.matrix(a)
  if (nrow(a) == 1L) {
    return(a[1L, ])
  }
  drop(exact_matmul(matrix(1, 1L, nrow(a)), a))
}

#' @rdname exact_kernels
#' @export
exact_mean <- function(a) {
  exact_total(a) / length(a)
}

#' @rdname exact_kernels
#' @export
exact_exp <- function(x) {
  # two cheap passes tell whether the clamp and the masks are needed, and
  # whether every result is a normal number (then one scaling is exact)
  low <- if (length(x) > 0L) min(x) else NaN
  high <- if (length(x) > 0L) max(x) else NaN
  inside <- isTRUE(EXP_MIN <= low && high <= EXP_MAX)
  normal <- isTRUE(NORMAL_MIN <= low && high <= NORMAL_MAX)
  x_c <- if (inside) x else clamp(x)
  # reduce: k = round(x / ln 2), r = x - k ln 2 with ln 2 in two parts
  k <- floor(x_c * LOG2_E + 0.5)
  r <- (x_c - k * LN2_HI) - k * LN2_LO
  # exp(r) by Horner's rule on the Taylor coefficients
  y <- horner(r)
  # scale by 2^k: in one exact step when every result is normal, else in
  # two, so a subnormal result rounds once; both give the same bits where
  # both apply
  # (R indexes by doubles, and k is a whole number: no as.integer pass)
  i <- k - (SCALE_K_MIN - 1)
  if (normal) {
    return(y * SCALE_ONE[i])
  }
  y <- y * SCALE_HALF[i]
  y <- y * SCALE_REST[i]
  if (inside) y else saturate(y, x)
}

#' @rdname exact_kernels
#' @export
# --8<-- [start:sigmoid]
exact_sigmoid <- function(x) {
  1 / (1 + exact_exp(-x))
}
# --8<-- [end:sigmoid]

#' @rdname exact_kernels
#' @export
exact_row_sums <- function(a) {
  # a sum over the outputs of one sample: the product a %*% ones
  a <- as.matrix(a)
  if (ncol(a) == 1L) {
    return(a[, 1L])
  }
  drop(exact_matmul(a, matrix(1, ncol(a), 1L)))
}

#' @rdname exact_kernels
#' @export
exact_total <- function(a) {
  exact_tree_sum(matrix(exact_col_sums(a), nrow = 1L))
}

#' @rdname exact_kernels
#' @export
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
#' @export
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

# sum_j r^j / j! from j = 13 down by Horner's rule. Recursion keeps each
# step's result a temporary, and as the second operand of `*` (r has the
# attributes) R overwrites it instead of allocating a new vector.
horner <- function(r, j = 1L) {
  if (j == 13L) {
    return(r * EXP_COEF[14L] + EXP_COEF[13L])
  }
  r * horner(r, j + 1L) + EXP_COEF[j]
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
