# Fast kernels: the idiomatic R code, with BLAS and the C library's exp.
#
# Twin file: python/src/twinnet/fast.py. Quick, and what most people would
# write, but BLAS, exp and colSums (which sums in long double) each choose
# their own summation order or approximation, so results differ from
# Python's in the last bits, and training amplifies those bits (see
# docs/numerics.md).

#' Fast kernels
#'
#' The operations behind `numerics = "fast"`: BLAS matrix products,
#' `colSums()`, `rowSums()`, `sum()`, `exp()`, `log()`, `tanh()`. Not
#' bitwise reproducible across languages; see [exact_kernels] for the exact
#' ones.
#'
#' @param a,b Numeric matrices.
#' @param x A numeric vector or matrix.
#' @return A vector or matrix of doubles.
#' @name fast_kernels
#' @examples
#' twinnet:::fast_sigmoid(c(-1000, 0, 1000))
NULL

#' @rdname fast_kernels
#' @keywords internal
fast_matmul <- function(a, b) {
  a %*% b
}

#' @rdname fast_kernels
#' @keywords internal
fast_col_sums <- function(a) {
  colSums(a)
}

#' @rdname fast_kernels
#' @keywords internal
fast_row_sums <- function(a) {
  rowSums(a)
}

#' @rdname fast_kernels
#' @keywords internal
fast_total <- function(a) {
  sum(a)
}

#' @rdname fast_kernels
#' @keywords internal
fast_exp <- function(x) {
  exp(x)
}

#' @rdname fast_kernels
#' @keywords internal
fast_log <- function(x) {
  log(x)
}

#' @rdname fast_kernels
#' @keywords internal
fast_sigmoid <- function(x) {
  # one new vector: R's arithmetic reuses its temporaries (numpy's twin does
  # it by hand)
  1 / (1 + fast_exp(-x))
}

#' @rdname fast_kernels
#' @keywords internal
fast_tanh <- function(x) {
  tanh(x)
}
