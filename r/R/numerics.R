# The two numerics modes: which kernels the network code calls.
#
# Twin file: python/src/twinnet/numerics.py. The network code never calls
# %*% or exp itself; it asks `ops` for a matrix product, sums, exp, log,
# sigmoid and tanh. "exact" gives bitwise the same results in R and
# Python; "fast" is the idiomatic BLAS path.

NUMERICS <- c("exact", "fast")
OPS <- c("matmul", "col_sums", "row_sums", "total", "exp", "log", "sigmoid",
         "tanh")

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
  ns <- environment(numerics_ops)
  stats::setNames(lapply(paste0(numerics, "_", OPS), get, envir = ns), OPS)
}
