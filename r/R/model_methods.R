# Methods of the front door's model (r/R/model.R): print, summary, coef,
# fitted. Python's estimators have scikit-learn's repr and attributes
# instead (network_, loss_curve_, classes_).

#' Print and summarise a twinnet model
#'
#' `print()` shows a few lines: the formula, the architecture, the number of
#' weights, the activations, the loss, the epochs and the final loss.
#' `summary()` adds the loss at both ends, the fit on the training data
#' (accuracy, or root mean squared error) and each layer's weight range.
#'
#' @param x,object A `twinnet_model`, from [twinnet()].
#' @param ... Unused.
#' @return `x` or the summary, invisibly for `print()`; `summary()` returns
#'   a `summary.twinnet_model`.
#' @export
#' @examples
#' model <- twinnet(Species ~ ., data = iris, epochs = 50, seed = 1)
#' model
#' summary(model)
print.twinnet_model <- function(x, ...) {
  cat(model_lines(x), sep = "\n")
  invisible(x)
}

# The lines print() shows.
model_lines <- function(x) {
  losses <- x$fit$loss
  task <- if (is.null(x$levels)) "regression" else
    paste0("classification (", paste(x$levels, collapse = ", "), ")")
  dropped <- if (isTRUE(x$n_dropped > 0L)) {
    paste0("  ", x$n_dropped, " of ", x$n_dropped + nrow(x$model),
           " rows left out: they have missing values")
  }
  c(paste("twinnet model:", paste(deparse(x$formula), collapse = " ")),
    paste0("  ", format(x$network)),
    paste0("  ", task, ", loss ", model_loss(x)),
    paste0("  ", length(losses), " epochs at lr ", x$params$lr,
           " (per sample), final loss ",
           sprintf("%.6g", losses[length(losses)])), dropped)
}

# The loss the model trained with, from its output activation.
model_loss <- function(x) {
  output <- x$network$activations[length(x$network$activations)]
  switch(output, softmax = "categorical_cross_entropy",
         sigmoid = "binary_cross_entropy", "squared_error")
}

#' @rdname print.twinnet_model
#' @export
summary.twinnet_model <- function(object, ...) {
  fitted <- object$fitted.values
  truth <- object$response
  quality <- if (is.null(object$levels)) {
    c(rmse = sqrt(mean((as.matrix(fitted) - as.matrix(truth))^2)))
  } else {
    guess <- object$levels[max.col(fitted, ties.method = "first")]
    c(accuracy = mean(guess == as.character(truth)))
  }
  ranges <- t(vapply(object$network$weights, range, numeric(2)))
  dimnames(ranges) <- list(paste("layer", seq_len(nrow(ranges))),
                           c("min weight", "max weight"))
  structure(list(model = object, loss = object$fit$loss[c(1L, length(
    object$fit$loss))], quality = quality, ranges = ranges),
    class = "summary.twinnet_model")
}

#' @rdname print.twinnet_model
#' @export
print.summary.twinnet_model <- function(x, ...) {
  cat(model_lines(x$model), sep = "\n")
  cat(sprintf("  loss %.6g at epoch 0, %.6g at the end\n", x$loss[1L],
              x$loss[2L]))
  cat(sprintf("  on the training data: %s %.4g\n", names(x$quality),
              x$quality))
  print(x$ranges, digits = 4L)
  invisible(x)
}

#' Weights and fitted values of a twinnet model
#'
#' `coef()` lists every weight and bias, named as `nnet::nnet()` names them:
#' `"b->h1"` is the bias into hidden unit 1, `"Petal.Width->h1"` a weight,
#' `"h2->setosa"` a weight into an output (hidden units of the l-th of
#' several hidden layers are `h<l>_<j>`). `fitted()` gives the model's
#' outputs on its training data: class probabilities, or numbers.
#'
#' @param object A `twinnet_model`, from [twinnet()].
#' @param ... Unused.
#' @return A named numeric vector (`coef()`); a matrix or vector
#'   (`fitted()`).
#' @export
#' @examples
#' model <- twinnet(Species ~ ., data = iris, epochs = 20, seed = 1)
#' head(coef(model))
#' head(fitted(model))
coef.twinnet_model <- function(object, ...) {
  net <- object$network
  units <- unit_names(object)
  unlist(lapply(seq_along(net$weights), function(l) {
    w <- net$weights[[l]]
    b <- if (is.null(net$biases)) NULL else net$biases[[l]]
    unlist(lapply(seq_len(ncol(w)), function(j) {
      into <- c(if (!is.null(b)) b[j], w[, j])
      names(into) <- paste0(c(if (!is.null(b)) "b", units[[l]]), "->",
                            units[[l + 1L]][j])
      into
    }))
  }))
}

# The names of every layer's units: inputs, hidden units, outputs.
unit_names <- function(object) {
  net <- object$network
  n_hidden <- length(net$weights) - 1L
  hidden <- lapply(seq_len(n_hidden), function(l) {
    prefix <- if (n_hidden == 1L) "h" else paste0("h", l, "_")
    paste0(prefix, seq_len(ncol(net$weights[[l]])))
  })
  n_out <- ncol(net$weights[[length(net$weights)]])
  outputs <- if (!is.null(object$levels) && n_out > 1L) object$levels else
    paste0("o", seq_len(n_out))
  c(list(object$inputs), hidden, list(outputs))
}

#' @rdname coef.twinnet_model
#' @export
fitted.twinnet_model <- function(object, ...) {
  object$fitted.values
}

#' Plot a twinnet model: its loss curve, and its decision boundary
#'
#' Draws on the current graphics device: the training loss, and, when the
#' model has two inputs, the decision boundary next to it, over the
#' standardised inputs the network sees (the training data on top).
#'
#' @param x A `twinnet_model`, from [twinnet()].
#' @param ... Unused.
#' @return `x`, invisibly.
#' @seealso [plot_loss()], [plot_decision_boundary()].
#' @export
#' @examples
#' model <- twinnet(Species ~ Petal.Length + Petal.Width, data = iris,
#'                  epochs = 50, seed = 1)
#' plot(model)
plot.twinnet_model <- function(x, ...) {
  two_inputs <- length(x$inputs) == 2L
  if (two_inputs) {
    old <- graphics::par(mfrow = c(1L, 2L), cex.main = 0.9)
    on.exit(graphics::par(old))
  }
  case <- paste(deparse(x$formula[[2L]]), collapse = " ")
  losses <- x$fit$loss
  plot_loss(x$fit, case = case, loss = model_loss(x), log = all(losses > 0))
  if (two_inputs) {
    X <- input_matrix(x$terms, x$model, x$xlevels)
    if (!is.null(x$normalizer)) X <- normalize(x$normalizer, X)
    plot_decision_boundary(x$network, X, encode_response(x$response)$Y,
                           case = case, loss = model_loss(x),
                           numerics = x$params$numerics)
  }
  invisible(x)
}
