# Gradient descent: one step against the gradient.
#
# Twin file: python/src/twinnet/update.py.

#' One gradient descent step
#'
#' A method for [stats::update()], so `update(network, grads, lr)` reads as
#' in Python without masking the generic.
#'
#' @param object A `twinnet_network`.
#' @param grads Gradients from [backward()].
#' @param lr Learning rate.
#' @param ... Unused.
#' @return The network after w <- w - lr * dE/dw for every weight and bias.
#' @importFrom stats update
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' ops <- numerics_ops("exact")
#' grads <- backward(net, forward(net, diag(2), ops), matrix(c(0, 1)), ops)
#' update(net, grads, 0.1)$weights[[2]]
# --8<-- [start:update]
update.twinnet_network <- function(object, grads, lr, ...) {
  network <- object
  # weights: one step down the gradient
  network$weights <- Map(function(w, g) w - lr * g,
                         network$weights, grads$weights)
  # biases: the same step, when the network has them
  if (!is.null(network$biases)) {
    network$biases <- Map(function(b, g) b - lr * g,
                          network$biases, grads$biases)
  }
  network
}
# --8<-- [end:update]
