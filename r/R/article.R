# The article's detailed section, replayed through the public API.
#
# Twin file: python/src/twinnet/article.py; `twinnet article` on the command
# line runs it. The article ("Understanding and coding Neural Networks From
# Scratch in Python and R") trains a 4-3-1 sigmoid network without biases
# on three toy samples, then a 2-10-1 network on the moons data. Its initial
# weights were numpy's seed-42 draws; the shared fixtures store them, so R
# starts from the same numbers. Epochs 7000 to 9000 of its moons table are
# not replayed: the run is chaotic from about epoch 6000 (docs/numerics.md).

#' Replay the article's figures
#'
#' Prints, one line each, the untrained per-sample error of the toy data,
#' the 1000-epoch toy table (0.11553 ... 0.01190), and the moons table for
#' epochs 0 to 5000 (0.23478 ... 0.02163), the same characters as Python's
#' `replay_article()`.
#'
#' @param numerics `"exact"` or `"fast"`.
#' @param write A function that prints one line.
#' @return `NULL`, invisibly.
#' @export
#' @examples
#' \donttest{
#' if (nzchar(twinnet:::fixture_dir(must_exist = FALSE))) replay_article()
#' }
replay_article <- function(numerics = "exact",
                           write = function(line) cat(line, "\n", sep = "")) {
  # the untrained network: the error of each sample, (y - o)^2 / 2
  demo <- read_case("toy_article_demo")
  untrained <- init_network(demo$sizes, weights = demo$weights, bias = FALSE)
  error <- (demo$y - predict(untrained, demo$X, numerics = numerics))^2 / 2
  write(paste("untrained error per sample:",
              paste(sprintf("%.8f", error[, 1]), collapse = " ")))
  # 1000 epochs at lr 0.1 from fresh draws: the loss every 100 epochs
  toy <- read_case("toy_article")
  net <- init_network(toy$sizes, weights = toy$weights, bias = FALSE)
  result <- fit(net, toy$X, toy$y, epochs = 1000, lr = 0.1,
                numerics = numerics)
  for (epoch in seq(0, 900, by = 100)) {
    write(sprintf("Error at epoch %d is %.5f", epoch, result$loss[epoch + 1]))
  }
  output <- predict(result$network, toy$X, numerics = numerics)[, 1]
  write(paste("trained output:",
              paste(sprintf("%.5f", output), collapse = " ")))
  # moons, 10 hidden neurons, 5000 epochs: the loss every 1000 epochs
  moons <- read_case("moons_article")
  net <- init_network(moons$sizes, weights = moons$weights, bias = FALSE)
  result <- fit(net, moons$X, moons$y, epochs = 5000, lr = 0.1,
                numerics = numerics, record_every = 1000)
  for (epoch in seq(0, 4000, by = 1000)) {
    write(sprintf("Error at epoch %d is %.5f", epoch, result$loss[epoch + 1]))
  }
  after <- mean((moons$y - predict(result$network, moons$X,
                                   numerics = numerics))^2 / 2)
  write(sprintf("Error at epoch 5000 is %.5f", after))
  labels <- predict_labels(result$network, moons$X, numerics = numerics)
  write(sprintf("accuracy after 5000 epochs: %.3f", accuracy(labels, moons$y)))
  invisible(NULL)
}
