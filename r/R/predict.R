# Prediction: the forward pass alone, and class labels from it.
#
# Twin file: python/src/twinnet/predict.py.

PREDICT_TYPES <- c("output", "prob", "class")

#' Outputs of a network for the samples in the rows of newdata
#'
#' @param object A `twinnet_network`, or a `twinnet_fit` (its network).
#' @param newdata A numeric matrix, one sample per row (a vector is one
#'   column).
#' @param numerics `"exact"` or `"fast"`, see [numerics_ops()].
#' @param type `"output"` (default): the output layer, one row per sample.
#'   `"prob"`: the same, refused (a `twinnet_config_error`) unless the
#'   output is sigmoid or softmax. `"class"`: [predict_labels()] (classes
#'   from 1, or 0/1 for one output), refused likewise.
#' @param ... Unused.
#' @return The output matrix, one row per sample, or the labels.
#' @importFrom stats predict
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' predict(net, diag(2))
#' predict(net, diag(2), type = "class")
predict.twinnet_network <- function(object, newdata, numerics = "exact",
                                    type = "output", ...) {
  check_network(object)
  check_name(type, PREDICT_TYPES, "type")
  output_activation <- object$activations[length(object$activations)]
  if (type != "output" && !output_activation %in% c("sigmoid", "softmax")) {
    twinnet_abort("config", "type='", type, "' needs a sigmoid or softmax ",
                  "output layer, not ", output_activation,
                  "; use type='output'")
  }
  X <- check_data(newdata, "X")
  n_in <- nrow(object$weights[[1L]])
  if (ncol(X) != n_in) {
    twinnet_abort("shape", "X must have ", n_in, " columns (the input size); ",
                  "got ", ncol(X))
  }
  sizes <- c(n_in, vapply(object$weights, ncol, 1L))
  check_working_memory(sizes, nrow(X), working_what(sizes, nrow(X)))
  layers <- forward(object, X, numerics_ops(numerics))
  output <- check_output(layers[[length(layers)]])
  if (type == "class") labels_of(output) else output
}

#' @rdname predict.twinnet_network
#' @export
predict.twinnet_fit <- function(object, newdata, numerics = "exact",
                                type = "output", ...) {
  predict(object$network, newdata, numerics = numerics, type = type)
}

# Outputs that overflowed are an error, not numbers to use.
check_output <- function(output) {
  if (!all(is.finite(output))) {
    twinnet_abort("value", "the outputs overflow to NaN or Inf: X or the ",
                  "weights are too large for this network")
  }
  output
}

# 0/1 by a 0.5 threshold for one output, else the largest output's index.
labels_of <- function(output) {
  if (ncol(output) == 1L) {
    return(as.integer(output[, 1L] >= 0.5))
  }
  max.col(output, ties.method = "first")
}

#' Class labels and accuracy
#'
#' `predict_labels()` gives 0/1 by a 0.5 threshold for one output, else the
#' index of the largest output (the first of ties). R counts classes from
#' 1, Python from 0. `accuracy()` is the fraction of labels equal to the
#' targets (a 0/1 column, or one-hot rows).
#'
#' @param network A `twinnet_network`.
#' @param X A numeric matrix, one sample per row.
#' @param numerics `"exact"` or `"fast"`, see [numerics_ops()].
#' @param labels Labels from `predict_labels()`.
#' @param y Targets.
#' @return Integer labels, or a number.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' accuracy(predict_labels(net, diag(2)), c(0, 1))
predict_labels <- function(network, X, numerics = "exact") {
  labels_of(predict(check_network(network), X, numerics = numerics))
}

#' @rdname predict_labels
#' @export
accuracy <- function(labels, y) {
  y <- check_data(y, "y")
  labels <- check_data(labels, "labels")
  if (ncol(labels) != 1L || nrow(labels) != nrow(y)) {
    twinnet_abort("shape", "labels must be one column with as many rows as ",
                  "y; got dimension ", paste(dim(labels), collapse = " x "),
                  " and ", nrow(y), " rows")
  }
  # trunc, not a cast to integers: a target past the integers (2^31, 1e308)
  # stays a number that matches no label, in both languages, with no warning
  truth <- if (ncol(y) == 1L) trunc(y[, 1L]) else
    max.col(y, ties.method = "first")
  mean(labels[, 1L] == truth)
}
