# The shared table of bad inputs, and a runner that reports the error kind.
#
# Twin file: python/tests/bad_inputs.py. A test helper, not part of the
# package: testthat and the parity harness (which sources it) run it.
# shared_fixtures/bad_inputs.json lists bad inputs, one public argument each,
# with the error category both languages must raise. Each entry names a call
# and the arguments that override a valid base call; tagged values
# (list(matrix = ...), list(dataframe = ...)) describe data that JSON cannot
# hold directly.

XOR_X <- rbind(c(0, 0), c(0, 1), c(1, 0), c(1, 1))
XOR_Y <- matrix(c(0, 1, 1, 0))

# read_bad_inputs() reads the entries of bad_inputs.json; run_bad_input()
# runs one (an entry, or its JSON text) and returns the class of the twinnet
# error it signalled (for example "twinnet_shape_error"), "none", or
# "crash: ..." for any other error.
read_bad_inputs <- function(root = fixture_dir()) {
  path <- file.path(root, "bad_inputs.json")
  jsonlite::fromJSON(path, simplifyVector = FALSE)$cases
}

run_bad_input <- function(entry) {
  if (is.character(entry)) {
    entry <- jsonlite::fromJSON(entry, simplifyVector = FALSE)
  }
  args <- lapply(entry$args, decode_value)
  tryCatch({
    result <- bad_input_call(entry$call, args)
    as_expected(entry$expect, result)
  }, twinnet_error = function(e) {
    class(e)[1L]
  }, error = function(e) {
    paste("crash:", conditionMessage(e))
  })
}

# "none" if the report `result` holds every value of `expect`; else what
# differs.
as_expected <- function(expect, result) {
  for (key in names(expect)) {
    got <- if (is.list(result)) result[[key]]
    if (!identical(enc2utf8(as.character(got)), enc2utf8(expect[[key]]))) {
      return(paste0("wrong ", key, ": ", deparse(got), ", expected ",
                    deparse(expect[[key]])))
    }
  }
  "none"
}

# A JSON value of the table as the R value it stands for.
decode_value <- function(value) {
  if (!is.list(value) || is.null(names(value))) {
    return(value)
  }
  tag <- names(value)[1L]
  body <- value[[1L]]
  switch(tag,
    matrix = if (length(body) == 0L) matrix(numeric(0), 0L, 0L) else
      matrix(as.numeric(unlist(body)), length(body), byrow = TRUE),
    vector = as.numeric(unlist(body)),
    float = as.numeric(body),
    strings = as.character(unlist(body)),
    text_matrix = matrix(as.character(unlist(body)), length(body),
                         byrow = TRUE),
    array3d = array(0, unlist(body)),
    list = lapply(body, decode_value),
    dataframe = as.data.frame(lapply(body, unlist), stringsAsFactors = FALSE),
    net = body,
    labels = ,
    numbers = ,
    factor = ,
    mixed = decode_front_door(tag, body),
    numpy_int = as.numeric(body), # numpy's and Python's number types: numbers
    numpy_bool = as.logical(body),
    fraction = as.numeric(body[[1L]]) / as.numeric(body[[2L]]),
    zeros = matrix(0, body[[1L]], body[[2L]]),
    nullable_dataframe = as.data.frame(lapply(body$columns, function(col) {
      vapply(col, function(v) if (is.null(v)) NA_real_ else as.numeric(v), 1)
    })),
    stop("unknown tag ", tag, " in the bad-input table")
  )
}

# The network an entry describes: sizes, activations, then one change.
bad_input_network <- function(spec) {
  if (!is.list(spec) || is.null(spec$sizes)) {
    return(spec)
  }
  net <- init_network(unlist(spec$sizes), seed = 1,
                      activations = if (is.null(spec$activations))
                        "sigmoid" else unlist(spec$activations))
  change <- if (is.null(spec$change)) "" else spec$change
  switch(change,
    short_bias = net$biases[[1L]] <- net$biases[[1L]][1:2],
    short_activations = net$activations <- net$activations[1L],
    transposed_weights = net$weights[[2L]] <- t(net$weights[[2L]]),
    no_weights = net$weights <- list(),
    text_weights = net$weights[[1L]][] <- "a",
    NULL
  )
  net
}

# `read` on a copy of the fixtures holding one more file, cases/bad.json.
in_temporary_fixtures <- function(args, read) {
  raw <- if (!is.null(args$bytes)) {
    as.raw(strtoi(substring(args$bytes, seq(1L, nchar(args$bytes), 2L),
                            seq(2L, nchar(args$bytes), 2L)), 16L))
  } else {
    charToRaw(enc2utf8(args$text))
  }
  source <- fixture_dir()
  root <- tempfile("bad")
  dir.create(file.path(root, "cases"), recursive = TRUE)
  on.exit(unlink(root, recursive = TRUE))
  file.copy(file.path(source, c("schema", "datasets")), root, recursive = TRUE)
  writeBin(raw, file.path(root, "cases", "bad.json"))
  lines <- readLines(file.path(source, MANIFEST))
  kept <- c(lines[grepl("datasets/", lines, fixed = TRUE)],
            paste0(digest::digest(raw, algo = "sha256", serialize = FALSE),
                   "  cases/bad.json"))
  writeLines(kept, file.path(root, MANIFEST))
  read(root)
}

# Call `call` with a valid base call's arguments, overridden by `args`.
bad_input_call <- function(call, args) {
  base <- function(defaults) utils::modifyList(defaults, args)
  network <- bad_input_network(if (is.null(args$network))
    list(sizes = c(2, 3, 1)) else args$network)
  args$network <- NULL
  switch(call,
    init_network = do.call(init_network, base(list(sizes = c(2, 3, 1),
                                                   seed = 1))),
    fit = ,
    compare = , # Python's compare(); R's half of it is fit()
    walkthrough = {
      defaults <- list(X = XOR_X, y = XOR_Y, lr = 0.5)
      if (call != "walkthrough") defaults$epochs <- 2
      train <- if (call != "walkthrough") fit else walkthrough
      do.call(train, c(list(network), base(defaults)))
    },
    predict = {
      all_args <- base(list(X = XOR_X))
      names(all_args)[names(all_args) == "X"] <- "newdata"
      do.call(predict, c(list(network), all_args))
    },
    predict_labels = do.call(predict_labels,
                             c(list(network), base(list(X = XOR_X)))),
    plot_decision_boundary = plot_bad_input_call(call, args, base, network),
    other_bad_input_call(call, args, base)
  )
}

# The calls that take no network and no training data.
other_bad_input_call <- function(call, args, base) {
  switch(call,
    fit_normalizer = do.call(fit_normalizer, base(list(X = XOR_X,
                                                       method = "minmax"))),
    normalize = normalize(fit_normalizer(XOR_X), args$X),
    numerics_ops = numerics_ops(args$numerics),
    rng_state = rng_state(args$seed),
    accuracy = do.call(accuracy, base(list(labels = c(0, 1, 1, 0),
                                           y = XOR_Y))),
    rng_uniform = do.call(rng_uniform, base(list(state = rng_state(1),
                                                 n = 3))),
    rng_shuffle = do.call(rng_shuffle, base(list(state = rng_state(1),
                                                 n = 3))),
    format_walkthrough = do.call(format_walkthrough, c(list(
      walkthrough(init_network(c(2, 3, 1), seed = 1), XOR_X, XOR_Y, 0.5)
    ), args)),
    read_case = read_case(args$name),
    read_case_file = in_temporary_fixtures(args, function(root) {
      read_case("bad", root)
    }),
    load_trace = load_trace(args$path),
    load_trace_file = in_temporary_fixtures(args, function(root) {
      load_trace(file.path(root, "cases", "bad.json"))
    }),
    api_bad_input_call(call, args, base)
  )
}

# Cases, data sets, traces, digests and losses, called by name.
api_bad_input_call <- function(call, args, base) {
  switch(call,
    run_case = do.call(run_case, base(list(name = "xor", epochs = 2))),
    walkthrough_case = do.call(walkthrough_case, base(list(name = "xor"))),
    start_case = ,
    read_dataset = ,
    case_names = do.call(call, args),
    replay_article = do.call(replay_article,
                             c(args, list(write = function(line) NULL))),
    save_trace = save_trace_bad_input_call(args),
    first_difference = ,
    epoch_drift = {
      trace <- save_trace_bad_input_call(list(load = TRUE))
      all_args <- base(list(a = trace, b = trace))
      do.call(call, list(all_args$a, all_args$b))
    },
    output_digest = output_digest(args$output),
    loss_value = loss_value(XOR_Y, XOR_Y, args$loss, numerics_ops("exact")),
    plot_bad_input_call(call, args, base, NULL)
  )
}

# save_trace of a two-epoch fit into a temporary folder.
save_trace_bad_input_call <- function(args) {
  outputs <- if (identical(args$result, "digest")) "digest" else "full"
  result <- fit(init_network(c(2, 3, 1), seed = 1), XOR_X, XOR_Y, epochs = 2,
                lr = 0.5, record_outputs = outputs)
  path <- tempfile("trace", fileext = ".json")
  on.exit(unlink(path))
  all_args <- utils::modifyList(list(result = result, path = path), args)
  if (identical(all_args$result, "digest")) all_args$result <- result
  if (isTRUE(all_args$load)) { # a trace as load_trace gives it
    save_trace(result, path)
    return(load_trace(path))
  }
  do.call(save_trace, all_args)
}

# The plots, drawn to a file that is removed at once; the front door.
plot_bad_input_call <- function(call, args, base, network) {
  if (call == "front_door_data") {
    return(front_door_data_call(args))
  }
  if (call == "front_door") {
    data <- data.frame(a = XOR_X[, 1L], b = XOR_X[, 2L], y = XOR_Y[, 1L])
    return(do.call(twinnet, c(list(y ~ ., data),
                              base(list(hidden = 3, epochs = 2)))))
  }
  if (call == "front_door_classifier") { # a factor: Python's text labels
    data <- data.frame(a = XOR_X[, 1L], b = XOR_X[, 2L],
                       y = factor(c("a", "b", "b", "a")))
    return(do.call(twinnet, c(list(y ~ ., data),
                              base(list(hidden = 3, epochs = 2)))))
  }
  path <- tempfile("plot", fileext = ".png")
  on.exit(unlink(path))
  switch(call,
    plot_loss = plot_loss(args$losses, path),
    plot_decision_boundary = do.call(plot_decision_boundary, c(
      list(network), base(list(X = XOR_X, y = XOR_Y, path = path,
                               resolution = 5L))
    )),
    plot_drift = plot_drift(args$drift, path),
    stop("unknown call ", call, " in the bad-input table")
  )
}

# round three: the front doors on data of their own ("front_door_data")
FRONT_X <- rbind(c(1, 0), c(2, 1), c(3, 0), c(4, 1), c(5, 1), c(6, 0))

# A response: text (NULL is NA), numbers (NULL: NA), a factor, a mix (a
# list, the one way R holds text and numbers together).
decode_front_door <- function(tag, body) {
  missing <- function(na) {
    vapply(body, function(v) if (is.null(v)) na else as.vector(v, typeof(na)),
           na)
  }
  switch(tag,
    labels = missing(NA_character_),
    numbers = missing(NA_real_),
    factor = factor(unlist(body$values), levels = unlist(body$levels)),
    mixed = I(body)
  )
}

# Train twinnet(y ~ ., data) on x and y; report what the table can check,
# as text.
front_door_data_call <- function(args) {
  x <- if (is.null(args$x)) FRONT_X else args$x
  data <- data.frame(x1 = x[, 1L], x2 = x[, 2L])
  data$y <- if ("y" %in% names(args)) args$y else
    c("a", "b", "b", "a", "b", "a")
  formula <- if (is.null(args$formula_text)) y ~ . else args$formula_text
  params <- args[setdiff(names(args), c("x", "y", "newdata", "type", "plot",
                                        "formula_text"))]
  params <- utils::modifyList(list(hidden = 3, epochs = 2), params,
                              keep.null = TRUE)
  model <- do.call(twinnet, c(list(formula, data), params))
  if ("type" %in% names(args)) predict(model, type = args$type)
  if (isTRUE(args$plot)) front_door_plot(model)
  newdata <- if (is.null(args$newdata)) data else
    data.frame(x1 = args$newdata[, 1L], x2 = args$newdata[, 2L])
  predicted <- predict(model, newdata)
  complete <- x[stats::complete.cases(x), , drop = FALSE]
  z <- if (!is.null(model$normalizer)) normalize(model$normalizer, complete)
  sd <- function(col) sqrt(mean((col - mean(col))^2))
  list(classes = paste(model$levels, collapse = "|"),
       dropped = as.character(model$n_dropped),
       fitted = as.character(NROW(fitted(model))),
       rows = as.character(length(predicted)),
       missing = paste(which(is.na(predicted)), collapse = ","),
       sd = if (is.null(z)) "none" else
         paste(sprintf("%.3f", apply(z, 2L, sd)), collapse = ","))
}

# plot(model) into a file that is removed at once.
front_door_plot <- function(model) {
  path <- tempfile("plot", fileext = ".png")
  grDevices::png(path)
  on.exit({
    grDevices::dev.off()
    unlink(path)
  })
  plot(model)
}
