# Pictures: each PNG has the requested size, is not blank, and bad input is
# refused.
#
# Twin file: python/tests/test_plots.py. Pictures go to temporary folders,
# never into the repository.

moons_case <- read_case("moons_article")
moons_run <- run_case("moons_article", "fast", record_every = 5000L)

test_that("loss plot from a fit or a vector", {
  dir <- withr::local_tempdir()
  path <- file.path(dir, "loss.png")
  expect_identical(plot_loss(moons_run, path), path)
  expect_picture(path)
  small <- plot_loss(moons_run$loss, file.path(dir, "small.png"), width = 640,
                     height = 400)
  expect_picture(small, 640L, 400L)
  expect_picture(plot_loss(moons_run$loss, file.path(dir, "linear.png"),
                           log = FALSE))
})

test_that("loss plot refuses log of zero and matrices", {
  dir <- withr::local_tempdir()
  expect_error(plot_loss(c(0.25, 0), file.path(dir, "loss.png")),
               "log = FALSE", class = "twinnet_value_error")
  expect_error(plot_loss(matrix(1, 3, 2), file.path(dir, "loss.png")),
               "one value per epoch", class = "twinnet_shape_error")
  expect_length(list.files(dir, all.files = TRUE, no.. = TRUE), 0L)
})

test_that("decision boundary over the moons", {
  path <- withr::local_tempfile(fileext = ".png")
  plot_decision_boundary(moons_run$network, moons_case$X, moons_case$y, path)
  expect_picture(path)
})

test_that("decision boundary of three classes", {
  case <- read_case("blobs")
  result <- run_case("blobs", "fast", record_every = 1000L)
  path <- withr::local_tempfile(fileext = ".png")
  plot_decision_boundary(result$network, case$X, case$y, path,
                         resolution = 50)
  expect_picture(path, 800L, 500L)
})

test_that("decision boundary refuses 3-D input", {
  dir <- withr::local_tempdir()
  net <- init_network(c(3, 4, 1), seed = 1)
  X <- matrix(seq(0, 1, length.out = 30), 10, 3)
  expect_error(plot_decision_boundary(net, X, numeric(10),
                                      file.path(dir, "b.png")),
               "needs 2 inputs; the network has 3",
               class = "twinnet_shape_error")
  net2 <- init_network(c(2, 4, 1), seed = 1)
  expect_error(plot_decision_boundary(net2, X, numeric(10),
                                      file.path(dir, "b.png")),
               "X must have 2 columns", class = "twinnet_shape_error")
  expect_length(list.files(dir, all.files = TRUE, no.. = TRUE), 0L)
})

test_that("drift plot from a data frame or a list", {
  dir <- withr::local_tempdir()
  epochs <- 0:99
  drift <- list(case = rep(c("moons", "xor"), each = 100L),
                epoch = c(epochs, epochs),
                ulps = c(floor(1.2^epochs), numeric(100)))
  expect_picture(plot_drift(drift, file.path(dir, "list.png")))
  frame <- as.data.frame(drift)
  expect_picture(plot_drift(frame, file.path(dir, "frame.png"),
                            cases = c("xor", "moons")))
  bad <- file.path(dir, "bad.png")
  expect_error(plot_drift(frame, bad, cases = "moon"),
               "did you mean \"moons\"", class = "twinnet_name_error")
  expect_error(plot_drift(frame[c("case", "epoch")], bad), "missing ulps",
               class = "twinnet_shape_error")
  expect_error(plot_drift(within(frame, epoch <- -epoch), bad), "at least 0",
               class = "twinnet_value_error")
})

test_that("writes atomically and checks size and path", {
  dir <- withr::local_tempdir()
  path <- file.path(dir, "loss.png")
  writeLines("old", path)
  plot_loss(c(0.3, 0.2, 0.1), path, width = 300, height = 200)
  expect_identical(png_size(path), c(300L, 200L))
  # no temporary file left
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "loss.png")
  expect_error(plot_loss(c(0.3, 0.2), path, width = 20), "width",
               class = "twinnet_argument_error")
  expect_error(plot_loss(c(0.3, 0.2), file.path(dir, "no", "loss.png")),
               "existing folder", class = "twinnet_argument_error")
})
