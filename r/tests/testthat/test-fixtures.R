# The shared fixtures are well formed: shapes, hex floats, manifest.
#
# Twin file: python/tests/test_fixtures.py (which also checks the JSON schemas).
# Each file gets its own test, so a failure names the file.

root <- fixture_dir()
folders <- c("cases", "datasets", "golden")
fixture_files <- function(folder) {
  file.path(folder, sort(list.files(file.path(root, folder), "[.]json$")))
}
all_files <- unlist(lapply(folders, fixture_files))
hex_pattern <- "^-?0x[01](\\.[0-9a-f]{1,13})?p[+-](0|[1-9][0-9]{0,3})$"

load_fixture <- function(rel) read_json(file.path(root, rel))

shape_of <- function(block) as.integer(unlist(block$shape))

stem <- function(rel) sub("[.]json$", "", basename(rel))

# Every list(shape, hex) block inside a parsed fixture, named by its path.
find_blocks <- function(x, where = "$") {
  if (!is.list(x)) {
    return(list())
  }
  found <- if (all(c("shape", "hex") %in% names(x))) {
    stats::setNames(list(x), where)
  } else {
    list()
  }
  keys <- if (is.null(names(x))) seq_along(x) else names(x)
  for (i in seq_along(x)) {
    found <- c(found, find_blocks(x[[i]], paste0(where, "/", keys[[i]])))
  }
  found
}

# Strict hex floats that parse to finite doubles and survive a round trip
# through sprintf("%a"). Values are compared, never strings: R writes
# 0x1.8p+1 where Python writes 0x1.8000000000000p+1.
expect_hex_floats <- function(hex, label) {
  hex <- unlist(hex)
  testthat::expect_true(is.character(hex), label = label)
  bad <- hex[!grepl(hex_pattern, hex)]
  testthat::expect_identical(bad, character(),
                             label = paste(label, "malformed"))
  values <- as.numeric(hex)
  testthat::expect_true(all(is.finite(values)), label = paste(label, "finite"))
  testthat::expect_identical(as.numeric(sprintf("%a", values)), values,
                             label = label)
  # the sign of zero survives too
  zeros <- values[values == 0]
  testthat::expect_identical(1 / as.numeric(sprintf("%a", zeros)), 1 / zeros,
                             label = paste(label, "signed zeros"))
  values
}

test_that("the fixtures are there", {
  expect_gt(length(fixture_files("cases")), 0L)
  expect_gt(length(fixture_files("datasets")), 0L)
  expect_setequal(stem(fixture_files("golden")), stem(fixture_files("cases")))
})

for (rel in all_files) {
  test_that(paste(rel, ": blocks have as many values as their shape"), {
    doc <- load_fixture(rel)
    expect_true(doc$format %in% paste0("twinnet-", c("case", "dataset",
                                                     "golden"), "/1"))
    found <- find_blocks(doc)
    expect_gt(length(found), 0L)
    for (where in names(found)) {
      block <- found[[where]]
      label <- paste(rel, where)
      expect_identical(length(block$hex), as.integer(prod(shape_of(block))),
                       label = label)
      values <- expect_hex_floats(block$hex, label)
      decoded <- from_hex(block)
      if (length(shape_of(block)) == 2L) {
        expect_identical(dim(decoded), shape_of(block), label = label)
        expect_identical(as.vector(t(decoded)), values, label = label)
      } else {
        expect_identical(decoded, values, label = label)
      }
    }
    if (!is.null(doc$lr)) {
      expect_gt(expect_hex_floats(doc$lr, paste(rel, "lr")), 0)
    }
  })
}

for (rel in fixture_files("datasets")) {
  test_that(paste(rel, ": X and y have the same rows"), {
    data <- load_fixture(rel)
    expect_identical(data$name, stem(rel))
    expect_length(shape_of(data$X), 2L)
    expect_length(shape_of(data$y), 2L)
    expect_identical(shape_of(data$X)[1L], shape_of(data$y)[1L])
  })
}

for (rel in fixture_files("cases")) {
  test_that(paste(rel, ": shapes follow sizes"), {
    case <- load_fixture(rel)
    sizes <- as.integer(unlist(case$sizes))
    n_layers <- length(sizes) - 1L
    expect_identical(case$name, stem(rel))
    data_file <- file.path("datasets", paste0(case$dataset, ".json"))
    expect_true(file.exists(file.path(root, data_file)), label = data_file)
    data <- load_fixture(data_file)
    expect_identical(shape_of(data$X)[2L], sizes[1L])
    expect_identical(shape_of(data$y)[2L], sizes[n_layers + 1L])
    expect_length(case$weights, n_layers)
    for (i in seq_len(n_layers)) {
      expect_identical(shape_of(case$weights[[i]]), sizes[i + 0:1])
    }
    expect_identical(!is.null(case$biases), case$bias)
    if (isTRUE(case$bias)) {
      expect_length(case$biases, n_layers)
      for (i in seq_len(n_layers)) {
        expect_identical(shape_of(case$biases[[i]]), sizes[i + 1L])
      }
    }
    decoded <- read_case(case$name, root)
    expect_identical(lapply(decoded$weights, dim),
                     lapply(seq_len(n_layers), function(i) sizes[i + 0:1]))
    expect_identical(nrow(decoded$X), nrow(decoded$y))
  })
}

for (rel in fixture_files("golden")) {
  test_that(paste(rel, ": one loss per epoch, final shapes as the case's"), {
    gold <- load_fixture(rel)
    expect_identical(gold$case, stem(rel))
    case_file <- file.path("cases", paste0(gold$case, ".json"))
    expect_true(file.exists(file.path(root, case_file)), label = case_file)
    case <- load_fixture(case_file)
    expect_identical(shape_of(gold$loss), as.integer(case$epochs))
    expect_true(all(from_hex(gold$loss) >= 0))
    expect_identical(lapply(gold$final_weights, shape_of),
                     lapply(case$weights, shape_of))
    expect_identical(is.null(gold$final_biases), is.null(case$biases))
    expect_identical(lapply(gold$final_biases, shape_of),
                     lapply(case$biases, shape_of))
    expect_match(gold$trace_sha256, "^[0-9a-f]{64}$")
  })
}

read_manifest_lines <- function() {
  readLines(file.path(root, "MANIFEST.sha256"))
}

test_that("the manifest lists every fixture exactly once", {
  lines <- read_manifest_lines()
  line_pattern <- "^[0-9a-f]{64}  (cases|datasets|golden)/[a-z0-9_]+[.]json$"
  expect_identical(lines[!grepl(line_pattern, lines)], character())
  names <- substring(lines, 67L)
  expect_identical(names[duplicated(names)], character())
  expect_setequal(names, all_files)
})

for (rel in all_files) {
  test_that(paste(rel, ": its sha256 matches the manifest"), {
    lines <- read_manifest_lines()
    expected <- substr(lines, 1L, 64L)[substring(lines, 67L) == rel]
    expect_length(expected, 1L)
    actual <- digest::digest(file = file.path(root, rel), algo = "sha256")
    expect_identical(actual, expected)
  })
}

copy_fixtures <- function(dest) {
  kept <- c(folders, "schema", "MANIFEST.sha256")
  ok <- file.copy(file.path(root, kept), dest, recursive = TRUE)
  stopifnot(all(ok))
  dest
}

test_that("a corrupted copy is refused, naming the file", {
  tmp <- copy_fixtures(withr::local_tempdir())
  target <- file.path(tmp, "cases", "xor.json")
  expect_identical(read_json(target)$name, "xor")
  text <- readLines(target)
  changed <- sub("0x1.0000000000000p-1", "0x1.0000000000001p-1", text,
                 fixed = TRUE)
  expect_false(identical(changed, text))
  writeLines(changed, target)
  # still valid JSON: only the manifest can catch the change
  expect_type(jsonlite::fromJSON(target, simplifyVector = FALSE), "list")
  expect_error(read_json(target), regexp = target, fixed = TRUE)
  expect_error(read_case("xor", tmp), regexp = "xor.json", fixed = TRUE)
})

test_that("a trailing space is a corruption too", {
  tmp <- copy_fixtures(withr::local_tempdir())
  target <- file.path(tmp, "golden", "xor.json")
  cat(" ", file = target, append = TRUE)
  expect_error(read_json(target), regexp = target, fixed = TRUE)
})

test_that("a corrupted data set is refused through its case", {
  tmp <- copy_fixtures(withr::local_tempdir())
  target <- file.path(tmp, "datasets", "toy_article.json")
  text <- readLines(target)
  writeLines(sub("0x0.0p+0", "-0x0.0p+0", text, fixed = TRUE), target)
  expect_error(read_case("toy_article_demo", tmp), regexp = target,
               fixed = TRUE)
})
