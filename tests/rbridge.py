"""The bridge to R: one embedded R per process, with twinnet loaded.

R is embedded once (rpy2 cannot restart it). Every call goes through a
small R wrapper that catches errors and warnings inside R and hands them
back as data, because rpy2 would keep only the last line of an R error
and would send R warnings to its logger. A training error arrives as an
:class:`RTrainingError` (a ``TrainingError``) with R's ``partial``; a
stopped condition that is not an error as an :class:`RError`; NA in R
integers and logicals as NaN (in a float array), never as -2147483648. Results come back in one
crossing and are converted to plain Python: dicts, lists, float64 arrays.
"""

import contextlib
import os
import signal
import threading
import warnings
from pathlib import Path

import numpy as np

from twinnet.errors import TrainingError, TwinnetError

ROOT = Path(__file__).resolve().parents[1]
R_LIB = ROOT / ".venv" / "r-lib"

WRAPPER = r"""
function(fun, ...) {
  # NA in integers and logicals would cross as -2147483648: send NaN instead
  na_as_nan <- function(x) {
    if (is.list(x)) {
      x[] <- lapply(x, na_as_nan)
    } else if ((is.integer(x) || is.logical(x)) && anyNA(x)) {
      storage.mode(x) <- "double"
    }
    x
  }
  warned <- character()
  failure <- NULL
  value <- withCallingHandlers(
    tryCatch(fun(...), error = function(e) {
      call <- paste(deparse(conditionCall(e), nlines = 1L), collapse = " ")
      failure <<- list(message = conditionMessage(e), call = call, class = class(e),
                       partial = e$partial)
      NULL
    }),
    warning = function(w) {
      warned <<- c(warned, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  list(value = na_as_nan(value), warnings = as.list(warned),
       failed = !is.null(failure), failure = na_as_nan(failure))
}
"""


class RError(TwinnetError):
    """An error raised inside R, with R's full message, call and classes.

    ``category`` is the twinnet condition class (``twinnet_shape_error`` ...),
    the same string as the Python error's ``category``, or ``"r_error"``.
    """

    def __init__(self, message: str, call: str, classes: list[str]):
        super().__init__(f"{message} (in R: {call})")
        self.r_message, self.r_call, self.r_classes = message, call, classes
        own = [c for c in classes if c.startswith("twinnet_") and c != "twinnet_error"]
        self.category = own[0] if own else "r_error"


class RTrainingError(RError, TrainingError):
    """A training error raised inside R; ``partial`` holds R's result so far.

    ``partial`` is R's ``fit`` result as :func:`to_python` converts it: a dict
    with ``network``, ``loss`` and ``trace``.
    """


def r_error(failure: dict) -> RError:
    """The Python error for a failure the wrapper caught in R."""
    message, call, classes = failure["message"][0], failure["call"][0], list(failure["class"])
    if "twinnet_training_error" not in classes:
        return RError(message, call, classes)
    err = RTrainingError(message, call, classes)
    err.partial = failure.get("partial")
    return err


class R:
    """The embedded R session with the twinnet package attached."""

    def __init__(self):
        os.environ.setdefault("R_LIBS", str(R_LIB))
        import rpy2.robjects as ro
        from rpy2.robjects import default_converter, numpy2ri

        self._ro = ro
        self._converter = default_converter + numpy2ri.converter
        ro.r(f'suppressPackageStartupMessages(library(twinnet, lib.loc = "{R_LIB}"))')
        self._wrapper = ro.r(WRAPPER)

    def list(self, *items):
        """An R list of the items (numpy arrays become R vectors/matrices)."""
        from rpy2.robjects.conversion import localconverter

        with localconverter(self._converter):
            return self._ro.r["list"](*items)

    def _function(self, fun: str):
        """The R function named (or written) ``fun``, seen from inside the package.

        The harness compares internals too (the kernels, the generator), which
        the package does not export: names resolve in its namespace.
        """
        return self._ro.r(f'local({fun}, envir = asNamespace("twinnet"))')

    def call(self, fun: str, *args, **kwargs):
        """Call R function ``fun`` (a name, or R code for a function)."""
        from rpy2.rinterface_lib.embedded import RRuntimeError
        from rpy2.robjects.conversion import localconverter

        with localconverter(self._converter):
            args = [self._ro.NULL if a is None else a for a in args]
            kwargs = {k: self._ro.NULL if v is None else v for k, v in kwargs.items()}
            with interrupts_reach_r() as interrupted:
                try:
                    out = to_python(self._wrapper(self._function(fun), *args, **kwargs))
                except RRuntimeError as err:  # an interrupt, or a non-error condition
                    if interrupted:
                        raise KeyboardInterrupt from None
                    raise RError(str(err).strip(), fun, ["r_error"]) from None
        for message in out["warnings"]:
            warnings.warn(f"R: {message[0]}", RuntimeWarning, stacklevel=2)
        if bool(out["failed"][0]):
            raise r_error(out["failure"])
        return out["value"]


@contextlib.contextmanager
def interrupts_reach_r():
    """Ctrl-C during a call interrupts R, then raises KeyboardInterrupt here.

    rpy2 turns SIGINT into a KeyboardInterrupt inside its event callback,
    where it can be lost ("Exception ignored from cffi callback") and R runs
    on. Instead the handler only asks R to stop (``R_interrupts_pending``),
    which R honours at its next check, within a fraction of a second. Yields
    a list that is not empty once Ctrl-C was pressed.
    """
    from rpy2.rinterface_lib import openrlib

    pressed: list[int] = []

    def ask_r_to_stop(signum, frame):
        pressed.append(signum)
        openrlib.rlib.R_interrupts_pending = 1

    if threading.current_thread() is not threading.main_thread():
        yield pressed  # only the main thread can handle signals
        return
    previous = signal.signal(signal.SIGINT, ask_r_to_stop)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def to_python(obj):
    """R values (as rpy2 converts them) to plain dicts, lists and arrays."""
    from rpy2.rinterface_lib.sexp import NULLType
    from rpy2.rlike.container import OrdDict

    if isinstance(obj, OrdDict):
        items = list(obj.items())  # OrdDict.values() gives positions, not values
        keys = [k for k, _ in items]
        values = [to_python(v) for _, v in items]
        if all(k is None for k in keys):
            return values
        return {str(k): v for k, v in zip(keys, values)}
    if isinstance(obj, NULLType):
        return None
    if isinstance(obj, np.ndarray) and obj.dtype.kind in "US":
        return [str(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return np.array(obj, dtype=np.float64 if obj.dtype.kind == "f" else obj.dtype)
    if hasattr(obj, "__len__") and not isinstance(obj, str):
        return to_python(np.asarray(obj))  # e.g. R logicals, as 0/1 integers
    return obj
