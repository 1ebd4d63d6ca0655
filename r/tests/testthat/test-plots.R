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

# The text a drawing put on the device, from R's display list (recordPlot).
drawn_text <- function(draw) {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  grDevices::dev.control("enable")
  old <- graphics::par("mar")
  returned <- withVisible(draw())
  testthat::expect_null(returned$value)
  testthat::expect_false(returned$visible)
  testthat::expect_identical(graphics::par("mar"), old)  # margins restored
  calls <- grDevices::recordPlot()[[1L]]
  unname(unlist(lapply(calls, function(call) {
    Filter(is.character, unlist(call[[2L]], recursive = TRUE))
  })))
}

test_that("without a path the plots draw on the current device", {
  devices <- grDevices::dev.list()
  text <- drawn_text(function() plot_loss(moons_run))
  expect_true("Training loss (R)" %in% text)
  expect_identical(grDevices::dev.list(), devices)  # no device left open
  path <- withr::local_tempfile(fileext = ".png")
  grDevices::png(path, width = 640, height = 400, type = "cairo")
  plot_decision_boundary(moons_run, moons_case$X, moons_case$y,
                         resolution = 40L)
  grDevices::dev.off()
  expect_picture(path, 640L, 400L)
})

test_that("titles name the case, the loss and the language", {
  text <- drawn_text(function() {
    plot_loss(moons_run, case = "moons_article", loss = "squared_error")
  })
  expect_true("Training loss: moons_article, squared_error (R)" %in% text)
  text <- drawn_text(function() {
    plot_decision_boundary(moons_run$network, moons_case$X, moons_case$y,
                           case = "moons", resolution = 20L)
  })
  expect_true("Decision boundary: moons (R)" %in% text)
  drift <- list(case = c("xor", "xor"), epoch = 0:1, ulps = c(0, 1))
  expect_true("Fast-mode drift between Python and R: xor (R)" %in%
                drawn_text(function() plot_drift(drift)))
  expect_true("mine" %in% drawn_text(function() {
    plot_loss(moons_run, case = "x", title = "mine")
  }))
})

test_that("legends and colour bar say what the colours mean", {
  text <- drawn_text(function() plot_loss(moons_run))
  expect_true(any(startsWith(text,
                             "loss before each update; epoch 4999: ")))
  text <- drawn_text(function() {
    plot_decision_boundary(moons_run, moons_case$X, moons_case$y,
                           resolution = 30L)
  })
  expect_true(all(c("samples", "y = 0", "y = 1",
                    "network output (black line: 0.5)") %in% text))
  case <- read_case("blobs")
  result <- run_case("blobs", "fast", record_every = 1000L)
  text <- drawn_text(function() {
    plot_decision_boundary(result, case$X, case$y, resolution = 30L)
  })
  expect_true(all(paste("class", 1:3) %in% text))
  expect_false("network output (black line: 0.5)" %in% text)
})

test_that("three-class boundaries are smooth, not stair steps", {
  # The class index is a step function; the margin between the two largest
  # outputs (what the regions are drawn from) changes smoothly, and is 0 on
  # the boundary.
  output <- rbind(c(0.2, 0.5, 0.3), c(0.6, 0.1, 0.3), c(0.4, 0.4, 0.2))
  expect_equal(class_margin(output, 1L), c(-0.3, 0.3, 0))
  expect_equal(class_margin(output, 2L), c(0.2, -0.5, 0))
  case <- read_case("blobs")
  result <- run_case("blobs", "fast", record_every = 1000L)
  x1 <- grid_axis(case$X[, 1L], 25L)
  x2 <- grid_axis(case$X[, 2L], 25L)
  grid <- cbind(rep(x1, 25L), rep(x2, each = 25L))
  output <- predict(result$network, grid)
  margins <- vapply(1:3, function(k) class_margin(output, k), numeric(625L))
  # the margins take many values (a class index takes 3) and the largest is
  # the predicted class's
  expect_gt(length(unique(round(margins[, 1L], 6L))), 100L)
  expect_identical(max.col(margins, ties.method = "first"),
                   max.col(output, ties.method = "first"))
  lines <- grDevices::contourLines(x1, x2, matrix(margins[, 1L], 25L),
                                   levels = 0)
  offsets <- unlist(lapply(lines, function(line) {
    c(((line$x - x1[1L]) / (x1[2L] - x1[1L])) %% 1,
      ((line$y - x2[1L]) / (x2[2L] - x2[1L])) %% 1)
  }))
  # crossings anywhere within the cells, not at a few fixed fractions
  expect_gt(length(unique(round(offsets, 4L) %% 1)), 20L)
})
