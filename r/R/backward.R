# Backpropagation: the gradient of the loss for every weight and bias.
#
# Twin file: python/src/twinnet/backward.py. The gradient is that of the loss
# SUMMED over samples (no division by n), as in the article.

#' Send the output error back through the network, layer by layer
#'
#' @param network A `twinnet_network`.
#' @param layers What [forward()] returned for the same network.
#' @param y Targets, one sample per row.
#' @param ops Kernels from [numerics_ops()].
#' @return A list of `weights` and `biases` (or `NULL`): dE/dW and dE/db
#'   for every layer, shaped like the network's own.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' ops <- numerics_ops("exact")
#' layers <- forward(net, diag(2), ops)
#' backward(net, layers, matrix(c(0, 1)), ops)$weights[[2]]
backward <- function(network, layers, y, ops) {
  n_layers <- length(network$weights)
  grad_w <- vector("list", n_layers)
  grad_b <- vector("list", n_layers)
  # error at the output: dE/do
  error <- squared_error_gradient(layers[[n_layers + 1L]], y)
  for (i in rev(seq_len(n_layers))) {
    # delta: error times the sigmoid's slope, taken from its output
    out <- layers[[i + 1L]]
    delta <- error * (out * (1 - out))
    # gradients: the layer's inputs times delta, summed over samples
    grad_w[[i]] <- ops$matmul(t(layers[[i]]), delta)
    if (!is.null(network$biases)) {
      grad_b[[i]] <- ops$col_sums(delta)
    }
    # error at the layer below: delta sent back through the weights
    if (i > 1L) {
      error <- ops$matmul(delta, t(network$weights[[i]]))
    }
  }
  list(weights = grad_w, biases = if (!is.null(network$biases)) grad_b)
}
