# Replay the article's detailed section with twinnet's R API.
#
# Run: Rscript docs/examples/article.R   (twin file: article.py)
#
# The article trains a 4-3-1 sigmoid network without biases on three toy
# samples, then a 2-10-1 network on the moons data. Its initial weights
# were numpy's seed-42 draws; the shared fixtures store them, so R starts
# from the same numbers as Python.
library(twinnet)

# the untrained network: the error of each sample, (y - o)^2 / 2
demo <- read_case("toy_article_demo")
untrained <- init_network(demo$sizes, weights = demo$weights, bias = FALSE)
error <- (demo$y - predict(untrained, demo$X))^2 / 2
cat("untrained error per sample:", sprintf("%.8f", error), "\n")

# 1000 epochs at lr 0.1 from fresh draws: the loss every 100 epochs
toy <- read_case("toy_article")
net <- init_network(toy$sizes, weights = toy$weights, bias = FALSE)
result <- fit(net, toy$X, toy$y, epochs = 1000, lr = 0.1)
for (epoch in seq(0, 900, by = 100)) {
  cat(sprintf("Error at epoch %d is %.5f\n", epoch, result$loss[epoch + 1]))
}
cat("trained output:", sprintf("%.5f", predict(result$network, toy$X)), "\n")

# moons, 10 hidden neurons, 5000 epochs: the loss every 1000 epochs
moons <- read_case("moons_article")
net <- init_network(moons$sizes, weights = moons$weights, bias = FALSE)
result <- fit(net, moons$X, moons$y, epochs = 5000, lr = 0.1,
              record_every = 1000)
for (epoch in seq(0, 4000, by = 1000)) {
  cat(sprintf("Error at epoch %d is %.5f\n", epoch, result$loss[epoch + 1]))
}
after <- mean((moons$y - predict(result$network, moons$X))^2 / 2)
cat(sprintf("Error at epoch 5000 is %.5f\n", after))
labels <- predict_labels(result$network, moons$X)
cat(sprintf("accuracy after 5000 epochs: %.3f\n", accuracy(labels, moons$y)))
