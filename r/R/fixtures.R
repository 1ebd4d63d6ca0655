# Shared fixtures: data sets and cases stored as JSON with hex floats.
#
# Twin file: python/src/twinnet/fixtures.py. Floats travel as hexadecimal
# strings (sprintf("%a") here, float.hex in Python), which both languages
# parse exactly; 17-digit decimals would not survive R's parser. Every file
# is listed with its sha256 in MANIFEST.sha256 and checked on reading. The
# format is described in shared_fixtures/README.md and its schemas.

MANIFEST <- "MANIFEST.sha256"
# Deeper nesting is refused by both readers (the fixtures nest 3 levels).
MAX_DEPTH <- 32L
# An escaped NUL inside a JSON string: \u0000 after an even run of backslashes.
NUL_ESCAPE <- "(?<!\\\\)(\\\\\\\\)*\\\\u0000"

#' Read the shared fixtures
#'
#' `fixture_dir()` is `$TWINNET_FIXTURES`, else the copy installed with the
#' package. `read_dataset()` and `read_case()` decode one file each (the
#' case with its data set, learning rate and initial weights);
#' `case_names()` lists the cases. Every file is checked against its sha256
#' in the manifest before it is parsed (blocks of numbers with
#' [from_hex()]).
#' `trace_digest()` is the sha256 of a trace's doubles (little-endian,
#' row-major; weights, biases, outputs, loss) as the golden files store it.
#'
#' @param name Name of a data set or case (the file name without `.json`).
#' @param root The fixtures folder.
#' @param path A fixture file.
#' @param must_exist Stop with an error when no fixtures are found.
#' @return Lists of decoded values; see the fixtures README for the fields.
#' @keywords internal
#' @examples
#' if (nzchar(twinnet:::fixture_dir(must_exist = FALSE))) {
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
#' @keywords internal
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
  parse_json(raw, paste("fixture", path))
}

# JSON as both languages read it: UTF-8, no NaN, no repeated keys, no NUL.
# jsonlite rejects NaN and Infinity, keeps both copies of a repeated key and
# cuts a string at \u0000; refusing all of them here and in Python makes a
# file read the same in both languages or fail in both.
parse_json <- function(raw, what) {
  text <- if (any(raw == as.raw(0L))) NA_character_ else rawToChar(raw)
  if (is.na(text) || !validUTF8(text)) {
    twinnet_abort("fixture", what, " is not valid JSON: not UTF-8 text")
  }
  if (grepl(NUL_ESCAPE, text, perl = TRUE)) {
    twinnet_abort("fixture", what, " holds a NUL character (\\u0000)")
  }
  document <- tryCatch(
    jsonlite::fromJSON(text, simplifyVector = FALSE),
    error = function(e) {
      twinnet_abort("fixture", what, " is not valid JSON: ",
                    conditionMessage(e))
    }
  )
  if (too_deep(document, MAX_DEPTH)) {
    twinnet_abort("fixture", what, " nests arrays and objects more than ",
                  MAX_DEPTH, " deep")
  }
  if (repeats_a_key(document)) {
    twinnet_abort("fixture", what, " is not valid JSON: an object repeats ",
                  "a key")
  }
  document
}

# Whether arrays and objects nest deeper than `depth` levels. Only the
# lists inside are visited: a trace's million hex strings are not (one call
# per string took seconds).
too_deep <- function(value, depth) {
  if (!is.list(value)) {
    return(FALSE)
  }
  inner <- value[vapply(value, is.list, TRUE)]
  depth == 0L || any(vapply(inner, too_deep, TRUE, depth = depth - 1L))
}

# Whether any object inside `x` has the same key twice (lists visited only,
# as in too_deep()).
repeats_a_key <- function(x) {
  if (!is.list(x)) {
    return(FALSE)
  }
  inner <- x[vapply(x, is.list, TRUE)]
  anyDuplicated(names(x)) > 0L || any(vapply(inner, repeats_a_key, TRUE))
}

#' @rdname fixture_dir
#' @export
read_dataset <- function(name, root = fixture_dir()) {
  path <- fixture_path(name, root, "datasets")
  data <- check_fixture(read_json(path), "dataset", root, path)
  naming_file(path, {
    data$X <- from_hex(data$X)
    data$y <- from_hex(data$y)
  })
  data
}

# Run `code`; a failure while decoding names the fixture file.
naming_file <- function(path, code) {
  tryCatch(code, twinnet_fixture_error = function(e) {
    twinnet_abort("fixture", "fixture ", path, ": ", conditionMessage(e))
  })
}

#' @rdname fixture_dir
#' @details `read_case()` checks that the file fits
#'   `schema/case.schema.json`, its weights and biases the layer sizes, and
#'   its data set the input and output sizes.
#' @export
read_case <- function(name, root = fixture_dir()) {
  path <- fixture_path(name, root, "cases")
  case <- check_fixture(read_json(path), "case", root, path)
  data <- read_dataset(case$dataset, root)
  case$X <- data$X
  case$y <- data$y
  naming_file(path, {
    case$lr <- from_hex(list(shape = list(1L), hex = list(case$lr)))
    case$sizes <- as.integer(unlist(case$sizes))
    case$epochs <- as.integer(case$epochs)
    case$activations <- as.character(unlist(case$activations))
    case$weights <- lapply(case$weights, from_hex)
    if (!is.null(case$biases)) case$biases <- lapply(case$biases, from_hex)
    check_case(case)
  })
}

# The file of fixture `name` in `folder` of the fixtures folder `root`.
fixture_path <- function(name, root, folder) {
  if (!is_string(name) || !grepl("^[a-z0-9_]+$", name)) {
    twinnet_abort("fixture", "a fixture name is lower-case letters, digits ",
                  "and _; got ", paste(deparse(name), collapse = " "))
  }
  if (!is_string(root)) {
    twinnet_abort("fixture", "root must be a folder; got ", class(root)[1L])
  }
  file.path(root, folder, paste0(name, ".json"))
}

# `document` if it fits schema/<kind>.schema.json; else a fixture error.
check_fixture <- function(document, kind, root, path) {
  schema_path <- file.path(root, "schema", paste0(kind, ".schema.json"))
  schema <- tryCatch(
    jsonlite::fromJSON(readLines(schema_path, warn = FALSE),
                       simplifyVector = FALSE),
    error = function(e) {
      twinnet_abort("fixture", "cannot read the schema ", schema_path, ": ",
                    conditionMessage(e))
    },
    warning = function(w) {
      twinnet_abort("fixture", "cannot read the schema ", schema_path)
    }
  )
  problem <- schema_problem(document, schema, schema)
  if (!is.null(problem)) {
    twinnet_abort("fixture", "fixture ", path, " does not fit its schema: ",
                  problem)
  }
  document
}

# Weights, biases, activations and data that fit the layer sizes.
check_case <- function(case) {
  sizes <- case$sizes
  n <- length(sizes)
  shapes <- lapply(case$weights, dim)
  if (!identical(shapes, lapply(seq_len(n - 1L), function(i) sizes[i + 0:1]))) {
    twinnet_abort("fixture", "weights do not fit sizes ",
                  paste(sizes, collapse = ", "))
  }
  if (!is.null(case$biases) &&
        !identical(lengths(case$biases), sizes[-1L])) {
    twinnet_abort("fixture", "biases do not fit sizes ",
                  paste(sizes, collapse = ", "))
  }
  acts <- case$activations
  if (length(acts) != n - 1L || "softmax" %in% acts[-length(acts)]) {
    twinnet_abort("fixture", "activations must be one per layer, softmax ",
                  "only last")
  }
  if (ncol(case$X) != sizes[1L] || ncol(case$y) != sizes[n]) {
    twinnet_abort("fixture", "the data set's columns do not fit sizes ",
                  paste(sizes, collapse = ", "))
  }
  case
}

#' @rdname fixture_dir
#' @param trace The `trace` of a [fit()] result.
#' @keywords internal
trace_digest <- function(trace) {
  # row-major bytes: R arrays are column-major (row_major() reorders them)
  parts <- c(trace$weights, trace$biases, list(trace$outputs, trace$loss))
  bytes <- lapply(parts, function(a) {
    writeBin(row_major(a), raw(), size = 8L, endian = "little")
  })
  digest::digest(unlist(bytes), algo = "sha256", serialize = FALSE)
}

# Write `text` to `path` so a crash leaves the old file or none, never half.
# What a user expects of an overwrite is kept: a symbolic link is written
# through (its target changes, the link stays), and an existing file keeps
# its permission bits (a 0600 file stays 0600); a new file gets the usual
# mode, 0666 less the umask. On failure the temporary file is removed.
write_atomic <- function(path, text) {
  link <- Sys.readlink(path)
  if (!is.na(link) && nzchar(link)) path <- normalizePath(path)
  tmp <- file.path(dirname(path),
                   paste0(".", basename(path), ".", Sys.getpid(), ".tmp"))
  written <- tryCatch({
    writeLines(text, tmp, sep = "", useBytes = TRUE)
    if (file.exists(path) && !dir.exists(path)) {
      Sys.chmod(tmp, file.mode(path), use_umask = FALSE)
    }
    file.rename(tmp, path)
  }, error = function(e) FALSE, warning = function(w) FALSE)
  if (!isTRUE(written)) {
    unlink(tmp)
    twinnet_abort("fixture", "cannot write ", path)
  }
}

#' @rdname fixture_dir
#' @export
case_names <- function(root = fixture_dir()) {
  folder <- file.path(root, "cases")
  # a folder that is not there holds no cases: say so, not character(0)
  if (!dir.exists(folder)) {
    twinnet_abort("fixture", "no cases folder at ", folder)
  }
  sort(sub("[.]json$", "", list.files(folder, "[.]json$")))
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
