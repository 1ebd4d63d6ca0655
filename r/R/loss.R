# The loss: squared error (y - o)^2 / 2, and its derivative.
#
# Twin file: python/src/twinnet/loss.py.

#' Squared error and its derivative
#'
#' `squared_error()` is the mean of (y - o)^2 / 2 over all samples and
#' outputs (what the article prints); `squared_error_gradient()` is its
#' derivative with respect to the output o, o - y.
#'
#' @param output Network output, one sample per row.
#' @param y Targets of the same dimension.
#' @param ops Kernels from [numerics_ops()].
#' @return A number (the loss) or a matrix (the gradient).
#' @export
#' @examples
#' squared_error(matrix(0.5), matrix(1), numerics_ops("exact"))
squared_error <- function(output, y, ops) {
  # per-entry error, squared by one multiplication
  diff <- y - output
  ops$mean(diff * diff / 2)
}

#' @rdname squared_error
#' @export
squared_error_gradient <- function(output, y) {
  output - y
}
