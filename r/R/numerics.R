# The two numerics modes: which kernels the network code calls.
#
# Twin file: python/src/twinnet/numerics.py. The network code never calls
# %*% or exp itself; it asks `ops` for a matrix product, sums, exp, log,
# sigmoid and tanh. "exact" gives bitwise the same results in R and
# Python; "fast" is the idiomatic BLAS path.

NUMERICS <- c("exact", "fast")
# Each mode written out, so a reader can follow ops$matmul to its kernel.
# (R reads the package's files in alphabetical order: exact.R and fast.R
# come before this one.)
EXACT_OPS <- list(
  matmul = exact_matmul,
  col_sums = exact_col_sums,
  row_sums = exact_row_sums,
  total = exact_total,
  exp = exact_exp,
  log = exact_log,
  sigmoid = exact_sigmoid,
  tanh = exact_tanh
)
FAST_OPS <- list(
  matmul = fast_matmul,
  col_sums = fast_col_sums,
  row_sums = fast_row_sums,
  total = fast_total,
  exp = fast_exp,
  log = fast_log,
  sigmoid = fast_sigmoid,
  tanh = fast_tanh
)

#' The kernels of one numerics mode
#'
#' @param numerics `"exact"` (bitwise identical to the Python package) or
#'   `"fast"` (BLAS and the C library's `exp()`).
#' @return A list of functions `matmul`, `col_sums`, `row_sums`, `total`,
#'   `exp`, `log`, `sigmoid` and `tanh`.
#' @export
#' @examples
#' ops <- numerics_ops("exact")
#' ops$sigmoid(0)
numerics_ops <- function(numerics) {
  check_name(numerics, NUMERICS, "numerics")
  if (numerics == "exact") EXACT_OPS else FAST_OPS
}
