# The two numerics modes: which kernels the network code calls.
#
# Twin file: python/src/twinnet/numerics.py. The network code never calls %*%
# or exp itself; it asks `ops` for a matrix product, column sums, a mean
# and a sigmoid. "exact" gives bitwise the same results in R and Python;
# "fast" is the idiomatic BLAS path.

NUMERICS <- c("exact", "fast")

#' The kernels of one numerics mode
#'
#' @param numerics `"exact"` (bitwise identical to the Python package) or
#'   `"fast"` (BLAS and the C library's `exp()`).
#' @return A list of functions `matmul`, `col_sums`, `mean` and `sigmoid`.
#' @export
#' @examples
#' ops <- numerics_ops("exact")
#' ops$sigmoid(0)
numerics_ops <- function(numerics) {
  if (identical(numerics, "exact")) {
    return(list(
      matmul = exact_matmul, col_sums = exact_col_sums,
      mean = exact_mean, sigmoid = exact_sigmoid
    ))
  }
  if (identical(numerics, "fast")) {
    return(list(
      matmul = fast_matmul, col_sums = fast_col_sums,
      mean = fast_mean, sigmoid = fast_sigmoid
    ))
  }
  stop("numerics must be one of \"exact\", \"fast\", not ",
       deparse(numerics), call. = FALSE)
}
