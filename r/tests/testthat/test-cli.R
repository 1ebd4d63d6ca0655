# The command line: every job, its help, and one-line errors.
#
# Twin file: python/tests/test_cli.py. Jobs in the other language are
# tested by the harness (tests/test_cli_both.py); these run R alone.

jobs <- c("cases", "run", "parity", "walkthrough", "plots", "article")

cli <- function(...) {
  cli_main(c(...), exit = FALSE)
}

test_that("run prints the article's error lines", {
  out <- capture.output(status <- cli("run", "toy_article", "--every", "100"))
  expect_identical(status, 0L)
  expect_identical(out[1], "Error at epoch 0 is 0.11553")
  expect_identical(out[10], "Error at epoch 900 is 0.01190")
  expect_match(out[11], "^toy_article: 1000 epochs in ")
  expect_match(out[11], "trace sha256 0ae9dbe95afd", fixed = TRUE)
})

test_that("run saves a trace", {
  path <- withr::local_tempfile(fileext = ".json")
  expect_silent(status <- cli("run", "xor", "--epochs", "7", "--quiet",
                              "--save", path))
  expect_identical(status, 0L)
  expect_match(readLines(path, warn = FALSE),
               "^\\{\"format\":\"twinnet-trace/1\"")
})

test_that("walkthrough and cases", {
  out <- paste(capture.output(cli("walkthrough", "--digits", "3")),
               collapse = "\n")
  expect_match(out, paste0("output = sigmoid(output_layer_input)\n",
                           "       o1\ns1  0.683\n"), fixed = TRUE)
  out <- capture.output(status <- cli("cases"))
  expect_identical(status, 0L)
  expect_match(out[1], "^blobs ")
})

test_that("article", {
  out <- capture.output(status <- cli("article", "--numerics", "fast"))
  expect_identical(status, 0L)
  expect_identical(out[1], paste("untrained error per sample:",
                                 "0.05013458 0.03727248 0.25388062"))
  expect_true("Error at epoch 5000 is 0.02163" %in% out)
})

test_that("mistakes are one line and status 2", {
  mistakes <- list(
    list(c("run", "toy_artcle"), "did you mean \"toy_article\"?"),
    list(c("run", "xor", "--epochs", "0"), "--epochs: expected a positive"),
    list(c("run", "xor", "--lang", "perl"), "--lang must be one of"),
    list(c("walkthrough", "m13", "--numerics", "exactly"),
         "--numerics must be one of"),
    list(c("run", "xor", "--speed", "3"), "unknown option --speed for run"),
    list("jump", "job must be one of")
  )
  for (mistake in mistakes) {
    messages <- character()
    status <- withCallingHandlers(
      cli_main(mistake[[1]], exit = FALSE),
      message = function(m) {
        messages <<- c(messages, conditionMessage(m))
        invokeRestart("muffleMessage")
      }
    )
    expect_identical(status, 2L)
    expect_length(messages, 1L)
    expect_match(messages, mistake[[2]], fixed = TRUE)
    expect_match(messages, "^twinnet: error: .*\n$")
  }
})

test_that("every job has help", {
  for (job in jobs) {
    out <- capture.output(status <- cli(job, "--help"))
    expect_identical(status, 0L)
    expect_match(out[1], paste0("usage: Rscript -e 'twinnet::cli_main()' ",
                                job), fixed = TRUE)
  }
  expect_match(capture.output(cli("--help"))[1], "^usage: ")
})

test_that("progress draws no bar without a terminal", {
  progress <- new_progress(200L, "100")
  expect_output(for (epoch in 0:199) progress$step(epoch, 0.5),
                "^Error at epoch 0 is 0.50000\nError at epoch 100 is 0.50000$")
})

test_that("plots job writes the pictures", {
  out_dir <- withr::local_tempdir()
  out <- capture.output(status <- cli("plots", "xor", "--out", out_dir))
  expect_identical(status, 0L)
  paths <- file.path(out_dir, c("xor_loss.png", "xor_boundary.png"))
  expect_identical(out, paste("wrote", paths))
  expect_true(all(file.size(paths) > 5000))
})
