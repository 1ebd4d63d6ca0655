# Shared fixtures: data sets and cases stored as JSON with hex floats.
#
# Twin file: python/src/twinnet/fixtures.py. Floats travel as hexadecimal
# strings (sprintf("%a") here, float.hex in Python), which both languages
# parse exactly; 17-digit decimals would not survive R's parser. Every file
# is listed with its sha256 in MANIFEST.sha256 and checked on reading. The
# format is described in shared_fixtures/README.md and its schemas.

MANIFEST <- "MANIFEST.sha256"

#' Read the shared fixtures
#'
#' `fixture_dir()` is `$TWINNET_FIXTURES`, else the copy installed with the
#' package. `read_dataset()` and `read_case()` decode one file each (the
#' case with its data set, learning rate and initial weights);
#' `case_names()` lists the cases. Every file is checked against its sha256
#' in the manifest before it is parsed. `from_hex()` and `to_hex()` convert
#' a `list(shape, hex)` block, row-major, to and from a double array.
#' `trace_digest()` is the sha256 of a trace's doubles (little-endian,
#' row-major; weights, biases, outputs, loss) as the golden files store it.
#'
#' @param name Name of a data set or case (the file name without `.json`).
#' @param root The fixtures folder.
#' @param path A fixture file.
#' @param block A list with `shape` and `hex`.
#' @param a A numeric vector or matrix.
#' @param must_exist Stop with an error when no fixtures are found.
#' @return Lists of decoded values; see the fixtures README for the fields.
#' @export
#' @examples
#' if (nzchar(fixture_dir(must_exist = FALSE))) {
#'   str(read_case("toy_article")$weights)
#' }
fixture_dir <- function(must_exist = TRUE) {
  env <- Sys.getenv("TWINNET_FIXTURES")
  root <- if (nzchar(env)) env else system.file("fixtures", package = "twinnet")
  if (must_exist && !file.exists(file.path(root, MANIFEST))) {
    twinnet_abort("fixture", "shared_fixtures not found: set ",
                  "TWINNET_FIXTURES")
  }
  root
}

#' @rdname fixture_dir
#' @export
from_hex <- function(block) {
  values <- as.numeric(unlist(block$hex))
  shape <- as.integer(unlist(block$shape))
  if (length(values) != prod(shape)) {
    twinnet_abort("fixture", length(values), " values do not fill shape ",
         paste(shape, collapse = " x "))
  }
  if (length(shape) == 1L) {
    return(values)
  }
  matrix(values, shape[1L], shape[2L], byrow = TRUE)
}

#' @rdname fixture_dir
#' @export
to_hex <- function(a) {
  shape <- if (is.null(dim(a))) length(a) else dim(a)
  values <- if (is.null(dim(a))) a else as.vector(t(a))
  list(shape = shape, hex = sprintf("%a", values))
}

#' @rdname fixture_dir
#' @export
read_json <- function(path) {
  raw <- tryCatch(
    readBin(path, "raw", file.info(path)$size),
    error = function(e) twinnet_abort("fixture", "cannot read fixture ", path),
    warning = function(w) twinnet_abort("fixture", "cannot read fixture ", path)
  )
  key <- paste(basename(dirname(path)), basename(path), sep = "/")
  manifest <- read_manifest(dirname(dirname(path)))
  expected <- manifest[key]
  if (is.na(expected)) {
    twinnet_abort("fixture", "fixture ", path, " is not listed in ", MANIFEST)
  }
  if (digest::digest(raw, algo = "sha256", serialize = FALSE) != expected) {
    twinnet_abort("fixture", "fixture ", path,
                  " does not match its sha256 in ", MANIFEST)
  }
  tryCatch(
    jsonlite::fromJSON(rawToChar(raw), simplifyVector = FALSE),
    error = function(e) {
      twinnet_abort("fixture", "fixture ", path, " is not valid JSON: ",
                    conditionMessage(e))
    }
  )
}

#' @rdname fixture_dir
#' @export
read_dataset <- function(name, root = fixture_dir()) {
  path <- file.path(root, "datasets", paste0(name, ".json"))
  data <- read_json(path)
  naming_file(path, {
    data$X <- from_hex(data$X)
    data$y <- from_hex(data$y)
  })
  data
}

# Run `code`; a failure while decoding names the fixture file.
naming_file <- function(path, code) {
  tryCatch(code, error = function(e) {
    twinnet_abort("fixture", "fixture ", path, ": ", conditionMessage(e))
  })
}

#' @rdname fixture_dir
#' @export
read_case <- function(name, root = fixture_dir()) {
  path <- file.path(root, "cases", paste0(name, ".json"))
  case <- read_json(path)
  data <- read_dataset(case$dataset, root)
  case$X <- data$X
  case$y <- data$y
  naming_file(path, {
    case$lr <- as.numeric(case$lr)
    case$sizes <- as.integer(unlist(case$sizes))
    case$weights <- lapply(case$weights, from_hex)
    if (!is.null(case$biases)) case$biases <- lapply(case$biases, from_hex)
  })
  case
}

#' @rdname fixture_dir
#' @param trace The `trace` of a [fit()] result.
#' @export
trace_digest <- function(trace) {
  # row-major bytes: R arrays are column-major, so reverse the dimensions
  row_major <- function(a) {
    if (is.null(dim(a))) a else as.vector(aperm(a, rev(seq_along(dim(a)))))
  }
  parts <- c(trace$weights, trace$biases, list(trace$outputs, trace$loss))
  bytes <- lapply(parts, function(a) {
    writeBin(row_major(a), raw(), size = 8L, endian = "little")
  })
  digest::digest(unlist(bytes), algo = "sha256", serialize = FALSE)
}

# Write `text` to `path` so a crash leaves the old file or none, never half.
write_atomic <- function(path, text) {
  tmp <- file.path(dirname(path),
                   paste0(".", basename(path), ".", Sys.getpid(), ".tmp"))
  # a full disk or an interrupt: leave no temporary file behind
  on.exit(if (file.exists(tmp)) unlink(tmp))
  writeLines(text, tmp, sep = "")
  if (!file.rename(tmp, path)) {
    unlink(tmp)
    twinnet_abort("fixture", "cannot write ", path)
  }
}

#' @rdname fixture_dir
#' @export
case_names <- function(root = fixture_dir()) {
  sort(sub("[.]json$", "", list.files(file.path(root, "cases"), "[.]json$")))
}

read_manifest <- function(root) {
  path <- file.path(root, MANIFEST)
  if (!file.exists(path)) {
    twinnet_abort("fixture", path, " is missing: fixtures are only read ",
                  "with their manifest")
  }
  fields <- strsplit(readLines(path), " +")
  if (any(lengths(fields) != 2L)) {
    twinnet_abort("fixture", path,
                  " has a line that is not 'sha256  folder/file.json'")
  }
  stats::setNames(vapply(fields, `[`, "", 1L), vapply(fields, `[`, "", 2L))
}
