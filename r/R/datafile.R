# A user's CSV file, ready to train: the command line's --data FILE --target
# COLUMN.
#
# Twin file: python/src/twinnet/datafile.py. Both languages read the file by
# one rule, make the same matrices and the same network, so `run --lang
# both` and `parity` can compare the traces bit for bit. The rule (README,
# "CSV files"):
#
# - UTF-8 text (a byte-order mark is skipped); any other bytes (Latin-1, a
#   NUL) are refused, never guessed.
# - Fields are split at commas, "..." quotes (anywhere in a field, as scan()
#   reads them; "" inside is a quote); blank lines are skipped; spaces and
#   tabs around names and values are dropped; every row has as many fields
#   as the header (a quote never closed is refused).
# - A first column with an empty name is a row index (pandas' to_csv, R's
#   write.csv) and is dropped; so is a last column with an empty name and no
#   values (a comma at the end of every line). Any other empty name, and a
#   repeated name, is refused.
# - Missing values are exactly "", "NA" and "NaN"; they are refused in every
#   column used. Numbers are decimals (CSV_NUMBER), read correctly rounded;
#   an infinity (inf, -Infinity ...) or a number beyond the doubles is
#   refused. No spelling is a boolean: TRUE, true and False are text
#   (labels, as written).

# the output layer each loss trains through
OUTPUT_ACTIVATION <- c(binary_cross_entropy = "sigmoid",
                       categorical_cross_entropy = "softmax")
# the CSV rule: what is missing, a number, an infinity
CSV_NA <- c("", "NA", "NaN")
CSV_NUMBER <- "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"
CSV_INFINITY <- "^[+-]?(inf|infinity)$"

# Read a CSV file: X (every column but target), y and the classes. A
# numeric target is one output column (no classes). A text target's classes
# are sorted by code point: two classes are one 0/1 column (the second class
# is 1), more are one-hot columns.
read_data <- function(path, target) {
  columns <- read_columns(path)
  cli_choice(target, names(columns), "--target")
  inputs <- setdiff(names(columns), target)
  if (length(inputs) == 0L) {
    twinnet_abort("argument", "--data: ", path, " has no column besides '",
                  target, "'")
  }
  X <- vapply(inputs, function(name) input_column(columns[[name]], name),
              numeric(length(columns[[target]])), USE.NAMES = FALSE)
  encoded <- encode_target(columns[[target]], target)
  list(X = matrix(X, ncol = length(inputs)), y = encoded$y,
       classes = encoded$classes)
}

# The file's columns by name, each a character vector, after the header
# rules.
read_columns <- function(path) {
  cells <- split_records(read_text(path))
  if (is.null(cells)) {
    twinnet_abort("argument", "--data: ", path, " is empty; expected a ",
                  "header row")
  }
  if (nrow(cells) == 1L) {
    twinnet_abort("argument", "--data: ", path, " has a header and no rows")
  }
  trim <- function(x) trimws(x, whitespace = "[ \t]")
  columns <- lapply(seq_len(ncol(cells)), function(j) trim(cells[-1L, j]))
  named_columns(trim(cells[1L, ]), columns)
}

# The file's text: UTF-8 (less a byte-order mark), no NUL, or an argument
# error.
read_text <- function(path) {
  reason <- if (!file.exists(path)) "No such file or directory" else
    if (dir.exists(path)) "Is a directory" else
      if (file.access(path, 4L) != 0L) "Permission denied"
  if (!is.null(reason)) {
    twinnet_abort("argument", "--data: cannot read ", path, ": ", reason)
  }
  raw <- readBin(path, "raw", file.size(path))
  if (any(raw == as.raw(0L))) {
    twinnet_abort("argument", "--data: ", path, " holds a NUL byte; it is ",
                  "not a CSV text file")
  }
  if (length(raw) >= 3L && identical(raw[1:3], as.raw(c(0xef, 0xbb, 0xbf)))) {
    raw <- raw[-(1:3)]
  }
  text <- rawToChar(raw)
  Encoding(text) <- "UTF-8"
  if (!validUTF8(text)) {
    twinnet_abort("argument", "--data: ", path, " is not UTF-8 text ",
                  "(Latin-1, for instance); save it as UTF-8")
  }
  text
}

# Records of fields: split at commas, "..." quoted, blank lines skipped; a
# character matrix, the header its first row (NULL: no record). As scan(): a
# quote opens anywhere in a field (x"y"z is xyz), and "" inside quotes is a
# quote. Every row must have as many fields as the header.
split_records <- function(text) {
  if (!grepl("[\r\n]$", text)) text <- paste0(text, "\n")
  lines <- textConnection(text)
  on.exit(close(lines))
  counts <- utils::count.fields(lines, sep = ",", quote = "\"",
                                blank.lines.skip = TRUE, comment.char = "")
  counts <- counts[!is.na(counts)] # NA: a record continued on the next line
  if (length(counts) == 0L) {
    return(NULL)
  }
  wrong <- which(counts[-1L] != counts[1L])
  if (length(wrong) > 0L) {
    twinnet_abort("argument", "--data: row ", wrong[1L], " has ",
                  counts[wrong[1L] + 1L], " fields; the header has ",
                  counts[1L])
  }
  unclosed <- function(w) { # "EOF within quoted string" and the like
    twinnet_abort("argument", "--data: not a CSV file: a quote is not closed")
  }
  cells <- tryCatch(withCallingHandlers(utils::read.table(
    text = text, sep = ",", quote = "\"", header = FALSE,
    colClasses = "character", na.strings = character(), strip.white = FALSE,
    blank.lines.skip = TRUE, comment.char = "", fill = FALSE,
    encoding = "UTF-8", check.names = FALSE
  ), warning = unclosed), error = unclosed)
  unname(as.matrix(cells))
}

# Drop a leading index column and a trailing empty one; refuse empty or
# repeated names.
named_columns <- function(names, columns) {
  keep <- seq_along(names)
  if (length(keep) > 1L && names[1L] == "") keep <- keep[-1L] # a row index
  last <- length(names)
  if (length(keep) > 1L && names[last] == "" && all(columns[[last]] == "")) {
    keep <- keep[-length(keep)] # a comma at the end of every line
  }
  for (j in keep) {
    if (names[j] == "") {
      twinnet_abort("argument", "--data: column ", j, " has no name")
    }
    first <- match(names[j], names[keep])
    if (keep[first] != j) {
      twinnet_abort("argument", "--data: the column name '", names[j],
                    "' is repeated (columns ", keep[first], " and ", j, ")")
    }
  }
  stats::setNames(columns[keep], names[keep])
}

# An input column's numbers; text, a missing value or an infinity is refused.
input_column <- function(values, name) {
  numbers <- parse_numbers(values, name)
  if (is.null(numbers)) {
    bad <- which(is_text(values))[1L]
    twinnet_abort("type", "--data: column '", name, "' is not numeric (row ",
                  bad, ": '", values[bad], "')")
  }
  numbers
}

# Decimal numbers, correctly rounded (as Python's float; R's own parser is
# not, e.g. "1.530673222": written as a JSON array for jsonlite's parser);
# NULL if one is text. A missing value, an infinity or a number beyond the
# doubles is a value error naming the column and the row.
parse_numbers <- function(values, name) {
  missing <- which(values %in% CSV_NA)
  infinite <- grepl(CSV_INFINITY, values, ignore.case = TRUE)
  if (any(is_text(values))) {
    return(NULL)
  }
  if (length(missing) > 0L) {
    twinnet_abort("value", "--data: column '", name, "' has missing values ",
                  "(row ", missing[1L], ")")
  }
  numbers <- rep(Inf, length(values))
  numbers[!infinite] <- json_numbers(values[!infinite])
  if (!all(is.finite(numbers))) {
    bad <- which(!is.finite(numbers))[1L]
    twinnet_abort("value", "--data: column '", name, "' holds an infinite ",
                  "value (row ", bad, ": '", values[bad], "')")
  }
  numbers
}

# A decimal number as the rule writes it (CSV_NUMBER), not an infinity.
is_number <- function(text) grepl(CSV_NUMBER, text)

# Neither a number, nor missing, nor an infinity: text.
is_text <- function(text) {
  !(is_number(text) | text %in% CSV_NA |
      grepl(CSV_INFINITY, text, ignore.case = TRUE))
}

# Decimal numbers (CSV_NUMBER) to doubles through jsonlite's parser.
json_numbers <- function(text) {
  if (length(text) == 0L) {
    return(numeric())
  }
  json <- sub("^[+]", "", text)
  sign <- ifelse(startsWith(json, "-"), "-", "")
  json <- sub("^-", "", json)
  json <- sub("^0+(?=[0-9])", "", json, perl = TRUE) # JSON: no leading 0s
  json <- sub("^[.]", "0.", json)
  json <- sub("[.](?![0-9])", "", json, perl = TRUE) # "5." and "5.e3"
  values <- as.double(jsonlite::parse_json(
    paste0("[", paste0(json, collapse = ","), "]"),
    simplifyVector = TRUE
  ))
  ifelse(sign == "-", -values, values) # exact, and -0 keeps its sign
}

# The target as y: numbers as one column, else its labels' classes (0/1 or
# one-hot).
encode_target <- function(values, name) {
  numbers <- parse_numbers(values, name)
  if (!is.null(numbers)) {
    return(list(y = matrix(numbers, ncol = 1L), classes = character()))
  }
  missing <- which(values %in% CSV_NA)
  if (length(missing) > 0L) {
    twinnet_abort("value", "--target: '", name, "' has missing values (row ",
                  missing[1L], ")")
  }
  classes <- sort(unique(values), method = "radix") # code point order
  if (length(classes) < 2L) {
    twinnet_abort("argument", "--target: '", name,
                  "' has fewer than two classes")
  }
  onehot <- outer(values, classes, `==`) + 0
  list(y = if (length(classes) == 2L) onehot[, 2L, drop = FALSE] else onehot,
       classes = classes)
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
  sizes <- c(ncol(X), hidden, ncol(data$y))
  # before the weights are drawn: a layer too wide for the rows is refused
  check_working_memory(sizes, nrow(X),
                       working_what(sizes, nrow(X), "--hidden", "--data"))
  network <- init_network(
    sizes,
    seed = options$seed,
    activations = c(rep(options$activation, length(hidden)), output)
  )
  fit(network, X, data$y, epochs = options$epochs, lr = options$lr,
      numerics = options$numerics, loss = loss, progress = progress)
}
