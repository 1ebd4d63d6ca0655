# The command line: Rscript -e 'twinnet::cli_main()' JOB ...
#
# Twin file: python/src/twinnet/cli.py (`twinnet JOB ...`). Each job is one
# function here and one in Python. A job in the other language runs as a
# child process (`python -m twinnet` from R, Rscript from Python); traces
# cross as files of hex floats. Exit statuses, the same in both: 0 done, 1 a
# parity failure, 2 a user's mistake or a file that cannot be written (one
# `twinnet: error: ...` line on stderr), 130 interrupted, 141 the reader of
# the output went away (`| head -1`).

cli_env <- new.env(parent = emptyenv())

#' The command line
#'
#' `cli_main()` runs one job of the command line, the same jobs as
#' Python's `twinnet` command: `cases`, `run CASE` (`--lang r|python|both`,
#' `--numerics`, `--epochs`, `--every`, `--save PATH`, `--quiet`),
#' `run --data FILE.csv --target COLUMN` (with `--hidden 5`,
#' `--activation`, `--loss`, `--normalize`, `--lr`, `--seed`), `parity
#' [CASE ...]` (or `--data`), `walkthrough [CASE]` (`--digits`), `plots
#' CASE` (`--out DIR`, `--drift`) and `article`. Options are read by
#' optparse: `--epochs 3` and `--epochs=3` both work.
#' `JOB --help` describes each. From a shell:
#' `Rscript -e 'twinnet::cli_main()' run toy_article --every 100`, or the
#' script `system.file("exec", "twinnet", package = "twinnet")`.
#' Python jobs run `python3 -m twinnet` (or the program in the environment
#' variable `TWINNET_PYTHON`).
#'
#' @param args The words after the program name.
#' @param exit Quit R with the job's exit status (the default when not
#'   interactive, as under `Rscript`). Output then goes through a pipe
#'   whose failures (a full disk, a closed reader) are reported.
#' @return The exit status, invisibly: 0 done, 1 a parity failure, 2 a
#'   usage or input error or a file that cannot be written (reported as one
#'   line on stderr), 130 interrupted, 141 the reader went away.
#' @export
#' @examples
#' cli_main(c("run", "--help"), exit = FALSE)
#' if (nzchar(twinnet:::fixture_dir(must_exist = FALSE))) {
#'   cli_main(c("run", "xor", "--epochs=3"), exit = FALSE)
#' }
cli_main <- function(args = commandArgs(trailingOnly = TRUE),
                     exit = !interactive()) {
  if (exit) cli_stdout_open()
  status <- tryCatch(cli_dispatch(args), twinnet_error = function(e) {
    cli_fail(conditionMessage(e))
  }, interrupt = function(e) {
    message("twinnet: interrupted")
    130L
  }, error = function(e) {
    if (grepl("cannot allocate", conditionMessage(e))) { # past the estimate
      return(cli_fail(paste("out of memory: try fewer rows, a smaller",
                            "--hidden or fewer --epochs")))
    }
    if (!grepl("SIGPIPE", conditionMessage(e))) stop(e)
    141L
  })
  if (exit) {
    status <- cli_stdout_close(status)
    quit(save = "no", status = status)
  }
  invisible(status)
}

# Find the job, read its options, and run it.
cli_dispatch <- function(args) {
  if (length(args) == 0L) {
    twinnet_abort("argument", "the following arguments are required: JOB ",
                  "(see --help)")
  }
  if (args[1L] %in% c("-h", "--help")) {
    cat(cli_usage())
    return(0L)
  }
  job <- cli_choice(args[1L], names(CLI_JOBS), "JOB")
  if (any(args[-1L] %in% c("-h", "--help"))) {
    cat(cli_help(job))
    return(0L)
  }
  opts <- cli_parse(args[-1L], job)
  get(paste0(job, "_job"))(opts)
}

cases_job <- function(opts) {
  for (name in case_names()) {
    cat(sprintf("%-18s %s\n", name, read_case(name)$description))
  }
  0L
}

run_job <- function(opts) {
  what <- cli_what(opts)
  if (is.null(opts$data)) opts$case <- what
  if (opts$lang == "python") {
    return(run_python(c("run", what_options(opts), run_options(opts))))
  }
  if (opts$lang == "both") {
    return(run_both(opts))
  }
  if (!is.null(opts$save)) check_output_file(opts$save, "--save")
  start <- Sys.time()
  progress <- if (!opts$quiet) new_progress(cli_epochs(opts), opts$every)
  result <- cli_train(opts, progress)
  if (!is.null(opts$save)) save_output(result, opts$save, what)
  if (!opts$quiet) {
    cat(run_summary(what, result, Sys.time() - start), "\n", sep = "")
  }
  0L
}

# Train what the options name: a shared case, or --data FILE --target COLUMN.
cli_train <- function(opts, progress = NULL) {
  if (!is.null(progress)) on.exit(progress$done())
  if (!is.null(opts$data)) {
    if (is.null(opts$target)) {
      twinnet_abort("argument", "--data needs --target COLUMN, the column ",
                    "to predict")
    }
    opts$epochs <- cli_epochs(opts)
    return(fit_data(read_data(opts$data, opts$target), opts, progress$step))
  }
  run_case(opts$case, opts$numerics, epochs = opts$epochs,
           progress = progress$step)
}

# Run in both languages and compare the traces bit for bit; --save PATH
# keeps both: PATH less its .json, then .python.json and .r.json.
run_both <- function(opts) {
  temporary <- c(python = tempfile(fileext = ".json"),
                 r = tempfile(fileext = ".json"))
  on.exit(unlink(temporary))
  paths <- temporary
  if (!is.null(opts$save)) {
    paths <- both_paths(opts$save)
    for (path in paths) check_output_file(path, "--save")
  }
  for (lang in names(paths)) {
    cat("---", lang, "---\n")
    opts$lang <- lang
    opts$save <- paths[[lang]]
    argv <- c("run", what_options(opts), run_options(opts))
    status <- if (lang == "r") run_job(opts) else run_python(argv)
    if (status != 0L) {
      return(status)
    }
  }
  verdict <- compare_line(load_trace(paths[["python"]]),
                          load_trace(paths[["r"]]))
  cat("--- parity (", opts$numerics, ") ---\n", verdict, "\n", sep = "")
  if (opts$numerics == "exact" && startsWith(verdict, "differ")) 1L else 0L
}

# Where run --lang both --save PATH writes each language's trace.
both_paths <- function(path) {
  stem <- sub("[.]json$", "", path)
  c(python = paste0(stem, ".python.json"), r = paste0(stem, ".r.json"))
}

parity_job <- function(opts) {
  if (!is.null(opts$data) && length(opts$positional) > 0L) {
    twinnet_abort("argument", "give CASE names or --data, not both")
  }
  names <- vapply(opts$positional, cli_choice, "", choices = case_names(),
                  what = "case", USE.NAMES = FALSE)
  names <- if (!is.null(opts$data)) opts$data else
    if (length(names) > 0L) names else case_names()
  failed <- 0L
  for (name in names) {
    opts$case <- name
    verdict <- parity_one(name, opts)
    failed <- failed + startsWith(verdict, "differ")
    cat(sprintf("%-18s %s\n", name, verdict))
  }
  cat(length(names) - failed, " of ", length(names),
      " cases bitwise identical (", opts$numerics, ")\n", sep = "")
  if (failed > 0L && opts$numerics == "exact") 1L else 0L
}

# One case (or the CSV file) in both languages: the verdict line.
parity_one <- function(name, opts) {
  paths <- c(python = tempfile(fileext = ".json"),
             r = tempfile(fileext = ".json"))
  on.exit(unlink(paths))
  save_trace(cli_train(opts), paths[["r"]], case = name)
  argv <- c("run", what_options(opts), "--numerics", opts$numerics,
            if (!is.null(opts$epochs)) c("--epochs", opts$epochs),
            "--quiet", "--save", paths[["python"]], "--lang", "python")
  if (run_python(argv) != 0L) {
    twinnet_abort("argument", "Python could not run ", name)
  }
  compare_line(load_trace(paths[["python"]]), load_trace(paths[["r"]]))
}

walkthrough_job <- function(opts) {
  case <- cli_case(opts, "toy_article_demo")
  if (opts$lang == "python") {
    return(run_python(c("walkthrough", case, "--numerics", opts$numerics,
                        "--digits", opts$digits)))
  }
  cat(format_walkthrough(walkthrough_case(case, opts$numerics), opts$digits))
  0L
}

plots_job <- function(opts) {
  case <- cli_case(opts, NULL)
  check_output_folder(opts$out)
  if (opts$lang == "python") {
    return(run_python(c("plots", case, "--out", opts$out, "--numerics",
                        opts$numerics, if (opts$drift) "--drift")))
  }
  start <- start_case(case)
  result <- run_case(case, opts$numerics)
  # the pictures' titles name the case and its loss
  written <- plot_loss(result, file.path(opts$out, paste0(case, "_loss.png")),
                       case = case, loss = start$loss)
  if (nrow(start$network$weights[[1L]]) == 2L) {
    path <- file.path(opts$out, paste0(case, "_boundary.png"))
    written <- c(written, plot_decision_boundary(result$network, start$X,
                                                 start$y, path, case = case,
                                                 loss = start$loss))
  }
  if (opts$drift) {
    path <- file.path(opts$out, paste0(case, "_drift.png"))
    written <- c(written, drift_plot(case, path))
  }
  cat(paste0("wrote ", written, "\n"), sep = "")
  0L
}

# Run the case in fast mode in both languages; draw how far they drift apart.
drift_plot <- function(case, path) {
  py_path <- tempfile(fileext = ".json")
  r_path <- tempfile(fileext = ".json")
  on.exit(unlink(c(py_path, r_path)))
  save_trace(run_case(case, "fast"), r_path, case = case)
  argv <- c("run", case, "--numerics", "fast", "--quiet", "--save", py_path,
            "--lang", "python")
  if (run_python(argv) != 0L) {
    twinnet_abort("argument", "Python could not run ", case)
  }
  a <- load_trace(py_path)
  b <- load_trace(r_path)
  drift <- data.frame(case = case, epoch = a$epochs, ulps = epoch_drift(a, b))
  plot_drift(drift, path)
}

article_job <- function(opts) {
  if (opts$lang == "python") {
    return(run_python(c("article", "--numerics", opts$numerics)))
  }
  replay_article(opts$numerics)
  0L
}

# One line: identical at every recorded epoch, or where the bits first differ.
compare_line <- function(a, b) {
  found <- first_difference(a, b)
  if (is.null(found)) {
    return(sprintf("identical at all %d recorded epochs (sha256 %s)",
                   length(a$epochs), substr(a$digest, 1L, 12L)))
  }
  paste("differ from", describe(found, "Python", "R"))
}

# Run a Python job (python3 -m twinnet ...); return its status.
run_python <- function(argv) {
  python <- Sys.getenv("TWINNET_PYTHON", "python3")
  if (!nzchar(Sys.which(python))) {
    twinnet_abort("argument", python, " not found: set TWINNET_PYTHON to a ",
                  "Python with the twinnet package")
  }
  cli_flush() # our lines first, then the child's
  system2(python, c("-m", "twinnet", shQuote(argv)))
}

# The words that name what to train: the case, or the CSV file and network.
what_options <- function(opts) {
  if (is.null(opts$data)) {
    return(opts$case)
  }
  c("--data", opts$data, "--target", opts$target,
    "--hidden", paste(opts$hidden, collapse = ","),
    "--activation", opts$activation, if (!is.null(opts$loss))
      c("--loss", opts$loss), "--normalize", opts$normalize,
    "--lr", sprintf("%a", opts$lr), # hex: the other language reads the bits
    paste0("--seed=", opts$seed))
}

run_options <- function(opts) {
  c("--lang", opts$lang, "--numerics", opts$numerics,
    if (!is.null(opts$epochs)) c("--epochs", opts$epochs),
    if (!is.null(opts$every)) c("--every", opts$every),
    if (!is.null(opts$save)) c("--save", opts$save),
    if (opts$quiet) "--quiet")
}

run_summary <- function(what, result, seconds) {
  sprintf("%s: %d epochs in %.2f s, last loss %.5f, trace sha256 %s", what,
          length(result$loss), as.numeric(seconds, units = "secs"),
          result$loss[length(result$loss)],
          substr(trace_digest(result$trace), 1L, 12L))
}

# What `run` trains: one CASE, or --data; checked.
cli_what <- function(opts) {
  if (!is.null(opts$data)) {
    if (length(opts$positional) > 0L) {
      twinnet_abort("argument", "give a CASE or --data, not both")
    }
    return(basename(opts$data))
  }
  if (length(opts$positional) == 0L) {
    twinnet_abort("argument", "expected a CASE (see twinnet cases) or ",
                  "--data FILE --target COLUMN")
  }
  cli_case(opts, NULL)
}

cli_epochs <- function(opts) {
  if (!is.null(opts$epochs)) opts$epochs else
    if (!is.null(opts$data)) 200L else read_case(opts$case)$epochs
}

# The job's case: its one positional word (or the default), checked.
cli_case <- function(opts, default) {
  case <- if (length(opts$positional) > 0L) opts$positional[1L] else default
  if (is.null(case) || length(opts$positional) > 1L) {
    twinnet_abort("argument", "expected one CASE (see twinnet cases)")
  }
  cli_choice(case, case_names(), "case")
}

cli_usage <- function() {
  jobs <- sprintf("  %-12s %s\n", names(CLI_JOBS), unlist(CLI_JOBS))
  paste0("usage: Rscript -e 'twinnet::cli_main()' JOB [options]\n\n",
         "jobs:\n", paste(jobs, collapse = ""),
         "\nJOB --help describes each job's options.\n")
}

cli_help <- function(job) {
  shown <- vapply(CLI_OPTIONS[[job]], function(name) {
    words <- switch(name, activation = CLI_HIDDEN_ACTIVATIONS, loss = LOSSES,
                    normalize = CLI_NORMALIZERS, CLI_HELP[[name]][[1L]])
    words <- paste(words, collapse = "|")
    if (name == "lang" && job == "run") words <- "r|python|both"
    option <- paste0("--", name, " ", words)
    if (nchar(option) > 24L) option <- paste0(option, "\n", strrep(" ", 26L))
    sprintf("%-24s %s", option, CLI_HELP[[name]][[3L]])
  }, "")
  case <- switch(job, run = " [CASE]", walkthrough = " [CASE]",
                 parity = " [CASE ...]", plots = " CASE", "")
  paste0("usage: Rscript -e 'twinnet::cli_main()' ", job, case, "\n\n",
         CLI_JOBS[[job]], "\n\n", paste0("  ", shown, "\n", collapse = ""))
}
