# Bad input and failing training: the same kind of error as in Python.
#
# Twin file: python/tests/test_errors.py. The table of bad inputs is shared
# (bad_inputs.json); the harness also runs it in both languages side by side.

bad <- read_bad_inputs()

for (entry in bad) {
  test_that(paste("bad input:", entry$name), {
    expect_identical(run_bad_input(entry), entry$category)
  })
}

test_that("the table covers every category and public call", {
  categories <- vapply(bad, `[[`, "", "category")
  expect_true(all(paste0("twinnet_", c("argument", "name", "type", "shape",
                                       "value", "config"), "_error")
                  %in% categories))
  calls <- vapply(bad, `[[`, "", "call")
  expect_true(all(c("init_network", "fit", "predict", "fit_normalizer",
                    "normalize", "numerics_ops") %in% calls))
})

test_that("messages name the argument and suggest a name", {
  expect_error(init_network(c(2, 3, 1), seed = 1, activations = "sigmoidd"),
               "did you mean \"sigmoid\"", class = "twinnet_name_error")
  net <- init_network(c(2, 3, 1), seed = 1)
  expect_error(fit(net, matrix(1, 4, 3), rep(1, 4), epochs = 1, lr = 0.1),
               "X must have 2 columns.*got 3", class = "twinnet_shape_error")
  expect_error(fit(net, matrix(1, 4, 2), rep(1, 4), epochs = 1, lr = -1),
               "lr must be a finite number above 0; got -1",
               class = "twinnet_argument_error")
})

exploding <- function() {
  list(net = init_network(c(2, 3, 1), seed = 1, activations = "identity"),
       X = rbind(c(1, 2), c(3, 4), c(5, 6)), y = c(1, 2, 3))
}

test_that("divergence stops with the epoch, the tensor and the result", {
  e <- exploding()
  err <- tryCatch(fit(e$net, e$X, e$y, epochs = 500, lr = 10, record_every = 2),
                  twinnet_training_error = function(err) err)
  partial <- err$partial
  epoch <- length(partial$loss) - 1
  expect_match(conditionMessage(err), paste0("at epoch ", epoch, " "))
  expect_match(conditionMessage(err), "is NaN or Inf")
  expect_true(all(is.finite(partial$loss[-length(partial$loss)])))
  expect_true(epoch > 0 && epoch < 500)
  expect_lte(max(partial$trace$epochs), epoch)
  expect_length(partial$trace$loss, length(partial$trace$epochs))
})

test_that("divergence can be trained through", {
  e <- exploding()
  expect_warning(result <- fit(e$net, e$X, e$y, epochs = 50, lr = 10,
                               stop_on_nonfinite = FALSE),
                 "training diverged", class = "twinnet_training_warning")
  expect_length(result$loss, 50)
  expect_false(is.finite(result$loss[50]))
})

test_that("a divergence in the last update is caught", {
  e <- exploding()
  err <- tryCatch(fit(e$net, e$X, e$y, epochs = 1, lr = 1e308),
                  twinnet_training_error = function(err) err)
  expect_match(conditionMessage(err), "after the last update")
  expect_length(err$partial$loss, 1)
})

test_that("extreme inputs give answers, not warnings", {
  net <- init_network(c(1, 2, 1), seed = 1)
  for (numerics in c("exact", "fast")) {
    expect_silent(out <- predict(net, c(-1000, 1000), numerics = numerics))
    expect_true(all(is.finite(out)))
  }
})

test_that("the table covers every public call and accepted inputs", {
  calls <- vapply(bad, `[[`, "", "call")
  expect_true(all(c("init_network", "fit", "predict", "predict_labels",
                    "accuracy", "fit_normalizer", "normalize", "numerics_ops",
                    "rng_state", "rng_uniform", "rng_shuffle", "walkthrough",
                    "format_walkthrough", "read_case", "read_case_file",
                    "load_trace", "load_trace_file") %in% calls))
  categories <- vapply(bad, `[[`, "", "category")
  expect_true(all(c("none", "twinnet_fixture_error") %in% categories))
})

test_that("whole-number doubles train exactly as integers", {
  net <- init_network(c(2, 3, 1), seed = 1)
  X <- rbind(c(0, 0), c(0, 1), c(1, 0), c(1, 1))
  as_int <- fit(net, X, c(0, 1, 1, 0), epochs = 3L, lr = 0.5,
                batch_size = 2L, seed = 4L)
  as_double <- fit(net, X, c(0, 1, 1, 0), epochs = 3, lr = 0.5,
                   batch_size = 2, seed = 4)
  expect_identical(as_int$loss, as_double$loss)
})

test_that("memory bombs are refused naming the argument", {
  expect_error(init_network(c(2, 2^20, 2^20, 1), seed = 1), "^sizes asks for",
               class = "twinnet_argument_error")
  expect_error(rng_uniform(rng_state(1), 1e9), "^n asks for",
               class = "twinnet_argument_error")
  expect_error(fit(init_network(c(2, 3, 1), seed = 1), matrix(c(0, 1), 1), 1,
                   epochs = 1, lr = 1, record_every = 2^31),
               "^record_every must be .* at most 2147483647",
               class = "twinnet_argument_error")
})

test_that("a suggestion fires for a name two edits away", {
  expect_error(init_network(c(2, 3, 1), seed = 1, activations = "Sigmod"),
               "did you mean \"sigmoid\"", class = "twinnet_name_error")
})

test_that("overwriting keeps the file mode", {
  dir <- withr::local_tempdir()
  target <- file.path(dir, "trace.json")
  writeLines("old", target)
  Sys.chmod(target, "600")
  twinnet:::write_atomic(target, "new")
  expect_identical(readLines(target, warn = FALSE), "new")
  expect_identical(format(file.mode(target)), "600")
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "trace.json")
})

test_that("saving a trace fails as a twinnet error and leaves nothing", {
  dir <- withr::local_tempdir()
  net <- init_network(c(2, 3, 1), seed = 1)
  result <- fit(net, diag(2), c(0, 1), epochs = 2, lr = 0.5)
  digested <- fit(net, diag(2), c(0, 1), epochs = 2, lr = 0.5,
                  record_outputs = "digest")
  expect_error(save_trace(digested, file.path(dir, "t.json")),
               "record_outputs", class = "twinnet_argument_error")
  expect_error(save_trace(result, file.path(dir, "missing", "t.json")),
               "cannot write", class = "twinnet_fixture_error")
  expect_error(save_trace(result, dir), "cannot write",
               class = "twinnet_fixture_error")
  expect_length(list.files(dir, all.files = TRUE, no.. = TRUE), 0L)
})

test_that("the accuracy of targets past the integers has no warning", {
  # as.integer gave NA and a warning here (found by the random walks)
  expect_silent(a <- accuracy(c(0, 1, 1), c(2^31, 1, 0.7)))
  expect_identical(a, 1 / 3)
  expect_identical(accuracy(c(0, 1), c(1e308, 1)), 0.5)
})
