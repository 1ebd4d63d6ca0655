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
EXP_COEF <- 1 / factorial(0:13)
# 2^e for e = -1074..1023, built by exact doubling and halving.
POW2_MIN <- -1074
POW2 <- local({
  table <- numeric(2098)
  table[1075] <- 1
  for (e in 1:1023) table[1075 + e] <- table[1074 + e] * 2
  for (e in 1:1074) table[1075 - e] <- table[1076 - e] / 2
  table
})
# Largest number of products a matrix product holds in memory at once.
MAX_TERMS <- 2^20

#' Exact kernels
#'
#' The operations behind `numerics = "exact"`: bitwise the same results in
#' R and Python. `exact_tree_sum()` sums the columns of a matrix by the
#' pairwise tree (adjacent pairs in index order, level after level, an odd
#' last column carried up); `exact_matmul()` is `a %*% b` with every entry
#' summed that way; `exact_col_sums()` and `exact_mean()` sum over samples
#' and over all entries; `exact_exp()` is within 1 ULP of `exp()` and
#' `exact_sigmoid()` is `1 / (1 + exp(-x))` built on it.
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
exact_tree_sum <- function(terms) {
  while (ncol(terms) > 1L) {
    half <- ncol(terms) %/% 2L
    odd <- seq.int(1L, by = 2L, length.out = half)
    pairs <- terms[, odd, drop = FALSE] + terms[, odd + 1L, drop = FALSE]
    if (ncol(terms) %% 2L == 1L) {
      pairs <- cbind(pairs, terms[, ncol(terms)])
    }
    terms <- pairs
  }
  terms[, 1L]
}

#' @rdname exact_kernels
#' @export
exact_matmul <- function(a, b) {
  n <- nrow(a)
  m <- ncol(b)
  n_k <- ncol(a)
  block <- block_size(n * m, n_k)
  partial <- list()
  for (start in seq.int(1L, n_k, by = block)) {
    ks <- start:min(start + block - 1L, n_k)
    # products a[i, k] * b[k, j] for the k of this block, k last
    terms <- a[, rep(ks, each = m), drop = FALSE] *
      rep(t(b[ks, , drop = FALSE]), each = n)
    dim(terms) <- c(n * m, length(ks))
    partial <- push_block(partial, length(ks), exact_tree_sum(terms))
  }
  matrix(merge_blocks(partial), n, m)
}

#' @rdname exact_kernels
#' @export
exact_col_sums <- function(a) {
  exact_tree_sum(t(a))
}

#' @rdname exact_kernels
#' @export
exact_mean <- function(a) {
  exact_tree_sum(matrix(exact_col_sums(a), nrow = 1L)) / length(a)
}

#' @rdname exact_kernels
#' @export
exact_exp <- function(x) {
  nan <- is.na(x)
  x_c <- x
  x_c[nan] <- 0
  x_c <- pmin(pmax(x_c, EXP_MIN), EXP_MAX)
  # reduce: k = round(x / ln 2), r = x - k ln 2 with ln 2 in two parts
  k <- floor(x_c * LOG2_E + 0.5)
  r <- (x_c - k * LN2_HI) - k * LN2_LO
  # exp(r) by Horner's rule on the Taylor coefficients
  p <- rep(EXP_COEF[14L], length(r))
  for (j in 13:1) {
    p <- p * r + EXP_COEF[j]
  }
  # scale by 2^k in two exact steps, so a subnormal result rounds once
  k_half <- floor(k / 2)
  y <- p * POW2[k_half - POW2_MIN + 1]
  y <- y * POW2[k - k_half - POW2_MIN + 1]
  # saturate outside the finite range, pass NaN through
  y[which(x > EXP_MAX)] <- Inf
  y[which(x < EXP_MIN)] <- 0
  y[nan] <- x[nan]
  y
}

#' @rdname exact_kernels
#' @export
exact_sigmoid <- function(x) {
  1 / (1 + exact_exp(-x))
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

# Finish the tree: fold the remaining sums from the right.
merge_blocks <- function(partial) {
  total <- partial[[length(partial)]]$total
  for (i in rev(seq_len(length(partial) - 1L))) {
    total <- partial[[i]]$total + total
  }
  total
}
