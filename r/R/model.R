# The front door: twinnet(Species ~ ., data = iris), as nnet() is called.
#
# Twin file: python/src/twinnet/estimators.py (TwinnetClassifier and
# TwinnetRegressor): the same arguments and defaults, the same steps in the
# same order, so both give bitwise-identical probabilities.

#' Fit a twinnet model to your own data
#'
#' The front door, called like `nnet::nnet()`: a formula and a data frame.
#' A factor (or text, or logical) response is a classification: one-hot in
#' level order, a softmax output and categorical cross-entropy (two levels:
#' one sigmoid output and binary cross-entropy). A numeric response is a
#' regression: an identity output and squared error. Inputs are
#' standardised (mean 0, sd 1 over the training rows) and the normaliser is
#' kept for [predict()]. Training uses `reduction = "mean"` (see [fit()]),
#' so `lr` does not depend on the number of rows. The package overview is
#' `?"twinnet-package"`.
#'
#' The twin of Python's `twinnet.TwinnetClassifier` and
#' `twinnet.TwinnetRegressor`: the same arguments and defaults, and, in
#' exact numerics, the same bits (the parity harness checks iris).
#'
#' @param formula A formula, `response ~ inputs` (`.` for all other
#'   columns).
#' @param data A data frame.
#' @param hidden Hidden layer sizes (one number per hidden layer).
#' @param epochs Passes over the data.
#' @param lr Learning rate, per sample.
#' @param seed Seed of the initial weights (Glorot) and of the batches'
#'   shuffles; the same seed gives the same bits in Python.
#' @param batch_size `NULL`: full batch; `k`: mini-batches of k rows.
#' @param activation The hidden layers' activation: `"tanh"`, `"sigmoid"`,
#'   `"relu"` or `"identity"`.
#' @param numerics `"exact"` (the same bits as Python) or `"fast"`.
#' @param standardize `FALSE` trains on the inputs as they are.
#' @return A `twinnet_model`: a list with `network`, `fit` (the
#'   `twinnet_fit`), `normalizer` (or `NULL`), `levels` (the response's
#'   levels, `NULL` for a regression), `fitted.values`, `response`,
#'   `inputs` (the input columns), `terms`, `xlevels`, `model` (the model
#'   frame, as `lm()` keeps it), `call` and `params`.
#'   Methods: `print`, `summary`, `plot`, `predict`, `coef`, `fitted`.
#' @seealso [predict.twinnet_model()], [fit()], [init_network()].
#' @export
#' @examples
#' model <- twinnet(Species ~ ., data = iris, hidden = 5, epochs = 200,
#'                  lr = 0.1, seed = 1)
#' model
#' predict(model, head(iris), type = "class")
#' predict(model, head(iris), type = "prob")
twinnet <- function(formula, data, hidden = 5, epochs = 200, lr = 0.5,
                    seed = 0, batch_size = NULL, activation = "tanh",
                    numerics = "exact", standardize = TRUE) {
  frame <- stats::model.frame(formula, data)
  terms <- attr(frame, "terms")
  X <- input_matrix(terms, frame)
  response <- stats::model.response(frame)
  params <- list(hidden = hidden, epochs = epochs, lr = lr, seed = seed,
                 batch_size = batch_size, activation = activation,
                 numerics = numerics, standardize = standardize)
  target <- encode_response(response)
  trained <- front_door_fit(X, target$Y, target$output, target$loss, params)
  model <- structure(list(
    network = trained$fit$network, fit = trained$fit,
    normalizer = trained$normalizer, levels = target$levels,
    inputs = colnames(X), response = response,
    terms = stats::delete.response(terms),
    xlevels = stats::.getXlevels(terms, frame), model = frame,
    call = match.call(), params = params
  ), class = "twinnet_model")
  model$fitted.values <- predict(model, data, type = if (is.null(
    target$levels)) NULL else "prob")
  model
}

# Standardise, make the network, train with the mean gradient; the twin of
# Python's front_door_fit. Y is already encoded: one-hot rows, a 0/1 column,
# or numbers.
front_door_fit <- function(X, Y, output, loss, params) {
  # inputs: standardised, the normaliser kept for prediction
  normalizer <- if (params$standardize) fit_normalizer(X, "standardize")
  x_scaled <- if (is.null(normalizer)) X else normalize(normalizer, X)
  # the network: the hidden layers, then the output the response needs
  hidden <- params$hidden
  sizes <- c(ncol(X), hidden, ncol(Y))
  activations <- c(rep(params$activation, length(hidden)), output)
  network <- init_network(sizes, seed = params$seed,
                          activations = activations, init = "glorot")
  # training: lr per sample (reduction "mean"), a thin trace
  result <- fit(network, x_scaled, Y, epochs = params$epochs, lr = params$lr,
                numerics = params$numerics, record_every = params$epochs,
                loss = loss, batch_size = params$batch_size,
                seed = params$seed, record_outputs = "digest",
                reduction = "mean")
  list(normalizer = normalizer, fit = result)
}

# The response as the network's targets, output activation and loss.
encode_response <- function(response) {
  if (is.numeric(response)) {
    return(list(Y = as.matrix(response), output = "identity",
                loss = "squared_error", levels = NULL))
  }
  # the classes present, as Python's np.unique sees them
  response <- droplevels(as.factor(response))
  levels <- levels(response)
  if (length(levels) < 2L) {
    twinnet_abort("value", "a classification needs 2 classes; got ",
                  length(levels), " class")
  }
  codes <- as.integer(response)
  if (length(levels) == 2L) {
    return(list(Y = matrix(as.numeric(codes == 2L)), output = "sigmoid",
                loss = "binary_cross_entropy", levels = levels))
  }
  list(Y = outer(codes, seq_along(levels), "==") * 1, output = "softmax",
       loss = "categorical_cross_entropy", levels = levels)
}

# The inputs as a numeric matrix: factors as dummy columns, no intercept.
input_matrix <- function(terms, frame, xlevels = NULL) {
  X <- stats::model.matrix(terms, frame, xlev = xlevels)
  X[, colnames(X) != "(Intercept)", drop = FALSE]
}

#' Predictions of a twinnet model
#'
#' @param object A `twinnet_model`, from [twinnet()].
#' @param newdata A data frame with the formula's inputs; missing: the
#'   training data's fitted values.
#' @param type For a classification, `"class"` (default): a factor with the
#'   response's levels, or `"prob"`: a matrix of probabilities, one column
#'   per level. For a regression, `NULL` (the only choice): numbers.
#' @param ... Unused.
#' @return A factor, a matrix, or a numeric vector (a matrix for several
#'   response columns).
#' @export
#' @examples
#' model <- twinnet(Species ~ ., data = iris, epochs = 50, seed = 1)
#' table(predict(model, iris), iris$Species)
predict.twinnet_model <- function(object, newdata, type = NULL, ...) {
  if (missing(newdata)) {
    return(object$fitted.values)
  }
  classes <- object$levels
  if (!is.null(type)) {
    check_name(type, c("class", "prob"), "type")
    if (is.null(classes)) {
      twinnet_abort("config", "type='", type, "' is for classification; ",
                    "this model is a regression (leave type = NULL)")
    }
  }
  frame <- stats::model.frame(object$terms, newdata, xlev = object$xlevels)
  X <- input_matrix(object$terms, frame, object$xlevels)
  if (!is.null(object$normalizer)) X <- normalize(object$normalizer, X)
  output <- predict(object$network, X, numerics = object$params$numerics)
  if (is.null(classes)) {
    return(if (ncol(output) == 1L) output[, 1L] else output)
  }
  probs <- if (ncol(output) == 1L) cbind(1 - output, output) else output
  dimnames(probs) <- list(rownames(X), classes)
  if (identical(type, "prob")) {
    return(probs)
  }
  factor(classes[max.col(probs, ties.method = "first")], levels = classes)
}
