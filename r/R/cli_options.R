# The command line's options, read by optparse, with one-line errors that
# suggest a name.
#
# Twin file: python/src/twinnet/cli_options.py (argparse). Both accept
# `--epochs 3` and `--epochs=3`, no abbreviations, and the same limits:
# whole numbers up to 2^31 - 1, R's largest integer.

CLI_JOBS <- list(
  cases = "List the shared cases, one per line with its description.",
  run = "Train a case (or a CSV file) in Python, in R, or in both and compare.",
  parity = paste("Run cases (or a CSV file) in both languages; report where",
                 "the bits first differ."),
  walkthrough = paste("Print one training iteration of a case, every matrix,",
                      "rounded."),
  plots = paste("Draw a case's loss curve, its decision boundary (2 inputs)",
                "and, with --drift, the drift."),
  article = "Replay the article's figures."
)
CLI_HIDDEN_ACTIVATIONS <- c("sigmoid", "tanh", "relu", "identity")
CLI_NORMALIZERS <- c("standardize", "minmax", "global_minmax", "none")
CLI_TRAINING <- c("epochs", "data", "target", "hidden", "activation", "loss",
                  "normalize", "lr", "seed")
# each job's options; a logical default is a flag, NULL is "not given"
CLI_OPTIONS <- list(
  cases = character(),
  run = c("lang", "numerics", CLI_TRAINING, "every", "save", "quiet"),
  parity = c("numerics", CLI_TRAINING),
  walkthrough = c("lang", "numerics", "digits"),
  plots = c("lang", "numerics", "out", "drift"),
  article = c("lang", "numerics")
)
# what each option takes, its default, and what it does
CLI_HELP <- list(
  lang = list("r|python", "r", "the language that runs the job (default: r)"),
  numerics = list("exact|fast", "exact", "the kernels (default: exact)"),
  epochs = list("N", NULL, paste("train this many epochs (default: the",
                                 "case's; 200 for --data)")),
  data = list("FILE.csv", NULL, "train on this CSV file (with a header)"),
  target = list("COLUMN", NULL, "--data's column to predict"),
  hidden = list("N[,N...]", "5", "hidden layer sizes (default: 5)"),
  activation = list("NAME", "sigmoid",
                    "the hidden layers' activation (default: sigmoid)"),
  loss = list("NAME", NULL, paste("default: squared_error for a numeric",
                                  "target, else the cross-entropy")),
  normalize = list("NAME", "standardize",
                   "how inputs are scaled (default: standardize)"),
  lr = list("X", "0.1", "learning rate (default: 0.1)"),
  seed = list("N", "1", "the weights' seed (default: 1)"),
  every = list("N", NULL, "print the error every N epochs"),
  save = list("PATH", NULL, paste("write the trace as JSON (hex floats);",
                                  "with --lang both, PATH less .json, then",
                                  ".python.json and .r.json")),
  quiet = list("", FALSE, "print nothing while training"),
  digits = list("N", "5", "decimals, 1 to 15 (default: 5)"),
  out = list("DIR", "twinnet-plots",
             "folder, made if missing (default: twinnet-plots)"),
  drift = list("", FALSE, "also run fast mode in both languages")
)
CLI_INT_MAX <- .Machine$integer.max

# Read `args` (the words after the job) with optparse; check every value.
cli_parse <- function(args, job) {
  names <- CLI_OPTIONS[[job]]
  parser <- optparse::OptionParser(
    option_list = lapply(names, cli_option), add_help_option = FALSE
  )
  parsed <- tryCatch(
    optparse::parse_args(parser, cli_glue_negatives(args, names),
                         positional_arguments = TRUE,
                         print_help_and_exit = FALSE),
    error = function(e) {
      # getopt's "Error in getopt(...) : \n  flag ..." less its first line
      reason <- sub("^Error in [^\n]*\n", "", conditionMessage(e))
      twinnet_abort("argument", trimws(reason), " (see ", job, " --help)")
    }
  )
  opts <- parsed$options
  opts$positional <- parsed$args
  cli_check(opts, job)
}

cli_option <- function(name) {
  help <- CLI_HELP[[name]]
  if (is.logical(help[[2L]])) {
    return(optparse::make_option(paste0("--", name), action = "store_true",
                                 default = FALSE, help = help[[3L]]))
  }
  optparse::make_option(paste0("--", name), type = "character",
                        default = help[[2L]], help = help[[3L]])
}

# getopt reads "--seed -5" as two options; "--seed=-5" is one.
cli_glue_negatives <- function(args, names) {
  takes <- paste0("--", names[!vapply(names, function(n) {
    is.logical(CLI_HELP[[n]][[2L]])
  }, TRUE)])
  i <- which(args[-length(args)] %in% takes &
               grepl("^-[0-9.]", args[-1L]))
  if (length(i) == 0L) {
    return(args)
  }
  args[i] <- paste0(args[i], "=", args[i + 1L])
  args[-(i + 1L)]
}

cli_check <- function(opts, job) {
  langs <- if (job == "run") c("r", "python", "both") else c("r", "python")
  if (!is.null(opts$lang)) cli_choice(opts$lang, langs, "--lang")
  if (!is.null(opts$numerics)) {
    cli_choice(opts$numerics, NUMERICS, "--numerics")
  }
  for (name in intersect(c("epochs", "every"), names(opts))) {
    if (!is.null(opts[[name]])) opts[[name]] <- cli_count(opts[[name]], name)
  }
  if (!is.null(opts$digits)) {
    opts$digits <- cli_count(opts$digits, "digits", 1, 15)
  }
  if (!is.null(opts$hidden)) {
    opts$hidden <- vapply(strsplit(opts$hidden, ",", fixed = TRUE)[[1L]],
                          cli_count, 1L, what = "hidden", USE.NAMES = FALSE)
    cli_choice(opts$activation, CLI_HIDDEN_ACTIVATIONS, "--activation")
    cli_choice(opts$normalize, CLI_NORMALIZERS, "--normalize")
    if (!is.null(opts$loss)) cli_choice(opts$loss, LOSSES, "--loss")
    opts$lr <- cli_rate(opts$lr)
    opts$seed <- cli_count(opts$seed, "seed", -CLI_INT_MAX)
  }
  opts
}

# A name from `choices`, else one line with the nearest one.
cli_choice <- function(word, choices, what) {
  if (word %in% choices) {
    return(word)
  }
  distance <- utils::adist(word, choices)
  hint <- if (min(distance) <= 3) {
    paste0(" (did you mean '", choices[which.min(distance)], "'?)")
  } else {
    ""
  }
  twinnet_abort("name", what, " must be one of ",
                paste(choices, collapse = ", "), "; got '", word, "'", hint)
}

cli_count <- function(text, what, low = 1, high = CLI_INT_MAX) {
  value <- suppressWarnings(as.numeric(text))
  if (!grepl("^-?[0-9]+$", text) || value < low || value > high) {
    twinnet_abort("argument", "--", what, ": expected a whole number from ",
                  format(low, scientific = FALSE), " to ",
                  format(high, scientific = FALSE), ", got '", text, "'")
  }
  as.integer(value)
}

# A positive finite number, decimal or hex (as sprintf("%a") writes it).
cli_rate <- function(text) {
  value <- suppressWarnings(as.numeric(text))
  if (is.na(value) || !is.finite(value) || value <= 0) {
    twinnet_abort("argument", "--lr: expected a positive number, got '",
                  text, "'")
  }
  value
}
