# Backpropagation: the gradient of the loss for every weight and bias.
#
# Twin file: python/src/twinnet/backward.py. The gradient is that of the
# loss SUMMED over samples (no division by n), as in the article.

#' Send the output error back through the network, layer by layer
#'
#' @param network A `twinnet_network`.
#' @param layers What [forward()] returned for the same network.
#' @param y Targets, one sample per row.
#' @param ops Kernels from [numerics_ops()].
#' @param loss The loss, see [loss_value()].
#' @return A list of `weights` and `biases` (or `NULL`): dE/dW and dE/db
#'   for every layer, shaped like the network's own.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' ops <- numerics_ops("exact")
#' layers <- forward(net, diag(2), ops)
#' backward(net, layers, matrix(c(0, 1)), ops)$weights[[2]]
# --8<-- [start:backward]
backward <- function(network, layers, y, ops, loss = "squared_error") {
  n_layers <- length(network$weights)
  grad_w <- vector("list", n_layers)
  grad_b <- vector("list", n_layers)
  # delta at the output: dE/dz, the loss's error times the activation's slope
  delta <- output_delta(layers[[n_layers + 1L]], y, loss,
                        network$activations[n_layers])
  for (i in rev(seq_len(n_layers))) {
    # gradients: the layer's inputs times delta, summed over samples
    grad_w[[i]] <- inputs_times_delta(layers[[i]], delta, ops)
    if (!is.null(network$biases)) {
      grad_b[[i]] <- ops$col_sums(delta)
    }
    # delta at the layer below: sent back through the weights, times its slope
    if (i > 1L) {
      error <- ops$matmul(delta, t(network$weights[[i]]))
      delta <- error * slope(layers[[i]], network$activations[i - 1L])
    }
  }
  list(weights = grad_w, biases = if (!is.null(network$biases)) grad_b)
}
# --8<-- [end:backward]

# t(a) %*% delta, transposing the narrower of the two. Each entry sums the
# same products in the same order either way round (x * y == y * x
# exactly), so the bits do not depend on the choice; t() copies, and the
# narrower copy is the cheaper one.
inputs_times_delta <- function(a, delta, ops) {
  if (ncol(a) <= ncol(delta)) {
    return(ops$matmul(t(a), delta))
  }
  t(ops$matmul(t(delta), a))
}
