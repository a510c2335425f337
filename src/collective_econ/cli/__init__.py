"""The ``collective-econ`` command line.

Every sub-command runs on the embedded Caopijie case unless told otherwise.
Errors the library raises on purpose are printed as one line on stderr, and
the command exits with status 2; nothing is printed as a traceback.

The commands live in modules by topic: ``run`` in :mod:`._simulate`; ``report``,
``init``, ``validate`` and ``check-case`` in :mod:`._files`; ``sensitivity`` and
``appraise`` in :mod:`._analysis`; ``robust``, ``discover``, ``optimize`` and ``voi``
in :mod:`._decision`; ``calibrate`` and ``monitor`` in :mod:`._calibration`. This module
wires the parser and dispatches.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from .._version import __version__
from ..errors import CollectiveEconError
from . import _analysis, _calibration, _decision, _files, _simulate
from ._common import PLOT_REPLICATIONS, ClusterError
from ._common import case_notes as _case_notes
from ._common import check_rate as _check_rate
from ._common import rate as _rate
from ._simulate import run as _run

__all__ = ["main"]

# names kept for programs and tests that import them from ``collective_econ.cli``
_KEPT = (PLOT_REPLICATIONS, ClusterError, _case_notes, _check_rate, _rate)

#: Commands that write a results store to ``--out DIR`` and can be finished with ``--resume``.
RESUMABLE = ("run", "robust", "discover", "voi", "calibrate", "monitor")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``collective-econ`` (exposed for the docs and tests)."""
    parser = argparse.ArgumentParser(
        prog="collective-econ",
        description=(
            "Appraise and simulate the economics of a community whose farmers lose their "
            "land (default: Caopijie, Yun County, Yunnan)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _simulate.add_parser(sub)
    _files.add_report_parser(sub)
    _files.add_scenario_parsers(sub)
    _analysis.add_parsers(sub)
    _decision.add_parsers(sub)
    _calibration.add_parsers(sub)
    _files.add_check_case_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    on_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if on_main else None
    try:  # SIGTERM unwinds as Ctrl-C does (stores closed, pool stopped), then one line
        return _dispatch(parser, args)
    except KeyboardInterrupt as err:
        what = "terminated" if isinstance(err, Terminated) else "interrupted"
        words = sys.argv[1:] if argv is None else list(argv)
        print(_interrupted(args, words, what=what), file=sys.stderr)
        return 143 if what == "terminated" else 130
    finally:
        if previous is not None:  # main() may be called again, from a program or a test
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM during a command, raised in the main thread (``main`` prints one line)."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _interrupted(args: argparse.Namespace, argv: list[str], *, what: str = "interrupted") -> str:
    """The one line printed on Ctrl-C or SIGTERM: for a resumable command, how to finish it."""
    import shlex

    head = f"collective-econ {args.command}: {what}"
    if args.command not in RESUMABLE or not getattr(args, "out", None):
        return head
    keep: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--out":
            skip = True
        elif not (word.startswith("--out=") or word == "--resume"):
            keep.append(word)
    again = shlex.join(["collective-econ", *keep, "--out", str(args.out), "--resume"])
    return f"{head}; finished runs are kept in {args.out}/: finish with {again}"


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    commands = {
        "report": _files.report,
        "init": _files.init,
        "validate": _files.validate,
        "sensitivity": _analysis.sensitivity,
        "appraise": _analysis.appraise,
        "check-case": _files.check_case_command,
        **_decision.COMMANDS,
        **_calibration.COMMANDS,
    }
    try:
        if args.command == "run":
            return _run(args)  # looked up here, so that a test may replace it
        if args.command in commands:
            return commands[args.command](args)
    except CollectiveEconError as err:
        print(f"collective-econ {args.command}: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a file or folder that cannot be written or read
        what = f"{err.strerror}: {err.filename}" if err.filename else str(err)
        print(f"collective-econ {args.command}: error: {what}", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover
    return 2  # pragma: no cover
