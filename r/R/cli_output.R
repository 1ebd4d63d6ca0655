# The command line's output: files checked before training, the progress bar,
# and standard output whose failures are reported.
#
# Twin file: python/src/twinnet/cli_output.py.

# Error lines every `every` epochs (the article's), and a bar from the
# progress package on a terminal. The bar names epochs as the lines do, from
# 0: after epoch 136 of 1000 it reads "epoch 136 (0-999)", 137/1000 full.
new_progress <- function(epochs, every, force = FALSE) {
  every <- if (is.null(every)) max(1L, epochs %/% 10L) else every
  bar <- progress::progress_bar$new(
    format = "[:bar] epoch :epoch (0-:last) loss :loss [:elapsed<:eta]",
    total = epochs, width = 70L, complete = "#", incomplete = " ",
    current = "#", clear = TRUE, force = force, show_after = 0
  )
  shown <- force || isatty(stderr())
  stride <- max(1L, epochs %/% 200L) # redraw 200 times at most: it is slow
  step <- function(epoch, loss) {
    if (epoch %% every == 0L) {
      if (shown) cat("\r", strrep(" ", 70L), "\r", sep = "", file = stderr())
      cat(sprintf("Error at epoch %d is %.5f\n", epoch, loss))
      cli_flush()
    }
    if ((epoch + 1L) %% stride == 0L || epoch == epochs - 1L) {
      bar$update((epoch + 1L) / epochs,
                 tokens = list(epoch = epoch, last = epochs - 1L,
                               loss = sprintf("%.5f", loss)))
    }
  }
  list(step = step, done = function() if (!bar$finished) bar$terminate())
}

# Refuse, before any training, a file that cannot be written.
check_output_file <- function(path, option) {
  folder <- dirname(path)
  if (dir.exists(path)) {
    twinnet_abort("argument", option, ": ", path,
                  " is a folder; give a file name")
  }
  if (!dir.exists(folder)) {
    twinnet_abort("argument", option, ": the folder '", folder,
                  "' does not exist")
  }
  if (file.access(folder, 2L) != 0L ||
        (file.exists(path) && file.access(path, 2L) != 0L)) {
    twinnet_abort("argument", option, ": cannot write ", path,
                  ": permission denied")
  }
}

# A folder for pictures: made if missing, refused if it is a file.
check_output_folder <- function(path) {
  if (file.exists(path) && !dir.exists(path)) {
    twinnet_abort("argument", "--out: ", path, " is a file; give a folder")
  }
  if (!dir.exists(path) &&
        !suppressWarnings(dir.create(path, recursive = TRUE))) {
    twinnet_abort("argument", "--out: cannot make the folder ", path)
  }
}

# save_trace, and a file that is not a regular file (/dev/stdout) written in
# place: never renamed over a device.
save_output <- function(result, path, what) {
  special <- file.exists(path) && !is_regular_file(path)
  target <- if (special) tempfile(fileext = ".json") else path
  failed <- function(e) { # the system's reason, as Python gives it
    twinnet_abort("argument", "--save: cannot write ", path, ": ",
                  sub("^.*:\\s+", "", conditionMessage(e)))
  }
  tryCatch(save_trace(result, target, case = what), error = failed,
           warning = failed)
  if (special) {
    on.exit(unlink(target))
    con <- file(path, "w", raw = TRUE)
    tryCatch({
      writeLines(readLines(target, warn = FALSE), con, sep = "")
      close(con)
    }, error = failed, warning = failed)
  }
}

# R's file_test("-f") is true for devices too; test(1) tells them apart.
is_regular_file <- function(path) {
  if (.Platform$OS.type != "unix") {
    return(!dir.exists(path))
  }
  system2("test", c("-f", shQuote(path))) == 0L
}

# Under Rscript, output goes through `cat`, whose exit status tells whether
# it was written: R itself ignores a full disk on standard output.
cli_stdout_open <- function() {
  if (.Platform$OS.type != "unix" || !nzchar(Sys.which("cat"))) {
    return(invisible())
  }
  cli_env$errors <- tempfile()
  cli_env$out <- pipe(paste("cat 2>", shQuote(cli_env$errors)), "w")
  sink(cli_env$out)
}

cli_stdout_close <- function(status) {
  if (is.null(cli_env$out)) {
    return(status)
  }
  sink()
  closed <- suppressWarnings(tryCatch(close(cli_env$out),
                                      error = function(e) 1L))
  reason <- readLines(cli_env$errors, warn = FALSE)
  unlink(cli_env$errors)
  cli_env$out <- NULL
  # cat's own message says why it stopped; a closed reader is no error
  failed <- !identical(as.integer(closed), 0L) || status == 141L
  if (!failed || length(reason) == 0L || any(grepl("Broken pipe", reason))) {
    return(if (failed) 141L else status)
  }
  cli_fail(paste("cannot write to standard output:",
                 sub(".*: ", "", reason[length(reason)])))
}

cli_flush <- function() {
  if (!is.null(cli_env$out)) flush(cli_env$out)
}

cli_fail <- function(text) {
  message("twinnet: error: ", gsub("\\s*\n\\s*", " ", trimws(text))) # one line
  2L
}
