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
    list(c("run", "toy_artcle"), "did you mean 'toy_article'?"),
    list(c("run", "xor", "--epochs", "0"), "--epochs: expected a whole number"),
    list(c("run", "xor", "--epochs=99999999999"), "from 1 to 2147483647"),
    list(c("run", "xor", "--lang", "perl"), "--lang must be one of"),
    list(c("walkthrough", "m13", "--numerics", "exactly"),
         "--numerics must be one of"),
    list(c("run", "xor", "--speed", "3"), "no such option: --speed"),
    list(c("run", "xor", "--epo", "3"), "no such option: --epo"),
    list("jump", "JOB must be one of"),
    list("parit", "(did you mean 'parity'?)"),
    list(c("parity", "xr"), "(did you mean 'xor'?)"),
    list(c("run", "xor", "--save", file.path(tempdir(), "no", "t.json")),
         "does not exist"),
    list(c("run", "xor", "--save", tempdir()), "is a folder"),
    list(c("plots", "xor", "--out", withr::local_tempfile(lines = "x")),
         "is a file; give a folder"),
    list(c("run", "--data", "no.csv", "--target", "y"), "--data: cannot read")
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
  progress <- new_progress(200L, 100L)
  expect_output(for (epoch in 0:199) progress$step(epoch, 0.5),
                "^Error at epoch 0 is 0.50000\nError at epoch 100 is 0.50000$")
})

test_that("the progress bar counts epochs from 0, like the lines", {
  progress <- new_progress(200L, 100L, force = TRUE)
  bar <- capture.output(type = "message", {
    out <- capture.output(for (epoch in 0:199) progress$step(epoch, 0.5))
  })
  bar <- paste(bar, collapse = "")
  expect_identical(out, c("Error at epoch 0 is 0.50000",
                          "Error at epoch 100 is 0.50000"))
  expect_match(bar, "epoch 0 (0-199) loss 0.50000", fixed = TRUE)
  expect_match(bar, "] epoch 199 (0-199) loss 0.50000", fixed = TRUE)
  expect_false(grepl("epoch 200", bar, fixed = TRUE))
})

test_that("both option forms, and a CSV file", {
  long <- capture.output(cli("run", "xor", "--epochs=3"))
  expect_identical(capture.output(cli("run", "xor", "--epochs", "3"))[1:3],
                   long[1:3])
  path <- withr::local_tempfile(fileext = ".csv")
  utils::write.csv(data.frame(a = c(0, 0, 1, 1), b = c(0, 1, 0, 1),
                              label = c("no", "yes", "yes", "no")),
                   path, row.names = FALSE)
  out <- capture.output(status <- cli("run", "--data", path, "--target",
                                      "label", "--hidden", "3,2",
                                      "--epochs", "4", "--seed=-7"))
  expect_identical(status, 0L)
  expect_match(out[1], "^Error at epoch 0 is [0-9.]+$")
  expect_match(out[length(out)], paste0("^", basename(path), ": 4 epochs"))
  bare <- withr::local_tempfile(fileext = ".csv") # no newline at the end
  cat("a,b,y\n0,1,0\n1,0,1\n1,1,0\n0,0,1", file = bare)
  expect_silent(cli("run", "--data", bare, "--target", "y", "--epochs", "2",
                    "--quiet"))
})

test_that("run --lang both --save writes both traces", {
  expect_identical(both_paths("a/t.json"),
                   c(python = "a/t.python.json", r = "a/t.r.json"))
  expect_identical(both_paths("t"), c(python = "t.python.json", r = "t.r.json"))
})

test_that("plots job writes the pictures", {
  out_dir <- withr::local_tempdir()
  out <- capture.output(status <- cli("plots", "xor", "--out", out_dir))
  expect_identical(status, 0L)
  paths <- file.path(out_dir, c("xor_loss.png", "xor_boundary.png"))
  expect_identical(out, paste("wrote", paths))
  expect_true(all(file.size(paths) > 5000))
})

# --- round three: the CSV rule and the memory guard (twin: test_cli.py) ---

read_bytes <- function(raw, target = "y") {
  path <- withr::local_tempfile(fileext = ".csv", .local_envir = parent.frame())
  writeBin(raw, path)
  read_data(path, target)
}

test_that("the CSV rule reads ordinary files", {
  pandas <- read_bytes(charToRaw(",a,y\n0,0.5,no\n1,1.5,yes\n")) # the index
  expect_identical(pandas$X, matrix(c(0.5, 1.5)))
  expect_identical(pandas$classes, c("no", "yes"))
  commas <- read_bytes(charToRaw("a,y,\r\n0.5,no,\r\n1.5,yes,\r\n"))
  expect_identical(commas$X, matrix(c(0.5, 1.5)))
  expect_identical(commas$y, matrix(c(0, 1)))
  bom <- read_bytes(c(as.raw(c(0xef, 0xbb, 0xbf)),
                      charToRaw("\"a\" , \"y\"\n 1 ,\"x, y\"\n2,z\n")))
  expect_identical(bom$classes, c("x, y", "z"))
  labels <- read_bytes(charToRaw("a,y\n1,TRUE\n2,true\n3,False\n"))
  expect_identical(labels$classes, c("False", "TRUE", "true")) # labels
  expect_identical(dim(labels$y), c(3L, 3L))
})

test_that("the CSV rule refuses other files", {
  refused <- list(
    list(as.raw(c(charToRaw("a,y\n1,caf"), 0xe9, charToRaw("\n2,x\n"))),
         "argument", "is not UTF-8 text"),
    list("a,a,y\n1,2,x\n3,4,z\n", "argument",
         "the column name 'a' is repeated"),
    list("a,,y\n1,2,x\n3,4,z\n", "argument", "column 2 has no name"),
    list("a,y\n1,x\n2,z,3\n", "argument",
         "row 2 has 3 fields; the header has 2"),
    list("a,y\n1,0.5\n2,inf\n", "value",
         "column 'y' holds an infinite value"),
    list("a,y\n1e999,0.5\n2,1\n", "value",
         "column 'a' holds an infinite value"),
    list("a,y\nNA,0.5\n2,1\n", "value",
         "column 'a' has missing values (row 1)"),
    list("a,y\nnan,0.5\n2,1\n", "type",
         "column 'a' is not numeric (row 1: 'nan')"),
    list("a,y\n1,\n2,x\n3,z\n", "value",
         "--target: 'y' has missing values (row 1)")
  )
  for (case in refused) {
    raw <- if (is.raw(case[[1]])) case[[1]] else charToRaw(case[[1]])
    expect_error(read_bytes(raw), case[[3]], fixed = TRUE,
                 class = paste0("twinnet_", case[[2]], "_error"))
  }
})

test_that("working arrays are estimated before training", {
  net <- init_network(c(2, 1000, 1), seed = 1)
  X <- matrix(0, 1e6, 2)
  y <- matrix(0, 1e6, 1)
  words <- paste("network (1000 units in its widest layer) on X (1000000",
                 "rows) asks for")
  expect_error(fit(net, X, y, epochs = 1, lr = 0.1), words, fixed = TRUE,
               class = "twinnet_argument_error")
  expect_error(predict(net, X), words, fixed = TRUE,
               class = "twinnet_argument_error")
  expect_identical(dim(predict(net, X[1:1000, ])), c(1000L, 1L)) # within
})

test_that("a layer too wide for the rows is status 2", {
  path <- withr::local_tempfile(fileext = ".csv")
  i <- 0:199
  writeLines(c("a,b,y", paste(i %% 7, i %% 3, i %% 2, sep = ",")), path)
  messages <- character()
  status <- withCallingHandlers(
    cli("run", "--data", path, "--target", "y", "--hidden", "1000000"),
    message = function(m) {
      messages <<- c(messages, conditionMessage(m))
      invokeRestart("muffleMessage")
    }
  )
  expect_identical(status, 2L)
  expect_length(messages, 1L)
  expect_match(messages, paste("^twinnet: error: --hidden \\(1000000 units in",
                               "its widest layer\\) on --data"))
})
