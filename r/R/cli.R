# The command line: Rscript -e 'twinnet::cli_main()' JOB ...
#
# Twin file: python/src/twinnet/cli.py (`twinnet JOB ...`). Each job is one
# function here and one in Python. A job in the other language runs as a
# child process (`python -m twinnet` from R, Rscript from Python); traces
# cross as files of hex floats. A user's mistake ends in one line on stderr
# and exit status 2; a parity failure exits with 1.

CLI_JOBS <- list(
  cases = "List the shared cases, one per line with its description.",
  run = "Train one case in Python, in R, or in both and compare.",
  parity = paste("Run cases in both languages; report, per case, where the",
                 "bits first differ."),
  walkthrough = paste("Print one training iteration of a case, every matrix,",
                      "rounded."),
  plots = paste("Draw a case's loss curve, its decision boundary (2 inputs)",
                "and, with --drift, the drift."),
  article = "Replay the article's figures."
)
# each job's options and their defaults; a logical default is a flag
CLI_OPTIONS <- list(
  cases = list(),
  run = list(lang = "r", numerics = "exact", epochs = "", every = "",
             save = "", quiet = FALSE),
  parity = list(numerics = "exact"),
  walkthrough = list(lang = "r", numerics = "exact", digits = "5"),
  plots = list(lang = "r", numerics = "exact", out = "twinnet-plots",
               drift = FALSE),
  article = list(lang = "r", numerics = "exact")
)
# what each option takes, and what it does
CLI_HELP <- list(
  lang = c("r|python", "the language that runs the job (default: r)"),
  numerics = c("exact|fast", "the kernels (default: exact)"),
  epochs = c("N", "train this many epochs (default: the case's)"),
  every = c("N", "print the error every N epochs"),
  save = c("PATH", "write the trace as JSON (hex floats)"),
  quiet = c("", "print nothing while training"),
  digits = c("N", "decimals (default: 5)"),
  out = c("DIR", "folder (default: twinnet-plots)"),
  drift = c("", "also run fast mode in both languages")
)

#' The command line
#'
#' `cli_main()` runs one job of the command line, the same jobs as
#' Python's `twinnet` command: `cases`, `run CASE` (`--lang r|python|both`,
#' `--numerics`, `--epochs`, `--every`, `--save PATH`, `--quiet`),
#' `parity [CASE ...]`, `walkthrough [CASE]` (`--digits`), `plots CASE`
#' (`--out DIR`, `--drift`) and `article`.
#' `JOB --help` describes each. From a shell:
#' `Rscript -e 'twinnet::cli_main()' run toy_article --every 100`, or the
#' script `system.file("exec", "twinnet", package = "twinnet")`.
#' Python jobs run `python3 -m twinnet` (or the program in the environment
#' variable `TWINNET_PYTHON`).
#'
#' @param args The words after the program name.
#' @param exit Quit R with the job's exit status (the default when not
#'   interactive, as under `Rscript`).
#' @return The exit status, invisibly: 0 done, 1 a parity failure, 2 a
#'   usage or input error (reported as one line on stderr).
#' @export
#' @examples
#' cli_main(c("run", "--help"), exit = FALSE)
#' if (nzchar(fixture_dir(must_exist = FALSE))) {
#'   cli_main(c("run", "xor", "--epochs", "3"), exit = FALSE)
#' }
cli_main <- function(args = commandArgs(trailingOnly = TRUE),
                     exit = !interactive()) {
  status <- tryCatch(cli_dispatch(args), twinnet_error = function(e) {
    message("twinnet: error: ", conditionMessage(e))
    2L
  }, interrupt = function(e) {
    message("twinnet: interrupted")
    130L
  })
  if (exit) quit(save = "no", status = status)
  invisible(status)
}

# Find the job, read its options, and run it.
cli_dispatch <- function(args) {
  if (length(args) == 0L || args[1L] %in% c("-h", "--help")) {
    cat(cli_usage())
    return(if (length(args) == 0L) 2L else 0L)
  }
  job <- check_name(args[1L], names(CLI_JOBS), "job")
  if (any(args[-1L] %in% c("-h", "--help"))) {
    cat(cli_help(job))
    return(0L)
  }
  opts <- cli_parse(args[-1L], CLI_OPTIONS[[job]], job)
  get(paste0(job, "_job"))(opts)
}

cases_job <- function(opts) {
  for (name in case_names()) {
    cat(sprintf("%-18s %s\n", name, read_case(name)$description))
  }
  0L
}

run_job <- function(opts) {
  case <- cli_case(opts, NULL)
  if (opts$lang == "python") {
    return(run_python(c("run", case, run_options(opts))))
  }
  if (opts$lang == "both") {
    return(run_both(case, opts))
  }
  epochs <- if (nzchar(opts$epochs)) cli_count(opts$epochs, "epochs") else
    read_case(case)$epochs
  start <- Sys.time()
  progress <- if (!opts$quiet) new_progress(epochs, opts$every)
  result <- run_case(case, opts$numerics, epochs = epochs,
                     progress = progress$step)
  if (nzchar(opts$save)) save_trace(result, opts$save, case = case)
  if (!opts$quiet) {
    progress$done()
    cat(run_summary(case, result, Sys.time() - start), "\n", sep = "")
  }
  0L
}

# Run the case in both languages and compare their traces bit for bit.
run_both <- function(case, opts) {
  paths <- c(python = tempfile(fileext = ".json"),
             r = tempfile(fileext = ".json"))
  on.exit(unlink(paths))
  opts$quiet <- FALSE
  for (lang in names(paths)) {
    cat("---", lang, "---\n")
    opts$lang <- lang
    opts$save <- paths[[lang]]
    argv <- c("run", case, run_options(opts))
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

parity_job <- function(opts) {
  names <- if (length(opts$positional) > 0L) opts$positional else
    case_names()
  failed <- 0L
  for (name in names) {
    py_path <- tempfile(fileext = ".json")
    r_path <- tempfile(fileext = ".json")
    save_trace(run_case(name, opts$numerics), r_path, case = name)
    argv <- c("run", name, "--numerics", opts$numerics, "--quiet", "--save",
              py_path, "--lang", "python")
    if (run_python(argv) != 0L) {
      return(2L)
    }
    verdict <- compare_line(load_trace(py_path), load_trace(r_path))
    unlink(c(py_path, r_path))
    failed <- failed + startsWith(verdict, "differ")
    cat(sprintf("%-18s %s\n", name, verdict))
  }
  cat(length(names) - failed, " of ", length(names),
      " cases bitwise identical (", opts$numerics, ")\n", sep = "")
  if (failed > 0L && opts$numerics == "exact") 1L else 0L
}

walkthrough_job <- function(opts) {
  case <- cli_case(opts, "toy_article_demo")
  digits <- cli_count(opts$digits, "digits")
  if (opts$lang == "python") {
    return(run_python(c("walkthrough", case, "--numerics", opts$numerics,
                        "--digits", digits)))
  }
  cat(format_walkthrough(walkthrough_case(case, opts$numerics), digits))
  0L
}

plots_job <- function(opts) {
  case <- cli_case(opts, NULL)
  if (opts$lang == "python") {
    return(run_python(c("plots", case, "--out", opts$out, "--numerics",
                        opts$numerics, if (opts$drift) "--drift")))
  }
  dir.create(opts$out, showWarnings = FALSE, recursive = TRUE)
  start <- start_case(case)
  result <- run_case(case, opts$numerics)
  written <- plot_loss(result, file.path(opts$out, paste0(case, "_loss.png")))
  if (nrow(start$network$weights[[1L]]) == 2L) {
    path <- file.path(opts$out, paste0(case, "_boundary.png"))
    written <- c(written, plot_decision_boundary(result$network, start$X,
                                                 start$y, path))
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
  sprintf("differ from epoch %d: %s[%s] Python %a vs R %a (%.0f ULPs)",
          found$epoch, found$tensor, paste(found$index, collapse = ", "),
          found$a, found$b, found$ulps)
}

# Error lines every `every` epochs (the article's), and a bar on a terminal.
new_progress <- function(epochs, every) {
  every <- if (nzchar(every)) cli_count(every, "every") else
    max(1L, epochs %/% 10L)
  bar <- isatty(stderr())
  clear <- function() {
    if (bar) cat("\r", strrep(" ", 70L), "\r", sep = "", file = stderr())
  }
  step <- function(epoch, loss) {
    if (epoch %% every == 0L) {
      clear()
      cat(sprintf("Error at epoch %d is %.5f\n", epoch, loss))
    }
    if (bar && (epoch %% max(1L, epochs %/% 100L) == 0L ||
                  epoch == epochs - 1L)) {
      done <- (epoch + 1L) * 30L %/% epochs
      cat(sprintf("\r[%s%s] epoch %d/%d loss %.5f", strrep("#", done),
                  strrep(".", 30L - done), epoch + 1L, epochs, loss),
          file = stderr())
    }
  }
  list(step = step, done = clear)
}

# Run a Python job (python3 -m twinnet ...); return its status.
run_python <- function(argv) {
  python <- Sys.getenv("TWINNET_PYTHON", "python3")
  if (!nzchar(Sys.which(python))) {
    twinnet_abort("argument", python, " not found: set TWINNET_PYTHON to a ",
                  "Python with the twinnet package")
  }
  system2(python, c("-m", "twinnet", shQuote(argv)))
}

run_options <- function(opts) {
  c("--lang", opts$lang, "--numerics", opts$numerics,
    if (nzchar(opts$epochs)) c("--epochs", opts$epochs),
    if (nzchar(opts$every)) c("--every", opts$every),
    if (nzchar(opts$save)) c("--save", opts$save),
    if (opts$quiet) "--quiet")
}

run_summary <- function(case, result, seconds) {
  sprintf("%s: %d epochs in %.2f s, last loss %.5f, trace sha256 %s", case,
          length(result$loss), as.numeric(seconds, units = "secs"),
          result$loss[length(result$loss)],
          substr(trace_digest(result$trace), 1L, 12L))
}

# Options as `--name value` (or `--flag`), the rest as `positional`.
cli_parse <- function(args, defaults, job) {
  opts <- defaults
  positional <- character()
  i <- 1L
  while (i <= length(args)) {
    word <- args[i]
    name <- sub("^--", "", word)
    if (!startsWith(word, "--")) {
      positional <- c(positional, word)
    } else if (!name %in% names(defaults)) {
      twinnet_abort("argument", "unknown option ", word, " for ", job,
                    " (see ", job, " --help)")
    } else if (is.logical(defaults[[name]])) {
      opts[[name]] <- TRUE
    } else if (i == length(args)) {
      twinnet_abort("argument", "option ", word, " needs a value")
    } else {
      i <- i + 1L
      opts[[name]] <- args[i]
    }
    i <- i + 1L
  }
  if (!is.null(opts$lang)) {
    langs <- if (job == "run") c("r", "python", "both") else c("r", "python")
    check_name(opts$lang, langs, "--lang")
  }
  if (!is.null(opts$numerics)) check_name(opts$numerics, NUMERICS, "--numerics")
  opts$positional <- positional
  opts
}

# The job's case: its one positional word (or the default), checked.
cli_case <- function(opts, default) {
  case <- if (length(opts$positional) > 0L) opts$positional[1L] else default
  if (is.null(case) || length(opts$positional) > 1L) {
    twinnet_abort("argument", "expected one CASE (see twinnet cases)")
  }
  check_name(case, case_names(), "case")
}

cli_count <- function(text, what) {
  if (!grepl("^[0-9]+$", text) || as.numeric(text) < 1) {
    twinnet_abort("argument", "--", what, ": expected a positive whole ",
                  "number, got ", deparse(text))
  }
  as.integer(text)
}

cli_usage <- function() {
  jobs <- sprintf("  %-12s %s\n", names(CLI_JOBS), unlist(CLI_JOBS))
  paste0("usage: Rscript -e 'twinnet::cli_main()' JOB [options]\n\n",
         "jobs:\n", paste(jobs, collapse = ""),
         "\nJOB --help describes each job's options.\n")
}

cli_help <- function(job) {
  shown <- vapply(names(CLI_OPTIONS[[job]]), function(name) {
    words <- if (name == "lang" && job == "run") "r|python|both" else
      CLI_HELP[[name]][1L]
    sprintf("%-24s %s", paste0("--", name, " ", words), CLI_HELP[[name]][2L])
  }, "")
  case <- switch(job, run = " CASE", walkthrough = " [CASE]",
                 parity = " [CASE ...]", "")
  paste0("usage: Rscript -e 'twinnet::cli_main()' ", job, case, "\n\n",
         CLI_JOBS[[job]], "\n\n", paste0("  ", shown, "\n", collapse = ""))
}
