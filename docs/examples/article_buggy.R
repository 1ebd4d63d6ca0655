# The article's R block, ported faithfully, bias bug included.
#
# The article builds the hidden bias matrix with byrow = FALSE, so each
# SAMPLE gets its own bias (it only runs because there are 3 samples and 3
# hidden neurons), keeps one output bias per sample, and updates both with
# rowSums (a sum over neurons) where its Python block sums over samples.
# Twin of article_simple.py; the harness runs both from the same numbers.

sigmoid <- function(x) {
  1 / (1 + exp(-x))
}

derivatives_sigmoid <- function(x) {
  x * (1 - x)
}

# nolint start: object_name_linter. The article's own names (X, Y, E).
article_buggy <- function(X, Y, wh, bias_in, wout, bias_out, epochs,
                          lr = 0.1) {
  bh <- matrix(rep(bias_in, nrow(X)), nrow = nrow(X), byrow = FALSE)
  bout <- matrix(rep(bias_out, nrow(X)), nrow = nrow(X), byrow = FALSE)
  trace <- list(hidden_bias = list(), output_bias = list(), wh = list(),
                wout = list(), output = list())
  for (i in seq_len(epochs)) {
    hidden_layer_input <- X %*% wh + bh
    hidden_layer_activations <- sigmoid(hidden_layer_input)
    output <- sigmoid(hidden_layer_activations %*% wout + bout)
    trace$hidden_bias[[i]] <- bh
    trace$output_bias[[i]] <- bout
    trace$wh[[i]] <- wh
    trace$wout[[i]] <- wout
    trace$output[[i]] <- output
    E <- Y - output
    d_output <- E * derivatives_sigmoid(output)
    d_hiddenlayer <- (d_output %*% t(wout)) *
      derivatives_sigmoid(hidden_layer_activations)
    wout <- wout + (t(hidden_layer_activations) %*% d_output) * lr
    bout <- bout + rowSums(d_output) * lr
    wh <- wh + (t(X) %*% d_hiddenlayer) * lr
    bh <- bh + rowSums(d_hiddenlayer) * lr
  }
  lapply(trace, function(mats) aperm(simplify2array(mats), c(3, 1, 2)))
}
# nolint end
