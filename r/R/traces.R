# Saving a training trace to a file, and finding where two traces differ.
#
# Twin file: python/src/twinnet/traces.py. The command line runs a case in
# one language, saves the trace, and compares it with the other language's
# trace, so each language only needs to read the files the other writes.
# Floats travel as hex strings, which both languages parse exactly. Tensors
# are named as in Python (weights[0] is the first layer's) and flattened
# row-major.

TRACE_FORMAT <- "twinnet-trace/1"

#' Save a training trace, and find where two traces differ
#'
#' `save_trace()` writes a fit result's trace (all recorded epochs) as JSON
#' with hex floats; `load_trace()` reads what `save_trace()` wrote in
#' either language; `first_difference()` finds the earliest epoch, then the
#' first tensor and entry, whose bits differ (a NaN equals any NaN; +0 and
#' -0 differ); `epoch_drift()` is the largest distance in ULPs over all
#' tensors at each recorded epoch (what the fast-mode drift plot draws).
#'
#' @param result What [fit()] returned.
#' @param path A file.
#' @param case,language Labels kept in the file.
#' @param a,b Loaded traces of the same case.
#' @return `NULL` (`save_trace()`); a list (`load_trace()`); `NULL` when
#'   the traces agree, else a list of `epoch`, `tensor`, `index` (0-based,
#'   row-major, as Python counts), the two values `a` and `b`, and `ulps`
#'   (`first_difference()`); a vector, one value per recorded epoch
#'   (`epoch_drift()`).
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' result <- fit(net, diag(2), c(0, 1), epochs = 5, lr = 0.5)
#' path <- tempfile(fileext = ".json")
#' save_trace(result, path, case = "example")
#' first_difference(load_trace(path), load_trace(path))
save_trace <- function(result, path, case = "", language = "r") {
  if (!inherits(result, "twinnet_fit") || !is.double(result$trace$outputs)) {
    twinnet_abort("argument", "result must come from fit with ",
                  "record_outputs = \"full\"")
  }
  if (!is_string(case) || !is_string(language)) {
    twinnet_abort("argument", "case and language must be strings")
  }
  if (!is_string(path)) {
    twinnet_abort("argument", "path must be a file name; got ",
                  class(path)[1L])
  }
  trace <- result$trace
  document <- list(
    format = TRACE_FORMAT,
    case = case,
    language = language,
    digest = trace_digest(trace),
    epochs = I(as.integer(trace$epochs)),
    tensors = lapply(trace_tensors(trace), hex_block)
  )
  write_atomic(path, jsonlite::toJSON(document, auto_unbox = TRUE,
                                      json_verbatim = TRUE))
  invisible(NULL)
}

#' @rdname save_trace
#' @export
load_trace <- function(path) {
  if (!is_string(path) || !file.exists(path) || dir.exists(path)) {
    twinnet_abort("fixture", "cannot read trace ",
                  paste(deparse(path), collapse = " "), ": no such file")
  }
  raw <- tryCatch(readBin(path, "raw", file.info(path)$size),
                  error = function(e) {
                    twinnet_abort("fixture", "cannot read trace ", path)
                  })
  document <- parse_json(raw, paste("trace", path))
  if (!json_is_type("object", document) ||
        !identical(document$format, TRACE_FORMAT)) {
    twinnet_abort("fixture", path, " is not a ", TRACE_FORMAT, " file")
  }
  tryCatch(check_trace(document), twinnet_fixture_error = function(e) {
    twinnet_abort("fixture", "trace ", path, ": ", conditionMessage(e))
  })
}

# Dimensions of each tensor of a trace, the recorded epochs first.
TENSOR_DIMS <- c(loss = 1L, outputs = 3L, weights = 3L, biases = 2L)

# The document with its tensors decoded, after checking every field.
check_trace <- function(document) {
  epochs <- document$epochs
  if (!whole_numbers(epochs) || length(epochs) == 0L ||
        is.unsorted(unlist(epochs), strictly = TRUE)) {
    twinnet_abort("fixture", "epochs must be increasing whole numbers")
  }
  epochs <- as.integer(unlist(epochs))
  tensors <- document$tensors
  if (!json_is_type("object", tensors) ||
        !all(c("loss", "outputs", "weights[0]") %in% names(tensors))) {
    twinnet_abort("fixture", "tensors must hold loss, outputs and weights[0] ",
                  "at least")
  }
  for (name in names(tensors)) {
    tensors[[name]] <- trace_tensor(name, tensors[[name]], length(epochs))
  }
  document$epochs <- epochs
  document$tensors <- tensors
  document
}

# One tensor of a trace, decoded: a known name, and one row per epoch.
trace_tensor <- function(name, block, n_epochs) {
  kind <- sub("\\[[0-9]+\\]$", "",
              regmatches(name, regexpr(TENSOR_NAME, name, perl = TRUE)))
  value <- from_block(block)
  dims <- if (is.null(dim(value))) 1L else length(dim(value))
  if (length(kind) == 0L || dims != TENSOR_DIMS[[kind]] ||
        NROW(value) != n_epochs) {
    twinnet_abort("fixture", "tensor '", name, "' is unknown or does not ",
                  "fit the epochs")
  }
  value
}

# The names of a trace's tensors.
TENSOR_NAME <- "^(loss|outputs|(weights|biases)\\[[0-9]+\\])$"

#' @rdname save_trace
#' @export
first_difference <- function(a, b) {
  check_pair(a, b)
  first_difference_in(a$epochs, a$tensors, b$tensors)
}

#' @rdname save_trace
#' @export
epoch_drift <- function(a, b) {
  check_pair(a, b)
  drift_in(a$epochs, a$tensors, b$tensors)$by_epoch
}

# Two loaded traces that record the same epochs and tensors.
check_pair <- function(a, b) {
  check_loaded(a, "a")
  check_loaded(b, "b")
  if (!identical(a$epochs, b$epochs) ||
        !identical(names(a$tensors), names(b$tensors))) {
    twinnet_abort("fixture", "the two traces record different epochs or ",
                  "tensors")
  }
}

# A trace as load_trace() returns it: epochs, and tensors that fit them.
check_loaded <- function(trace, what) {
  ok <- is.list(trace) && is.list(trace$tensors) && is.numeric(trace$epochs) &&
    all(vapply(trace$tensors, function(t) {
      is.double(t) && NROW(t) == length(trace$epochs)
    }, TRUE))
  if (!ok) {
    twinnet_abort("fixture", what, " must be a trace from load_trace")
  }
}

# An array as the JSON text of a {shape, hex} block, written with paste:
# jsonlite's toJSON grows faster than linearly with a long character vector
# (1.6 million hex strings: 2.9 s, against 0.85 s). Hex strings ("0x1.8p+0",
# "NaN", "-Inf") need no escaping.
hex_block <- function(a) {
  block <- to_hex(a)
  shape <- paste(as.integer(block$shape), collapse = ",")
  hex <- paste(block$hex, collapse = "\",\"")
  structure(paste0("{\"shape\":[", shape, "],\"hex\":[\"", hex, "\"]}"),
            class = "json")
}

# The inverse of hex_block(): the values as an array of the block's shape.
from_block <- function(block) {
  from_hex(block, finite = FALSE)
}
