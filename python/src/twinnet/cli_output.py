"""The command line's output: files checked before training, and the progress bar.

Twin: ``r/R/cli_output.R``. Python reports a failed write to standard
output by itself (``BrokenPipeError``, ``OSError`` at the flush that
:func:`twinnet.cli.main` does); R needs a ``cat`` child process for it.
"""

import os
import sys
import tempfile
from pathlib import Path

from twinnet.errors import ArgumentError
from twinnet.traces import save_trace


class Progress:
    """Error lines every ``every`` epochs (the article's), and a tqdm bar on a terminal.

    The bar names epochs as the lines do, from 0: after epoch 136 of 1000 it
    reads ``epoch 136 (0-999)``, and is 137/1000 full.
    """

    def __init__(self, epochs: int, every: int | None, stream=None):
        from tqdm import tqdm  # imported here: only `run` draws a bar

        stream = stream or sys.stderr
        self.epochs, self.every = epochs, every or max(1, epochs // 10)
        self.bar = tqdm(
            total=epochs, file=stream, disable=not stream.isatty(), ascii=" #", leave=False,
            bar_format="[{bar:30}] {desc} [{elapsed}<{remaining}]",
        )  # fmt: skip

    def __call__(self, epoch: int, loss: float) -> None:  # noqa: D102
        if epoch % self.every == 0:
            self.bar.write(f"Error at epoch {epoch} is {loss:.5f}", file=sys.stdout)
            sys.stdout.flush()
        self.bar.set_description_str(
            f"epoch {epoch} (0-{self.epochs - 1}) loss {loss:.5f}", refresh=False
        )
        self.bar.update(1)

    def done(self) -> None:  # noqa: D102
        self.bar.close()


def check_output_file(path: str, option: str) -> None:
    """Refuse, before any training, a file that cannot be written."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise ArgumentError(f"{option}: {path} is a folder; give a file name")
    if not folder.is_dir():
        raise ArgumentError(f"{option}: the folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ArgumentError(f"{option}: cannot write {path}: permission denied")


def check_output_folder(path: str) -> None:
    """A folder for pictures: made if missing, refused if it is a file."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ArgumentError(f"--out: {path} is a file; give a folder") from None
    except OSError as err:
        raise ArgumentError(f"--out: cannot make the folder {path}: {err.strerror}") from None


def save_output(result, path: str, what: str) -> None:
    """``save_trace``, and a file that is not a regular file (``/dev/stdout``) written in place."""
    try:
        if Path(path).exists() and not Path(path).is_file():
            with tempfile.TemporaryDirectory() as tmp:
                save_trace(result, Path(tmp) / "trace.json", case=what)
                text = (Path(tmp) / "trace.json").read_text()
            with open(path, "w") as out:  # never renamed over a device
                out.write(text)
        else:
            save_trace(result, path, case=what)
    except OSError as err:
        raise ArgumentError(f"--save: cannot write {path}: {err.strerror}") from None


def drop_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # pytest's captured stdout has no file number
        pass


def fail(message: str) -> int:
    """One line on stderr, ``twinnet: error: ...``; return exit status 2."""
    one_line = " ".join(message.split())  # pandas' and others' messages may hold newlines
    print(f"twinnet: error: {one_line}", file=sys.stderr)
    return 2
