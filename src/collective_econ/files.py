"""Files the library writes: whole or not at all.

Every output (CSV tables, the report, metadata, the completion marker, a scenario file)
is written to a temporary file in the same folder, then renamed into place
(:func:`os.replace`): a reader, or a kill, never sees a half-written file, and a failure
(a full disk, no permission) is one :class:`OutputError` naming the file and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import CollectiveEconError

__all__ = ["OutputError", "atomic_open", "atomic_write"]


class OutputError(CollectiveEconError, OSError):
    """An output file could not be written (a full disk, no permission): names file and cause."""


def atomic_write(path: str | Path, data: bytes) -> Path:
    r"""Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    A reader (or a kill) never sees a half-written file: ``path`` holds either
    its old bytes or all of the new ones (:func:`os.replace`).

    Raises
    ------
    OutputError
        The file cannot be written; the message names it and the cause (a full disk).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> atomic_write(out, b"x,y\n").read_bytes()
    b'x,y\n'
    """
    out = Path(path)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(_os_cause(err, out)) from err
    return out


@contextlib.contextmanager
def atomic_open(path: str | Path) -> Iterator[io.TextIOWrapper]:
    """A UTF-8 text file (``newline=""``) written to a temporary file, renamed on success.

    As :func:`atomic_write`, for writers that stream (``csv.writer``): on an
    error the temporary file is removed and ``path`` is left as it was.
    """
    out = Path(path)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, OSError) and not isinstance(err, CollectiveEconError):
            raise OutputError(_os_cause(err, out)) from err
        raise


def _os_cause(err: OSError, path: Path) -> str:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"could not write {path}: the disk is full ({err.strerror}); free some space"
    return f"could not write {path}: {err.strerror or err}"
