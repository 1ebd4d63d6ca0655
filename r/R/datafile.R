# A user's CSV file, ready to train: the command line's --data FILE --target
# COLUMN.
#
# Twin file: python/src/twinnet/datafile.py. Both languages read the file,
# make the same matrices and the same network, so `run --lang both` and
# `parity` can compare the traces bit for bit.

# the output layer each loss trains through
OUTPUT_ACTIVATION <- c(binary_cross_entropy = "sigmoid",
                       categorical_cross_entropy = "softmax")

# Read a CSV file: X (every column but target), y and the classes. A
# numeric target is one output column (no classes). A text target's classes
# are sorted by code point: two classes are one 0/1 column (the second class
# is 1), more are one-hot columns.
read_data <- function(path, target) {
  refuse <- function(e) {
    twinnet_abort("argument", "--data: cannot read ", path, ": ",
                  conditionMessage(e))
  }
  frame <- withCallingHandlers(
    tryCatch(utils::read.csv(path, check.names = FALSE, encoding = "UTF-8",
                             colClasses = "character", na.strings = CSV_NA),
             error = refuse),
    warning = function(w) { # embedded nulls and the like: not a CSV file
      if (!grepl("incomplete final line", conditionMessage(w))) refuse(w)
      invokeRestart("muffleWarning") # no newline at the end is fine
    }
  )
  cli_choice(target, names(frame), "--target")
  X <- frame[setdiff(names(frame), target)]
  for (name in names(X)) { # say which column, before fit says "X"
    X[[name]] <- parse_numbers(X[[name]])
    if (is.null(X[[name]])) {
      twinnet_abort("type", "--data: column '", name, "' is not numeric")
    }
  }
  if (ncol(X) == 0L) {
    twinnet_abort("argument", "--data: ", path, " has no column besides '",
                  target, "'")
  }
  encoded <- encode_target(frame[[target]], target)
  list(X = unname(as.matrix(X)) + 0, y = encoded$y, classes = encoded$classes)
}

encode_target <- function(column, name) {
  if (anyNA(column)) {
    twinnet_abort("value", "--target: '", name, "' has missing values")
  }
  numbers <- parse_numbers(column)
  if (!is.null(numbers)) {
    column <- numbers
    y <- matrix(as.double(column), ncol = 1L)
    return(list(y = y, classes = character()))
  }
  labels <- as.character(column)
  classes <- sort(unique(labels), method = "radix") # code point order
  if (length(classes) < 2L) {
    twinnet_abort("argument", "--target: '", name,
                  "' has fewer than two classes")
  }
  onehot <- outer(labels, classes, `==`) + 0
  list(y = if (length(classes) == 2L) onehot[, 2L, drop = FALSE] else onehot,
       classes = classes)
}

# what read.csv reads as missing, as pandas does
CSV_NA <- c("", "NA", "N/A", "NaN", "nan", "NULL", "null")
CSV_NUMBER <- "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"

# Text to doubles, correctly rounded as Python's float() (R's own parser is
# not, e.g. "1.530673222"): written as a JSON array for jsonlite's parser.
# NULL when a value is not a decimal number.
parse_numbers <- function(text) {
  text <- trimws(text)
  given <- !is.na(text)
  if (!all(grepl(CSV_NUMBER, text[given]))) {
    return(NULL)
  }
  json <- sub("^[+]", "", text[given])
  sign <- ifelse(startsWith(json, "-"), "-", "")
  json <- sub("^-", "", json)
  json <- sub("^0+(?=[0-9])", "", json, perl = TRUE) # JSON: no leading 0s
  json <- sub("^[.]", "0.", json)
  json <- sub("[.](?![0-9])", "", json, perl = TRUE) # "5." and "5.e3"
  values <- rep(NA_real_, length(text))
  values[given] <- as.double(jsonlite::parse_json(
    paste0("[", paste0(sign, json, collapse = ","), "]"),
    simplifyVector = TRUE
  ))
  values
}

# Squared error for a numeric target, else the cross-entropy for the classes.
default_loss <- function(data) {
  if (length(data$classes) == 0L) {
    return("squared_error")
  }
  if (length(data$classes) == 2L) "binary_cross_entropy" else
    "categorical_cross_entropy"
}

# Normalise, build the network and train it, as `options` say: hidden (sizes),
# activation, loss (NULL: the default for the target), normalize ("none"
# keeps the data), lr, epochs, seed, numerics.
fit_data <- function(data, options, progress = NULL) {
  X <- data$X
  if (options$normalize != "none") {
    X <- normalize(fit_normalizer(X, options$normalize), X)
  }
  loss <- if (is.null(options$loss)) default_loss(data) else options$loss
  output <- if (length(data$classes) > 0L) "sigmoid" else "identity"
  if (loss %in% names(OUTPUT_ACTIVATION)) output <- OUTPUT_ACTIVATION[[loss]]
  hidden <- options$hidden
  network <- init_network(
    c(ncol(X), hidden, ncol(data$y)),
    seed = options$seed,
    activations = c(rep(options$activation, length(hidden)), output)
  )
  fit(network, X, data$y, epochs = options$epochs, lr = options$lr,
      numerics = options$numerics, loss = loss, progress = progress)
}
