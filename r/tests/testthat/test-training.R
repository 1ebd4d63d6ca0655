# Training: the article's figures, golden traces, gradients, the trace.
#
# Twin file: python/tests/test_training.py.

article_toy <- c(0.11553, 0.11082, 0.10606, 0.09845, 0.08483, 0.06396,
                 0.04206, 0.02641, 0.01719, 0.01190)
article_moons <- c(0.23478, 0.25000, 0.25000, 0.25000, 0.05129, 0.02163)

# The article's cases are trained once per numerics: their table tests and
# their golden-trace tests read the same run (no test changes a result).
article_runs <- new.env()
trained <- function(name, numerics) {
  if (!name %in% c("toy_article", "moons_article")) {
    return(run_case(name, numerics))
  }
  key <- paste(name, numerics)
  if (is.null(article_runs[[key]])) {
    article_runs[[key]] <- run_case(name, numerics)
  }
  article_runs[[key]]
}

for (numerics in c("exact", "fast")) {
  test_that(paste("the article's untrained error,", numerics), {
    case <- read_case("toy_article_demo")
    net <- init_network(case$sizes, weights = case$weights, bias = FALSE)
    output <- predict(net, case$X, numerics = numerics)
    error <- (case$y - output)^2 / 2
    expect_identical(round(as.vector(error), 8),
                     c(0.05013458, 0.03727248, 0.25388062))
  })

  test_that(paste("the article's toy table,", numerics), {
    loss <- trained("toy_article", numerics)$loss
    expect_identical(round(loss[seq(1, 1000, by = 100)], 5), article_toy)
  })

  test_that(paste("the article's moons table,", numerics), {
    result <- trained("moons_article", numerics)
    expect_identical(round(result$loss[seq(1, 5000, by = 1000)], 5),
                     article_moons[1:5])
    # the article's epoch-5000 figure: the loss after the 5000th update
    case <- read_case("moons_article")
    after <- predict(result$network, case$X, numerics = numerics)
    expect_identical(round(mean((case$y - after)^2 / 2), 5), article_moons[6])
  })

  test_that(paste("backprop matches finite differences,", numerics), {
    ops <- numerics_ops(numerics)
    case <- read_case("xor")
    net <- init_network(c(2, 3, 2, 2), seed = 4)
    y <- cbind(case$y, 1 - case$y)
    grads <- backward(net, forward(net, case$X, ops), y, ops)
    summed_loss <- function(n) {
      layers <- forward(n, case$X, ops)
      sum((y - layers[[length(layers)]])^2) / 2
    }
    worst <- finite_difference_error(net, grads, summed_loss)
    expect_lt(worst, 1e-6)
  })
}

for (name in case_names()) {
  test_that(paste("exact run matches the golden trace:", name), {
    golden <- read_json(file.path(fixture_dir(), "golden",
                                  paste0(name, ".json")))
    # (m13 and m26 do not improve: fit says so, which is not this test's point)
    result <- suppressWarnings(trained(name, "exact"),
                               classes = "twinnet_training_warning")
    expect_bitwise(result$loss, from_hex(golden$loss))
    expect_bitwise(unlist(result$network$weights),
                   unlist(lapply(golden$final_weights, from_hex)))
    expect_bitwise(unlist(result$network$biases),
                   unlist(lapply(golden$final_biases, from_hex)))
    expect_identical(is.null(result$network$biases),
                     is.null(golden$final_biases))
    expect_identical(trace_digest(result$trace), golden$trace_sha256)
  })
}

test_that("the trace records what each epoch started with", {
  case <- read_case("toy_simple")
  net <- init_network(case$sizes, weights = case$weights,
                      biases = case$biases)
  result <- fit(net, case$X, case$y, epochs = 10, lr = case$lr,
                record_every = 3)
  expect_identical(result$trace$epochs, c(0L, 3L, 6L, 9L))
  expect_identical(result$trace$weights[[1]][1, , ], case$weights[[1]])
  expect_identical(result$trace$loss, result$loss[c(1, 4, 7, 10)])
  again <- fit(net, case$X, case$y, epochs = 3, lr = case$lr)
  expect_identical(result$trace$weights[[2]][2, , ],
                   as.vector(again$network$weights[[2]]))
  expect_identical(result$trace$outputs[2, , ],
                   predict(again$network, case$X)[, 1])
})

test_that("an unknown numerics is refused", {
  net <- init_network(c(2, 2, 1), seed = 3)
  expect_error(fit(net, diag(2), c(0, 1), epochs = 1, lr = 1,
                   numerics = "exactly"), "numerics")
})

test_that("record_outputs = \"digest\" keeps the sha256 of each output", {
  # 7 epochs do not improve moons: fit warns, which is not this test's point
  withr::local_options(warn = -1)
  case <- read_case("moons_article")
  net <- init_network(case$sizes, weights = case$weights, bias = FALSE)
  full <- fit(net, case$X, case$y, epochs = 7, lr = case$lr, record_every = 3)
  digested <- fit(net, case$X, case$y, epochs = 7, lr = case$lr,
                  record_every = 3, record_outputs = "digest")
  expect_length(digested$trace$outputs, 3L)
  for (row in 1:3) {
    bytes <- writeBin(full$trace$outputs[row, , ], raw(), size = 8L,
                      endian = "little")
    expect_identical(digested$trace$outputs[row],
                     digest::digest(bytes, algo = "sha256", serialize = FALSE))
  }
  # everything else is recorded as before
  expect_identical(digested$trace$weights, full$trace$weights)
  expect_identical(digested$loss, full$loss)
})

test_that("output_digest reads row-major little-endian doubles", {
  m <- rbind(c(1, 2), c(3, -0))
  bytes <- writeBin(c(1, 2, 3, -0), raw(), size = 8L, endian = "little")
  expected <- digest::digest(bytes, algo = "sha256", serialize = FALSE)
  expect_identical(output_digest(m), expected)
  expect_false(output_digest(t(m)) == expected)
  # the sign of zero counts
  expect_false(output_digest(rbind(c(1, 2), c(3, 0))) == expected)
})

test_that("record_outputs = \"digest\" in a partial result", {
  # identity output, lr = 10: the weights blow up within a few epochs
  net <- init_network(c(2, 3, 1), seed = 1, activations = "identity")
  X <- rbind(c(1, 2), c(3, 4), c(5, 6))
  err <- tryCatch(fit(net, X, c(1, 2, 3), epochs = 500, lr = 10,
                      record_every = 2, record_outputs = "digest"),
                  twinnet_training_error = function(err) err)
  trace <- err$partial$trace
  expect_gt(length(trace$outputs), 1L)
  expect_length(trace$outputs, length(trace$epochs))
  expect_true(all(nchar(trace$outputs) == 64L))
})

test_that("an unknown record_outputs is refused", {
  net <- init_network(c(2, 2, 1), seed = 3)
  expect_error(fit(net, diag(2), c(0, 1), epochs = 1, lr = 1,
                   record_outputs = "digests"),
               class = "twinnet_name_error")
})
