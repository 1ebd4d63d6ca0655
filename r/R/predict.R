# Prediction: the forward pass alone.
#
# Twin file: python/src/twinnet/predict.py.

#' Outputs of a network for the samples in the rows of newdata
#'
#' @param object A `twinnet_network`.
#' @param newdata A numeric matrix, one sample per row (a vector is one
#'   column).
#' @param numerics `"exact"` or `"fast"`, see [numerics_ops()].
#' @param ... Unused.
#' @return The output matrix, one row per sample.
#' @importFrom stats predict
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' predict(net, diag(2))
predict.twinnet_network <- function(object, newdata, numerics = "exact",
                                    ...) {
  X <- as_matrix(newdata)
  layers <- forward(object, X, numerics_ops(numerics))
  layers[[length(layers)]]
}
