# The front door: twinnet(Species ~ ., data = iris), as nnet() is called.
#
# Twin file: python/src/twinnet/estimators.py (TwinnetClassifier and
# TwinnetRegressor): the same arguments and defaults, the same steps in the
# same order, so both give bitwise-identical probabilities.

#' Fit a twinnet model to your own data
#'
#' The front door, called like `nnet::nnet()`: a formula and a data frame.
#' A factor (or text, or logical) response is a classification: one-hot in
#' class order, a softmax output and categorical cross-entropy (two classes:
#' one sigmoid output and binary cross-entropy). A numeric response is a
#' regression: an identity output and squared error. Inputs are
#' standardised (mean 0, sd 1 over the training rows) and the normaliser is
#' kept for [predict()]. Training uses `reduction = "mean"` (see [fit()]),
#' so `lr` does not depend on the number of rows. The package overview is
#' `?"twinnet-package"`.
#'
#' **Class order**, the same in every locale and in Python: a factor's
#' levels as given (those present in the data); a logical response `FALSE`
#' then `TRUE`; text sorted by Unicode code point (`c("b", "A", "a")` gives
#' `"A", "a", "b"`; `"é"` comes after `"z"`), as Python's `sorted()` does,
#' not by the locale's collation. Make the response a factor to choose
#' another order.
#'
#' **Missing values**: rows with a missing response or input are left out
#' of training (as `na.omit()`, `lm()` and `nnet()` do); the model records
#' how many (`n_dropped`, printed) and which (`na.action`), and
#' `fitted()` and `summary()` describe the rows it trained on. `predict()`
#' keeps every row of `newdata`: a row with a missing input predicts `NA`.
#' Python's estimators follow the same two rules.
#'
#' The twin of Python's `twinnet.TwinnetClassifier` and
#' `twinnet.TwinnetRegressor`: the same arguments and defaults, and, in
#' exact numerics, the same bits (the parity harness checks iris, text
#' classes and missing values).
#'
#' @param formula A formula, `response ~ inputs` (`.` for all other
#'   columns), or its text (`"Species ~ ."`).
#' @param data A data frame.
#' @param hidden Hidden layer sizes (one whole number of at least 1 per
#'   hidden layer; `TRUE` or text is an argument error).
#' @param epochs Passes over the data.
#' @param lr Learning rate, per sample.
#' @param seed Seed of the initial weights (Glorot) and of the batches'
#'   shuffles; the same seed gives the same bits in Python.
#' @param batch_size `NULL`: full batch; `k`: mini-batches of k rows.
#' @param activation The hidden layers' activation: `"tanh"`, `"sigmoid"`,
#'   `"relu"` or `"identity"`.
#' @param numerics `"exact"` (the same bits as Python) or `"fast"`.
#' @param standardize `TRUE` (standardise the inputs) or `FALSE` (train on
#'   them as they are); anything else is an argument error.
#' @return A `twinnet_model`: a list with `network`, `fit` (the
#'   `twinnet_fit`), `normalizer` (or `NULL`), `levels` (the classes in
#'   order, `NULL` for a regression), `fitted.values` (on the training
#'   rows), `response`, `inputs` (the input columns), `formula`,
#'   `n_dropped` and `na.action` (the rows left out for missing values),
#'   `terms`, `xlevels`, `model` (the model frame of the training rows, as
#'   `lm()` keeps it), `call` and `params`.
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
  formula <- stats::as.formula(formula)
  frame <- complete_frame(formula, data)
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
    inputs = colnames(X), response = response, formula = formula,
    n_dropped = length(attr(frame, "na.action")),
    na.action = attr(frame, "na.action"),
    terms = stats::delete.response(terms),
    xlevels = stats::.getXlevels(terms, frame), model = frame,
    call = match.call(), params = params
  ), class = "twinnet_model")
  outputs <- front_door_predict(model$network, model$normalizer, X,
                                numerics)
  model$fitted.values <- model_answer(model, outputs, "prob")
  model
}

# The model frame of the rows with no missing value (na.omit, as lm() and
# nnet() do; Python's drop_missing is the twin), its response checked.
complete_frame <- function(formula, data) {
  lhs <- if (length(formula) == 3L) {
    tryCatch(eval(formula[[2L]], data, environment(formula)),
             error = function(e) NULL)
  }
  if (is.list(lhs) && !is.data.frame(lhs)) {
    twinnet_abort("type", "the response must be one kind of value (a ",
                  "factor, text, logical or numbers); got a list")
  }
  frame <- stats::model.frame(formula, data, na.action = stats::na.omit)
  if (nrow(frame) == 0L) {
    twinnet_abort("value", "every row of the data has a missing value; ",
                  "nothing is left to train on")
  }
  frame
}

# Check the front door's own arguments (the rest are fit()'s); the hidden
# layer sizes as whole numbers. The twin of Python's check_front_door.
check_front_door <- function(params) {
  check_flag(params$standardize, "standardize")
  check_name(params$activation, ACTIVATIONS, "activation")
  hidden <- params$hidden
  if (!is.numeric(hidden) || length(hidden) == 0L) {
    twinnet_abort("argument", "hidden must be one or more whole numbers ",
                  "of at least 1 (the hidden layer sizes); got ",
                  paste(deparse(hidden), collapse = " "))
  }
  vapply(hidden, check_int, 1L, what = "hidden")
}

# Standardise, make the network, train with the mean gradient; the twin of
# Python's front_door_fit. Y is already encoded: one-hot rows, a 0/1 column,
# or numbers.
front_door_fit <- function(X, Y, output, loss, params) {
  hidden <- check_front_door(params)
  # inputs: standardised, the normaliser kept for prediction
  normalizer <- if (params$standardize) fit_normalizer(X, "standardize")
  x_scaled <- if (is.null(normalizer)) X else normalize(normalizer, X)
  # the network: the hidden layers, then the output the response needs
  sizes <- c(ncol(X), hidden, ncol(Y))
  # memory: refused before the weights are drawn (a wide layer takes long)
  check_working_memory(sizes, nrow(X),
                       working_what(sizes, nrow(X), "hidden", "data"))
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

# The network's outputs on X; NA rows for the rows with a missing input,
# so rows stay aligned. The twin of Python's front_door_predict.
front_door_predict <- function(network, normalizer, X, numerics) {
  # rows with a missing input: NA outputs, the rest predicted
  missing <- !stats::complete.cases(X)
  n_out <- ncol(network$weights[[length(network$weights)]])
  output <- matrix(NA_real_, nrow(X), n_out, dimnames = list(rownames(X)))
  if (all(missing)) {
    return(output)
  }
  x_scaled <- X[!missing, , drop = FALSE]
  if (!is.null(normalizer)) x_scaled <- normalize(normalizer, x_scaled)
  output[!missing, ] <- predict(network, x_scaled, numerics = numerics)
  output
}

# The response as the network's targets, output activation and loss.
encode_response <- function(response) {
  if (is.numeric(response)) {
    return(list(Y = as.matrix(response), output = "identity",
                loss = "squared_error", levels = NULL))
  }
  levels <- class_levels(response)
  if (length(levels) < 2L) {
    twinnet_abort("value", "a classification needs 2 classes; got ",
                  length(levels), " class")
  }
  codes <- match(enc2utf8(as.character(response)), levels)
  if (length(levels) == 2L) {
    return(list(Y = matrix(as.numeric(codes == 2L)), output = "sigmoid",
                loss = "binary_cross_entropy", levels = levels))
  }
  list(Y = outer(codes, seq_along(levels), "==") * 1, output = "softmax",
       loss = "categorical_cross_entropy", levels = levels)
}

# The classes in their order, the same in every locale and in Python: a
# factor's levels as given (those present), FALSE before TRUE, text sorted
# by Unicode code point (radix sort: C-locale, bytewise on UTF-8), as
# Python's sorted() does. The twin of Python's class_levels.
class_levels <- function(response) {
  if (is.factor(response)) {
    return(enc2utf8(levels(droplevels(response))))
  }
  if (is.logical(response)) {
    return(as.character(sort(unique(response))))
  }
  if (!is.character(response)) {
    twinnet_abort("type", "the response must be a factor, text, logical ",
                  "or numbers; got ", class(response)[1L])
  }
  sort(unique(enc2utf8(response)), method = "radix")
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
#'   training rows (those without missing values), as [fitted()]. A row
#'   with a missing input predicts `NA`, so the answer has one row per row
#'   of `newdata`.
#' @param type For a classification, `"class"` (default): a factor with the
#'   model's classes as levels, or `"prob"`: a matrix of probabilities, one
#'   column per class. For a regression, `NULL` (the only choice): numbers.
#'   Honoured with or without `newdata`; any other value is a name error.
#' @param ... Unused.
#' @return A factor, a matrix, or a numeric vector (a matrix for several
#'   response columns).
#' @export
#' @examples
#' model <- twinnet(Species ~ ., data = iris, epochs = 50, seed = 1)
#' table(predict(model, iris), iris$Species)
predict.twinnet_model <- function(object, newdata, type = NULL, ...) {
  type <- check_model_type(type, object$levels)
  if (missing(newdata)) {
    return(model_answer(object, object$fitted.values, type))
  }
  frame <- stats::model.frame(object$terms, newdata, xlev = object$xlevels,
                              na.action = stats::na.pass)
  X <- input_matrix(object$terms, frame, object$xlevels)
  output <- front_door_predict(object$network, object$normalizer, X,
                               object$params$numerics)
  model_answer(object, output, type)
}

# predict()'s type: "class" (the default) or "prob" for a classification,
# NULL for a regression.
check_model_type <- function(type, classes) {
  if (is.null(type)) {
    return(if (is.null(classes)) NULL else "class")
  }
  check_name(type, c("class", "prob"), "type")
  if (is.null(classes)) {
    twinnet_abort("config", "type='", type, "' is for classification; ",
                  "this model is a regression (leave type = NULL)")
  }
  type
}

# The network's outputs (or the fitted probabilities) as predict() answers:
# numbers, a matrix of probabilities, or a factor; NA rows stay NA.
model_answer <- function(object, output, type) {
  classes <- object$levels
  output <- as.matrix(output)
  if (is.null(classes)) {
    return(if (ncol(output) == 1L) unname(output[, 1L]) else unname(output))
  }
  probs <- if (ncol(output) == 1L) cbind(1 - output, output) else output
  dimnames(probs) <- list(rownames(output), classes)
  if (identical(type, "prob")) {
    return(probs)
  }
  factor(classes[max.col(probs, ties.method = "first")], levels = classes)
}
