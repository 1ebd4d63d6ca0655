# Checks of every public argument, before any training starts.
#
# Twin file: python/src/twinnet/validate.py. Each check signals one of the
# error categories of errors.R, with a message that names the argument,
# what was expected and what was given.

# A name from `choices`; otherwise suggest the nearest one.
check_name <- function(value, choices, what) {
  if (is.character(value) && length(value) == 1L && !is.na(value) &&
        value %in% choices) {
    return(value)
  }
  given <- paste(deparse(value), collapse = " ")
  distance <- utils::adist(given, choices)
  hint <- if (isTRUE(min(distance) <= 3)) {
    paste0(" (did you mean \"", choices[which.min(distance)], "\"?)")
  } else {
    ""
  }
  twinnet_abort("name", what, " must be one of ",
                paste(choices, collapse = ", "), "; got ", given, hint)
}

# A whole number in [minimum, maximum] (TRUE and 2.5 are not).
check_int <- function(value, what, minimum = 1, maximum = Inf) {
  whole <- is.numeric(value) && length(value) == 1L && !is.na(value) &&
    value == round(value)
  if (!whole || value < minimum || value > maximum) {
    upper <- if (is.finite(maximum)) paste(" and at most", maximum) else ""
    twinnet_abort("argument", what, " must be a whole number of at least ",
                  minimum, upper, "; got ",
                  paste(deparse(value), collapse = " "))
  }
  as.integer(value)
}

# TRUE or FALSE, nothing else.
check_flag <- function(value, what) {
  if (!isTRUE(value) && !isFALSE(value)) {
    twinnet_abort("argument", what, " must be TRUE or FALSE; got ",
                  paste(deparse(value), collapse = " "))
  }
  value
}

# A finite learning rate above zero.
check_lr <- function(lr) {
  if (!is.numeric(lr) || length(lr) != 1L || !is.finite(lr) || lr <= 0) {
    twinnet_abort("argument", "lr must be a finite number above 0; got ",
                  paste(deparse(lr), collapse = " "))
  }
  as.double(lr)
}

# A finite double matrix, samples as rows (a vector becomes one column).
check_data <- function(a, what) {
  if (is.data.frame(a)) {
    text <- names(a)[!vapply(a, is.numeric, TRUE)]
    if (length(text) > 0L) {
      twinnet_abort("type", what, " must be numeric; columns ",
                    paste(text, collapse = ", "), " are not")
    }
    a <- as.matrix(a)
  }
  if (!is.numeric(a)) {
    twinnet_abort("type", what, " must be a numeric matrix; got ",
                  class(a)[1L])
  }
  if (length(dim(a)) <= 1L) a <- matrix(as.vector(a))
  if (length(dim(a)) != 2L || length(a) == 0L) {
    twinnet_abort("shape", what, " must be a non-empty 2-D matrix; got ",
                  "dimension ", paste(dim(a), collapse = " x "))
  }
  if (!all(is.finite(a))) {
    twinnet_abort("value", what, " must be finite; it holds NaN or Inf")
  }
  storage.mode(a) <- "double"
  a
}

# Targets valid for the loss: 0/1 for binary, one-hot rows for categorical.
check_targets <- function(y, loss) {
  zero_one <- all(y == 0 | y == 1)
  if (loss == "binary_cross_entropy" && !zero_one) {
    twinnet_abort("value", "y must be 0 or 1 for binary_cross_entropy")
  }
  if (loss == "categorical_cross_entropy" &&
        !(zero_one && all(rowSums(y) == 1))) {
    twinnet_abort("value", "y must have one-hot rows (one 1, else 0) for ",
                  "categorical_cross_entropy")
  }
}

# A network made by init_network, for the functions that take one.
check_network <- function(network) {
  if (!inherits(network, "twinnet_network")) {
    twinnet_abort("type", "network must come from init_network; got ",
                  class(network)[1L])
  }
  network
}

# X and y fit each other and the network's input and output sizes.
check_rows <- function(X, y, sizes) {
  if (nrow(X) != nrow(y)) {
    twinnet_abort("shape", "X and y must have the same number of rows; got ",
                  nrow(X), " and ", nrow(y))
  }
  if (ncol(X) != sizes[1L]) {
    twinnet_abort("shape", "X must have ", sizes[1L], " columns (the input ",
                  "size); got ", ncol(X))
  }
  if (ncol(y) != sizes[length(sizes)]) {
    twinnet_abort("shape", "y must have ", sizes[length(sizes)], " columns ",
                  "(the output size); got ", ncol(y))
  }
}
