# Saved traces read back exactly, and the first difference is named.
#
# Twin file: python/tests/test_traces.py.

saved <- function() {
  net <- init_network(c(2, 3, 2), seed = 5)
  X <- matrix(c(0, 1, -0, 1, 0, 0.5), 3)
  result <- fit(net, X, diag(3)[, 1:2], epochs = 6, lr = 0.5,
                record_every = 2)
  path <- withr::local_tempfile(fileext = ".json",
                                .local_envir = parent.frame())
  save_trace(result, path, case = "example")
  list(result = result, path = path)
}

test_that("a saved trace reads back bit for bit", {
  s <- saved()
  trace <- load_trace(s$path)
  expect_identical(trace$epochs, c(0L, 2L, 4L))
  expect_identical(trace$digest, trace_digest(s$result$trace))
  expect_identical(names(trace$tensors),
                   c("loss", "outputs", "weights[0]", "weights[1]",
                     "biases[0]", "biases[1]"))
  expect_bitwise(trace$tensors[["weights[1]"]], s$result$trace$weights[[2]])
  expect_identical(dim(trace$tensors[["weights[1]"]]), c(3L, 3L, 2L))
  expect_null(first_difference(trace, load_trace(s$path)))
})

test_that("the first difference is named", {
  s <- saved()
  a <- load_trace(s$path)
  b <- a
  w <- b$tensors[["weights[1]"]][3, 2, 1]
  b$tensors[["weights[1]"]][3, 2, 1] <- w + 2^(floor(log2(abs(w))) - 52)
  b$tensors$outputs[2, 3, 2] <- -b$tensors$outputs[2, 3, 2]
  found <- first_difference(a, b)
  expect_identical(list(found$epoch, found$tensor, found$index),
                   list(2L, "outputs", c(2L, 1L)))
  b$tensors$outputs <- a$tensors$outputs
  found <- first_difference(a, b)
  expect_identical(list(found$epoch, found$tensor, found$index, found$ulps),
                   list(4L, "weights[1]", c(1L, 0L), 1))
})

test_that("signed zeros differ and NaNs agree", {
  s <- saved()
  a <- load_trace(s$path)
  b <- a
  a$tensors$loss[1] <- NaN
  b$tensors$loss[1] <- NaN
  expect_null(first_difference(a, b))
  a$tensors$loss[2] <- 0
  b$tensors$loss[2] <- -0
  expect_identical(first_difference(a, b)$tensor, "loss")
})

test_that("other files are refused", {
  path <- withr::local_tempfile(fileext = ".json")
  writeLines('{"format": "something else"}', path)
  expect_error(load_trace(path), "is not a twinnet-trace/1 file",
               class = "twinnet_fixture_error")
  expect_error(load_trace(file.path(tempdir(), "missing.json")),
               "cannot read trace", class = "twinnet_fixture_error")
})

test_that("epoch drift is the largest ULP distance per epoch", {
  s <- saved()
  a <- load_trace(s$path)
  b <- a
  expect_identical(epoch_drift(a, b), c(0, 0, 0))
  w <- b$tensors[["weights[0]"]][2, 1, 3]
  b$tensors[["weights[0]"]][2, 1, 3] <- w + 2 * 2^(floor(log2(abs(w))) - 52)
  b$tensors$loss[3] <- NaN
  expect_identical(epoch_drift(a, b), c(0, 2, Inf))
})

test_that("ulps counts the doubles between, across binades and zero", {
  expect_identical(ulps(1, 1 + 2^-52), 1)
  expect_identical(ulps(2 - 2^-52, 2), 1)
  expect_identical(ulps(-2^-1074, 2^-1074), 2)
  expect_identical(ulps(-1, 1), 1023 * 2^53)
  expect_identical(ulps(c(NaN, -0, 1, Inf), c(NaN, 0, Inf, Inf)),
                   c(0, 0, Inf, 0))
})

test_that("hex blocks keep arrays of three dimensions row-major", {
  a <- array(seq_len(24) / 8, c(2, 3, 4))
  block <- to_hex(a)
  expect_identical(block$shape, c(2L, 3L, 4L))
  expect_identical(block$hex[1:2], sprintf("%a", c(a[1, 1, 1], a[1, 1, 2])))
  json <- jsonlite::toJSON(block, digits = NA)
  parsed <- jsonlite::fromJSON(json, simplifyVector = FALSE)
  expect_identical(from_hex(parsed), a)
})
